"""New-Object, Add-Member, Get-Member."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from ..api import CmdletContext, CmdletError
from ..objects import PSObject
from ..values import SecureString, is_collection, to_string, wildcard_regex
from ._common import as_list, input_items, type_name

MEMBER_DEFINITION = "Microsoft.PowerShell.Commands.MemberDefinition"

_SHORT = {
    "System.String": "string",
    "System.Int32": "int",
    "System.Int64": "long",
    "System.Double": "double",
    "System.Boolean": "bool",
    "System.DateTime": "datetime",
    "System.TimeSpan": "timespan",
    "System.Object[]": "Object[]",
    "System.Collections.Hashtable": "hashtable",
    "System.Security.SecureString": "securestring",
    "System.Object": "object",
}

_OBJECT_METHODS = [
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
]

# The members scripts use on common .NET types (a subset of what PowerShell lists).
_TYPE_MEMBERS: dict[str, list[tuple[str, str, str]]] = {
    "System.String": [
        ("Contains", "Method", "bool Contains(string value)"),
        ("EndsWith", "Method", "bool EndsWith(string value)"),
        ("IndexOf", "Method", "int IndexOf(string value)"),
        ("Replace", "Method", "string Replace(string oldValue, string newValue)"),
        ("Split", "Method", "string[] Split(Params char[] separator)"),
        ("StartsWith", "Method", "bool StartsWith(string value)"),
        ("Substring", "Method", "string Substring(int startIndex)"),
        ("ToLower", "Method", "string ToLower()"),
        ("ToUpper", "Method", "string ToUpper()"),
        ("Trim", "Method", "string Trim()"),
        ("Length", "Property", "int Length {get;}"),
    ],
    "System.DateTime": [
        ("AddDays", "Method", "datetime AddDays(double value)"),
        ("AddHours", "Method", "datetime AddHours(double value)"),
        ("ToString", "Method", "string ToString(string format)"),
        ("Date", "Property", "datetime Date {get;}"),
        ("Day", "Property", "int Day {get;}"),
        ("DayOfWeek", "Property", "System.DayOfWeek DayOfWeek {get;}"),
        ("Hour", "Property", "int Hour {get;}"),
        ("Month", "Property", "int Month {get;}"),
        ("Year", "Property", "int Year {get;}"),
    ],
    "System.Collections.Hashtable": [
        ("Add", "Method", "void Add(System.Object key, System.Object value)"),
        ("ContainsKey", "Method", "bool ContainsKey(System.Object key)"),
        ("Remove", "Method", "void Remove(System.Object key)"),
        ("Count", "Property", "int Count {get;}"),
        ("Keys", "Property", "System.Collections.ICollection Keys {get;}"),
        ("Values", "Property", "System.Collections.ICollection Values {get;}"),
    ],
    "System.Object[]": [
        ("Count", "Property", "int Count {get;}"),
        ("Length", "Property", "int Length {get;}"),
    ],
}


def short_type(value: Any) -> str:
    """The type name Get-Member shows in a NoteProperty definition."""
    if value is None:
        return "object"
    full = type_name(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**31 - 1:
        return "long"
    return _SHORT.get(full, full)


def _note_value(value: Any) -> str:
    if value is None:
        return "null"
    if is_collection(value):
        return "System.Object[]"
    if isinstance(value, Mapping):
        return "System.Collections.Hashtable"
    return to_string(value)


def _members(item: Any) -> list[tuple[str, str, str]]:
    members = [(n, "Method", d) for n, d in _OBJECT_METHODS]
    if isinstance(item, PSObject):
        for name, value in item.items():
            members.append(
                (name, "NoteProperty", f"{short_type(value)} {name}={_note_value(value)}")
            )
    else:
        members += _TYPE_MEMBERS.get(type_name(item), [])
    # Sorted as PowerShell lists them: by member type, then by name.
    return sorted(members, key=lambda m: (m[1], m[0].lower()))


def get_member(ctx: CmdletContext) -> Iterator[Any]:
    """Get-Member: a MemberDefinition per member, once per distinct input type."""
    b = ctx.bound
    names = [wildcard_regex(to_string(n)) for n in as_list(b.get("Name"))]
    kinds = {to_string(k).lower() for k in as_list(b.get("MemberType"))}
    seen: set[str] = set()
    any_input = False
    for item in input_items(ctx):
        any_input = True
        tname = type_name(item)
        if tname in seen:
            continue
        seen.add(tname)
        for name, kind, definition in _members(item):
            if names and not any(r.match(name) for r in names):
                continue
            if kinds and "all" not in kinds and not _kind_matches(kind, kinds):
                continue
            yield PSObject(
                {"TypeName": tname, "Name": name, "MemberType": kind, "Definition": definition},
                type_names=(MEMBER_DEFINITION,),
            )
    if not any_input:
        raise CmdletError("You must specify an object for the Get-Member cmdlet.")


def _kind_matches(kind: str, wanted: set[str]) -> bool:
    k = kind.lower()
    if k in wanted:
        return True
    if "properties" in wanted and k.endswith("property"):
        return True
    return "methods" in wanted and k.endswith("method")


CREDENTIAL_TYPE = "System.Management.Automation.PSCredential"


def credential(user: str, password: Any) -> PSObject:
    """A PSCredential: UserName and a SecureString Password that never prints."""
    return PSObject({"UserName": user, "Password": password}, type_names=(CREDENTIAL_TYPE,))


def get_credential(ctx: CmdletContext) -> Iterator[Any]:
    """Get-Credential: ask for a user name (unless given) and a hidden password."""
    given = ctx.bound.get("Credential")
    if isinstance(given, PSObject):
        yield given
        return
    message = ctx.bound.get("Message")
    if message:
        ctx.host.write_host(to_string(message))
    user = ctx.bound.get("UserName") or given
    if not user:
        user = ctx.host.read_line("User: ")
    password = ctx.host.read_line(f"Password for user {user}: ", secret=True)
    yield credential(to_string(user), SecureString(password))


def new_object(ctx: CmdletContext) -> Iterator[Any]:
    """New-Object: PSObject (with -Property) and the few collection types scripts create."""
    tname = to_string(ctx.bound.get("TypeName", "")).strip("[]")
    key = tname.lower().removeprefix("system.").removeprefix("management.automation.")
    props = ctx.bound.get("Property")
    if key in ("psobject", "pscustomobject", "object"):
        out = PSObject(dict(props) if isinstance(props, Mapping) else {})
        yield out
        return
    if key in ("collections.arraylist",) or key.startswith("collections.generic.list"):
        from ..methods import GenericList

        kind = GenericList if key.startswith("collections.generic") else list
        yield kind(as_list(ctx.bound.get("ArgumentList")))
        return
    if key in ("collections.hashtable", "hashtable"):
        yield {}
        return
    if key in ("datetime",):
        args = [int(a) for a in as_list(ctx.bound.get("ArgumentList"))]
        yield datetime(*args) if args else datetime(1, 1, 1)
        return
    if key == "pscredential":
        args = as_list(ctx.bound.get("ArgumentList"))
        if len(args) != 2:
            raise CmdletError(
                "New-Object PSCredential takes two arguments: the user name and a SecureString password"
            )
        yield credential(to_string(args[0]), args[1])
        return
    if key in ("timespan",):
        args = [int(a) for a in as_list(ctx.bound.get("ArgumentList"))]
        h, m, s = (args + [0, 0, 0])[:3]
        yield timedelta(hours=h, minutes=m, seconds=s)
        return
    raise CmdletError(
        f"Cannot find type [{tname}]: sccshell creates only PSObject, hashtables, lists, "
        "DateTime and TimeSpan with New-Object."
    )


def add_member(ctx: CmdletContext) -> Iterator[Any]:
    """Add-Member: note properties on PSObjects (-NotePropertyName/-Value/-Members, -Name/-Value)."""
    b = ctx.bound
    pairs: list[tuple[str, Any]] = []
    if isinstance(b.get("NotePropertyMembers"), Mapping):
        pairs += [(to_string(k), v) for k, v in b["NotePropertyMembers"].items()]
    if "NotePropertyName" in b:
        pairs.append((to_string(b["NotePropertyName"]), b.get("NotePropertyValue")))
    if "Name" in b:
        pairs.append((to_string(b["Name"]), b.get("Value")))
    for item in input_items(ctx):
        if not isinstance(item, PSObject):
            raise CmdletError("Add-Member in sccshell adds properties to PSObjects only.")
        for name, value in pairs:
            if name in item and not b.get("Force"):
                raise CmdletError(
                    f'Cannot add a member with the name "{name}" because a member with that name already exists.'
                )
            item[name] = value
        if b.get("PassThru"):
            yield item


CMDLETS = {
    "New-Object": new_object,
    "Add-Member": add_member,
    "Get-Member": get_member,
    "Get-Credential": get_credential,
}
