"""Highlighting as you type: pygments' PowerShell tokens, with unknown cmdlets and parameters marked.

Cmdlet and parameter names are checked against the schema and the live connections
without running the binder's side effects (route warnings, suggestions), and the
result for a given text is cached, so repainting never slows typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer
from prompt_toolkit.styles.pygments import pygments_token_to_classname
from pygments.lexers.shell import PowerShellLexer
from pygments.token import Token

from sccshell.connection.registry import find_cmdlet
from sccshell.schema.aliases import resolve_alias

UNKNOWN = "class:unknown"
_STARTS_COMMAND = {"|", ";", "{", "(", "&&", "||"}
_OPENS = {"{", "(", "$(", "@("}
_CLOSES = {"}", ")"}
# Keep the text as typed: pygments would otherwise strip and add newlines.
_LEXER = PowerShellLexer(stripnl=False, ensurenl=False)


class NameChecker:
    """Which cmdlet a name runs, if any: the schema, prefixed connections, script functions."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def state(self) -> tuple:
        """What the answers depend on besides the text: connections and their schemas."""
        registry = self.session.registry
        functions = getattr(self.session.evaluator, "functions", None)
        return (
            id(self.session.schema),
            tuple((c.connection_id, c.prefix, id(c.schema)) for c in registry),
            len(functions) if functions is not None else 0,
        )

    def cmdlet(self, name: str) -> Any:
        """The Cmdlet NAME would run (for its parameters), or None."""
        # As the completer and the shell resolve it: sccshell's own cmdlets, else the
        # connection that would run it, else what the docs say.
        found = self.session.schema.get(resolve_alias(name))
        if found is not None and found.module in ("local", "connection"):
            return found
        route = find_cmdlet(list(self.session.registry), name)
        return route.cmdlet if route is not None else found

    def is_function(self, name: str) -> bool:
        functions = getattr(self.session.evaluator, "functions", None) or {}
        return name.lower() in {str(k).lower() for k in functions}


def _class(token: Any) -> str:
    return "class:" + pygments_token_to_classname(token)


def highlight(text: str, checker: NameChecker) -> list[StyleAndTextTuples]:
    """Fragments of TEXT, one list per line."""
    lines: list[StyleAndTextTuples] = [[]]
    at_command = True
    cmdlet: Any = None
    stack: list[Any] = []
    for token, value in _joined(_LEXER.get_tokens(text)):
        style = _class(token)
        if token in Token.Punctuation or token in Token.Operator:
            if value in _OPENS or value.endswith("("):
                stack.append(cmdlet)
                cmdlet, at_command = None, True
            elif value in _CLOSES:
                cmdlet = stack.pop() if stack else None
                at_command = False
            elif value in _STARTS_COMMAND:
                cmdlet, at_command = None, True
        elif token in Token.Name and value.strip():
            if at_command:
                at_command = False
                cmdlet = checker.cmdlet(value)
                if cmdlet is None and "-" in value.strip("-") and not checker.is_function(value):
                    style = UNKNOWN
            elif value.startswith("-") and len(value) > 1 and cmdlet is not None:
                name = value[1:].rstrip(":")
                if name and not cmdlet.match_parameter(name):
                    style = UNKNOWN
        elif token in Token.Keyword or token in Token.Name.Variable:
            at_command = False
        if "\n" in value and token not in Token.Literal.String:
            cmdlet, at_command = None, True
        _append(lines, style, value)
    return lines


def _joined(tokens: Iterable[tuple[Any, str]]) -> Iterator[tuple[Any, str]]:
    """Tokens with a Verb-Noun the lexer split (`My` `-Thing`, `Do` `-It`) made one name again."""
    held: tuple[Any, str] | None = None
    for token, value in tokens:
        if (
            held is not None
            and token in Token.Name
            and value.startswith("-")
            and (held[0] in Token.Name or held[0] in Token.Keyword)
            and held[1][-1:].isalnum()
        ):
            held = (Token.Name.Builtin, held[1] + value)
            continue
        if held is not None:
            yield held
        held = (token, value)
    if held is not None:
        yield held


def _append(lines: list[StyleAndTextTuples], style: str, value: str) -> None:
    parts = value.split("\n")
    for index, part in enumerate(parts):
        if index:
            lines.append([])
        if part:
            lines[-1].append((style, part))


class ShellLexer(Lexer):
    """prompt_toolkit Lexer over highlight(), cached by the text being edited."""

    def __init__(self, checker: NameChecker) -> None:
        self.checker = checker
        self._key: tuple | None = None
        self._lines: list[StyleAndTextTuples] = []

    def lines_for(self, text: str) -> list[StyleAndTextTuples]:
        key = (text, self.checker.state())
        if key != self._key:
            self._lines = highlight(text, self.checker)
            self._key = key
        return self._lines

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        lines = self.lines_for(document.text)

        def get_line(number: int) -> StyleAndTextTuples:
            return lines[number] if number < len(lines) else []

        return get_line
