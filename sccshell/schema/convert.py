"""Check a static argument value against a parameter type and convert it as PowerShell would.

Only what is certain offline is an error: UNKNOWN values, $null and values of
types the binder does not know always pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sccshell.schema import valuetypes as T
from sccshell.schema.arguments import UNKNOWN, ScriptBlockValue
from sccshell.schema.known_enums import known_values
from sccshell.schema.literals import (
    DATE_EXAMPLES,
    is_guid,
    parse_byte_size,
    parse_datetime,
    parse_number,
    parse_timespan,
    round_half_even,
)
from sccshell.schema.suggest import distance, suggest

UNLIMITED = "Unlimited"
MAX_LISTED_VALUES = 12


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a value does not fit: the binder words it as "cannot bind 'BAD' to -Name: REASON"."""

    reason: str
    bad: Any
    suggestions: tuple[str, ...] = ()
    message: str | None = None  # a whole message instead; "{name}" is the parameter name


def display(value: Any) -> str:
    """A value as it would be written in a script, for messages."""
    if value is True:
        return "$true"
    if value is False:
        return "$false"
    if value is None:
        return "$null"
    if isinstance(value, (list, tuple)):
        return ",".join(display(v) for v in value)
    if isinstance(value, dict):
        return "@{" + "; ".join(f"{k}={display(v)}" for k, v in value.items()) + "}"
    if isinstance(value, ScriptBlockValue):
        return "{" + value.text + "}"
    return str(value)


def _values_text(values: tuple[str, ...]) -> str:
    shown = ", ".join(values[:MAX_LISTED_VALUES])
    return shown + (", …" if len(values) > MAX_LISTED_VALUES else "")


def convert(
    info: T.TypeInfo, value: Any, *, quoted: bool = False, accepted: tuple[str, ...] | None = None
) -> tuple[Any, Failure | None]:
    """(converted value, None) or (UNKNOWN, Failure)."""
    if value is UNKNOWN or value is None:
        return value, None
    if isinstance(value, dict) and info.collection and info.kind != T.HASHTABLE:
        # @{Add=...; Remove=...} edits a multivalued property in place.
        out = {}
        for key, item in value.items():
            converted, failure = _many(info, item, quoted, accepted)
            if failure:
                return UNKNOWN, failure
            out[key] = converted
        return out, None
    if isinstance(value, (list, tuple)):
        if info.collection:
            return _many(info, value, quoted, accepted)
        if len(value) == 1:
            return _one(info, value[0], quoted, accepted)
        if len(value) > 1 and info.kind not in (T.ANY, T.CREDENTIAL):
            # Unknown types may be [Flags] enums, which do take lists.
            what = info.name or info.text
            return UNKNOWN, Failure(f"takes a single {what}, not a list of {len(value)}", value)
        return _many(info, value, quoted, accepted)
    converted, failure = _one(info, value, quoted, accepted)
    if failure is None and info.collection:
        converted = [converted]
    return converted, failure


def _many(info: T.TypeInfo, value: Any, quoted: bool, accepted) -> tuple[Any, Failure | None]:
    if value is UNKNOWN or value is None:
        return value, None
    items = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for item in items:
        converted, failure = _one(info, item, quoted, accepted)
        if failure:
            return UNKNOWN, failure
        out.append(converted)
    return out, None


def _one(info: T.TypeInfo, value: Any, quoted: bool, accepted) -> tuple[Any, Failure | None]:
    if value is UNKNOWN or value is None:
        return value, None
    if not isinstance(value, (str, int, float, bool, dict)):
        # A nested list (a,(b,c)), a script block, an object the evaluator made: the
        # conversion happens at run time.
        return value, None
    try:
        converted, failure = _CHECKS.get(info.kind, _any)(info, value, quoted)
    except (ValueError, OverflowError):  # NaN, infinities, numbers no .NET type holds
        return UNKNOWN, Failure(
            f"{display(value)} is out of range for {info.name or info.text}", value
        )
    if failure is None and isinstance(value, str):
        failure = _check_values(info, value, accepted)
    return (UNKNOWN, failure) if failure else (converted, None)


def _check_values(info: T.TypeInfo, value: str, accepted) -> Failure | None:
    if accepted:
        if any(value.lower() == a.lower() for a in accepted):
            return None
        return Failure(
            f"expected one of {_values_text(accepted)}", value, tuple(suggest(value, accepted))
        )
    known = known_values(info.name) if info.kind == T.ANY and info.name else None
    if known:
        # [Flags] enums also take "A, B" in one string.
        for piece in value.split(","):
            piece = piece.strip()
            if not piece or any(piece.lower() == k.lower() for k in known):
                continue
            near = [
                s
                for s in suggest(piece, known)
                if distance(piece.lower(), s.lower()) <= max(2, len(piece) // 6)
            ]
            if near:
                return Failure(f"expected one of {_values_text(known)}", piece, tuple(near))
    return None


def _any(info, value, quoted):
    return value, None


def _string(info, value, quoted):
    if isinstance(value, bool):
        return ("True" if value else "False"), None
    if isinstance(value, (int, float)):
        return str(value), None
    return value, None


def _int(info, value, quoted):
    if isinstance(value, bool):
        number: Any = int(value)
    elif isinstance(value, (int, float)):
        number = value
    elif isinstance(value, str):
        number = parse_number(value)
        if number is None:
            return UNKNOWN, Failure(f"expected a whole number ({info.name})", value)
    else:
        return value, None
    if isinstance(number, float):
        number = round_half_even(number)
    low, high = info.bounds or (-(2**63), 2**64 - 1)
    if not low <= number <= high:
        return UNKNOWN, Failure(
            f"{number} is out of range for {info.name} ({low} to {high})", value
        )
    return number, None


def _float(info, value, quoted):
    if isinstance(value, (bool, int, float)):
        return float(value), None
    if isinstance(value, str):
        number = parse_number(value)
        if number is None:
            return UNKNOWN, Failure(f"expected a number ({info.name})", value)
        return float(number), None
    return value, None


def _bool(info, value, quoted):
    if isinstance(value, bool):
        return value, None
    if isinstance(value, (int, float)):
        return bool(value), None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("true", "false", "$true", "$false"):
            fix = "$true" if "true" in word else "$false"
            return UNKNOWN, Failure(
                "",
                value,
                (fix,),
                message=f"-{{name}} is a Boolean parameter: write {fix}, not {value}",
            )
        return UNKNOWN, Failure(
            "a Boolean parameter accepts only $true, $false, 1 or 0", value, ("$true", "$false")
        )
    return UNKNOWN, Failure("a Boolean parameter accepts only $true, $false, 1 or 0", value)


def _switch(info, value, quoted):
    if isinstance(value, (bool, int, float)):
        return bool(value), None
    return UNKNOWN, Failure(
        "", value, message="-{name} is a switch: write -{name} or -{name}:$false"
    )


def _datetime(info, value, quoted):
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            return UNKNOWN, Failure(f"expected a date such as {DATE_EXAMPLES}", value)
        return parsed, None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return UNKNOWN, Failure(f"expected a date such as {DATE_EXAMPLES}", value)
    return value, None  # ticks


def _timespan(info, value, quoted):
    if isinstance(value, str):
        parsed = parse_timespan(value)
        if parsed is None:
            return UNKNOWN, Failure(
                'expected a time span such as "1.00:00:00" (1 day) or "00:30:00" (30 minutes)',
                value,
            )
        return parsed, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(microseconds=value / 10), None  # ticks of 100 ns
    return UNKNOWN, Failure('expected a time span such as "1.00:00:00"', value)


_SIZE_EXAMPLES = 'expected a size such as 50GB, "50 GB" or 10MB'


def _bytesize(info, value, quoted):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            return UNKNOWN, Failure("a size cannot be negative", value)
        return int(value), None
    if isinstance(value, str):
        parsed = parse_byte_size(value)
        if parsed is None:
            return UNKNOWN, Failure(_SIZE_EXAMPLES, value)
        return parsed, None
    return UNKNOWN, Failure(_SIZE_EXAMPLES, value)


_INNER_WORDS = {T.INT: "a number", T.BYTESIZE: "a size such as 50GB", T.TIMESPAN: "a time span"}


def _unlimited(info, value, quoted):
    if isinstance(value, str) and value.strip().lower() == "unlimited":
        return UNLIMITED, None
    for kind in info.inner:
        inner = T.TypeInfo(info.text, kind, name="Int32" if kind == T.INT else info.name)
        converted, failure = _CHECKS[kind](inner, value, quoted)
        if failure is None:
            return converted, None
    words = [_INNER_WORDS[k] for k in info.inner]
    reason = "expected " + ", ".join(words) + " or Unlimited"
    near = suggest(value, [UNLIMITED]) if isinstance(value, str) else []
    return UNKNOWN, Failure(reason, value, tuple(near))


def _guid(info, value, quoted):
    if isinstance(value, str) and is_guid(value):
        return value.strip(), None
    return UNKNOWN, Failure("expected a GUID such as 8c2f29b8-4a3d-4f6e-9a4b-1c2d3e4f5a6b", value)


def _smtp(info, value, quoted):
    if isinstance(value, str) and "@" in value:
        return value, None
    return UNKNOWN, Failure("expected an email address such as user@contoso.com", value)


def _hashtable(info, value, quoted):
    if isinstance(value, dict):
        return value, None
    if isinstance(value, (str, int, float, bool)):
        return UNKNOWN, Failure("expected a hashtable such as @{Name='Value'}", value)
    return value, None


def _securestring(info, value, quoted):
    if isinstance(value, str):
        return UNKNOWN, Failure(
            "",
            value,
            message=(
                "-{name} needs a SecureString, not plain text: use "
                "(ConvertTo-SecureString -String '...' -AsPlainText -Force) "
                "or (Read-Host -AsSecureString)"
            ),
        )
    return value, None


_CHECKS = {
    T.ANY: _any,
    T.STRING: _string,
    T.INT: _int,
    T.FLOAT: _float,
    T.BOOL: _bool,
    T.SWITCH: _switch,
    T.DATETIME: _datetime,
    T.TIMESPAN: _timespan,
    T.BYTESIZE: _bytesize,
    T.UNLIMITED: _unlimited,
    T.GUID: _guid,
    T.SMTP: _smtp,
    T.HASHTABLE: _hashtable,
    T.SECURESTRING: _securestring,
    T.CREDENTIAL: _any,
    T.ID: _any,
}
