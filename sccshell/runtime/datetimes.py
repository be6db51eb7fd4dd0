"""Parsing and formatting dates the way [datetime] and .ToString('fmt') do (en-US/invariant)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

__all__ = ["parse_datetime", "format_custom"]

_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%B %d %Y",
)


def parse_datetime(text: str) -> datetime:
    """Parse as [datetime]'text' does; ValueError with PowerShell's message otherwise."""
    s = text.strip()
    iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
    try:
        value = datetime.fromisoformat(iso)
        return value
    except ValueError:
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(s, fmt)
        except ValueError:
            continue
    raise ValueError(
        f'Cannot convert value "{text}" to type "System.DateTime". '
        "Error: \"String '" + text + "' was not recognized as a valid DateTime.\""
    )


_TOKEN_RE = re.compile(
    r"yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|fff|ff|f|tt|t|zzz|zz|z|K|'[^']*'|\"[^\"]*\"|\\.|.",
    re.S,
)
_DAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

_STANDARD = {
    "d": "M/d/yyyy",
    "D": "dddd, MMMM d, yyyy",
    "t": "h:mm tt",
    "T": "h:mm:ss tt",
    "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt",
    "g": "M/d/yyyy h:mm tt",
    "G": "M/d/yyyy h:mm:ss tt",
    "s": "yyyy-MM-ddTHH:mm:ss",
    "u": "yyyy-MM-dd HH:mm:ssZ",
    "o": "yyyy-MM-ddTHH:mm:ss.fffffffK",
    "O": "yyyy-MM-ddTHH:mm:ss.fffffffK",
    "M": "MMMM d",
    "m": "MMMM d",
    "Y": "MMMM yyyy",
    "y": "MMMM yyyy",
}


def _offset(value: datetime, colon: bool, hours_only: bool = False) -> str:
    off = value.utcoffset()
    if off is None:
        off = datetime.now(timezone.utc).astimezone().utcoffset()
    total = int(off.total_seconds() // 60) if off is not None else 0
    sign = "-" if total < 0 else "+"
    h, m = divmod(abs(total), 60)
    if hours_only:
        return f"{sign}{h:02d}"
    return f"{sign}{h:02d}:{m:02d}" if colon else f"{sign}{h:02d}{m:02d}"


def format_custom(value: datetime | date, fmt: str) -> str:
    """A .NET custom (or one-letter standard) date format: 'yyyy-MM-dd HH:mm'."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if fmt in _STANDARD:
        if fmt == "u":
            value = value.astimezone(timezone.utc) if value.tzinfo else value
        fmt = _STANDARD[fmt]
    out: list[str] = []
    for tok in _TOKEN_RE.findall(fmt):
        h12 = value.hour % 12 or 12
        match tok:
            case "yyyy":
                out.append(f"{value.year:04d}")
            case "yy":
                out.append(f"{value.year % 100:02d}")
            case "MMMM":
                out.append(_MONTH[value.month - 1])
            case "MMM":
                out.append(_MONTH[value.month - 1][:3])
            case "MM":
                out.append(f"{value.month:02d}")
            case "M":
                out.append(str(value.month))
            case "dddd":
                out.append(_DAY[value.weekday()])
            case "ddd":
                out.append(_DAY[value.weekday()][:3])
            case "dd":
                out.append(f"{value.day:02d}")
            case "d":
                out.append(str(value.day))
            case "HH":
                out.append(f"{value.hour:02d}")
            case "H":
                out.append(str(value.hour))
            case "hh":
                out.append(f"{h12:02d}")
            case "h":
                out.append(str(h12))
            case "mm":
                out.append(f"{value.minute:02d}")
            case "m":
                out.append(str(value.minute))
            case "ss":
                out.append(f"{value.second:02d}")
            case "s":
                out.append(str(value.second))
            case "fff" | "ff" | "f":
                out.append(f"{value.microsecond:06d}"[: len(tok)])
            case "tt":
                out.append("AM" if value.hour < 12 else "PM")
            case "t":
                out.append("A" if value.hour < 12 else "P")
            case "zzz":
                out.append(_offset(value, True))
            case "zz" | "z":
                out.append(_offset(value, False, hours_only=True))
            case "K":
                if value.tzinfo is not None:
                    out.append(
                        "Z"
                        if value.utcoffset() == timezone.utc.utcoffset(None)
                        else _offset(value, True)
                    )
            case _ if tok[0] in "'\"" and len(tok) >= 2:
                out.append(tok[1:-1])
            case _ if tok.startswith("\\"):
                out.append(tok[1:])
            case _:
                out.append(tok)
    return "".join(out)
