"""ConvertTo-SecureString, Get-Random, Get-Unique, Compare-Object."""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from typing import Any

from ..api import CmdletContext, CmdletError
from ..objects import PSObject
from ..values import SecureString, equals, to_number, to_string
from ._common import as_list, input_items
from ._props import calculated, evaluator

INT32_MAX = 2**31 - 1

# One generator for the session, as PowerShell's: -SetSeed reseeds it.
_RANDOM = random.Random()


def convertto_securestring(ctx: CmdletContext) -> Iterator[Any]:
    """ConvertTo-SecureString -AsPlainText: wrap the text so it never prints."""
    text = ctx.bound.get("String")
    if not ctx.bound.get("AsPlainText"):
        raise CmdletError(
            "ConvertTo-SecureString without -AsPlainText decrypts a Windows DPAPI or -Key "
            "encrypted string, which sccshell cannot do. Use -AsPlainText -Force, or keep the "
            "secret in a profile secret or a file."
        )
    texts = [text] if text is not None else list(input_items(ctx))
    for t in texts:
        yield SecureString(to_string(t))


def _is_float(*values: Any) -> bool:
    return any(isinstance(v, float) for v in values)


def get_random(ctx: CmdletContext) -> Iterator[Any]:
    """Get-Random: a number in [Minimum, Maximum), or items picked from the input."""
    b = ctx.bound
    if "SetSeed" in b:
        _RANDOM.seed(int(to_number(b["SetSeed"])))
    if "InputObject" in b or ctx.expecting_input:
        pool = (
            as_list(b["InputObject"])
            if "InputObject" in b and not ctx.expecting_input
            else list(ctx.input)
        )
        if b.get("Shuffle"):
            count = len(pool)
        else:
            count = int(to_number(b.get("Count", 1)))
        yield from _RANDOM.sample(pool, min(count, len(pool)))
        return
    low = to_number(b.get("Minimum", 0))
    high = (
        to_number(b["Maximum"])
        if "Maximum" in b
        else (1.0 if isinstance(low, float) else INT32_MAX)
    )
    if high <= low:
        raise CmdletError(
            f"The Minimum value ({to_string(low)}) cannot be greater than or equal to the "
            f"Maximum value ({to_string(high)})."
        )
    for _ in range(int(to_number(b.get("Count", 1)))):
        if _is_float(low, high):
            yield low + _RANDOM.random() * (high - low)
        else:
            yield _RANDOM.randrange(int(low), int(high))


def get_unique(ctx: CmdletContext) -> Iterator[Any]:
    """Get-Unique: drop adjacent duplicates (case-sensitive, as PowerShell's)."""
    cs = not ctx.bound.get("CaseInsensitive")
    as_string = bool(ctx.bound.get("AsString"))
    on_type = bool(ctx.bound.get("OnType"))
    marker = object()
    last: Any = marker
    for item in input_items(ctx):
        if on_type:
            key: Any = type(item).__name__ if not isinstance(item, PSObject) else item.type_names[0]
        else:
            key = to_string(item) if as_string or isinstance(item, PSObject) else item
        if last is not marker and equals(key, last, cs):
            continue
        last = key
        yield item


def compare_object(ctx: CmdletContext) -> Iterator[Any]:
    """Compare-Object: <= only in the reference, => only in the difference, == in both."""
    b = ctx.bound
    ref = as_list(b.get("ReferenceObject"))
    diff = as_list(b["DifferenceObject"]) if "DifferenceObject" in b else list(ctx.input)
    props = as_list(b.get("Property"))
    fns = [calculated(p)[1] if isinstance(p, Mapping) else evaluator(p) for p in props]
    cs = bool(b.get("CaseSensitive"))
    pass_thru = bool(b.get("PassThru"))

    def key(item: Any) -> list[Any]:
        return [fn(item) for fn in fns] if fns else [item]

    def same(a: list[Any], c: list[Any]) -> bool:
        return all(equals(x, y, cs) for x, y in zip(a, c, strict=True))

    ref_keys = [key(r) for r in ref]
    used = [False] * len(ref)
    equal: list[Any] = []
    right: list[Any] = []
    for item in diff:
        k = key(item)
        for i, rk in enumerate(ref_keys):
            if not used[i] and same(k, rk):
                used[i] = True
                equal.append(item)
                break
        else:
            right.append(item)
    left = [r for r, u in zip(ref, used, strict=True) if not u]
    groups = []
    if b.get("IncludeEqual"):
        groups.append(("==", equal))
    if not b.get("ExcludeDifferent"):
        groups += [("=>", right), ("<=", left)]
    for side, items in groups:
        for item in items:
            yield _result(item, side, props, fns, pass_thru)


def _result(item: Any, side: str, props: list[Any], fns: list[Any], pass_thru: bool) -> Any:
    if pass_thru:
        if isinstance(item, PSObject):
            out = PSObject(list(item.items()), type_names=item.type_names)
            out["SideIndicator"] = side
            return out
        return item
    out = PSObject()
    if props:
        for p, fn in zip(props, fns, strict=True):
            out[calculated(p)[0] if isinstance(p, Mapping) else to_string(p)] = fn(item)
    else:
        out["InputObject"] = item
    out["SideIndicator"] = side
    return out


CMDLETS = {
    "ConvertTo-SecureString": convertto_securestring,
    "Get-Random": get_random,
    "Get-Unique": get_unique,
    "Compare-Object": compare_object,
}
