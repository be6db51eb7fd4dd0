"""Text for people: Format-Table, Format-List, and the default (out-default) rendering of a stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sccshell.runtime.values import to_string

from .cells import cell_text
from .listing import list_lines
from .props import Column, PropertySpec, columns_for, is_record, read, type_key, visible_names
from .table import Table
from .views import View, view_for, view_for_object

# out-default waits ~300 ms to size a table's columns; we wait for this many objects instead,
# so the first screen is well fitted and memory stays flat however long the stream is.
SIZING_SAMPLE = 50

# PowerShell's rule without a view: up to this many properties make a table, more a list.
TABLE_MAX_PROPERTIES = 4


def scalar_lines(value: Any) -> list[str]:
    """A string or number prints as its text, one line per line."""
    return to_string(value).splitlines() or [""]


def _group_column(group_by: PropertySpec) -> Column:
    return columns_for(None, [group_by])[0]


def _group_header(column: Column, obj: Any) -> list[str]:
    return ["", f"   {column.label}: {cell_text(read(column, obj))}", ""]


def _table_columns(first: Any, properties: Sequence[PropertySpec] | None) -> list[Column]:
    if properties is None:
        view = view_for_object(first)
        if view is not None and view.kind == "table":
            return view.make_columns(first)
    return columns_for(first, properties)


def format_table(
    objects: Iterable[Any],
    properties: Sequence[PropertySpec] | None = None,
    *,
    width: int,
    autosize: bool = False,
    wrap: bool = False,
    hide_headers: bool = False,
    group_by: PropertySpec | None = None,
) -> list[str]:
    """Format-Table: one table over all objects (columns from the first object or -Property)."""
    items = list(objects)
    records = [o for o in items if is_record(o)]
    if not records:
        return [line for o in items for line in scalar_lines(o)]
    table = Table(
        _table_columns(records[0], properties), records, width=width, autosize=autosize, wrap=wrap
    )
    group = _group_column(group_by) if group_by is not None else None
    lines: list[str] = []
    current: Any = object()
    for obj in items:
        if not is_record(obj):
            lines.extend(scalar_lines(obj))
            continue
        key = cell_text(read(group, obj)) if group else None
        if not lines or key != current:
            if lines:
                lines.append("")
            if group:
                lines.extend(_group_header(group, obj))
            elif not lines:
                lines.append("")
            if not hide_headers:
                lines.extend(table.header())
            current = key
        lines.extend(table.rows(obj))
    lines.append("")
    return lines


def format_list(
    objects: Iterable[Any],
    properties: Sequence[PropertySpec] | None = None,
    *,
    width: int,
    group_by: PropertySpec | None = None,
) -> list[str]:
    """Format-List: each object as "Name : value" lines, a blank line around each."""
    group = _group_column(group_by) if group_by is not None else None
    lines: list[str] = []
    current: Any = object()
    for obj in objects:
        if not is_record(obj):
            lines.extend(scalar_lines(obj))
            continue
        if group:
            key = cell_text(read(group, obj))
            if key != current:
                lines.extend(_group_header(group, obj)[:-1])
                current = key
        if not lines or lines[-1] != "":
            lines.append("")
        lines.extend(list_lines(obj, columns_for(obj, properties), width=width))
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

    def __init__(self, *, width: int, cmdlet: str | None, force: str | None) -> None:
        self.width = width
        self.force = force
        self.cmdlet_view = view_for(cmdlet)
        self.shape: _Shape | None = None
        self.pending: list[Any] = []  # first objects of a table, kept to size its columns
        self.table: Table | None = None
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
                yield from self.table.rows(obj)
                return
            self.pending.append(obj)
            if len(self.pending) >= SIZING_SAMPLE:
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
        autosize = not any(c.width for c in columns)
        self.table = Table(columns, self.pending, width=self.width, autosize=autosize)
        yield ""
        yield from self.table.header()
        for obj in self.pending:
            yield from self.table.rows(obj)
        self.pending = []

    def close(self) -> Iterator[str]:
        """End the open table (sizing it now if it never filled its sample)."""
        if self.pending:
            yield from self._open_table()
        if self.table is not None:
            yield ""
            self.table = None
        self.in_list = False


def person_lines(
    objects: Iterable[Any], *, width: int, cmdlet: str | None = None, force: str | None = None
) -> Iterator[str]:
    """Lines for a person: the default view/table/list rule, or force="table"/"list"."""
    renderer = _Renderer(width=width, cmdlet=cmdlet, force=force)
    for obj in objects:
        yield from renderer.feed(obj)
    yield from renderer.close()
