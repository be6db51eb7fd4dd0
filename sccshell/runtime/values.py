"""PowerShell's value semantics: property access, conversions, comparison, wildcards.

Everything the evaluator, the local cmdlets and the output layer need to treat Python
values (str, int, float, bool, None, datetime, list, dict, PSObject) the way PowerShell
treats its .NET objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from .objects import PSObject

__all__ = [
    "SecureString",
    "compare",
    "enumerate_items",
    "equals",
    "get_property",
    "is_collection",
    "like",
    "to_bool",
    "to_number",
    "to_string",
    "wildcard_regex",
    "format_number",
    "format_datetime",
    "quota_bytes",
]


class SecureString:
    """An opaque secret: prints as its type name, never as its text."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def reveal(self) -> str:
        """The plain text, for the one place that must send it (authentication)."""
        return self._text

    @property
    def Length(self) -> int:  # noqa: N802 - the .NET property name
        return len(self._text)

    def __str__(self) -> str:
        return "System.Security.SecureString"

    __repr__ = __str__


# --- collections ---------------------------------------------------------------------


def is_collection(value: Any) -> bool:
    """True for what the pipeline unrolls: lists, tuples, sets, generators, iterators."""
    if isinstance(value, (str, bytes, Mapping, PSObject, SecureString)):
        return False
    if isinstance(value, (list, tuple, set, frozenset, range)):
        return True
    return isinstance(value, Iterator)


def enumerate_items(value: Any) -> Iterator[Any]:
    """Unroll one level, as the pipeline does; None yields nothing, a scalar itself."""
    if value is None:
        return
    if is_collection(value):
        yield from value
    else:
        yield value


# --- properties ----------------------------------------------------------------------

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _datetime_property(value: datetime | date, name: str) -> Any:
    key = name.lower()
    if key == "dayofweek":
        return _DAY_NAMES[value.weekday()]
    if key == "date":
        return datetime(value.year, value.month, value.day)
    if key == "dayofyear":
        return value.timetuple().tm_yday
    if key == "millisecond":
        return getattr(value, "microsecond", 0) // 1000
    if key == "ticks" and isinstance(value, datetime):
        return (
            int((value.replace(tzinfo=None) - datetime(1, 1, 1)) / timedelta(microseconds=1)) * 10
        )
    if key in ("year", "month", "day", "hour", "minute", "second"):
        return getattr(value, key, 0)
    return None


_TIMESPAN_PROPS = {
    "days": lambda t: t.days if t >= timedelta(0) else -((-t).days),
    "hours": lambda t: int(t.total_seconds() // 3600) % 24 if t >= timedelta(0) else 0,
    "minutes": lambda t: int(t.total_seconds() // 60) % 60 if t >= timedelta(0) else 0,
    "seconds": lambda t: int(t.total_seconds()) % 60 if t >= timedelta(0) else 0,
    "totaldays": lambda t: t.total_seconds() / 86400,
    "totalhours": lambda t: t.total_seconds() / 3600,
    "totalminutes": lambda t: t.total_seconds() / 60,
    "totalseconds": lambda t: t.total_seconds(),
    "totalmilliseconds": lambda t: t.total_seconds() * 1000,
}


def get_property(obj: Any, name: str) -> Any:
    """`$obj.Name`: PSObject/dict keys in any case, a few .NET properties; missing -> None."""
    key = name.lower()
    if isinstance(obj, PSObject):
        if name in obj:
            return obj[name]
    elif isinstance(obj, Mapping):
        found = _mapping_get(obj, name)
        if found is not _MISSING:
            return found
        if key in ("count", "keys", "values"):
            return {"count": len(obj), "keys": list(obj.keys()), "values": list(obj.values())}[key]
    elif isinstance(obj, (datetime, date)):
        return _datetime_property(obj, name)
    elif isinstance(obj, timedelta):
        getter = _TIMESPAN_PROPS.get(key)
        return getter(obj) if getter else None
    elif isinstance(obj, str):
        if key == "length":
            return len(obj)
    elif isinstance(obj, (list, tuple)):
        if key in ("count", "length"):
            return len(obj)
        # member enumeration: @($a, $b).Name gives each item's Name
        found = [get_property(item, name) for item in obj]
        found = [f for f in found if f is not None]
        return found or None
    elif isinstance(obj, SecureString) and key == "length":
        return obj.Length
    elif obj is not None and not isinstance(obj, (int, float, bool)):
        attr = getattr(obj, name, _MISSING)
        if attr is not _MISSING and not callable(attr):
            return attr
    if key in ("count", "length"):
        return 0 if obj is None else 1
    return None


_MISSING = object()


def _mapping_get(mapping: Mapping, name: str) -> Any:
    if name in mapping:
        return mapping[name]
    lowered = name.lower()
    for k, v in mapping.items():
        if isinstance(k, str) and k.lower() == lowered:
            return v
    return _MISSING


# --- strings -------------------------------------------------------------------------


def format_datetime(value: datetime | date) -> str:
    """en-US general format: 1/31/2026 9:05:00 AM."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    hour = value.hour % 12 or 12
    ampm = "AM" if value.hour < 12 else "PM"
    return f"{value.month}/{value.day}/{value.year} {hour}:{value.minute:02d}:{value.second:02d} {ampm}"


def culture_string(value: Any) -> str:
    """.NET's ToString() in en-US, as Export-Csv and table cells write a value."""
    if isinstance(value, (datetime, date)):
        return format_datetime(value)
    return to_string(value)


def invariant_datetime(value: datetime | date) -> str:
    """How "$date" reads: the invariant culture, 01/31/2026 09:05:00."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value.strftime("%m/%d/%Y %H:%M:%S")


def long_datetime(value: datetime | date) -> str:
    """How a date on its own prints (en-US): Saturday, January 31, 2026 9:05:00 AM."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    day = f"{value:%A}, {value:%B} {value.day}, {value.year}"
    return f"{day} {format_datetime(value).split(' ', 1)[1]}"


def format_number(value: float) -> str:
    """A double as PowerShell prints it: 3 for 3.0, 2.5, 1E+20 for huge values."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exp = text.split("e")
        sign = "-" if exp.startswith("-") else "+"
        return f"{mantissa.removesuffix('.0')}E{sign}{exp.lstrip('+-').zfill(2)}"
    return text


def _timespan_string(value: timedelta) -> str:
    negative = value < timedelta(0)
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if value.days:
        text = f"{value.days}.{text}"
    if value.microseconds:
        text += f".{value.microseconds * 10:07d}"
    return ("-" if negative else "") + text


def compile_regex(text: str, flags: int = 0) -> re.Pattern[str]:
    """TEXT as a regular expression; ValueError with PowerShell's message when it is not one."""
    try:
        return re.compile(text, flags)
    except re.error as err:
        raise ValueError(f"The regular expression pattern {text} is not valid: {err}") from None


def _join_items(items: Any, open_lists: set[int]) -> str:
    """A collection's items joined by spaces; a list that holds itself prints its type name."""
    open_lists.add(id(items))
    parts = []
    for item in items:
        if isinstance(item, (list, tuple, set, frozenset)):
            parts.append(
                "System.Object[]" if id(item) in open_lists else _join_items(item, open_lists)
            )
        else:
            parts.append(to_string(item))
    open_lists.discard(id(items))
    return " ".join(parts)


def to_string(value: Any) -> str:
    """PowerShell's conversion of a value to text ("$value")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, (datetime, date)):
        return invariant_datetime(value)
    if isinstance(value, timedelta):
        return _timespan_string(value)
    if isinstance(value, PSObject):
        if value.type_names[0].startswith("Deserialized.") and "Identity" in value:
            # A service object prints as its Identity, as the deserialized .NET type does.
            return to_string(value["Identity"])
        if "System.Exception" in value.type_names and "Message" in value:
            return to_string(value["Message"])
        if value.type_names[0].endswith(".ErrorRecord") and "Exception" in value:
            return to_string(value["Exception"])  # "$_" in a catch block is its message
        inner = "; ".join(f"{k}={to_string(v)}" for k, v in value.items())
        return f"@{{{inner}}}"
    if isinstance(value, Mapping):
        return getattr(value, "type_name", "System.Collections.Hashtable")
    if isinstance(value, (list, tuple, set, frozenset, range)):
        return _join_items(value, set())
    text = getattr(value, "text", None)
    if isinstance(text, str) and hasattr(value, "invoke"):
        return text  # a script block prints as its source
    return str(value)


# --- truth and numbers ---------------------------------------------------------------


def to_bool(value: Any) -> bool:
    """PowerShell truthiness: "", 0, $null, @() are false; "False" is true."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value != ""
    if isinstance(value, SecureString):
        return True
    if isinstance(value, (list, tuple)):
        if len(value) == 0:
            return False
        if len(value) == 1:
            return to_bool(value[0])
        return True
    if isinstance(value, timedelta):
        return True
    return True


_NUMBER_RE = re.compile(
    r"^\s*([+-]?)(0x[0-9a-f]+|\d[\d_]*(\.\d*)?(e[+-]?\d+)?|\.\d+(e[+-]?\d+)?)\s*$", re.I
)
_MULTIPLIERS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}


def to_number(value: Any) -> int | float:
    """Convert to int or float as PowerShell's arithmetic does; ValueError if it cannot."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0
        multiplier = 1
        low = text.lower()
        if low[-2:] in _MULTIPLIERS and len(low) > 2:
            multiplier = _MULTIPLIERS[low[-2:]]
            text = text[:-2]
        match = _NUMBER_RE.match(text)
        if match:
            sign, body = match.group(1), match.group(2).replace("_", "")
            if body.lower().startswith("0x"):
                number: int | float = int(body, 16)
            elif any(c in body for c in ".eE"):
                number = float(body)
            else:
                number = int(body)
            number = -number if sign == "-" else number
            return number * multiplier
        raise ValueError(
            f'Cannot convert value "{value}" to type "System.Int32". Input string was not in a correct format.'
        )
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return to_number(value[0])
    type_name = type(value).__name__
    raise ValueError(
        f'Cannot convert value "{to_string(value)}" of type "{type_name}" to a number.'
    )


# --- quota strings -------------------------------------------------------------------

_QUOTA_RE = re.compile(r"\(([\d,]+) bytes\)")


def quota_bytes(value: Any) -> int | None:
    """The byte count of an Exchange quota string "99 GB (106,300,440,576 bytes)"."""
    if isinstance(value, str):
        match = _QUOTA_RE.search(value)
        if match:
            return int(match.group(1).replace(",", ""))
    return None


# --- comparison ----------------------------------------------------------------------


def _to_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        from .datetimes import parse_datetime  # local import: only needed for conversions

        return parse_datetime(value)
    raise ValueError(f'Cannot convert value "{to_string(value)}" to type "System.DateTime".')


def _naive_pair(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    # mixing aware and naive datetimes: compare wall-clock values rather than fail
    if (a.tzinfo is None) != (b.tzinfo is None):
        return a.replace(tzinfo=None), b.replace(tzinfo=None)
    return a, b


def _cmp(a: Any, b: Any) -> int:
    return (a > b) - (a < b)


def _coerce_pair(a: Any, b: Any, case_sensitive: bool) -> tuple[Any, Any]:
    """Convert the right operand to the left's type, as PowerShell does."""
    qa, qb = quota_bytes(a), quota_bytes(b)
    if qa is not None and (
        qb is not None or isinstance(b, (int, float)) and not isinstance(b, bool)
    ):
        return qa, qb if qb is not None else b
    if qb is not None and isinstance(a, (int, float)) and not isinstance(a, bool):
        return a, qb
    if isinstance(a, bool):
        return a, to_bool(b)
    if isinstance(a, (int, float)):
        try:
            return a, to_number(b)
        except ValueError:
            return to_string(a).lower(), to_string(b).lower()
    if isinstance(a, (datetime, date)):
        return _naive_pair(_to_datetime(a), _to_datetime(b))
    if isinstance(a, timedelta) and isinstance(b, timedelta):
        return a, b
    left, right = to_string(a), to_string(b)
    if not case_sensitive:
        left, right = left.lower(), right.lower()
    return left, right


def compare(a: Any, b: Any, case_sensitive: bool = False) -> int:
    """-1, 0 or 1; the left operand's type decides how the right is converted."""
    if a is None and b is None:
        return 0
    if a is None:
        return -1
    if b is None:
        return 1
    left, right = _coerce_pair(a, b, case_sensitive)
    return _cmp(left, right)


def equals(a: Any, b: Any, case_sensitive: bool = False) -> bool:
    """`a -eq b` for two scalars (no filtering); $null equals only $null."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (PSObject, Mapping)) or isinstance(b, (PSObject, Mapping)):
        return a is b or (type(a) is type(b) and a == b)
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return a is b
    try:
        left, right = _coerce_pair(a, b, case_sensitive)
    except ValueError:
        return False
    return left == right


# --- wildcards -----------------------------------------------------------------------


@lru_cache(maxsize=512)
def wildcard_regex(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """Compile a PowerShell wildcard (* ? [a-c], backtick escapes) to an anchored regex."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "`" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    flags = re.DOTALL if case_sensitive else re.DOTALL | re.IGNORECASE
    return re.compile("".join(out) + r"\Z", flags)


def like(value: Any, pattern: Any, case_sensitive: bool = False) -> bool:
    """`value -like pattern` for one scalar."""
    return wildcard_regex(to_string(pattern), case_sensitive).match(to_string(value)) is not None
