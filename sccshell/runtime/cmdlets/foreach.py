"""ForEach-Object: -Begin/-Process/-End script blocks, or -MemberName with -ArgumentList."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..api import CmdletContext, CmdletError
from ..values import enumerate_items, get_property, is_collection, to_string
from ._common import as_list, input_items

# The string methods scripts call through `% ToUpper`; other objects use get_property.
_STRING_METHODS: dict[str, Callable[..., Any]] = {
    "toupper": lambda s: s.upper(),
    "tolower": lambda s: s.lower(),
    "trim": lambda s, chars=None: s.strip(chars),
    "trimstart": lambda s, chars=None: s.lstrip(chars),
    "trimend": lambda s, chars=None: s.rstrip(chars),
    "tostring": lambda s: s,
    "split": lambda s, sep=" ": s.split(sep),
    "replace": lambda s, old, new: s.replace(old, new),
    "substring": lambda s, start, length=None: (
        s[start:] if length is None else s[start : start + length]
    ),
    "startswith": lambda s, p: s.startswith(p),
    "endswith": lambda s, p: s.endswith(p),
    "contains": lambda s, p: p in s,
}


def _blocks(ctx: CmdletContext) -> tuple[list[Any], list[Any], list[Any]]:
    """Begin, process and end blocks, with PowerShell's reading of unnamed extra blocks."""
    begin = as_list(ctx.bound.get("Begin"))
    process = as_list(ctx.bound.get("Process")) + as_list(ctx.bound.get("RemainingScripts"))
    end = as_list(ctx.bound.get("End"))
    if not begin and not end and len(process) >= 2:
        # `% {begin} {process}` and `% {begin} {process} {end}`.
        begin = process[:1]
        process = process[1:]
        if len(process) >= 2:
            end = process[-1:]
            process = process[:-1]
    return begin, process, end


def _member(item: Any, name: str, args: list[Any]) -> Any:
    if isinstance(item, str) and name.lower() in _STRING_METHODS:
        return _STRING_METHODS[name.lower()](item, *args)
    value = get_property(item, name)
    if callable(value) and not isinstance(value, type):
        return value(*args)
    if args:
        raise CmdletError(
            f"Method invocation failed because [{type(item).__name__}] does not contain a method named '{name}'."
        )
    return value


def foreach_object(ctx: CmdletContext) -> Iterator[Any]:
    """ForEach-Object: run the blocks, or take a member of each input object."""
    if "MemberName" in ctx.bound:
        name = to_string(ctx.bound["MemberName"])
        args = as_list(ctx.bound.get("ArgumentList"))
        for item in input_items(ctx):
            value = _member(item, name, args)
            if is_collection(value):
                yield from enumerate_items(value)
            elif value is not None:
                yield value
        return
    begin, process, end = _blocks(ctx)
    for block in begin:
        yield from block.invoke(dot=True)
    for item in input_items(ctx):
        for block in process:
            yield from block.invoke(dollar_under=item, dot=True)
    for block in end:
        yield from block.invoke(dot=True)


CMDLETS = {"ForEach-Object": foreach_object}
