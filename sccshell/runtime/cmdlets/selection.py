"""Select-Object: properties, -ExpandProperty, and the streaming -First/-Last/-Skip family."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..api import CmdletContext
from ..objects import PSObject
from ..values import enumerate_items, equals, get_property, is_collection, wildcard_regex
from ._common import as_list, input_items, report
from ._props import expand_names, property_names


def _window(ctx: CmdletContext, items: Iterable[Any]) -> Iterator[Any]:
    """-Skip/-First/-Last/-SkipLast/-Index, pulling no more input than needed."""
    it = iter(items)
    if "Index" in ctx.bound or "SkipIndex" in ctx.bound:
        keep = "Index" in ctx.bound
        wanted = {int(i) for i in as_list(ctx.bound.get("Index" if keep else "SkipIndex"))}
        last = max(wanted, default=-1)
        for n, item in enumerate(it):
            if keep and n > last:
                return
            if (n in wanted) == keep:
                yield item
        return
    skip = int(ctx.bound.get("Skip", 0) or 0)
    for _ in range(skip):
        if next(it, _END) is _END:
            return
    first = ctx.bound.get("First")
    if first is not None:
        first = int(first)
        if first <= 0:
            return
        for n, item in enumerate(it, 1):
            yield item
            if n >= first:
                return  # stop pulling: the upstream stays lazy
        return
    if "Last" in ctx.bound:
        last_n = int(ctx.bound["Last"])
        yield from deque(it, maxlen=last_n) if last_n > 0 else ()
        return
    skip_last = int(ctx.bound.get("SkipLast", 0) or 0)
    if skip_last > 0:
        buf: deque[Any] = deque()
        for item in it:
            buf.append(item)
            if len(buf) > skip_last:
                yield buf.popleft()
        return
    yield from it


_END = object()


def _select(ctx: CmdletContext, item: Any, specs: list[Any], exclude: list[str]) -> PSObject:
    pairs = expand_names(specs, item)
    if exclude:
        rxs = [wildcard_regex(str(e)) for e in exclude]
        pairs = [(n, f) for n, f in pairs if not any(r.match(n) for r in rxs)]
    base = item.type_names[0] if isinstance(item, PSObject) else type(item).__name__
    out = PSObject(type_names=(f"Selected.{base}",))
    for name, fn in pairs:
        out[name] = fn(item)
    return out


def _expand(ctx: CmdletContext, item: Any, name: str, extra: PSObject | None) -> Iterator[Any]:
    value = get_property(item, name)
    if value is None and not _has(item, name):
        report(ctx, f'Property "{name}" cannot be found.')
        return
    for v in enumerate_items(value) if is_collection(value) else [value]:
        if extra is not None and isinstance(v, PSObject):
            v = PSObject(list(v.items()) + list(extra.items()), type_names=v.type_names)
        yield v


def _has(item: Any, name: str) -> bool:
    return name.lower() in (n.lower() for n in property_names(item))


def _unique(ctx: CmdletContext, items: Iterable[Any]) -> Iterator[Any]:
    cs = not ctx.bound.get("CaseInsensitive", False)
    seen: list[Any] = []
    for item in items:
        key = list(item.items()) if isinstance(item, PSObject) else item
        if any(_same(key, s, cs) for s in seen):
            continue
        seen.append(key)
        yield item


def _same(a: Any, b: Any, cs: bool) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(
            x[0].lower() == y[0].lower() and equals(x[1], y[1], cs)
            for x, y in zip(a, b, strict=True)
        )
    return equals(a, b, cs)


def select_object(ctx: CmdletContext) -> Iterator[Any]:
    """Select-Object: pick, compute or expand properties; take a window of the input."""
    specs = as_list(ctx.bound.get("Property"))
    exclude = [str(e) for e in as_list(ctx.bound.get("ExcludeProperty"))]
    if exclude and not specs:
        specs = ["*"]
    expand = ctx.bound.get("ExpandProperty")

    def shaped() -> Iterator[Any]:
        for item in _window(ctx, input_items(ctx)):
            if expand is not None:
                extra = _select(ctx, item, specs, exclude) if specs else None
                yield from _expand(ctx, item, str(expand), extra)
            elif specs:
                yield _select(ctx, item, specs, exclude)
            else:
                yield item

    out = shaped()
    if ctx.bound.get("Unique"):
        out = _unique(ctx, out)
    yield from out


CMDLETS = {"Select-Object": select_object}
