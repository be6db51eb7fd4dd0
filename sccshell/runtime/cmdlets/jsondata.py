"""ConvertTo-Json and ConvertFrom-Json as PowerShell 7 writes and reads them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

from ..api import CmdletContext, CmdletError
from ..objects import PSObject
from ..values import SecureString, is_collection, to_string

_TRUNCATED = "Resulting JSON is truncated as serialization has exceeded the set depth of {}."


def json_date(value: datetime | date) -> str:
    """PowerShell 7's ISO form: no trailing zero fractions, Z for UTC, else the offset."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += ("." + f"{value.microsecond:06d}").rstrip("0")
    if value.tzinfo is not None:
        offset = value.utcoffset() or timedelta(0)
        if value.tzinfo is timezone.utc:
            text += "Z"
        else:
            sign = "-" if offset < timedelta(0) else "+"
            minutes = abs(int(offset.total_seconds())) // 60
            text += f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return text


class _Plain:
    """Converts values to JSON-ready Python values, truncating beyond -Depth."""

    def __init__(self, depth: int, enums_as_strings: bool) -> None:
        self.depth = depth
        self.enums_as_strings = enums_as_strings
        self.truncated = False

    def convert(self, value: Any, level: int = 0) -> Any:
        if value is None or isinstance(value, (bool, int, float, str)):
            if isinstance(value, Enum):
                return value.name if self.enums_as_strings else value.value
            return value
        if isinstance(value, Enum):
            return value.name if self.enums_as_strings else value.value
        if isinstance(value, (datetime, date)):
            return json_date(value)
        if isinstance(value, (SecureString, timedelta)):
            return to_string(value)
        container = isinstance(value, (PSObject, Mapping)) or is_collection(value)
        if not container:
            return to_string(value)
        if level > self.depth:
            self.truncated = True
            return to_string(value)
        if isinstance(value, (PSObject, Mapping)):
            return {str(k): self.convert(v, level + 1) for k, v in value.items()}
        return [self.convert(v, level + 1) for v in value]


def _dumps(value: Any, compress: bool) -> str:
    if compress:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(value, ensure_ascii=False, indent=2)


def convertto_json(ctx: CmdletContext) -> Iterator[Any]:
    """ConvertTo-Json: one JSON string for all input (an array when more than one)."""
    depth = int(ctx.bound.get("Depth", 2))
    if depth > 100:
        raise CmdletError("The maximum depth allowed for serialization is 100.")
    plain = _Plain(depth, bool(ctx.bound.get("EnumsAsStrings")))
    if not ctx.expecting_input and "InputObject" in ctx.bound:
        items = [ctx.bound["InputObject"]]
    else:
        items = list(ctx.input)
    if not items:
        return
    many = len(items) > 1 or bool(ctx.bound.get("AsArray"))
    data = plain.convert(items if many else items[0])
    if plain.truncated:
        ctx.host.write_warning(_TRUNCATED.format(depth))
    yield _dumps(data, bool(ctx.bound.get("Compress")))


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def _parse_date(text: str) -> datetime | str:
    if not _ISO.match(text):
        return text
    frac = re.search(r"\.(\d+)", text)
    base = re.sub(r"\.\d+", "", text).replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(base)
    except ValueError:
        return text
    if frac:
        value = value.replace(microsecond=int(frac.group(1)[:6].ljust(6, "0")))
    return value


def _from_plain(value: Any, as_hashtable: bool) -> Any:
    if isinstance(value, dict):
        items = [(k, _from_plain(v, as_hashtable)) for k, v in value.items()]
        return dict(items) if as_hashtable else PSObject(items)
    if isinstance(value, list):
        return [_from_plain(v, as_hashtable) for v in value]
    if isinstance(value, str):
        # Newtonsoft (behind PowerShell 7) reads ISO date strings as [datetime].
        return _parse_date(value)
    return value


def convertfrom_json(ctx: CmdletContext) -> Iterator[Any]:
    """ConvertFrom-Json: all input joined into one JSON text; objects become PSObjects."""
    if not ctx.expecting_input and "InputObject" in ctx.bound:
        text = to_string(ctx.bound["InputObject"])
    else:
        text = "\n".join(to_string(v) for v in ctx.input)
    if not text.strip():
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CmdletError(
            f"Conversion from JSON failed with error: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    value = _from_plain(data, bool(ctx.bound.get("AsHashtable")))
    if isinstance(value, list) and not ctx.bound.get("NoEnumerate"):
        yield from value
    else:
        yield value


CMDLETS = {"ConvertTo-Json": convertto_json, "ConvertFrom-Json": convertfrom_json}
