"""Helpers of the completion tests."""

from __future__ import annotations

from sccshell.repl.completion.engine import Suggestion, complete
from sccshell.repl.completion.model import CompletionModel


def suggest(text: str, model: CompletionModel, cursor: int | None = None) -> list[Suggestion]:
    return complete(text, len(text) if cursor is None else cursor, model)


def texts(text: str, model: CompletionModel, cursor: int | None = None) -> list[str]:
    return [s.text for s in suggest(text, model, cursor)]


def apply(text: str, suggestion: Suggestion, cursor: int | None = None) -> str:
    """TEXT with SUGGESTION applied at CURSOR, as prompt_toolkit applies it."""
    cursor = len(text) if cursor is None else cursor
    return text[: cursor + suggestion.start_position] + suggestion.text + text[cursor:]
