"""Values as the service writes them (protocol §3.1) and as admins type them.

Sizes, dates, time spans and GUIDs each have one formatter (service output) and one
parser (parameter input). Everything here is pure: no tenant state.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import datetime, timedelta, timezone

UNITS = (("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10))
ZERO_GUID = "00000000-0000-0000-0000-000000000000"


# --- sizes (ByteQuantifiedSize, Unlimited<ByteQuantifiedSize>) -------------------------


def format_size(size: int | None) -> str:
    """`99 GB (106,300,440,576 bytes)`; None is `Unlimited`."""
    if size is None:
        return "Unlimited"
    for unit, factor in UNITS:
        if size >= factor:
            figure = f"{size / factor:.3f}".rstrip("0").rstrip(".")
            return f"{figure} {unit} ({size:,} bytes)"
    return f"{size} B ({size:,} bytes)"


_SIZE = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB)?\s*(?:\(.*\))?\s*$", re.I)


def parse_size(value: object) -> int | None:
    """Bytes from 50GB, "50 GB", 1.5GB, 52428800, the service's own format; None = Unlimited.

    Raises ValueError for anything else.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    text = str(value).strip()
    if text.lower() == "unlimited":
        return None
    # The service's own rendering carries the exact byte count in parentheses.
    exact = re.search(r"\(([0-9,]+) bytes\)", text)
    if exact:
        return int(exact.group(1).replace(",", ""))
    match = _SIZE.match(text)
    if not match:
        raise ValueError(text)
    number = float(match.group(1).replace(",", ""))
    unit = (match.group(2) or "B").upper()
    factor = dict(UNITS).get(unit, 1)
    return int(number * factor)


# --- dates ----------------------------------------------------------------------------


def format_date(ts: float | None) -> str | None:
    """`2022-09-21T08:07:47.0000000+00:00` (DateTime as the service serializes it)."""
    if ts is None:
        return None
    moment = datetime.fromtimestamp(ts, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond * 10:07d}+00:00"


def format_date_utc(ts: float | None) -> str | None:
    """`2024-04-10T08:56:22.0000000Z` (the *UTC twins such as WhenChangedUTC)."""
    text = format_date(ts)
    return None if text is None else text[:-6] + "Z"


_DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
)


def parse_date(value: object) -> float:
    """Epoch seconds from the forms admins and the client send (UTC unless an offset is given).

    Raises ValueError for anything else.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1]
    # A 7-digit .NET fraction is one digit too many for strptime.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    offset = timezone.utc
    tail = re.search(r"([+-])(\d{2}):(\d{2})$", text)
    if tail and "T" in text:
        sign = 1 if tail.group(1) == "+" else -1
        offset = timezone(sign * timedelta(hours=int(tail.group(2)), minutes=int(tail.group(3))))
        text = text[: tail.start()]
    for pattern in _DATE_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment.replace(tzinfo=offset).timestamp()
    raise ValueError(str(value))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> float:
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc).timestamp()


# --- time spans (TimeSpan, EnhancedTimeSpan) -----------------------------------------------


def format_timespan(seconds: float | None) -> str | None:
    """`14.00:00:00`, `00:30:00`."""
    if seconds is None:
        return None
    whole = int(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{days}.{clock}" if days else clock


_SPAN = re.compile(r"^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_timespan(value: object) -> int:
    """Seconds from `14.00:00:00`, `00:30:00`, `1:00`, or a bare number of days."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return int(value) * 86400
    text = str(value).strip()
    if text.isdigit():
        return int(text) * 86400
    match = _SPAN.match(text)
    if not match:
        raise ValueError(text)
    days, hours, minutes, secs = (int(g or 0) for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + secs


# --- GUIDs and deterministic numbers --------------------------------------------------


def derived_guid(*parts: object) -> str:
    """A version-4-shaped GUID that depends only on PARTS (seeded data stays identical)."""
    digest = bytearray(hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=16).digest())
    digest[6] = (digest[6] & 0x0F) | 0x40  # version 4
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def mix(*parts: object) -> int:
    """A stable 64-bit number from PARTS: per-object variation without storing it."""
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def is_guid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        return False
    return len(text) in (32, 36, 38)


def wildcard(pattern: str) -> re.Pattern[str]:
    """PowerShell -like wildcards (* and ?), case-insensitive, whole string."""
    out = []
    for char in pattern:
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        else:
            out.append(re.escape(char))
    return re.compile("^" + "".join(out) + "$", re.I | re.S)
