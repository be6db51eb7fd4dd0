"""The parser entry point."""

from __future__ import annotations

from .ast import ScriptBlockAst
from .errors import ParseError
from .statements import StatementRules


class Parser(StatementRules):
    """A recursive-descent parser for sccshell's PowerShell subset."""

    def parse_script(self) -> ScriptBlockAst:
        return self.parse_script_block_body(None)


def parse_unguarded(text: str, source: str = "<input>") -> ScriptBlockAst:
    """Parse without the safety net; bugs surface as their own exceptions (for tests)."""
    parser = Parser(text, source)
    try:
        return parser.parse_script()
    except RecursionError:
        raise parser.error("the input is nested too deeply", parser.pos) from None


def parse(text: str, source: str = "<input>") -> ScriptBlockAst:
    """Parse a script; raises ParseError (and only ParseError) on bad input."""
    try:
        return parse_unguarded(text, source)
    except ParseError:
        raise
    except Exception as exc:  # a parser bug must not crash the shell
        raise ParseError(f"internal parser error: {exc!r}", 1, 1, 0, source) from exc
