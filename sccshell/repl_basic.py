"""A first completer over the cmdlet schema: cmdlet names and their parameters."""

from __future__ import annotations

from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from sccshell.schema.aliases import resolve_alias
from sccshell.schema.model import Schema

_SEPARATORS = "|;{(\n"


class SchemaCompleter(Completer):
    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.names = schema.names()

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        text = document.text_before_cursor
        word = document.get_word_before_cursor(WORD=True)
        start = max(text.rfind(ch) for ch in _SEPARATORS) + 1
        words = text[start:].split()
        if word.startswith("-") and words:
            cmdlet = self.schema.get(resolve_alias(words[0]))
            if cmdlet is None:
                return
            typed = word[1:].lower()
            for parameter in cmdlet.parameters.values():
                if parameter.name.lower().startswith(typed):
                    yield Completion("-" + parameter.name, -len(word), display_meta=parameter.type)
            return
        if len(words) <= 1 and not text.endswith(" "):
            typed = word.lower()
            for name in self.names:
                if name.lower().startswith(typed):
                    yield Completion(name, -len(word))
