"""Property specs shared by Select-Object, Sort-Object, Group-Object, Measure-Object."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..api import CmdletError
from ..objects import PSObject
from ..values import get_property, to_string, wildcard_regex


def hash_get(table: Mapping, *keys: str) -> Any:
    """A hashtable entry by any of its accepted names, in any letter case."""
    wanted = {k.lower() for k in keys}
    for key, value in table.items():
        if str(key).lower() in wanted:
            return value
    return None


def hash_has(table: Mapping, *keys: str) -> bool:
    """Whether a hashtable has any of these keys, in any letter case."""
    wanted = {k.lower() for k in keys}
    return any(str(k).lower() in wanted for k in table)


def is_block(value: Any) -> bool:
    """A script block: it has source text and can be invoked."""
    return hasattr(value, "invoke") and isinstance(getattr(value, "text", None), str)


def first_or_list(results: list[Any]) -> Any:
    """A script block's output as PowerShell assigns it: one value, else an array."""
    if not results:
        return None
    return results[0] if len(results) == 1 else list(results)


def evaluator(expr: Any) -> Callable[[Any], Any]:
    """A property name or script block as a function of the current object."""
    if is_block(expr):
        return lambda item: first_or_list(expr.invoke(dollar_under=item))
    name = to_string(expr)
    return lambda item: get_property(item, name)


def property_names(obj: Any) -> list[str]:
    """The names a wildcard property spec can match."""
    if isinstance(obj, PSObject):
        return obj.names()
    if isinstance(obj, Mapping):
        return [str(k) for k in obj]
    return [n for n in getattr(obj, "__dict__", {}) if not n.startswith("_")]


def has_wildcard(name: str) -> bool:
    """Whether a property name is a pattern."""
    return any(c in name for c in "*?[")


def calculated(spec: Mapping) -> tuple[str, Callable[[Any], Any]]:
    """A calculated property `@{n='X'; e={...}}`: its name and value function."""
    expr = hash_get(spec, "Expression", "e")
    if expr is None:
        raise CmdletError("The Expression key of a calculated property is missing.")
    name = hash_get(spec, "Name", "n", "Label", "l")
    if name is None:
        name = expr.text.strip() if is_block(expr) else to_string(expr)
    return to_string(name), evaluator(expr)


def expand_names(specs: list[Any], obj: Any) -> list[tuple[str, Callable[[Any], Any]]]:
    """Property specs resolved against one object: names, wildcards, calculated."""
    out: list[tuple[str, Callable[[Any], Any]]] = []
    seen: set[str] = set()
    for spec in specs:
        if isinstance(spec, Mapping):
            pairs = [calculated(spec)]
        elif is_block(spec):
            pairs = [(spec.text.strip(), evaluator(spec))]
        elif has_wildcard(to_string(spec)):
            rx = wildcard_regex(to_string(spec))
            pairs = [(n, evaluator(n)) for n in property_names(obj) if rx.fullmatch(n)]
        else:
            name = to_string(spec)
            pairs = [(name, evaluator(name))]
        for name, fn in pairs:
            if name.lower() not in seen:
                seen.add(name.lower())
                out.append((name, fn))
    return out
