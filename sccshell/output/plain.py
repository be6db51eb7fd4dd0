"""Objects as plain data (dict, list, str, numbers) for JSON and YAML: annotations removed."""

from __future__ import annotations

import enum
import math
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sccshell.runtime.objects import PSObject
from sccshell.runtime.values import is_collection, to_string

from .props import visible_items

# Deeper than this is almost surely a cycle; show the value as its text from there on.
MAX_DEPTH = 64


def to_plain(value: Any, depth: int = 0) -> Any:
    """Plain data for value: dates as ISO strings, objects as dicts, collections as lists."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        # NaN and Infinity are not JSON; PowerShell's ConvertTo-Json writes them as text too
        return value if math.isfinite(value) else to_string(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return to_string(value)  # TimeSpan text, 14.00:00:00, as the service sends it
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, uuid.UUID):
        return str(value)
    if depth >= MAX_DEPTH:
        return to_string(value)
    if isinstance(value, (PSObject, Mapping)):
        return {name: to_plain(v, depth + 1) for name, v in visible_items(value)}
    if is_collection(value):
        return [to_plain(v, depth + 1) for v in value]
    return to_string(value)
