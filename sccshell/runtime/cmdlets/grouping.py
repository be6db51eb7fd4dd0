"""Group-Object: GroupInfo objects (Count, Name, Group, Values) or a hashtable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..api import CmdletContext
from ..objects import PSObject
from ..values import to_string
from ._common import as_list, input_items
from ._props import evaluator

GROUP_INFO = "Microsoft.PowerShell.Commands.GroupInfo"
GROUP_INFO_NO_ELEMENT = "Microsoft.PowerShell.Commands.GroupInfoNoElement"


def group_object(ctx: CmdletContext) -> Iterator[Any]:
    """Group-Object: groups in the order their first member arrived."""
    specs = as_list(ctx.bound.get("Property"))
    fns = [evaluator(s) for s in specs] or [lambda item: item]
    cs = bool(ctx.bound.get("CaseSensitive", False))
    groups: dict[str, tuple[list[Any], list[Any]]] = {}  # normalized name -> (values, members)
    for item in input_items(ctx):
        values = [fn(item) for fn in fns]
        name = ", ".join(to_string(v) for v in values)
        slot = groups.setdefault(name if cs else name.lower(), (values, []))
        slot[1].append(item)
    if ctx.bound.get("AsHashTable"):
        table: dict[Any, list[Any]] = {}
        for values, members in groups.values():
            if ctx.bound.get("AsString") or len(values) != 1:
                key: Any = ", ".join(to_string(v) for v in values)
            else:
                key = values[0]
            table[key] = members
        yield table
        return
    no_element = bool(ctx.bound.get("NoElement"))
    for values, members in groups.values():
        info = PSObject(type_names=(GROUP_INFO_NO_ELEMENT if no_element else GROUP_INFO,))
        info["Count"] = len(members)
        info["Name"] = ", ".join(to_string(v) for v in values)
        if not no_element:
            info["Group"] = members
        info["Values"] = values
        yield info


CMDLETS = {"Group-Object": group_object}
