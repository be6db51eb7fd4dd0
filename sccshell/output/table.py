"""Format-Table: column widths, header, and rows for one table.

Widths follow PowerShell's table writer.  Columns are sized to their label and the sampled
values when -AutoSize is given or when the first column has no fixed width (out-default's
"first 300 ms" sizing); otherwise fixed widths stay and the columns without one share the
rest of the line.  A table wider than the line loses width from its last column, and a
column that would drop below one cell is hidden, from the right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .cells import cell_text, cut, is_right_aligned, pad, text_width, wrap
from .props import Column, read

SEPARATOR = " "
MIN_COLUMN_WIDTH = 1


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
        # PowerShell aligns a column by the type of the first object's value.
        first = sample[0] if sample else None
        self.right = [_aligns_right(c, first) for c in self.columns]
        if autosize or (self.columns and not self.columns[0].width):
            # an explicit width (@{Width=...} or a view's) is kept; PowerShell drops it here
            widths = [c.width or _content_width(c, sample) for c in self.columns]
        else:
            widths = [c.width or 0 for c in self.columns]
        self.widths = self._fit(_assign(widths, width), width)

    def _fit(self, widths: list[int], width: int) -> list[int]:
        """Take the excess from the last column; hide it when less than a cell would remain."""
        while len(widths) > 1:
            excess = sum(widths) + len(SEPARATOR) * (len(widths) - 1) - width
            if excess <= 0:
                break
            if widths[-1] - excess >= MIN_COLUMN_WIDTH:
                widths[-1] -= excess
                break
            widths.pop()
            self.columns.pop()
            self.right.pop()
        if len(widths) == 1:
            widths[0] = max(MIN_COLUMN_WIDTH, min(widths[0], width))
        return widths

    def header(self) -> list[str]:
        """The label row and the dashes row (dashes as long as each shown label)."""
        labels = [
            cut(c.label, w, r)
            for c, w, r in zip(self.columns, self.widths, self.right, strict=True)
        ]
        dashes = ["-" * text_width(label) for label in labels]
        return [self._line(labels), self._line(dashes)]

    def rows(self, obj: Any) -> list[str]:
        """The line (or, with -Wrap, lines) for one object."""
        texts = [cell_text(read(c, obj)) for c in self.columns]
        if not self.wrap:
            return [self.line(texts)]
        cells = [wrap(t, w) for t, w in zip(texts, self.widths, strict=True)]
        height = max(len(c) for c in cells)
        return [self._line([c[i] if i < len(c) else "" for c in cells]) for i in range(height)]

    def line(self, texts: Sequence[str]) -> str:
        """One row of texts, each cut to its column with "…"."""
        trio = zip(texts, self.widths, self.right, strict=True)
        return self._line([cut(t, w, r) for t, w, r in trio])

    def _line(self, cells: Iterable[str]) -> str:
        parts = [pad(t, w, r) for t, w, r in zip(cells, self.widths, self.right, strict=True)]
        return SEPARATOR.join(parts).rstrip()


def _aligns_right(column: Column, first: Any) -> bool:
    if column.align:  # @{Alignment=...} wins; "center" is shown left-aligned
        return column.align == "right"
    return first is not None and is_right_aligned(read(column, first))


def _assign(widths: list[int], width: int) -> list[int]:
    """Columns without a width start at one cell and take the spare width in turns from the left."""
    free = [i for i, w in enumerate(widths) if w <= 0]
    widths = [w if w > 0 else MIN_COLUMN_WIDTH for w in widths]
    if not free:
        return widths
    spare = width - sum(widths) - len(SEPARATOR) * (len(widths) - 1)
    if spare > 0:
        share, extra = divmod(spare, len(free))
        for rank, i in enumerate(free):
            widths[i] += share + (1 if rank < extra else 0)
    return widths


def _content_width(column: Column, sample: Sequence[Any]) -> int:
    longest = text_width(column.label)
    for obj in sample:
        text = cell_text(read(column, obj))
        # a multi-line value shows its first line (and "…") in a table without -Wrap
        first, newline, _ = text.partition("\n")
        longest = max(longest, text_width(first.rstrip("\r")) + (1 if newline else 0))
    return longest
