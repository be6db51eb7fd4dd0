"""The prompt_toolkit Completer over the engine, with a model that can be swapped at once."""

from __future__ import annotations

from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from sccshell.repl.completion.engine import complete
from sccshell.repl.completion.model import CompletionModel


class ModelCompleter(Completer):
    """Completes from one CompletionModel snapshot per call; `model = new` swaps it."""

    def __init__(self, model: CompletionModel) -> None:
        self._model = model

    @property
    def model(self) -> CompletionModel:
        return self._model

    @model.setter
    def model(self, model: CompletionModel) -> None:
        # One attribute store: a completion in flight keeps the snapshot it started with.
        self._model = model

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        model = self._model
        try:
            suggestions = complete(document.text, document.cursor_position, model)
        except Exception:  # a completion bug must never break typing; tests call complete()
            return
        for s in suggestions:
            yield Completion(
                s.text, s.start_position, display=s.display, display_meta=s.meta or None
            )
