"""Which properties an object shows, and the columns a -Property list selects."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sccshell.runtime.objects import PSObject
from sccshell.runtime.values import get_property, wildcard_regex

# A -Property entry: a name, a wildcard, a (label, callable) pair or @{Label=; Expression=}.
PropertySpec = Any


def is_annotation(name: str) -> bool:
    """True for OData annotations (`Prop@odata.type`, `@odata.context`): never shown."""
    return "@" in name


def is_record(value: Any) -> bool:
    """True for values shown by their properties (PSObject, dict); the rest are scalars."""
    return isinstance(value, (PSObject, Mapping))


def visible_items(obj: Any) -> list[tuple[str, Any]]:
    """The object's properties in order, without annotations."""
    if isinstance(obj, (PSObject, Mapping)):
        return [(str(k), v) for k, v in obj.items() if not is_annotation(str(k))]
    return []


def visible_names(obj: Any) -> list[str]:
    """The object's property names in order, without annotations."""
    return [name for name, _ in visible_items(obj)]


def type_key(obj: Any) -> str:
    """The most specific type name: objects of one type share a table."""
    if isinstance(obj, PSObject):
        return obj.type_names[0] if obj.type_names else ""
    return type(obj).__name__


@dataclass(frozen=True)
class Column:
    """One displayed property: its label, how to read it, and a fixed width if a view gives one."""

    label: str
    getter: Callable[[Any], Any]
    width: int | None = None
    align: str | None = None  # "left" | "right" | "center" from @{Alignment=...}; None: by value


def _by_name(name: str) -> Callable[[Any], Any]:
    return lambda obj: get_property(obj, name)


def is_block(value: Any) -> bool:
    """A script block: it has source text and can be invoked."""
    return hasattr(value, "invoke") and isinstance(getattr(value, "text", None), str)


def _run_block(block: Any) -> Callable[[Any], Any]:
    def value(obj: Any) -> Any:
        results = list(block.invoke(dollar_under=obj))
        if not results:
            return None
        return results[0] if len(results) == 1 else results

    return value


def _expression(expr: Any) -> Callable[[Any], Any]:
    if is_block(expr):
        return _run_block(expr)
    if callable(expr):
        return expr
    return _by_name(str(expr))


def _label_of(expr: Any) -> str:
    # PowerShell labels a script block column with the block's source text
    return expr.text.strip() if is_block(expr) else str(expr)


def _calculated(spec: Mapping) -> Column:
    lowered = {str(k).lower(): v for k, v in spec.items()}
    expr = next((lowered[k] for k in ("expression", "e") if k in lowered), None)
    label = next((lowered[k] for k in ("label", "l", "name", "n") if k in lowered), None)
    if label is None:
        label = _label_of(expr) if isinstance(expr, str) or is_block(expr) else "Expression"
    width = lowered.get("width")
    align = lowered.get("alignment") or lowered.get("align")
    return Column(
        str(label),
        _expression(expr),
        int(width) if width else None,
        str(align).lower() if align else None,
    )


def columns_for(first: Any, properties: Sequence[PropertySpec] | None) -> list[Column]:
    """Columns for -Property (wildcards expand against the first object), or all its properties."""
    names = visible_names(first)
    if properties is None:
        return [Column(n, _by_name(n)) for n in names]
    columns: list[Column] = []
    for spec in properties:
        if isinstance(spec, tuple) and len(spec) == 2:
            columns.append(Column(str(spec[0]), _expression(spec[1])))
        elif isinstance(spec, Mapping):
            columns.append(_calculated(spec))
        elif is_block(spec):
            columns.append(Column(_label_of(spec), _run_block(spec)))
        elif any(c in str(spec) for c in "*?["):
            pattern = wildcard_regex(str(spec))
            columns.extend(Column(n, _by_name(n)) for n in names if pattern.match(n))
        else:
            columns.append(Column(str(spec), _by_name(str(spec))))
    return columns


def read(column: Column, obj: Any) -> Any:
    """The column's value for obj; a failing calculated property shows empty, as in PowerShell."""
    try:
        return column.getter(obj)
    except Exception:
        return None


# Format-Wide without -Property shows the property PowerShell takes for an object's name.
_NAME_PATTERNS = ("name", "id", "key", "*key", "*name", "*id")


def display_name_column(first: Any) -> Column | None:
    """The column Format-Wide shows by default: Name, Id, Key, then *Key, *Name, *Id."""
    names = visible_names(first)
    for pattern in _NAME_PATTERNS:
        regex = wildcard_regex(pattern)
        for name in names:
            if regex.match(name):
                return Column(name, _by_name(name))
    return Column(names[0], _by_name(names[0])) if names else None
