"""How one value reads in a table cell or a list line (PowerShell's formatting, not $value)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sccshell.runtime.values import is_collection, to_string

# $FormatEnumerationLimit: PowerShell shows at most 4 items of a collection, then "...".
ENUMERATION_LIMIT = 4


def cell_text(value: Any) -> str:
    """Collections as {a, b, c, d...}; everything else as its string conversion."""
    if is_collection(value):
        items = list(value) if not isinstance(value, (list, tuple)) else value
        shown = ", ".join(to_string(v) for v in items[:ENUMERATION_LIMIT])
        more = "..." if len(items) > ENUMERATION_LIMIT else ""
        return "{" + shown + more + "}"
    return to_string(value)


def is_number(value: Any) -> bool:
    """Numbers are right-aligned in tables; bool is not a number here."""
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def cut(text: str, width: int) -> str:
    """Fit text in width, ending with "…" when it was longer (or had more lines)."""
    first, newline, _ = text.partition("\n")
    first = first.rstrip("\r")
    if len(first) <= width and not newline:
        return first
    if width <= 1:
        return "…"[:width]
    return first[: width - 1] + "…" if len(first) >= width else first + "…"


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap text into lines of at most width (long words are broken)."""
    width = max(width, 1)
    out: list[str] = []
    for line in text.splitlines() or [""]:
        line = line.rstrip()
        while len(line) > width:
            space = line.rfind(" ", 0, width + 1)
            if space <= 0:
                out.append(line[:width])
                line = line[width:]
            else:
                out.append(line[:space].rstrip())
                line = line[space + 1 :].lstrip()
        out.append(line)
    return out
