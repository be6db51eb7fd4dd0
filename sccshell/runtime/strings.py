"""The -f operator and .ToString(fmt): .NET composite and numeric/date format strings (en-US)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from .datetimes import format_custom
from .values import to_string

__all__ = ["format_composite", "format_value", "format_numeric"]

_ITEM_RE = re.compile(r"\{\{|\}\}|\{(\d+)\s*(?:,\s*(-?\d+))?\s*(?::([^}]*))?\}|[{}]")


def format_composite(fmt: str, args: list[Any]) -> str:
    """`"{0,-10} {1:N1}" -f $a, $b` as String.Format does."""
    out: list[str] = []
    pos = 0
    for m in _ITEM_RE.finditer(fmt):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token == "{{":
            out.append("{")
            continue
        if token == "}}":
            out.append("}")
            continue
        if m.group(1) is None:
            raise ValueError(
                f'Error formatting a string: Input string was not in a correct format.: "{fmt}"'
            )
        index = int(m.group(1))
        if index >= len(args):
            raise ValueError(
                "Error formatting a string: Index (zero based) must be greater than or equal to zero "
                f'and less than the size of the argument list.: "{fmt}"'
            )
        text = format_value(args[index], m.group(3))
        width = int(m.group(2)) if m.group(2) else 0
        out.append(text.ljust(-width) if width < 0 else text.rjust(width))
    out.append(fmt[pos:])
    return "".join(out)


def format_value(value: Any, spec: str | None) -> str:
    """One value with an optional format string, as IFormattable.ToString(spec)."""
    if not spec:
        return to_string(value)
    if isinstance(value, (datetime, date)):
        return format_custom(value, spec)
    if isinstance(value, timedelta):
        return to_string(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_numeric(value, spec)
    return to_string(value)


def _round(value: int | float, digits: int) -> Decimal:
    # .NET rounds the exact decimal expansion half away from zero when formatting
    exact = Decimal(value)
    with localcontext() as ctx:
        # Room for every digit: the default 28 fails on large numbers like 1e300.
        ctx.prec = max(28, exact.adjusted() + digits + 2)
        return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _grouped(d: Decimal, digits: int, group: bool) -> str:
    text = f"{abs(d):,.{digits}f}" if group else f"{abs(d):.{digits}f}"
    return ("-" if d < 0 and d != 0 else "") + text


_STANDARD_RE = re.compile(r"^([CcDdEeFfGgNnPpXxRr])(\d{0,2})$")


def format_numeric(value: int | float, spec: str) -> str:
    """Standard (N2, F1, D5, X, P0, C, E, G, R) or custom ('0.00', '#,##0') numeric formats."""
    if isinstance(value, float) and not math.isfinite(value):
        return to_string(value)  # every format prints infinities and NaN the same way
    m = _STANDARD_RE.match(spec)
    if not m:
        return _custom_numeric(value, spec)
    kind, digits_text = m.group(1), m.group(2)
    digits = int(digits_text) if digits_text else None
    upper = kind.upper()
    if upper in ("N", "F"):
        d = _round(value, 2 if digits is None else digits)
        return _grouped(d, 2 if digits is None else digits, upper == "N")
    if upper == "P":
        d = _round(Decimal(value) * 100, 2 if digits is None else digits)
        return _grouped(d, 2 if digits is None else digits, True) + "%"
    if upper == "C":
        d = _round(value, 2 if digits is None else digits)
        text = _grouped(abs(d), 2 if digits is None else digits, True)
        return f"-${text}" if d < 0 else f"${text}"
    if upper == "D":
        if isinstance(value, float):
            raise ValueError("Format specifier was invalid.")
        text = str(abs(value)).rjust(digits or 0, "0")
        return ("-" if value < 0 else "") + text
    if upper == "X":
        if isinstance(value, float):
            raise ValueError("Format specifier was invalid.")
        text = format(value & 0xFFFFFFFF if value < 0 else value, "X" if kind == "X" else "x")
        return text.rjust(digits or 0, "0")
    if upper == "E":
        text = format(value, f"{'E' if kind == 'E' else 'e'}")
        mantissa, exp = text.split("E" if kind == "E" else "e")
        mantissa = format(float(value), f".{6 if digits is None else digits}{kind}").split(kind)[0]
        sign = "-" if exp.startswith("-") else "+"
        return f"{mantissa}{kind}{sign}{exp.lstrip('+-').zfill(3)}"
    # G and R: the shortest round-trip text, as PowerShell prints numbers
    if digits and isinstance(value, float):
        return to_string(float(f"{value:.{digits}g}"))
    return to_string(value)


def _custom_numeric(value: int | float, spec: str) -> str:
    """Custom patterns: 0 and # placeholders, ',' grouping, '.', '%' and literals."""
    section = spec.split(";")[0]
    percent = "%" in section
    number = Decimal(value) * (100 if percent else 1)
    body = re.sub(r"[^0#,.]", "", section)
    integer_part, _, fraction_part = body.partition(".")
    decimals = len(fraction_part)
    min_decimals = fraction_part.rstrip("#").count("0") if fraction_part else 0
    min_integers = integer_part.replace(",", "").count("0")
    group = "," in integer_part.rstrip(",")
    d = _round(number, decimals)
    text = f"{abs(d):{',' if group else ''}.{decimals}f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(min_decimals, "0")
    digits_only = whole.replace(",", "")
    if digits_only == "0" and min_integers == 0:
        whole = ""
    elif len(digits_only) < min_integers:
        padded = digits_only.rjust(min_integers, "0")
        whole = f"{int(padded):,}".rjust(len(padded), "0") if group else padded
    number_text = whole + ("." + frac if frac else "")
    if d < 0:
        number_text = "-" + number_text
    # put the number where the placeholders were, keeping literal text around it
    match = re.search(r"[0#][0#,.]*", section) or re.search(r"[.,]", section)
    if not match:
        return section
    return section[: match.start()] + number_text + section[match.end() :].replace("'", "")
