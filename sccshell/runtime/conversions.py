"""Types by name: casts ([int]$x), -is / -as, and the TypeRef value a `[type]` literal gives."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from .hashtable import Hashtable
from .objects import PSObject
from .values import (
    SecureString,
    _to_datetime,
    compile_regex,
    is_collection,
    to_bool,
    to_number,
    to_string,
)

__all__ = ["TypeRef", "cast", "is_instance", "normalize_type", "try_cast"]

# Accelerators and full names, folded to one short name each.
_ALIASES = {
    "system.string": "string",
    "system.int32": "int",
    "int32": "int",
    "system.int64": "long",
    "int64": "long",
    "system.double": "double",
    "float": "double",
    "single": "double",
    "decimal": "double",
    "system.boolean": "bool",
    "boolean": "bool",
    "system.datetime": "datetime",
    "system.object": "object",
    "psobject": "pscustomobject",
    "system.management.automation.pscustomobject": "pscustomobject",
    "system.collections.hashtable": "hashtable",
    "system.array": "array",
    "object[]": "array",
    "system.object[]": "array",
    "system.guid": "guid",
    "system.timespan": "timespan",
    "system.char": "char",
    "system.math": "math",
    "switch": "bool",
    "system.management.automation.switchparameter": "bool",
    "securestring": "securestring",
    "system.security.securestring": "securestring",
    "scriptblock": "scriptblock",
    "regex": "regex",
    "system.text.regularexpressions.regex": "regex",
    "system.collections.arraylist": "array",
    "collections.arraylist": "array",
    "system.collections.generic.list[object]": "array",
    "system.collections.generic.list[string]": "string[]",
    "void": "void",
}

_FULL_NAMES = {
    "string": "System.String",
    "int": "System.Int32",
    "long": "System.Int64",
    "double": "System.Double",
    "bool": "System.Boolean",
    "datetime": "System.DateTime",
    "object": "System.Object",
    "array": "System.Object[]",
    "hashtable": "System.Collections.Hashtable",
    "pscustomobject": "System.Management.Automation.PSCustomObject",
    "guid": "System.Guid",
    "timespan": "System.TimeSpan",
    "math": "System.Math",
}


def normalize_type(name: str) -> str:
    """The short lowercase name a type is known by here: 'System.Int32' -> 'int'."""
    low = name.strip().lower()
    return _ALIASES.get(low, _ALIASES.get("system." + low, low))


class TypeRef:
    """The value of `[string]`: a type, for -is/-as, casts and static members."""

    __slots__ = ("name", "key")

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = normalize_type(name)

    @property
    def FullName(self) -> str:  # noqa: N802 - the .NET property name
        return _FULL_NAMES.get(self.key, self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypeRef) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return self.FullName

    __repr__ = __str__


def _to_int(value: Any, bits: int = 32) -> int:
    number = to_number(value)
    if isinstance(number, float):
        if math.isnan(number) or math.isinf(number):
            raise ValueError(f'Cannot convert value "{to_string(value)}" to type "System.Int32".')
        number = round(number)  # banker's rounding, as .NET's Convert.ToInt32
    limit = 2 ** (bits - 1)
    if not -limit <= number < limit:
        type_name = "System.Int32" if bits == 32 else "System.Int64"
        raise ValueError(
            f'Cannot convert value "{to_string(value)}" to type "{type_name}". '
            'Error: "Value was either too large or too small."'
        )
    return int(number)


_GUID_RE = re.compile(
    r"^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[)}]?$", re.I
)


def _to_timespan(value: Any) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, str):
        m = re.match(r"^(-)?(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d+))?)?$", value.strip())
        if m:
            days, h, mi, s = (int(m.group(i) or 0) for i in (2, 3, 4, 5))
            frac = float("0." + m.group(6)) if m.group(6) else 0.0
            span = timedelta(days=days, hours=h, minutes=mi, seconds=s + frac)
            return -span if m.group(1) else span
    if isinstance(value, int) and not isinstance(value, bool):
        return timedelta(microseconds=value / 10)  # ticks
    raise ValueError(f'Cannot convert value "{to_string(value)}" to type "System.TimeSpan".')


def _to_list(value: Any) -> list:
    if value is None:
        return []
    if is_collection(value):
        return list(value)
    return [value]


def cast(value: Any, type_name: str) -> Any:
    """`[type]value`; ValueError with PowerShell's message when it cannot convert."""
    key = normalize_type(type_name)
    if key.endswith("[]"):
        element = key[:-2]
        return [cast(v, element) for v in _to_list(value)]
    match key:
        case "object":
            return value
        case "array":
            return _to_list(value)
        case "string":
            return to_string(value)
        case "int" | "byte" | "int16" | "uint32" | "uint16":
            return _to_int(value)
        case "long" | "uint64":
            return _to_int(value, 64)
        case "double":
            return float(to_number(value))
        case "bool":
            return to_bool(value)
        case "char":
            if isinstance(value, int):
                if not 0 <= value <= 0xFFFF:  # a .NET char is one UTF-16 unit
                    raise ValueError(
                        f'Cannot convert value "{value}" to type "System.Char". Error: '
                        '"Value was either too large or too small for a character."'
                    )
                return chr(value)
            text = to_string(value)
            if len(text) != 1:
                raise ValueError(f'Cannot convert value "{text}" to type "System.Char".')
            return text
        case "datetime":
            return _to_datetime(value)
        case "timespan":
            return _to_timespan(value)
        case "guid":
            text = to_string(value)
            if not _GUID_RE.match(text):
                raise ValueError(f'Cannot convert value "{text}" to type "System.Guid".')
            return str(uuid.UUID(text))
        case "hashtable":
            if isinstance(value, Mapping):
                return value if isinstance(value, Hashtable) else Hashtable(value)
            if isinstance(value, PSObject):
                return Hashtable(value.items())
            raise ValueError(
                f'Cannot convert value "{to_string(value)}" to type "System.Collections.Hashtable".'
            )
        case "pscustomobject":
            if isinstance(value, Mapping):
                return PSObject({to_string(k): v for k, v in value.items()})
            return value
        case "securestring":
            return value if isinstance(value, SecureString) else SecureString(to_string(value))
        case "regex":
            return compile_regex(to_string(value), re.I)
        case "void":
            return None
        case "scriptblock":
            return value
    raise ValueError(f"Unable to find type [{type_name}].")


def try_cast(value: Any, type_name: str) -> Any:
    """`value -as [type]`: the converted value, or None when it cannot convert."""
    try:
        return cast(value, type_name)
    except (ValueError, TypeError, OverflowError):
        return None


def is_instance(value: Any, type_name: str) -> bool:
    """`value -is [type]`."""
    key = normalize_type(type_name)
    if value is None:
        return False
    match key:
        case "object":
            return True
        case "string":
            return isinstance(value, str)
        case "int" | "long":
            return isinstance(value, int) and not isinstance(value, bool)
        case "double":
            return isinstance(value, float)
        case "bool":
            return isinstance(value, bool)
        case "datetime":
            return isinstance(value, (datetime, date))
        case "timespan":
            return isinstance(value, timedelta)
        case "array":
            return isinstance(value, (list, tuple))
        case "hashtable" | "system.collections.idictionary" | "collections.idictionary":
            return isinstance(value, Mapping)
        case "pscustomobject":
            return isinstance(value, PSObject)
        case "securestring":
            return isinstance(value, SecureString)
        case "scriptblock":
            return hasattr(value, "invoke") and hasattr(value, "text")
        case "valuetype":
            return isinstance(value, (int, float, bool, datetime, timedelta))
    if key.endswith("[]"):
        return isinstance(value, (list, tuple)) and all(is_instance(v, key[:-2]) for v in value)
    if isinstance(value, PSObject):
        return any(t.lower() in (key, type_name.lower()) for t in value.type_names)
    return False
