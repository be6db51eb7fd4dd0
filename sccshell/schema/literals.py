"""Parse the text forms PowerShell and Exchange accept for numbers, dates, time spans, sizes, GUIDs."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import cache


def _lazy(pattern: str, flags: int = 0):
    """A compile-on-first-use pattern: most runs never parse a date or a size."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


MULTIPLIERS = {"kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40, "pb": 2**50}

_NUMBER = _lazy(
    r"""^\s*(?P<sign>[+-])?
    (?: 0x(?P<hex>[0-9a-f]+)
      | (?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:e(?P<exp>[+-]?\d+))? )
    (?P<mult>kb|mb|gb|tb|pb)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_number(text: str) -> int | float | None:
    """A number as PowerShell converts a string: 42, -1.5, 0x1F, 1,000, 10MB."""
    match = _NUMBER().match(text)
    if match is None:
        return None
    if match["hex"]:
        value: int | float = int(match["hex"], 16)
    else:
        digits = match["num"].replace(",", "")
        if "." in digits or match["exp"]:
            value = float(digits + (f"e{match['exp']}" if match["exp"] else ""))
        else:
            value = int(digits)
    if match["mult"]:
        value = value * MULTIPLIERS[match["mult"].lower()]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    return -value if match["sign"] == "-" else value


def round_half_even(value: float) -> int:
    """.NET's conversion of a double to an integer type."""
    return int(round(value))


# --- sizes -------------------------------------------------------------------

_UNITS = {"b": 1, "kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40, "pb": 2**50}
_SIZE = _lazy(
    r"""^\s*(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>b|kb|mb|gb|tb|pb)?
    \s*(?:\(\s*(?P<bytes>[\d,.\s]+?)\s*bytes?\s*\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_byte_size(text: str) -> int | None:
    """Bytes in an Exchange ByteQuantifiedSize string: '50GB', '50 GB', '1.5 MB', 1024,
    '50 GB (53,687,091,200 bytes)' (the form Exchange itself displays)."""
    match = _SIZE().match(text)
    if match is None:
        return None
    if match["bytes"]:
        digits = re.sub(r"[,.\s]", "", match["bytes"])
        if digits.isdigit():
            return int(digits)
    number = float(match["num"].replace(",", "."))
    unit = (match["unit"] or "b").lower()
    return int(number * _UNITS[unit])


# --- time spans --------------------------------------------------------------

_SPAN = _lazy(
    r"^\s*(?P<sign>-)?(?:(?P<days>\d+)\.)?(?P<h>\d{1,2}):(?P<m>\d{1,2})"
    r"(?::(?P<s>\d{1,2})(?:\.(?P<f>\d{1,7}))?)?\s*$"
)
_SPAN_COLONS = _lazy(  # d:hh:mm:ss, which .NET also reads
    r"^\s*(?P<sign>-)?(?P<days>\d+):(?P<h>\d{1,2}):(?P<m>\d{1,2}):(?P<s>\d{1,2})"
    r"(?:\.(?P<f>\d{1,7}))?\s*$"
)
_SPAN_DAYS = _lazy(r"^\s*(?P<sign>-)?(?P<days>\d+)\s*$")


def parse_timespan(text: str) -> timedelta | None:
    """A .NET TimeSpan string: 'd.hh:mm:ss[.fffffff]', 'hh:mm[:ss]', 'd:hh:mm:ss', 'd' (days)."""
    match = _SPAN_DAYS().match(text)
    if match:
        span = timedelta(days=int(match["days"]))
        return -span if match["sign"] else span
    match = _SPAN().match(text) or _SPAN_COLONS().match(text)
    if match is None:
        return None
    hours, minutes, seconds = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    fraction = float("0." + match["f"]) if match["f"] else 0.0
    span = timedelta(
        days=int(match["days"] or 0), hours=hours, minutes=minutes, seconds=seconds + fraction
    )
    return -span if match["sign"] else span


# --- dates -------------------------------------------------------------------

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"""(?:[\sT,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<F>\d{1,7}))?)?
    \s*(?P<ampm>[ap]\.?m\.?)?)?
    \s*(?P<tz>z|utc|gmt|[+-]\d{2}:?\d{2})?"""
_NUMERIC_DATE = _lazy(
    rf"^\s*{_WEEKDAY}(?P<a>\d{{1,4}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{1,4}})\.?{_TIME}\s*$",
    re.IGNORECASE | re.VERBOSE,
)
_NAMED_MONTH_FIRST = _lazy(
    rf"^\s*{_WEEKDAY}(?P<mon>[a-z]+)\.?[\s-]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[\s-]+(?P<year>\d{{4}}){_TIME}\s*$",
    re.IGNORECASE | re.VERBOSE,
)
_NAMED_DAY_FIRST = _lazy(
    rf"^\s*{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?[\s-]+(?P<mon>[a-z]+)\.?,?[\s-]+(?P<year>\d{{4}}){_TIME}\s*$",
    re.IGNORECASE | re.VERBOSE,
)
_TIME_ONLY = _lazy(rf"^{_TIME}\s*$", re.IGNORECASE | re.VERBOSE)

DATE_EXAMPLES = '2026-01-31, 01/31/2026 or "01/31/2026 9:00 AM"'


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        # .NET's two-digit year window: 00-29 -> 2000s, 30-99 -> 1900s.
        year += 2000 if year < 30 else 1900
    return year


def _time_of(match: re.Match) -> tuple[int, int, int, int, timezone | None] | None:
    if match["H"] is None:
        hour = minute = second = micro = 0
    else:
        hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
        micro = int((match["F"] or "0").ljust(6, "0")[:6])
        ampm = (match["ampm"] or "").replace(".", "").lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 23 or minute > 59 or second > 59:
            return None
    tz = None
    mark = (match["tz"] or "").lower()
    if mark in ("z", "utc", "gmt"):
        tz = timezone.utc
    elif mark:
        digits = mark[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        tz = timezone(-offset if mark[0] == "-" else offset)
    return hour, minute, second, micro, tz


def _make(year: int, month: int, day: int, match: re.Match) -> datetime | None:
    clock = _time_of(match)
    if clock is None:
        return None
    hour, minute, second, micro, tz = clock
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """A date as a person types it for a DateTime parameter, in any common format.

    Exchange parses dates in the culture of the machine running the command, so
    both month-first (01/31/2026) and day-first (31/01/2026) orders are accepted.
    """
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "zZ" else text)
    except ValueError:
        pass
    match = _NUMERIC_DATE().match(text)
    if match:
        a, b, c = match["a"], match["b"], match["c"]
        if len(a) == 4:  # yyyy-MM-dd, yyyy/MM/dd
            return _make(int(a), int(b), int(c), match)
        if len(a) > 2:
            return None
        year = _year(c)
        return _make(year, int(a), int(b), match) or _make(year, int(b), int(a), match)
    for pattern in (_NAMED_MONTH_FIRST, _NAMED_DAY_FIRST):
        match = pattern().match(text)
        if match:
            month = _MONTHS.get(match["mon"].lower())
            if month is None:
                return None
            return _make(int(match["year"]), month, int(match["day"]), match)
    match = _TIME_ONLY().match(" " + text)
    if match and match["H"] is not None:
        today = datetime.now()
        return _make(today.year, today.month, today.day, match)
    return None


# --- GUIDs -------------------------------------------------------------------

_GUID = _lazy(
    r"^\s*[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[})]?\s*$",
    re.IGNORECASE,
)


def is_guid(text: str) -> bool:
    return _GUID().match(text) is not None
