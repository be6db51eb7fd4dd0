"""How one value reads in a table cell or a list line (PowerShell's formatting, not $value).

Widths are counted in terminal cells, as PowerShell's DisplayCells does: East Asian wide and
full-width characters take two cells, combining marks none.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from sccshell.runtime.values import culture_string, is_collection, to_string

# $FormatEnumerationLimit: PowerShell shows at most 4 items of a collection, then "…".
ENUMERATION_LIMIT = 4
ELLIPSIS = "…"


def cell_text(value: Any) -> str:
    """Collections as {a, b, c, d…}; everything else as its string conversion."""
    if is_collection(value):
        items = list(value) if not isinstance(value, (list, tuple)) else value
        shown = ", ".join(to_string(v) for v in items[:ENUMERATION_LIMIT])
        more = ELLIPSIS if len(items) > ENUMERATION_LIMIT else ""
        return "{" + shown + more + "}"
    return culture_string(value)  # a cell shows the culture's form, "$d" the invariant one


def is_right_aligned(value: Any) -> bool:
    """PowerShell right-aligns numbers and booleans in a table column (its scalar types)."""
    return isinstance(value, (int, float, Decimal, bool))


def char_width(ch: str) -> int:
    """Terminal cells one character takes: 2 for wide, 0 for combining, else 1."""
    if ord(ch) < 0x300:  # Latin, the common case, without a table lookup
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal cells a one-line text takes."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def _head(text: str, cells: int) -> str:
    """The longest start of text that fits in cells."""
    used = 0
    for i, ch in enumerate(text):
        used += char_width(ch)
        if used > cells:
            return text[:i]
    return text


def _tail(text: str, cells: int) -> str:
    """The longest end of text that fits in cells."""
    used = 0
    for i in range(len(text) - 1, -1, -1):
        used += char_width(text[i])
        if used > cells:
            return text[i + 1 :]
    return text


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad text with spaces to width cells, on the left when right-aligned."""
    fill = " " * max(width - text_width(text), 0)
    return fill + text if right else text + fill


def cut(text: str, width: int, right: bool = False) -> str:
    """Fit text in width cells: a longer text (or one with more lines) ends with "…".

    As PowerShell: a right-aligned value keeps its end ("…456"), others their start; with no
    room for the ellipsis the text is just truncated.
    """
    first, newline, _ = text.partition("\n")
    first = first.rstrip("\r")
    if newline:
        first += ELLIPSIS  # PowerShell marks a value cut at its first line break
    if text_width(first) <= width:
        return first
    if width <= 1:
        return _tail(first, width) if right else _head(first, width)
    if right:
        return ELLIPSIS + _tail(first, width - 1)
    return _head(first, width - 1) + ELLIPSIS


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap text into lines of at most width cells (long words are broken)."""
    width = max(width, 1)
    out: list[str] = []
    for line in text.splitlines() or [""]:
        line = line.rstrip()
        while text_width(line) > width:
            head = _head(line, width)
            space = line.rfind(" ", 0, len(head) + 1)
            if space <= 0:
                head = head or line[0]  # a character wider than the column still moves on
                out.append(head)
                line = line[len(head) :]
            else:
                out.append(line[:space].rstrip())
                line = line[space + 1 :].lstrip()
        out.append(line)
    return out
