"""Measure-Object: GenericMeasureInfo and TextMeasureInfo in PowerShell 7's shape."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ..api import CmdletContext
from ..objects import PSObject
from ..values import compare, enumerate_items, get_property, is_collection, to_number, to_string
from ._common import as_list, input_items, report
from ._props import property_names

GENERIC = "Microsoft.PowerShell.Commands.GenericMeasureInfo"
TEXT = "Microsoft.PowerShell.Commands.TextMeasureInfo"
_STATS = ("Sum", "Average", "Maximum", "Minimum", "StandardDeviation")


def _number(value: Any) -> float | None:
    try:
        return float(to_number(value))
    except (TypeError, ValueError):
        return None


def _generic(values: list[Any], want: set[str], prop: str | None) -> PSObject:
    nums = [n for n in (_number(v) for v in values) if n is not None]
    out = PSObject(type_names=(GENERIC,))
    out["Count"] = len(values)
    out["Average"] = sum(nums) / len(nums) if "Average" in want and nums else None
    out["Sum"] = float(sum(nums)) if "Sum" in want else None
    out["Maximum"] = _extreme(values, 1) if "Maximum" in want else None
    out["Minimum"] = _extreme(values, -1) if "Minimum" in want else None
    sd = None
    if "StandardDeviation" in want and len(nums) > 1:
        mean = sum(nums) / len(nums)
        sd = math.sqrt(sum((n - mean) ** 2 for n in nums) / (len(nums) - 1))
    elif "StandardDeviation" in want and nums:
        sd = 0.0
    out["StandardDeviation"] = sd
    out["Property"] = prop
    return out


def _extreme(values: list[Any], sign: int) -> Any:
    # Numbers compare as numbers (PowerShell reports them as doubles); anything else as itself.
    nums = [_number(v) for v in values]
    if values and all(n is not None for n in nums):
        return max(nums) if sign > 0 else min(nums)
    best = None
    for v in values:
        if v is not None and (best is None or compare(v, best) * sign > 0):
            best = v
    return best


def _text(values: list[Any], ctx: CmdletContext, prop: str | None) -> PSObject:
    lines = words = chars = 0
    skip_ws = bool(ctx.bound.get("IgnoreWhiteSpace"))
    for v in values:
        s = to_string(v)
        lines += len(s.splitlines())
        words += len(s.split())
        chars += len("".join(s.split())) if skip_ws else len(s)
    out = PSObject(type_names=(TEXT,))
    out["Lines"] = lines if ctx.bound.get("Line") else None
    out["Words"] = words if ctx.bound.get("Word") else None
    out["Characters"] = chars if ctx.bound.get("Character") else None
    out["Property"] = prop
    return out


def measure_object(ctx: CmdletContext) -> Iterator[Any]:
    """Measure-Object: one result per -Property (or one for the objects themselves)."""
    want = {s for s in _STATS if ctx.bound.get(s)}
    if ctx.bound.get("AllStats"):
        want = set(_STATS)
    text = any(ctx.bound.get(s) for s in ("Line", "Word", "Character"))
    props = [to_string(p) for p in as_list(ctx.bound.get("Property"))]
    items = list(input_items(ctx))
    if not props:
        values = [v for v in items if v is not None]
        yield _text(values, ctx, None) if text else _generic(values, want, None)
        return
    for prop in props:
        present = [i for i in items if _has(i, prop)]
        if not present and items:
            report(ctx, f'The property "{prop}" cannot be found in the input for any objects.')
            continue
        values = [get_property(i, prop) for i in present]
        if not text:
            values = [v for v in values if v is not None]
        yield _text(values, ctx, prop) if text else _generic(values, want, prop)


def _has(item: Any, prop: str) -> bool:
    if is_collection(item):
        return any(_has(i, prop) for i in enumerate_items(item))
    if isinstance(item, PSObject) or hasattr(item, "__dict__") or isinstance(item, dict):
        return prop.lower() in (n.lower() for n in property_names(item))
    return get_property(item, prop) is not None


CMDLETS = {"Measure-Object": measure_object}
