"""Get-Date, New-TimeSpan, Start-Sleep."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ..api import CmdletContext, CmdletError
from ..datetimes import format_custom, parse_datetime
from ..values import to_number, to_string

_DAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def to_datetime(value: Any) -> datetime:
    """A -Date argument as a datetime (strings parsed as [datetime] does)."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    try:
        return parse_datetime(to_string(value))
    except ValueError as exc:
        raise CmdletError(str(exc)) from exc


def _uformat(value: datetime, fmt: str) -> str:
    """-UFormat: the Unix strftime subset PowerShell documents."""
    out: list[str] = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 == len(fmt):
            out.append(c)
            i += 1
            continue
        code = fmt[i + 1]
        i += 2
        out.append(_ucode(value, code))
    return "".join(out)


def _ucode(v: datetime, code: str) -> str:
    simple = {
        "Y": f"{v.year:04d}", "y": f"{v.year % 100:02d}", "m": f"{v.month:02d}",
        "d": f"{v.day:02d}", "e": f"{v.day:>2}", "H": f"{v.hour:02d}", "M": f"{v.minute:02d}",
        "S": f"{v.second:02d}", "I": f"{(v.hour % 12) or 12:02d}", "p": "AM" if v.hour < 12 else "PM",
        "A": _DAY[v.weekday()], "a": _DAY[v.weekday()][:3], "B": v.strftime("%B"),
        "b": v.strftime("%b"), "h": v.strftime("%b"), "j": f"{v.timetuple().tm_yday:03d}",
        "u": str(v.isoweekday()), "w": str((v.weekday() + 1) % 7), "V": f"{v.isocalendar()[1]:02d}",
        "G": str(v.isocalendar()[0]), "D": v.strftime("%m/%d/%y"), "T": v.strftime("%H:%M:%S"),
        "R": v.strftime("%H:%M"), "r": v.strftime("%I:%M:%S %p"), "x": v.strftime("%m/%d/%y"),
        "X": v.strftime("%H:%M:%S"), "c": v.strftime("%a %b %d %H:%M:%S %Y"), "n": "\n", "t": "\t",
        "%": "%", "C": f"{v.year // 100:02d}", "g": f"{v.isocalendar()[0] % 100:02d}",
        "k": f"{v.hour:>2}", "l": f"{(v.hour % 12) or 12:>2}",
    }  # fmt: skip
    if code in simple:
        return simple[code]
    if code == "s":
        aware = v if v.tzinfo else v.astimezone()
        return str(int(aware.timestamp()))
    if code == "Z":
        off = (v if v.tzinfo else v.astimezone()).utcoffset() or timedelta(0)
        hours = int(off.total_seconds() // 3600)
        return f"{'-' if hours < 0 else '+'}{abs(hours):02d}"
    return "%" + code


def get_date(ctx: CmdletContext) -> Iterator[Any]:
    """Get-Date: now or -Date, with parts replaced, as a datetime or formatted text."""
    b = ctx.bound
    if "UnixTimeSeconds" in b:
        value = datetime.fromtimestamp(int(to_number(b["UnixTimeSeconds"])), timezone.utc)
        value = value.astimezone().replace(tzinfo=None)
    elif "Date" in b:
        value = to_datetime(b["Date"])
    else:
        value = datetime.now()
    parts = {}
    for param, attr in (("Year", "year"), ("Month", "month"), ("Day", "day"), ("Hour", "hour"),
                        ("Minute", "minute"), ("Second", "second")):  # fmt: skip
        if param in b:
            parts[attr] = int(to_number(b[param]))
    if "Millisecond" in b:
        parts["microsecond"] = int(to_number(b["Millisecond"])) * 1000
    try:
        value = value.replace(**parts)
    except ValueError as exc:
        raise CmdletError(f"Cannot set the date: {exc}.") from exc
    if b.get("AsUTC"):
        value = (
            value.astimezone(timezone.utc)
            if value.tzinfo
            else value.astimezone().astimezone(timezone.utc)
        )
    if "Format" in b:
        fmt = to_string(b["Format"])
        if fmt.lower() == "filedatetime":
            fmt = "yyyyMMddTHHmmssffff"
        elif fmt.lower() == "filedatetimeuniversal":
            value, fmt = value.astimezone(timezone.utc), "yyyyMMddTHHmmssffffZ"
        elif fmt.lower() == "filedate":
            fmt = "yyyyMMdd"
        yield format_custom(value, fmt)
    elif "UFormat" in b:
        yield _uformat(value, to_string(b["UFormat"]))
    else:
        yield value


def new_timespan(ctx: CmdletContext) -> Iterator[Any]:
    """New-TimeSpan: End - Start, or the sum of the given parts."""
    b = ctx.bound
    if "Start" in b or "End" in b:
        start = to_datetime(b["Start"]) if "Start" in b else datetime.now()
        end = to_datetime(b["End"]) if "End" in b else datetime.now()
        if (start.tzinfo is None) != (end.tzinfo is None):
            start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
        yield end - start
        return
    yield timedelta(
        days=to_number(b.get("Days", 0)),
        hours=to_number(b.get("Hours", 0)),
        minutes=to_number(b.get("Minutes", 0)),
        seconds=to_number(b.get("Seconds", 0)),
        milliseconds=to_number(b.get("Milliseconds", 0)),
    )


def start_sleep(ctx: CmdletContext) -> Iterator[Any]:
    """Start-Sleep: -Seconds (may be fractional), -Milliseconds or -Duration."""
    b = ctx.bound
    if "Duration" in b and isinstance(b["Duration"], timedelta):
        seconds = b["Duration"].total_seconds()
    elif "Milliseconds" in b:
        seconds = float(to_number(b["Milliseconds"])) / 1000
    else:
        seconds = float(to_number(b.get("Seconds", 0)))
    if seconds < 0:
        raise CmdletError("Cannot validate argument: the sleep time must not be negative.")
    time.sleep(seconds)
    return iter(())


CMDLETS = {"Get-Date": get_date, "New-TimeSpan": new_timespan, "Start-Sleep": start_sleep}
