"""complete(text, cursor, model): the suggestions for the word at the cursor, best first."""

from __future__ import annotations

from dataclasses import dataclass

from sccshell.repl.completion import matchers
from sccshell.repl.completion.context import Context, Expect, analyze
from sccshell.repl.completion.model import CompletionModel
from sccshell.repl.completion.rank import LIMIT as MAX_RESULTS
from sccshell.repl.completion.rank import Entry


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One completion, prompt_toolkit style: it replaces the `-start_position` characters
    before the cursor with `text`."""

    text: str
    start_position: int
    display: str
    meta: str
    kind: str


def complete(text: str, cursor: int, model: CompletionModel) -> list[Suggestion]:
    """The suggestions for completing TEXT at CURSOR (an offset into TEXT)."""
    cursor = max(0, min(cursor, len(text)))
    ctx = analyze(text, cursor)
    entries = _entries(ctx, model)
    replace = cursor - ctx.start
    if not model.fuzzy:
        typed = text[ctx.start : cursor].lower().lstrip("'\"")
        entries = [e for e in entries if e.text.lower().lstrip("'\"").startswith(typed)]
    return [
        Suggestion(e.text, -replace, e.display or e.text, e.meta, e.kind)
        for e in entries[:MAX_RESULTS]
    ]


def _entries(ctx: Context, model: CompletionModel) -> list[Entry]:
    expect = ctx.expect
    if expect is Expect.COMMAND:
        return matchers.commands(ctx, model)
    if expect is Expect.ARGUMENT:
        return matchers.arguments(ctx, model)
    if expect is Expect.VARIABLE:
        return matchers.variables(ctx, model)
    if expect is Expect.MEMBER:
        return matchers.members(ctx, model)
    if expect is Expect.OPERATOR:
        return matchers.operators(ctx)
    return []
