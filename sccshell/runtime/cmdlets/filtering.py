"""Where-Object: the script block form and the simplified comparison forms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from ..api import CmdletContext
from ..objects import PSObject
from ..values import (
    compare,
    compile_regex,
    equals,
    get_property,
    is_collection,
    like,
    to_bool,
    to_string,
)
from ._common import input_items


def _match(value: Any, pattern: Any, cs: bool) -> bool:
    regex = compile_regex(to_string(pattern), 0 if cs else re.IGNORECASE)
    return regex.search(to_string(value)) is not None


def _contains(value: Any, item: Any, cs: bool) -> bool:
    items = list(value) if is_collection(value) else [value]
    return any(equals(v, item, cs) for v in items)


# Operators that compare each element when the left side is a collection, as `-eq` does.
_SCALAR_OPS: dict[str, Callable[[Any, Any, bool], bool]] = {
    "eq": lambda a, b, cs: equals(a, b, cs),
    "ne": lambda a, b, cs: not equals(a, b, cs),
    "gt": lambda a, b, cs: a is not None and compare(a, b, cs) > 0,
    "lt": lambda a, b, cs: compare(a, b, cs) < 0,
    "ge": lambda a, b, cs: compare(a, b, cs) >= 0,
    "le": lambda a, b, cs: compare(a, b, cs) <= 0,
    "like": lambda a, b, cs: like(a, b, cs),
    "notlike": lambda a, b, cs: not like(a, b, cs),
    "match": _match,
    "notmatch": lambda a, b, cs: not _match(a, b, cs),
}

_COLLECTION_OPS: dict[str, Callable[[Any, Any, bool], bool]] = {
    "contains": _contains,
    "notcontains": lambda a, b, cs: not _contains(a, b, cs),
    "in": lambda a, b, cs: _contains(b, a, cs),
    "notin": lambda a, b, cs: not _contains(b, a, cs),
}

_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "int": int,
    "int32": int,
    "int64": int,
    "long": int,
    "double": float,
    "float": float,
    "bool": bool,
    "boolean": bool,
    "datetime": (datetime, date),
    "timespan": timedelta,
    "hashtable": dict,
    "array": (list, tuple),
    "object[]": (list, tuple),
    "psobject": object,
    "object": object,
    "pscustomobject": PSObject,
}


def is_type(value: Any, type_spec: Any) -> bool:
    """`-is [type]` for the few types scripts test against; a Python type works too."""
    if isinstance(type_spec, type):
        return isinstance(value, type_spec)
    name = to_string(type_spec).strip("[]").lower()
    if isinstance(value, PSObject) and any(t.lower() == name for t in value.type_names):
        return True
    short = name.removeprefix("system.").removeprefix("management.automation.")
    py = _TYPES.get(short)
    if py is None:
        return False
    if py is int and isinstance(value, bool):
        return False
    return isinstance(value, py)


def _operator(ctx: CmdletContext) -> tuple[str, bool] | None:
    for name, on in ctx.bound.items():
        if on is not True:
            continue
        key = name.lower()
        cs = key.startswith("c") and key[1:] in {**_SCALAR_OPS, **_COLLECTION_OPS}
        base = key[1:] if cs else key
        if base in _SCALAR_OPS or base in _COLLECTION_OPS or base in ("is", "isnot", "not"):
            return base, cs
    return None


def _test(ctx: CmdletContext) -> Callable[[Any], bool]:
    if "FilterScript" in ctx.bound:
        block = ctx.bound["FilterScript"]
        return lambda item: to_bool(block.invoke(dollar_under=item, dot=True))
    prop = str(ctx.bound.get("Property", ""))
    value = ctx.bound.get("Value", True)
    op = _operator(ctx)
    if op is None:
        # `Where-Object Enabled`: the property's truth, as PowerShell 7 does.
        return lambda item: to_bool(get_property(item, prop))
    base, cs = op
    if base == "not":
        return lambda item: not to_bool(get_property(item, prop))
    if base in ("is", "isnot"):
        want = base == "is"
        return lambda item: is_type(get_property(item, prop), value) == want
    if base in _COLLECTION_OPS:
        fn = _COLLECTION_OPS[base]
        return lambda item: fn(get_property(item, prop), value, cs)
    scalar = _SCALAR_OPS[base]

    def test(item: Any) -> bool:
        left = get_property(item, prop)
        if is_collection(left):
            # `@(1,2) -eq 2` filters the elements; a non-empty result is true.
            return any(scalar(v, value, cs) for v in left)
        return scalar(left, value, cs)

    return test


def where_object(ctx: CmdletContext) -> Iterator[Any]:
    """Where-Object: pass on the input objects the test accepts."""
    test = _test(ctx)
    for item in input_items(ctx):
        if test(item):
            yield item


CMDLETS = {"Where-Object": where_object}
