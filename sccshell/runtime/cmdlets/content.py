"""Get-Content, Set-Content, Add-Content, Out-File, Tee-Object."""

from __future__ import annotations

import glob
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..api import CmdletContext, CmdletError
from ..values import to_string
from ._common import as_list, codec, file_path, input_items, open_for_write, read_text, report
from ._props import has_wildcard
from .format import render_lines


def _paths(ctx: CmdletContext) -> list[str]:
    """-LiteralPath as given, -Path with wildcards expanded."""
    if "LiteralPath" in ctx.bound:
        return [os.path.expanduser(to_string(p)) for p in as_list(ctx.bound["LiteralPath"])]
    out: list[str] = []
    for p in as_list(ctx.bound.get("Path")):
        p = os.path.expanduser(to_string(p))
        out.extend(sorted(glob.glob(p)) if has_wildcard(p) else [p])
    return out


def _lines(text: str) -> list[str]:
    # A final line break ends the last line; it does not start an empty one.
    return text.splitlines()


def get_content(ctx: CmdletContext) -> Iterator[Any]:
    """Get-Content: a file's lines one at a time, or -Raw as one string."""
    total = ctx.bound.get("TotalCount")
    tail = ctx.bound.get("Tail")
    for path in _paths(ctx):
        if not os.path.isfile(path):
            what = "path" if not os.path.isdir(path) else "file"
            report(ctx, f"Cannot find {what} '{os.path.abspath(path)}' because it does not exist.")
            continue
        if ctx.bound.get("Raw"):
            yield read_text(path, ctx.bound.get("Encoding"))
            continue
        lines: Iterable[str] = _lazy_lines(path, ctx.bound.get("Encoding"))
        if total is not None and int(total) >= 0:
            lines = _take(lines, int(total))
        if tail is not None:
            lines = deque(lines, maxlen=int(tail)) if int(tail) > 0 else []
        yield from lines


def _take(lines: Iterable[str], n: int) -> Iterator[str]:
    for i, line in enumerate(lines):
        if i >= n:
            return
        yield line


def _lazy_lines(path: str, encoding: str | None) -> Iterator[str]:
    with open(path, "rb") as f:
        head = f.read(4)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] == b"\x00\x00\xfe\xff":
        yield from _lines(read_text(path, encoding))  # UTF-16/32: decode whole
        return
    name = "utf-8-sig" if head[:3] == b"\xef\xbb\xbf" else codec(encoding)[0]
    # newline="" splits at \n, \r\n and \r alike, as .NET's ReadLine does.
    with open(path, encoding=name, errors="replace", newline="") as f:
        for line in f:
            yield line.removesuffix("\n").removesuffix("\r")


def _values(ctx: CmdletContext) -> Iterator[Any]:
    if "Value" in ctx.bound and not ctx.expecting_input:
        yield from as_list(ctx.bound["Value"])
    else:
        yield from ctx.input


def _write(ctx: CmdletContext, append: bool) -> Iterator[Any]:
    paths = _paths(ctx)
    if not paths:
        raise CmdletError(f"{ctx.name}: a path is required (-Path).")
    values = list(_values(ctx)) if len(paths) > 1 else _values(ctx)
    sep = "" if ctx.bound.get("NoNewline") else os.linesep
    for path in paths:
        with open_for_write(path, ctx.bound.get("Encoding"), append=append) as out:
            for value in values:
                out.write(to_string(value) + sep)
                if ctx.bound.get("PassThru"):
                    yield value


def set_content(ctx: CmdletContext) -> Iterator[Any]:
    """Set-Content: replace a file's content with the values' text, one per line."""
    return _write(ctx, append=False)


def add_content(ctx: CmdletContext) -> Iterator[Any]:
    """Add-Content: append the values' text, one per line."""
    return _write(ctx, append=True)


def _guard(ctx: CmdletContext, path: str, append: bool) -> None:
    if ctx.bound.get("NoClobber") and not append and os.path.exists(path):
        raise CmdletError(
            f"The file '{path}' already exists. Use -NoClobber:$false or another name."
        )


def out_file(ctx: CmdletContext) -> Iterator[Any]:
    """Out-File: the formatted text of the input, as the console would show it."""
    path = file_path(ctx, "LiteralPath", "FilePath")
    append = bool(ctx.bound.get("Append"))
    _guard(ctx, path, append)
    width = int(ctx.bound.get("Width", 0) or 0) or None
    sep = "" if ctx.bound.get("NoNewline") else os.linesep
    with open_for_write(path, ctx.bound.get("Encoding"), append=append) as out:
        for line in render_lines(input_items(ctx), width or 120):
            out.write(line + sep)
    return iter(())


def tee_object(ctx: CmdletContext) -> Iterator[Any]:
    """Tee-Object: pass objects on while saving them to a file or a variable."""
    if "Variable" in ctx.bound:
        saved: list[Any] = []
        for item in input_items(ctx):
            saved.append(item)
            yield item
        ctx.variables[to_string(ctx.bound["Variable"])] = saved
        return
    path = file_path(ctx, "LiteralPath", "FilePath")
    append = bool(ctx.bound.get("Append"))
    saved: list[Any] = []
    with open_for_write(path, ctx.bound.get("Encoding"), append=append) as out:
        for item in input_items(ctx):
            saved.append(item)
            yield item
        # Formatted as one stream, so a table gets one header (objects pass on at once).
        for line in render_lines(saved, 120):
            out.write(line + os.linesep)


CMDLETS = {
    "Get-Content": get_content,
    "Set-Content": set_content,
    "Add-Content": add_content,
    "Out-File": out_file,
    "Tee-Object": tee_object,
}
