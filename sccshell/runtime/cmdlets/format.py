"""Format-Table/List/Wide, Out-String, Out-Host: format requests and their text."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from ..api import CmdletContext, CmdletError
from ..values import to_string
from ._common import as_list, input_items

DEFAULT_WIDTH = 120


@dataclass
class FormatRequest:
    """What Format-* emits: the output layer renders it (kind: table, list or wide)."""

    kind: str
    # The input: a list for Format-Wide, which lays out all of it; a one-pass iterator
    # for Format-Table and Format-List, which stream.
    objects: Iterable[Any]
    properties: list[Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)


def _options(ctx: CmdletContext, *names: str) -> dict[str, Any]:
    return {n: ctx.bound[n] for n in names if n in ctx.bound}


def _request(ctx: CmdletContext, kind: str, *names: str) -> Iterator[Any]:
    props = as_list(ctx.bound["Property"]) if "Property" in ctx.bound else None
    options = _options(ctx, "GroupBy", "View", *names)
    if options.get("View") is not None:
        _check_view(ctx.name, str(options["View"]))
    objects = list(input_items(ctx)) if kind == "wide" else input_items(ctx)
    yield FormatRequest(kind, objects, props, options)


def _check_view(cmdlet: str, name: str) -> None:
    """-View must name a known view: fail before any output, listing the ones there are."""
    from sccshell.output.views import UnknownView, view_named

    try:
        view_named(name)
    except UnknownView as err:
        raise CmdletError(f"{cmdlet}: {err}") from None


def format_table(ctx: CmdletContext) -> Iterator[Any]:
    """Format-Table: one table request over all input objects."""
    return _request(ctx, "table", "AutoSize", "Wrap", "HideTableHeaders", "RepeatHeader")


def format_list(ctx: CmdletContext) -> Iterator[Any]:
    """Format-List: one list request over all input objects."""
    return _request(ctx, "list")


def format_wide(ctx: CmdletContext) -> Iterator[Any]:
    """Format-Wide: one wide request (one property of each object, in columns)."""
    return _request(ctx, "wide", "AutoSize", "Column")


def _render_request(req: FormatRequest, width: int) -> Iterable[str]:
    try:
        from sccshell.output import formats
        from sccshell.output.views import view_named
    except ImportError:  # the output layer is optional for the runtime's own tests
        return [line for o in req.objects for line in to_string(o).splitlines()]
    opts = req.options
    view = view_named(str(opts["View"])) if opts.get("View") is not None else None
    group_by = opts.get("GroupBy")
    if req.kind == "list":
        return formats.iter_format_list(
            req.objects, req.properties, width=width, group_by=group_by, view=view
        )
    if req.kind == "wide":
        return formats.format_wide(
            req.objects,
            req.properties,
            width=width,
            autosize=bool(opts.get("AutoSize")),
            column=int(opts.get("Column") or 0) or None,
            group_by=group_by,
        )
    return formats.iter_format_table(
        req.objects,
        req.properties,
        width=width,
        autosize=bool(opts.get("AutoSize")),
        wrap=bool(opts.get("Wrap")),
        hide_headers=bool(opts.get("HideTableHeaders")),
        group_by=group_by,
        view=view,
    )


def _person(
    objects: Iterable[Any], width: int, cmdlet: str | None, force: str | None
) -> Iterable[str]:
    try:
        from sccshell.output.formats import person_lines
    except ImportError:
        return [line for o in objects for line in (to_string(o).splitlines() or [""])]
    return person_lines(objects, width=width, cmdlet=cmdlet, force=force)


def render_lines(
    items: Iterable[Any],
    width: int | None = None,
    *,
    cmdlet: str | None = None,
    force: str | None = None,
) -> Iterator[str]:
    """The text lines PowerShell's out-default would show for these objects.

    Format-* requests and strings print as they are; other objects take the default view
    of CMDLET's output, or the shape FORCE names ("table" or "list").
    """
    width = width or terminal_width()
    # Streamed a run at a time: strings print as themselves and end any table in progress.
    for kind, run in groupby(items, key=_kind):
        if kind == "format":
            for request in run:
                yield from _render_request(request, width)
        elif kind == "string":
            for text in run:
                yield from text.splitlines() or [""]
        else:
            yield from _person(run, width, cmdlet, force)


def _kind(item: Any) -> str:
    if isinstance(item, FormatRequest):
        return "format"
    return "string" if isinstance(item, str) else "object"


def terminal_width() -> int:
    """The console width, or PowerShell's 120 when there is no console."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def out_string(ctx: CmdletContext) -> Iterator[Any]:
    """Out-String: the rendered text, as one string or (-Stream) one per line."""
    width = int(ctx.bound.get("Width", 0) or 0) or terminal_width()
    lines = render_lines(input_items(ctx), width)
    if ctx.bound.get("Stream"):
        yield from lines
        return
    text = "".join(line + "\n" for line in lines)
    if ctx.bound.get("NoNewline"):
        text = text.replace("\n", "")
    yield text


def out_host(ctx: CmdletContext) -> Iterator[Any]:
    """Out-Host: render to the console now."""
    for line in render_lines(input_items(ctx)):
        ctx.host.write_host(line)
    return iter(())


CMDLETS = {
    "Format-Table": format_table,
    "Format-List": format_list,
    "Format-Wide": format_wide,
    "Out-String": out_string,
    "Out-Host": out_host,
}
