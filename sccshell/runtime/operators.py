"""PowerShell's binary and unary operators on runtime values.

`binary(op, left, right)` covers every operator except the short-circuit -and/-or
(the evaluator owns evaluation order) and -match's $Matches, which `match` returns
to the caller. `op` is written as the parser gives it: '+', '-eq', '-cne', '..'.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from .conversions import TypeRef, is_instance, try_cast
from .hashtable import Hashtable
from .strings import format_composite
from .values import compare, equals, is_collection, like, to_bool, to_number, to_string

__all__ = [
    "OperatorError",
    "binary",
    "match",
    "unary",
    "step",
    "range_values",
    "split",
    "replace",
]


class OperatorError(ValueError):
    """An operator that cannot apply to its operands (message as PowerShell's)."""


def _type_name(value: Any) -> str:
    names = {
        str: "System.String",
        int: "System.Int32",
        float: "System.Double",
        bool: "System.Boolean",
    }
    if isinstance(value, (list, tuple)):
        return "System.Object[]"
    if isinstance(value, Mapping):
        return "System.Collections.Hashtable"
    return names.get(type(value), type(value).__name__)


# --- arithmetic ----------------------------------------------------------------------


def _number(value: Any, op: str) -> int | float:
    try:
        return to_number(value)
    except ValueError as err:
        raise OperatorError(str(err)) from None


def _normalize(value: int | float) -> int | float:
    return (
        int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53
        else value
    )


def _widen(value: int | float) -> int | float:
    """A whole number past Int64 becomes a Double, as in .NET (so it cannot grow without end)."""
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        try:
            return float(value)
        except OverflowError:
            return float("inf") if value > 0 else float("-inf")
    return value


# Longer results than any real script builds; stops `'a' * 1e12` from eating the memory.
MAX_REPEAT = 2**24


def _repeat(items: Any, right: Any) -> Any:
    count = _whole(right, "*")
    if count <= 0:
        return "" if isinstance(items, str) else []
    if len(items) * count > MAX_REPEAT:
        what = "string" if isinstance(items, str) else "array"
        unit = "characters" if isinstance(items, str) else "items"
        raise OperatorError(
            f"The {what} would be too large: {len(items)} {unit} repeated {count} times "
            f"(the limit is {MAX_REPEAT:,})."
        )
    return items * count if isinstance(items, str) else list(items) * count


def add(left: Any, right: Any) -> Any:
    if left is None:
        return right if not isinstance(right, str) else right
    if isinstance(left, str):
        return left + to_string(right)
    if isinstance(left, (list, tuple)):
        return list(left) + (list(right) if isinstance(right, (list, tuple)) else [right])
    if isinstance(left, Mapping):
        if not isinstance(right, Mapping):
            raise OperatorError("A hash table can only be added to another hash table.")
        result = Hashtable(left.items(), ordered=getattr(left, "ordered", False))
        for k in right:
            if k in result:
                raise OperatorError(f"Item has already been added. Key in dictionary: '{k}'")
            result[k] = right[k]
        return result
    if isinstance(left, (datetime, date)) and isinstance(right, timedelta):
        return left + right
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return left + right
    return _widen(_number(left, "+") + _number(right, "+"))


def subtract(left: Any, right: Any) -> Any:
    if isinstance(left, datetime) and isinstance(right, (datetime, timedelta)):
        if isinstance(right, datetime) and (left.tzinfo is None) != (right.tzinfo is None):
            return left.replace(tzinfo=None) - right.replace(tzinfo=None)
        return left - right
    if isinstance(left, timedelta) and isinstance(right, timedelta):
        return left - right
    if isinstance(left, (list, tuple, Mapping)):
        raise OperatorError(
            f"Method invocation failed because [{_type_name(left)}] does not contain a method named 'op_Subtraction'."
        )
    return _widen(_number(left, "-") - _number(right, "-"))


def multiply(left: Any, right: Any) -> Any:
    if isinstance(left, (str, list, tuple)):
        return _repeat(left, right)
    return _widen(_number(left, "*") * _number(right, "*"))


def divide(left: Any, right: Any) -> Any:
    a, b = _number(left, "/"), _number(right, "/")
    if b == 0:
        raise OperatorError("Attempted to divide by zero.")
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return a / b


def modulo(left: Any, right: Any) -> Any:
    a, b = _number(left, "%"), _number(right, "%")
    if b == 0:
        raise OperatorError("Attempted to divide by zero.")
    # .NET's remainder takes the sign of the dividend
    result = abs(a) % abs(b)
    return (
        _normalize(-result if a < 0 else result)
        if isinstance(result, float)
        else (-result if a < 0 else result)
    )


def range_bounds(left: Any, right: Any) -> tuple[int, int]:
    """The two ends of `left..right` as whole numbers."""
    return _whole(left, ".."), _whole(right, "..")


def _whole(value: Any, op: str) -> int:
    """VALUE as a whole number for an operator that needs one (ranges, bitwise)."""
    number = _number(value, op)
    if isinstance(number, float) and not math.isfinite(number):
        raise OperatorError(f'Cannot convert value "{to_string(number)}" to type "System.Int64".')
    return int(round(number)) if op == ".." else int(number)


def range_values(left: Any, right: Any) -> list[int]:
    """`1..5`, `5..1`: inclusive either way."""
    a, b = range_bounds(left, right)
    if abs(b - a) >= MAX_REPEAT:
        # A pipeline or foreach counts a range out lazily; only a stored one is limited.
        raise OperatorError(
            f"The range {a}..{b} is too large to hold: {abs(b - a) + 1:,} numbers "
            f"(the limit is {MAX_REPEAT:,})."
        )
    return list(range(a, b + 1)) if a <= b else list(range(a, b - 1, -1))


# --- comparison ----------------------------------------------------------------------


def _case(op: str) -> tuple[str, bool]:
    """'-ceq' -> ('eq', True); '-ieq' / '-eq' -> ('eq', False)."""
    name = op.lstrip("-").lower()
    if name[:1] in ("c", "i") and name[1:] in _CASED:
        return name[1:], name[0] == "c"
    return name, False


def _regex(pattern: Any, case_sensitive: bool) -> re.Pattern[str]:
    text = to_string(pattern)
    try:
        return re.compile(_dotnet_regex(text), 0 if case_sensitive else re.IGNORECASE)
    except re.error as err:
        raise OperatorError(f"The regular expression pattern {text} is not valid: {err}") from None


def _dotnet_regex(text: str) -> str:
    # .NET named groups (?<name>...) are Python's (?P<name>...)
    return re.sub(r"\(\?<([A-Za-z_]\w*)>", r"(?P<\1>", text)


def _scalar_compare(name: str, a: Any, b: Any, cs: bool) -> bool:
    match name:
        case "eq":
            return equals(a, b, cs)
        case "ne":
            return not equals(a, b, cs)
        case "gt":
            return compare(a, b, cs) > 0
        case "ge":
            return compare(a, b, cs) >= 0
        case "lt":
            return compare(a, b, cs) < 0
        case "le":
            return compare(a, b, cs) <= 0
        case "like":
            return like(a, b, cs)
        case "notlike":
            return not like(a, b, cs)
        case "match":
            return _regex(b, cs).search(to_string(a)) is not None
        case "notmatch":
            return _regex(b, cs).search(to_string(a)) is None
    raise OperatorError(f"Unknown operator -{name}")


_FILTERING = {"eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch"}
_CASED = _FILTERING | {"contains", "notcontains", "in", "notin", "replace", "split"}


def _match_dict(m: re.Match[str]) -> Hashtable:
    """$Matches: 0 is the whole match, then numbered and named groups that matched."""
    result = Hashtable()
    result[0] = m.group(0)
    for i, g in enumerate(m.groups(), start=1):
        if g is not None:
            result[i] = g
    for name, g in m.groupdict().items():
        if g is not None:
            result[name] = g
    return result


def match(left: Any, pattern: Any, op: str = "-match") -> tuple[Any, Hashtable | None]:
    """-match / -notmatch: (result, $Matches or None when $Matches is left alone)."""
    name, cs = _case(op)
    regex = _regex(pattern, cs)
    if is_collection(left):
        keep = [v for v in left if (regex.search(to_string(v)) is not None) == (name == "match")]
        return keep, None
    m = regex.search(to_string(left))
    found = _match_dict(m) if m else None
    return (m is not None) == (name == "match"), found


def _contains(collection: Any, item: Any, cs: bool) -> bool:
    items = list(collection) if is_collection(collection) else [collection]
    return any(equals(v, item, cs) for v in items)


def replace(left: Any, right: Any, case_sensitive: bool = False) -> Any:
    """-replace: regex, $1 / ${name} in the replacement; a list on the left maps."""
    items = list(right) if isinstance(right, (list, tuple)) else [right]
    if len(items) > 2:
        raise OperatorError(
            "The -replace operator allows only two elements to follow it, not "
            + str(len(items))
            + "."
        )
    pattern = _regex(items[0], case_sensitive)
    replacement = to_string(items[1]) if len(items) > 1 else ""
    if callable(getattr(items[1], "invoke", None)) if len(items) > 1 else False:
        block = items[1]

        def repl(m: re.Match[str]) -> str:
            return to_string(block.invoke(dollar_under=m.group(0)))

        sub: Callable[[re.Match[str]], str] | str = repl
    else:
        sub = _replacement(replacement)
    if is_collection(left):
        return [pattern.sub(sub, to_string(v)) for v in left]
    return pattern.sub(sub, to_string(left))


def _replacement(text: str) -> Callable[[re.Match[str]], str]:
    """.NET substitutions: $1, ${name}, $$, $0 / $&."""

    def expand(m: re.Match[str]) -> str:
        out: list[str] = []
        i = 0
        while i < len(text):
            c = text[i]
            if c == "$" and i + 1 < len(text):
                nxt = text[i + 1]
                if nxt == "$":
                    out.append("$")
                    i += 2
                    continue
                if nxt == "&":
                    out.append(m.group(0))
                    i += 2
                    continue
                if nxt.isdigit():
                    j = i + 1
                    while j < len(text) and text[j].isdigit():
                        j += 1
                    n = int(text[i + 1 : j])
                    if n <= (m.re.groups or 0):
                        out.append(m.group(n) or "")
                        i = j
                        continue
                if nxt == "{":
                    end = text.find("}", i)
                    if end != -1:
                        key = text[i + 2 : end]
                        try:
                            out.append(m.group(int(key) if key.isdigit() else key) or "")
                            i = end + 1
                            continue
                        except IndexError:
                            pass
            out.append(c)
            i += 1
        return "".join(out)

    return expand


def split(left: Any, right: Any, case_sensitive: bool = False) -> list[str]:
    """-split: regex separator, optional max count; a list on the left splits each."""
    items = list(right) if isinstance(right, (list, tuple)) else [right]
    pattern = _regex(items[0], case_sensitive)
    limit = int(_number(items[1], "-split")) if len(items) > 1 else 0
    sources = list(left) if is_collection(left) else [left]
    out: list[str] = []
    for source in sources:
        out.extend(pattern.split(to_string(source), maxsplit=max(limit - 1, 0)))
    return out


def join(left: Any, right: Any) -> str:
    items = list(left) if is_collection(left) else [left]
    return to_string(right).join(to_string(v) for v in items)


def _type_name_of(right: Any) -> str:
    return right.name if isinstance(right, TypeRef) else to_string(right)


def _bitwise(name: str, a: Any, b: Any) -> int:
    x, y = _whole(a, name), _whole(b, name)
    if name in ("shl", "shr"):
        # .NET uses only the low bits of the shift count (5 for Int32, 6 for Int64).
        y &= 31 if -(2**31) <= x < 2**31 else 63
    match name:
        case "band":
            return x & y
        case "bor":
            return x | y
        case "bxor":
            return x ^ y
        case "shl":
            return x << y
    return x >> y


def binary(op: str, left: Any, right: Any) -> Any:
    """Apply a binary operator (all but short-circuit -and/-or)."""
    match op:
        case "+":
            return add(left, right)
        case "-":
            return subtract(left, right)
        case "*":
            return multiply(left, right)
        case "/":
            return divide(left, right)
        case "%":
            return modulo(left, right)
        case "..":
            return range_values(left, right)
    name, cs = _case(op)
    if name in _FILTERING:
        if name in ("match", "notmatch"):
            return match(left, right, op)[0]
        if is_collection(left):
            return [v for v in left if _scalar_compare(name, v, right, cs)]
        return _scalar_compare(name, left, right, cs)
    match name:
        case "contains":
            return _contains(left, right, cs)
        case "notcontains":
            return not _contains(left, right, cs)
        case "in":
            return _contains(right, left, cs)
        case "notin":
            return not _contains(right, left, cs)
        case "replace":
            return replace(left, right, cs)
        case "split":
            return split(left, right, cs)
        case "join":
            return join(left, right)
        case "f":
            args = list(right) if isinstance(right, (list, tuple)) else [right]
            try:
                return format_composite(to_string(left), args)
            except ValueError as err:
                raise OperatorError(str(err)) from None
        case "is":
            return is_instance(left, _type_name_of(right))
        case "isnot":
            return not is_instance(left, _type_name_of(right))
        case "as":
            return try_cast(left, _type_name_of(right))
        case "and":
            return to_bool(left) and to_bool(right)
        case "or":
            return to_bool(left) or to_bool(right)
        case "xor":
            return to_bool(left) != to_bool(right)
        case "band" | "bor" | "bxor" | "shl" | "shr":
            return _bitwise(name, left, right)
    raise OperatorError(f"Unsupported operator '{op}'.")


def step(op: str, value: Any) -> Any:
    """The new value for `++` / `--` (OP): $null counts as 0; anything but a number is refused.

    PowerShell does not convert the operand here as `+` does: `$s = 'x'; $s++` and even
    `$s = '5'; $s++` are errors, where `$s += 1` gives 'x1' and '51'.
    """
    delta = 1 if op == "++" else -1
    if value is None:
        return delta
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return binary("+", value, delta)
    raise OperatorError(
        f"The '{op}' operator works only on numbers. The operand is a '{_type_name(value)}'."
    )


def unary(op: str, operand: Any) -> Any:
    """-not, !, unary minus/plus, -bnot, and the unary -split / -join / ',' forms."""
    match op.lower():
        case "-not" | "!":
            return not to_bool(operand)
        case "-":
            return -_number(operand, "-")
        case "+":
            return _number(operand, "+")
        case "-bnot":
            return ~_whole(operand, "-bnot")
        case "-split":
            return [p for p in re.split(r"\s+", to_string(operand).strip()) if p]
        case "-join":
            return join(operand, "")
        case ",":
            return [operand]
    raise OperatorError(f"Unsupported operator '{op}'.")
