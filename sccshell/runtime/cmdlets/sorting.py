"""Sort-Object: stable multi-key sort with per-key direction, -Unique, -Top, -Bottom."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cmp_to_key
from typing import Any

from ..api import CmdletContext
from ..values import compare, to_bool
from ._common import as_list, input_items
from ._props import evaluator, hash_get, hash_has

Key = tuple[Callable[[Any], Any], bool]  # value function, descending


def _keys(ctx: CmdletContext) -> list[Key]:
    descending = bool(ctx.bound.get("Descending", False))
    keys: list[Key] = []
    for spec in as_list(ctx.bound.get("Property")):
        if isinstance(spec, Mapping):
            desc = descending
            if hash_has(spec, "Descending"):
                desc = to_bool(hash_get(spec, "Descending"))
            elif hash_has(spec, "Ascending"):
                desc = not to_bool(hash_get(spec, "Ascending"))
            keys.append((evaluator(hash_get(spec, "Expression", "e")), desc))
        else:
            keys.append((evaluator(spec), descending))
    return keys or [(lambda item: item, descending)]


def sort_object(ctx: CmdletContext) -> Iterator[Any]:
    """Sort-Object: collect, sort stably by the keys, then -Unique/-Top/-Bottom."""
    keys = _keys(ctx)
    cs = bool(ctx.bound.get("CaseSensitive", False))
    rows = [([fn(item) for fn, _ in keys], item) for item in input_items(ctx)]

    def cmp(a: tuple[list[Any], Any], b: tuple[list[Any], Any]) -> int:
        for (_, desc), x, y in zip(keys, a[0], b[0], strict=True):
            c = compare(x, y, cs)
            if c:
                return -c if desc else c
        return 0

    rows.sort(key=cmp_to_key(cmp))
    if ctx.bound.get("Unique"):
        unique: list[tuple[list[Any], Any]] = []
        for row in rows:
            if not unique or cmp(unique[-1], row) != 0:
                unique.append(row)
        rows = unique
    if "Top" in ctx.bound:
        rows = rows[: int(ctx.bound["Top"])]
    elif "Bottom" in ctx.bound:
        n = int(ctx.bound["Bottom"])
        rows = rows[-n:] if n > 0 else []
    for _, item in rows:
        yield item


CMDLETS = {"Sort-Object": sort_object}
