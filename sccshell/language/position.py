"""Source positions and the line index that computes them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .errors import ParseError

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Position:
    """Where a node sits: 1-based line/col of its start, 0-based [offset, end)."""

    line: int
    col: int
    offset: int
    end: int


NOWHERE = Position(0, 0, 0, 0)


class SourceText:
    """The text being parsed, with line/column lookup and error construction."""

    def __init__(self, text: str, name: str = "<input>") -> None:
        self.text = text
        self.name = name
        # PowerShell treats CR, LF and CRLF all as line breaks.
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def position(self, start: int, end: int) -> Position:
        line = bisect_right(self._starts, start)
        return Position(line, start - self._starts[line - 1] + 1, start, end)

    def describe(self, offset: int) -> str:
        line, col = self.line_col(offset)
        return f"{line}:{col}"

    def error(self, message: str, offset: int, incomplete: bool = False) -> ParseError:
        offset = max(0, min(offset, len(self.text)))
        line, col = self.line_col(offset)
        return ParseError(message, line, col, offset, self.name, incomplete)
