"""Instance and static .NET methods scripts use: string, DateTime, list, hashtable, [math]..."""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from .conversions import TypeRef, cast
from .datetimes import format_custom, parse_datetime
from .objects import PSObject
from .strings import format_numeric
from .values import compile_regex, equals, to_number, to_string

__all__ = ["MethodError", "call_method", "static_member", "call_static"]


class MethodError(ValueError):
    """No such method, or wrong arguments (PowerShell's message)."""


def _missing(obj: Any, name: str) -> MethodError:
    type_name = {str: "System.String", int: "System.Int32", float: "System.Double"}.get(
        type(obj), "System.Object[]" if isinstance(obj, list) else type(obj).__name__
    )
    return MethodError(
        f"Method invocation failed because [{type_name}] does not contain a method named '{name}'."
    )


def _add_months(d: datetime, months: int) -> datetime:
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return d.replace(year=year, month=month, day=min(d.day, days[month - 1]))


def _string_method(s: str, name: str, args: list[Any]) -> Any:
    a = [to_string(x) if isinstance(x, str) else x for x in args]
    match name:
        case "tolower" | "tolowerinvariant":
            return s.lower()
        case "toupper" | "toupperinvariant":
            return s.upper()
        case "trim" | "trimstart" | "trimend":
            chars = "".join(to_string(x) for x in a) if a else None
            fn = {"trim": s.strip, "trimstart": s.lstrip, "trimend": s.rstrip}[name]
            return fn(chars)
        case "split":
            if not a:
                return s.split(" ")
            seps = a[0] if isinstance(a[0], list) else [to_string(a[0])]
            # String.Split(char[]) splits on any of the characters
            chars = (
                [c for sep in seps for c in to_string(sep)]
                if len(seps) == 1
                else [to_string(x) for x in seps]
            )
            parts = [s]
            for sep in chars:
                parts = [p for part in parts for p in part.split(sep)]
            return parts
        case "replace":
            return s.replace(to_string(a[0]), to_string(a[1]))
        case "contains":
            return to_string(a[0]) in s
        case "startswith":
            return s.startswith(to_string(a[0]))
        case "endswith":
            return s.endswith(to_string(a[0]))
        case "indexof":
            return s.find(to_string(a[0]), int(a[1]) if len(a) > 1 else 0)
        case "lastindexof":
            return s.rfind(to_string(a[0]))
        case "substring":
            start = int(to_number(a[0]))
            if start > len(s):
                raise MethodError(
                    'Exception calling "Substring": startIndex cannot be larger than length of string.'
                )
            if len(a) > 1:
                length = int(to_number(a[1]))
                if start + length > len(s):
                    raise MethodError(
                        'Exception calling "Substring": Index and length must refer to a location within the string.'
                    )
                return s[start : start + length]
            return s[start:]
        case "padleft" | "padright":
            width = int(to_number(a[0]))
            fill = to_string(a[1]) if len(a) > 1 else " "
            return s.rjust(width, fill) if name == "padleft" else s.ljust(width, fill)
        case "tostring" | "clone":
            return s
        case "equals":
            return s == to_string(a[0])
        case "insert":
            i = int(to_number(a[0]))
            return s[:i] + to_string(a[1]) + s[i:]
        case "remove":
            i = int(to_number(a[0]))
            return s[:i] + (s[i + int(to_number(a[1])) :] if len(a) > 1 else "")
        case "tochararray":
            return list(s)
        case "gethashcode":
            return hash(s) & 0x7FFFFFFF
    raise _missing(s, name)


def _datetime_method(d: datetime, name: str, args: list[Any]) -> Any:
    n = to_number(args[0]) if args and name.startswith("add") else 0
    match name:
        case "adddays":
            return d + timedelta(days=n)
        case "addhours":
            return d + timedelta(hours=n)
        case "addminutes":
            return d + timedelta(minutes=n)
        case "addseconds":
            return d + timedelta(seconds=n)
        case "addmonths":
            return _add_months(d, int(n))
        case "addyears":
            return _add_months(d, int(n) * 12)
        case "tostring":
            return format_custom(d, to_string(args[0])) if args else to_string(d)
        case "touniversaltime":
            return d.astimezone(timezone.utc)
        case "tolocaltime":
            return d.astimezone()
        case "toshortdatestring":
            return format_custom(d, "M/d/yyyy")
        case "tolongdatestring":
            return format_custom(d, "dddd, MMMM d, yyyy")
        case "toshorttimestring":
            return format_custom(d, "h:mm tt")
        case "tofiletime":
            return int((d.replace(tzinfo=None) - datetime(1601, 1, 1)).total_seconds() * 10**7)
        case "subtract":
            return d - args[0]
    raise _missing(d, name)


def _failed_call(name: str, args: list[Any], err: Exception) -> MethodError:
    """PowerShell's message for a call with the wrong arguments or an out-of-range result."""
    if isinstance(err, IndexError):
        return MethodError(
            f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".'
        )
    reason = "Arithmetic operation resulted in an overflow."
    return MethodError(f'Exception calling "{name}" with "{len(args)}" argument(s): "{reason}"')


def call_method(obj: Any, name: str, args: list[Any]) -> Any:
    """`$obj.Name(args)` for the values scripts meet."""
    try:
        return _call_method(obj, name, args)
    except (IndexError, OverflowError) as err:  # too few arguments, or a result out of range
        raise _failed_call(name, args, err) from None


def _call_method(obj: Any, name: str, args: list[Any]) -> Any:
    key = name.lower()
    if callable(getattr(obj, "invoke", None)) and key in ("invoke", "invokereturnasis"):
        result = obj.invoke(*args)
        return result[0] if len(result) == 1 else result
    if isinstance(obj, str):
        return _string_method(obj, key, args)
    if isinstance(obj, (datetime, date)):
        if not isinstance(obj, datetime):
            obj = datetime(obj.year, obj.month, obj.day)
        return _datetime_method(obj, key, args)
    if isinstance(obj, Mapping):
        match key:
            case "containskey" | "contains":
                return args[0] in obj
            case "containsvalue":
                return any(equals(v, args[0]) for v in obj.values())
            case "add":
                if args[0] in obj:
                    raise MethodError(
                        f'Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: \'{args[0]}\'"'
                    )
                obj[args[0]] = args[1]  # type: ignore[index]
                return None
            case "remove":
                obj.pop(args[0], None)  # type: ignore[attr-defined]
                return None
            case "clear":
                obj.clear()  # type: ignore[attr-defined]
                return None
            case "clone":
                return obj.copy()  # type: ignore[attr-defined]
            case "getenumerator":
                return [PSObject({"Name": k, "Key": k, "Value": v}) for k, v in obj.items()]
            case "tostring":
                return to_string(obj)
    if isinstance(obj, list):
        match key:
            case "contains":
                return any(equals(v, args[0]) for v in obj)
            case "indexof":
                return next((i for i, v in enumerate(obj) if equals(v, args[0])), -1)
            case "add":
                obj.append(args[0])
                # ArrayList.Add returns the new index; List[T].Add returns nothing.
                return None if isinstance(obj, GenericList) else len(obj) - 1
            case "addrange":
                obj.extend(args[0] if isinstance(args[0], list) else [args[0]])
                return None
            case "remove":
                for i, v in enumerate(obj):
                    if equals(v, args[0]):
                        del obj[i]
                        break
                return None
            case "insert":
                obj.insert(int(to_number(args[0])), args[1])
                return None
            case "clear":
                obj.clear()
                return None
            case "toarray" | "clone":
                return list(obj)
            case "tostring":
                return "System.Object[]"
            case "where" | "foreach":
                return _magic(obj, key, args)
    if isinstance(obj, timedelta) and key == "tostring":
        return to_string(obj)
    if isinstance(obj, (int, float)) and not isinstance(obj, bool) and key == "tostring":
        return format_numeric(obj, to_string(args[0])) if args else to_string(obj)
    if key == "tostring":
        return to_string(obj)
    if key == "gettype":
        return TypeRef(type(obj).__name__)
    if key == "equals":
        return equals(obj, args[0])
    if isinstance(obj, PSObject) and key in ("where", "foreach"):
        return _magic([obj], key, args)
    if key in ("where", "foreach") and obj is not None:
        return _magic([obj], key, args)
    raise _missing(obj, name)


def _magic(items: list, key: str, args: list[Any]) -> list:
    """The .Where({...}) and .ForEach({...}) collection methods."""
    from .values import to_bool

    block = args[0]
    out: list[Any] = []
    for item in items:
        result = block.invoke(dollar_under=item)
        if key == "where":
            if to_bool(result):
                out.append(item)
        else:
            out.extend(result)
    return out


# --- static members ------------------------------------------------------------------


def static_member(type_ref: TypeRef, name: str) -> Any:
    """`[type]::Member`."""
    key, member = type_ref.key, name.lower()
    if key == "datetime":
        if member == "now":
            return datetime.now()
        if member == "utcnow":
            return datetime.now(timezone.utc)
        if member == "today":
            return datetime.combine(date.today(), datetime.min.time())
        if member in ("minvalue", "maxvalue"):
            return datetime.min if member == "minvalue" else datetime.max
    if key == "int" and member in ("maxvalue", "minvalue"):
        return 2**31 - 1 if member == "maxvalue" else -(2**31)
    if key == "long" and member in ("maxvalue", "minvalue"):
        return 2**63 - 1 if member == "maxvalue" else -(2**63)
    if key == "double" and member in ("maxvalue", "minvalue"):
        return 1.7976931348623157e308 if member == "maxvalue" else -1.7976931348623157e308
    if key == "math" and member in ("pi", "e"):
        return math.pi if member == "pi" else math.e
    if key == "string" and member == "empty":
        return ""
    if key == "guid" and member == "empty":
        return "00000000-0000-0000-0000-000000000000"
    if key == "environment" or key == "system.environment":
        if member == "newline":
            return "\n"
    raise MethodError(f"The property '{name}' cannot be found on type [{type_ref.name}].")


def _math(member: str, args: list[Any]) -> Any:
    nums = [to_number(a) for a in args]
    try:
        return _math_result(member, nums)
    except ValueError:
        # .NET answers NaN or an infinity outside a function's domain; Python raises.
        if member in ("log", "log10") and nums and nums[0] == 0:
            return float("-inf")
        return float("nan")
    except OverflowError:
        return math.copysign(float("inf"), nums[0]) if nums else float("inf")


def _math_result(member: str, nums: list[Any]) -> Any:
    if member in ("floor", "ceiling", "truncate") and nums and isinstance(nums[0], float):
        if not math.isfinite(nums[0]):
            return nums[0]
    match member:
        case "round":
            if len(nums) > 1:
                value = round(nums[0], int(nums[1]))
                return value
            return float(round(nums[0])) if isinstance(nums[0], float) else nums[0]
        case "floor":
            return float(math.floor(nums[0]))
        case "ceiling":
            return float(math.ceil(nums[0]))
        case "truncate":
            return float(math.trunc(nums[0]))
        case "max":
            return max(nums[0], nums[1])
        case "min":
            return min(nums[0], nums[1])
        case "abs":
            return abs(nums[0])
        case "pow":
            return math.pow(nums[0], nums[1])
        case "sqrt":
            return math.sqrt(nums[0])
        case "log":
            return math.log(*nums)
        case "log10":
            return math.log10(nums[0])
    raise MethodError(
        f"Method invocation failed because [System.Math] does not contain a method named '{member}'."
    )


_LISTS = ("array", "string[]", "collections.generic.list", "system.collections.generic.list")


class GenericList(list):
    """A System.Collections.Generic.List[T]: a list whose Add returns nothing."""


def _construct(type_ref: TypeRef, args: list[Any]) -> Any:
    """`[type]::new(args)` for the types scripts build: lists, hashtables, dates, spans."""
    key = type_ref.key
    if key.startswith(_LISTS) or "arraylist" in key or "hashset" in key:
        # new(capacity) makes an empty list; new(collection) copies it
        kind = GenericList if "generic" in type_ref.name.lower() or key == "string[]" else list
        if args and isinstance(args[0], (list, tuple)):
            return kind(args[0])
        return kind()
    if key in ("hashtable", "collections.specialized.ordereddictionary") or "dictionary" in key:
        from .hashtable import Hashtable

        return Hashtable()
    if key in ("pscustomobject", "object"):
        return PSObject({})
    if key == "datetime":
        try:
            return datetime(*(int(to_number(a)) for a in args)) if args else datetime(1, 1, 1)
        except (ValueError, TypeError):
            raise MethodError(
                f'Exception calling "new" with "{len(args)}" argument(s): "Year, Month, and Day '
                'parameters describe an un-representable DateTime."'
            ) from None
    if key == "timespan":
        parts = [int(to_number(a)) for a in args]
        if len(parts) == 3:
            return timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])
        if len(parts) == 4:
            return timedelta(days=parts[0], hours=parts[1], minutes=parts[2], seconds=parts[3])
        return timedelta(0)
    if key == "string" and len(args) == 2:
        return to_string(args[0]) * int(to_number(args[1]))  # new(char, count)
    raise MethodError(f"sccshell cannot construct [{type_ref.name}]::new()")


def call_static(type_ref: TypeRef, name: str, args: list[Any]) -> Any:
    """`[type]::Method(args)`."""
    try:
        return _call_static(type_ref, name, args)
    except (IndexError, OverflowError) as err:  # too few arguments, or a result out of range
        raise _failed_call(name, args, err) from None


def _call_static(type_ref: TypeRef, name: str, args: list[Any]) -> Any:
    key, member = type_ref.key, name.lower()
    if member == "new":
        return _construct(type_ref, args)
    if key == "math":
        return _math(member, args)
    if key == "guid" and member == "newguid":
        return str(uuid.uuid4())
    if key == "string":
        match member:
            case "isnullorempty":
                return args[0] is None or to_string(args[0]) == ""
            case "isnullorwhitespace":
                return args[0] is None or to_string(args[0]).strip() == ""
            case "join":
                items = args[1] if len(args) == 2 and isinstance(args[1], list) else args[1:]
                return to_string(args[0]).join(to_string(v) for v in items)
            case "format":
                from .strings import format_composite

                rest = args[1] if len(args) == 2 and isinstance(args[1], list) else args[1:]
                return format_composite(to_string(args[0]), list(rest))
            case "concat":
                return "".join(to_string(a) for a in args)
    if key == "datetime":
        match member:
            case "parse":
                return parse_datetime(to_string(args[0]))
            case "parseexact":
                return parse_datetime(to_string(args[0]))
            case "daysinmonth":
                y, m = int(to_number(args[0])), int(to_number(args[1]))
                return (_add_months(datetime(y, m, 1), 1) - datetime(y, m, 1)).days
    if key in ("int", "long", "double") and member == "parse":
        return cast(args[0], key)
    if key == "timespan":
        units = {
            "fromdays": "days",
            "fromhours": "hours",
            "fromminutes": "minutes",
            "fromseconds": "seconds",
        }
        if member in units:
            try:
                return timedelta(**{units[member]: to_number(args[0])})
            except (OverflowError, ValueError):
                raise MethodError(
                    f'Exception calling "{name}" with "1" argument(s): '
                    '"TimeSpan overflowed because the duration is too long."'
                ) from None
    if key == "regex" and member in ("escape", "ismatch", "replace"):
        import re

        if member == "escape":
            return re.escape(to_string(args[0]))
        pattern = compile_regex(to_string(args[1]))
        if member == "ismatch":
            return pattern.search(to_string(args[0])) is not None
        try:
            return pattern.sub(to_string(args[2]), to_string(args[0]))
        except re.error as err:  # a bad group reference in the replacement
            raise MethodError(f'Exception calling "Replace": {err}') from None
    raise MethodError(
        f"Method invocation failed because [{type_ref.FullName}] does not contain a method named '{name}'."
    )
