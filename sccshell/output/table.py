"""Format-Table: column widths, header, and rows for one table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .cells import cell_text, cut, is_number, wrap
from .props import Column, read

SEPARATOR = " "


class Table:
    """A table whose widths are fixed once; rows can then be rendered one object at a time."""

    def __init__(
        self,
        columns: Sequence[Column],
        sample: Sequence[Any],
        *,
        width: int,
        autosize: bool = False,
        wrap: bool = False,
    ) -> None:
        self.wrap = wrap
        self.columns = list(columns)
        # PowerShell aligns a column by the type of its first value: numbers go right.
        self.right = [_first_is_number(c, sample) for c in self.columns]
        if autosize:
            widths = [_content_width(c, sample) for c in self.columns]
            widths = [c.width or w for c, w in zip(self.columns, widths, strict=True)]
            self.widths = self._shrink_to_fit(widths, width)
        else:
            self.widths = self._split(width)

    def _split(self, width: int) -> list[int]:
        """Fixed widths stay; the rest of the width is shared equally (first columns get the remainder)."""
        while True:
            n = len(self.columns)
            fixed = sum(c.width or 0 for c in self.columns)
            free = [i for i, c in enumerate(self.columns) if not c.width]
            available = width - len(SEPARATOR) * (n - 1) - fixed
            if n <= 1 or (available >= len(free) * 2 if free else available >= 0):
                break
            self._drop_last()
        widths = [c.width or 0 for c in self.columns]
        if free:
            share, extra = divmod(max(available, len(free)), len(free))
            for rank, i in enumerate(free):
                widths[i] = share + (1 if rank < extra else 0)
        return widths

    def _shrink_to_fit(self, widths: list[int], width: int) -> list[int]:
        """Too wide: cap the widest columns (never below their header); then drop columns from the right."""
        minimum = [max(1, min(len(c.label), w)) for c, w in zip(self.columns, widths, strict=True)]
        while len(widths) > 1 and sum(minimum) + len(SEPARATOR) * (len(widths) - 1) > width:
            self._drop_last()
            widths.pop()
            minimum.pop()
        room = width - len(SEPARATOR) * (len(widths) - 1)

        def capped(cap: int) -> list[int]:
            return [max(lo, min(w, cap)) for w, lo in zip(widths, minimum, strict=True)]

        if sum(widths) <= room:
            return widths
        # the largest cap that fits: wide columns end up equally wide, narrow ones keep theirs
        lo, hi = 1, max(widths)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sum(capped(mid)) <= room:
                lo = mid
            else:
                hi = mid - 1
        result = capped(lo)
        # hand the leftover columns to the first capped columns so the table fills the width
        spare = room - sum(result)
        for i, w in enumerate(widths):
            if spare <= 0:
                break
            if w > result[i]:
                result[i] += 1
                spare -= 1
        return [max(1, min(r, room)) for r in result]

    def _drop_last(self) -> None:
        # PowerShell removes the columns that do not fit rather than squeezing them to nothing
        self.columns.pop()
        self.right.pop()

    def header(self) -> list[str]:
        """The label row and the dashes row (dashes as long as each label)."""
        labels = [cut(c.label, w) for c, w in zip(self.columns, self.widths, strict=True)]
        dashes = ["-" * len(label) for label in labels]
        return [self._line(labels), self._line(dashes)]

    def rows(self, obj: Any) -> list[str]:
        """The line (or, with -Wrap, lines) for one object."""
        texts = [cell_text(read(c, obj)) for c in self.columns]
        if not self.wrap:
            return [self._line([cut(t, w) for t, w in zip(texts, self.widths, strict=True)])]
        cells = [wrap(t, w) for t, w in zip(texts, self.widths, strict=True)]
        height = max(len(c) for c in cells)
        return [self._line([c[i] if i < len(c) else "" for c in cells]) for i in range(height)]

    def _line(self, cells: Iterable[str]) -> str:
        parts = [
            t.rjust(w) if right else t.ljust(w)
            for t, w, right in zip(cells, self.widths, self.right, strict=True)
        ]
        return SEPARATOR.join(parts).rstrip()


def _first_is_number(column: Column, sample: Sequence[Any]) -> bool:
    for obj in sample:
        value = read(column, obj)
        if value is not None:
            return is_number(value)
    return False


def _content_width(column: Column, sample: Sequence[Any]) -> int:
    longest = len(column.label)
    for obj in sample:
        text = cell_text(read(column, obj))
        for line in text.splitlines() or [""]:
            longest = max(longest, len(line))
    return longest
