"""Select-String: lines matching patterns, from piped strings or files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..api import CmdletContext
from ..objects import PSObject
from ..values import compile_regex, to_string
from ._common import as_list, input_items, read_text
from .content import _paths

MATCH_INFO = "Microsoft.PowerShell.Commands.MatchInfo"


def _sources(ctx: CmdletContext) -> Iterator[tuple[str | None, Iterable[str]]]:
    if "Path" in ctx.bound or "LiteralPath" in ctx.bound:
        for path in _paths(ctx):
            if os.path.isfile(path):
                yield path, read_text(path, ctx.bound.get("Encoding")).splitlines()
        return
    yield None, (to_string(v) for v in input_items(ctx))


def select_string(ctx: CmdletContext) -> Iterator[Any]:
    """Select-String: MatchInfo objects (or lines with -Raw, a bool with -Quiet)."""
    b = ctx.bound
    flags = 0 if b.get("CaseSensitive") else re.IGNORECASE
    texts = [to_string(p) for p in as_list(b.get("Pattern"))]
    pats = [compile_regex(re.escape(t) if b.get("SimpleMatch") else t, flags) for t in texts]
    negate = bool(b.get("NotMatch"))
    found = False
    for path, lines in _sources(ctx):
        for n, line in enumerate(lines, 1):
            hit = next((p for p in pats if p.search(line)), None)
            if (hit is None) != negate:
                continue
            found = True
            if b.get("Quiet"):
                yield True
                return
            if b.get("Raw"):
                yield line
            else:
                yield _match_info(line, n, path, hit, bool(b.get("AllMatches")))
            if b.get("List"):
                break
    if b.get("Quiet") and not found:
        yield False


def _match_info(
    line: str, number: int, path: str | None, pat: re.Pattern | None, all_: bool
) -> PSObject:
    matches: list[str] = []
    if pat is not None:
        matches = [m.group(0) for m in pat.finditer(line)] if all_ else [pat.search(line).group(0)]
    return PSObject(
        {
            "IgnoreCase": bool(pat.flags & re.IGNORECASE) if pat else True,
            "LineNumber": number,
            "Line": line,
            "Filename": os.path.basename(path) if path else "InputStream",
            "Path": os.path.abspath(path) if path else "InputStream",
            "Pattern": pat.pattern if pat else "",
            "Matches": matches,
        },
        type_names=(MATCH_INFO,),
    )


def match_info_text(info: PSObject) -> str:
    """How PowerShell prints a MatchInfo: the line, prefixed by file:line for files."""
    if info.get("Path") == "InputStream":
        return to_string(info.get("Line"))
    return f"{info['Path']}:{info['LineNumber']}:{info['Line']}"


CMDLETS = {"Select-String": select_string}
