"""Text for people: Format-Table, Format-List, and the default (out-default) rendering of a stream."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import Any

from sccshell.runtime.values import long_datetime, to_string

from .cells import cell_text, text_width
from .listing import list_lines
from .props import (
    Column,
    PropertySpec,
    columns_for,
    display_name_column,
    is_record,
    read,
    type_key,
    visible_names,
)
from .table import Table
from .views import View, view_for, view_for_object

# out-default sizes a table's columns on what arrives in its first 300 ms; we also stop at
# this many objects, so the first screen is well fitted and memory stays flat however long
# (or fast) the stream is.
SIZING_SAMPLE = 50
SIZING_SECONDS = 0.3

# PowerShell's rule without a view: up to this many properties make a table, more a list.
TABLE_MAX_PROPERTIES = 4


def scalar_lines(value: Any) -> list[str]:
    """A string or number prints as its text, one line per line; a date in its long form."""
    if isinstance(value, (datetime, date)):
        return [long_datetime(value)]
    return to_string(value).splitlines() or [""]


def _group_column(group_by: PropertySpec) -> Column:
    return columns_for(None, [group_by])[0]


class _Groups:
    """-GroupBy: a "   Label: value" header, between blank lines, whenever the value changes."""

    def __init__(self, group_by: PropertySpec | None) -> None:
        self.column = _group_column(group_by) if group_by is not None else None
        self.current: Any = object()

    def header(self, obj: Any) -> list[str] | None:
        """The header lines when obj starts a new group, else None."""
        if self.column is None:
            return None
        key = cell_text(read(self.column, obj))
        if key == self.current:
            return None
        self.current = key
        return [f"   {self.column.label}: {key}", ""]


def _table_columns(
    first: Any, properties: Sequence[PropertySpec] | None, view: View | None = None
) -> list[Column]:
    if properties is None:
        view = view or view_for_object(first)
        if view is not None:
            return view.make_columns(first)
    return columns_for(first, properties)


def iter_format_table(
    objects: Iterable[Any],
    properties: Sequence[PropertySpec] | None = None,
    *,
    width: int,
    autosize: bool = False,
    wrap: bool = False,
    hide_headers: bool = False,
    group_by: PropertySpec | None = None,
    view: View | None = None,
) -> Iterator[str]:
    """Format-Table: one table over the objects (columns from the first object, -Property
    or -View), streamed: widths fit a sample of the first objects, as PowerShell's do;
    -AutoSize fits them to every object, so it waits for all of them."""
    it = iter(objects)
    head: list[Any] = []
    first: Any = None
    for obj in it:
        if first is None and not is_record(obj):
            yield from scalar_lines(obj)  # nothing to size yet: print it as it comes
            continue
        first = obj if first is None else first
        head.append(obj)
        if not autosize and len(head) >= SIZING_SAMPLE:
            break
    if first is None:
        return
    columns = _table_columns(first, properties, view)
    table = Table(
        columns, [o for o in head if is_record(o)], width=width, autosize=autosize, wrap=wrap
    )
    groups = _Groups(group_by)
    yield ""
    started = False
    for obj in chain(head, it):
        if not is_record(obj):
            yield from scalar_lines(obj)
            continue
        header = groups.header(obj)
        if header is not None:
            if started:
                yield ""
            yield from header
        if (header is not None or not started) and not hide_headers:
            yield from table.header()
        started = True
        yield from table.rows(obj)
    yield ""


def iter_format_list(
    objects: Iterable[Any],
    properties: Sequence[PropertySpec] | None = None,
    *,
    width: int,
    group_by: PropertySpec | None = None,
    view: View | None = None,
) -> Iterator[str]:
    """Format-List: each object as "Name : value" lines, a blank line around each; streamed."""
    groups = _Groups(group_by)
    last: str | None = None
    for obj in objects:
        if not is_record(obj):
            for line in scalar_lines(obj):
                last = line
                yield line
            continue
        if last != "":
            yield ""
        yield from groups.header(obj) or []
        columns = view.make_columns(obj) if view and properties is None else None
        yield from list_lines(obj, columns or columns_for(obj, properties), width=width)
        yield ""
        last = ""


def _wide_column(first: Any, properties: Sequence[PropertySpec] | None) -> Column | None:
    if properties:
        return columns_for(first, list(properties)[:1])[0]
    if not is_record(first):
        return Column("", lambda obj: obj)
    return display_name_column(first)


def wide_columns(longest: int, width: int) -> int:
    """-AutoSize: as many items per row as fit the longest one, at least one."""
    count = 1
    while longest > 0 and longest * (count + 1) + count < width:
        count += 1
    return count


def format_wide(
    objects: Iterable[Any],
    properties: Sequence[PropertySpec] | None = None,
    *,
    width: int,
    autosize: bool = False,
    column: int | None = None,
    group_by: PropertySpec | None = None,
) -> list[str]:
    """Format-Wide: one property of each object, several objects a row (two unless told)."""
    items = list(objects)
    if not items:
        return []
    shown = _wide_column(items[0], properties)
    if shown is None:
        return []
    texts = [cell_text(read(shown, o) if is_record(o) else o) for o in items]
    if column and column > 0:
        per_row = column
    elif autosize:
        per_row = wide_columns(max(text_width(t) for t in texts), width)
    else:
        per_row = 2  # PowerShell's default when neither -Column nor -AutoSize is given
    table = Table([Column("", lambda t: t)] * per_row, [], width=width)
    groups = _Groups(group_by)
    lines: list[str] = [""]
    row: list[str] = []

    def flush() -> None:
        if row:
            lines.append(table.line(row + [""] * (per_row - len(row))))
            row.clear()

    for obj, text in zip(items, texts, strict=True):
        header = groups.header(obj) if is_record(obj) else None
        if header is not None:
            flush()
            if len(lines) > 1:
                lines.append("")
            lines.extend(header)
        row.append(text)
        if len(row) == per_row:
            flush()
    flush()
    lines.append("")
    return lines


@dataclass
class _Shape:
    """What the first object of a stream decided: its type, table or list, and the view."""

    key: str
    kind: str
    view: View | None


def _choose(obj: Any, cmdlet_view: View | None, force: str | None) -> _Shape:
    view = view_for_object(obj) or cmdlet_view
    if force == "list":
        return _Shape(type_key(obj), "list", None)
    if force == "table":
        return _Shape(type_key(obj), "table", view if view and view.kind == "table" else None)
    if view is not None:
        return _Shape(type_key(obj), view.kind, view)
    many = len(visible_names(obj)) > TABLE_MAX_PROPERTIES
    return _Shape(type_key(obj), "list" if many else "table", None)


class _Renderer:
    """The default rendering of a stream, one object at a time, with flat memory."""

    def __init__(
        self,
        *,
        width: int,
        cmdlet: str | None,
        force: str | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.width = width
        self.clock = clock
        self.since = 0.0  # when the first object of the pending sample arrived
        self.force = force
        self.cmdlet_view = view_for(cmdlet)
        self.shape: _Shape | None = None
        self.pending: list[Any] = []  # first objects of a table, kept to size its columns
        self.table: Table | None = None
        self.groups: _Groups | None = None  # a view grouped by a property (Get-Member's)
        self.rows = 0
        self.in_list = False

    def feed(self, obj: Any) -> Iterator[str]:
        if not is_record(obj):
            yield from self.close()
            yield from scalar_lines(obj)
            return
        if self.shape is None or (self.force == "table" and type_key(obj) != self.shape.key):
            yield from self.close()
            self.shape = _choose(obj, self.cmdlet_view, self.force)
        same = type_key(obj) == self.shape.key
        if same and self.shape.kind == "table":
            if self.in_list:
                yield from self.close()
            if self.table is not None:
                yield from self._row(obj)
                return
            if not self.pending:
                self.since = self.clock()
            self.pending.append(obj)
            waited = self.clock() - self.since
            if len(self.pending) >= SIZING_SAMPLE or waited >= SIZING_SECONDS:
                yield from self._open_table()
            return
        # PowerShell shows objects of another type than the first as a list.
        yield from self.close()
        view = self.shape.view if same else view_for_object(obj)
        columns = view.make_columns(obj) if view and view.kind == "list" else columns_for(obj, None)
        if not self.in_list:
            yield ""
            self.in_list = True
        yield from list_lines(obj, columns, width=self.width)
        yield ""

    def _open_table(self) -> Iterator[str]:
        first = self.pending[0]
        view = self.shape.view if self.shape else None
        columns = view.make_columns(first) if view else columns_for(first, None)
        # a view with fixed widths keeps them; otherwise widths fit the sampled contents
        self.table = Table(columns, self.pending, width=self.width)
        self.groups = _Groups(view.group_by) if view is not None and view.group_by else None
        self.rows = 0
        yield ""
        if self.groups is None:
            yield from self.table.header()
        for obj in self.pending:
            yield from self._row(obj)
        self.pending = []

    def _row(self, obj: Any) -> Iterator[str]:
        assert self.table is not None
        header = self.groups.header(obj) if self.groups is not None else None
        if header is not None:
            if self.rows:
                yield ""
            yield from header
            yield from self.table.header()
        self.rows += 1
        yield from self.table.rows(obj)

    def close(self) -> Iterator[str]:
        """End the open table (sizing it now if it never filled its sample)."""
        if self.pending:
            yield from self._open_table()
        if self.table is not None:
            yield ""
            self.table = None
        self.in_list = False


def person_lines(
    objects: Iterable[Any],
    *,
    width: int,
    cmdlet: str | None = None,
    force: str | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[str]:
    """Lines for a person: the default view/table/list rule, or force="table"/"list"."""
    renderer = _Renderer(width=width, cmdlet=cmdlet, force=force, clock=clock)
    for obj in objects:
        yield from renderer.feed(obj)
    yield from renderer.close()
