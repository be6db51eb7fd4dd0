"""Format-List: one "Name : value" line per property, long values wrapped under the value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .cells import cell_text, wrap
from .props import Column, read

# Below this many characters for the value, wrapping would make a tall narrow column of text.
_MIN_VALUE_WIDTH = 10


def list_lines(obj: Any, columns: Sequence[Column], *, width: int) -> list[str]:
    """The lines for one object (no blank lines around it)."""
    if not columns:
        return []
    pad = max(len(c.label) for c in columns)
    indent = " " * (pad + 3)
    room = max(width - len(indent), _MIN_VALUE_WIDTH)
    lines: list[str] = []
    for column in columns:
        text = cell_text(read(column, obj))
        parts = wrap(text, room)
        lines.append(f"{column.label.ljust(pad)} : {parts[0]}".rstrip())
        lines.extend((indent + p).rstrip() for p in parts[1:])
    return lines
