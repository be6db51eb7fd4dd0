"""What the cmdlet modules share: selecting recipients, -Filter, settings, messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletError, CmdletResult
from sccshell.sandbox.tenant.opath import OpathError, compile_filter
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import TYPE_NAMES, Recipient
from sccshell.sandbox.tenant.registry import Run, cmdlet
from sccshell.sandbox.tenant.resolve import find_recipients, resolve_recipient
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy

VERBS = {
    "set": "Setting",
    "remove": "Removing",
    "new": "Creating",
    "add": "Adding",
    "enable": "Enabling",
    "disable": "Disabling",
    "start": "Starting",
    "stop": "Stopping",
    "update": "Updating",
    "clear": "Clearing",
    "import": "Importing",
    "export": "Exporting",
}
# Parameters that control a Set-* cmdlet rather than name a property.
CONTROL = frozenset({"identity", "confirm", "whatif", "force", "ignoredefaultscope"})
RECIPIENT_LISTS = frozenset(
    {
        "acceptmessagesonlyfrom",
        "acceptmessagesonlyfromdlmembers",
        "acceptmessagesonlyfromsendersormembers",
        "rejectmessagesfrom",
        "rejectmessagesfromdlmembers",
        "rejectmessagesfromsendersormembers",
        "grantsendonbehalfto",
        "moderatedby",
        "bypassmoderationfromsendersormembers",
        "managedby",
    }
)

Special = Callable[[Any, Any, Params, str], bool]  # (tenant, record, params, name) -> changed


def done(
    objects: Any = (), *, warnings: list[str] | None = None, errors_: list[str] | None = None
) -> CmdletResult:
    return CmdletResult(objects=objects, warnings=warnings or [], errors=errors_ or [])


def identities(p: Params, name: str = "Identity") -> list[str] | None:
    """The identities given: one string, or several (an array); DNs keep their commas."""
    value = p.raw(name)
    if value is None:
        return None
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v) != ""]
    return [str(value)]


def recipient_types(p: Params, name: str, allowed: Iterable[str]) -> frozenset[str]:
    """The types a -RecipientTypeDetails / -RecipientType value asks for, within ALLOWED."""
    wanted = set()
    for value in p.strings(name) or []:
        canonical = TYPE_NAMES.get(value.strip().lower())
        if canonical is None:
            raise errors.bad_value(
                name,
                value,
                f"Microsoft.Exchange.Data.Directory.Recipient.{name}",
                f"Unable to match the identifier name {value} to a valid enumerator name. "
                f"Specify one of the following enumerator names and try again: {', '.join(sorted(TYPE_NAMES.values()))}",
            )
        wanted.add(canonical)
    if name.lower() == "recipienttype":
        from sccshell.sandbox.tenant.records import RECIPIENT_TYPE

        return frozenset(t for t in allowed if RECIPIENT_TYPE.get(t) in wanted)
    return frozenset(t for t in allowed if t in wanted)


def select_recipients(
    t: Any,
    p: Params,
    types: frozenset[str],
    shape: Shape,
    *,
    identity: str = "Identity",
    deleted: bool = False,
) -> tuple[list[Recipient], list[str]]:
    """The recipients a Get-* call selects: -Identity, -Anr, -Filter, -RecipientTypeDetails, -SortBy.

    Returns the records and the non-terminating errors (identities of a list not found).
    """
    if "RecipientTypeDetails" in p:
        types = recipient_types(p, "RecipientTypeDetails", types)
    if "RecipientType" in p:
        types = recipient_types(p, "RecipientType", types)
    problems: list[str] = []
    wanted = identities(p, identity)
    if wanted:
        records = []
        for one in wanted:
            try:
                if "*" in one:
                    records.extend(find_recipients(t, one, types, deleted=deleted))
                else:
                    records.append(resolve_recipient(t, one, types, deleted=deleted))
            except CmdletError as error:
                if len(wanted) == 1:
                    raise
                problems.append(error.message)
    else:
        pool = t.store.deleted.values() if deleted else t.store.recipients.values()
        records = [r for r in pool if r.rtd in types]
    anr = p.text("Anr")
    if anr:
        records = anr_match(records, anr)
    text = p.text("Filter")
    if text:
        records = apply_filter(t, records, shape, text)
    sort_by = p.text("SortBy")
    if sort_by:
        records = sort_records(t, records, shape, sort_by)
    return records, problems


def list_recipients(t: Any, p: Params, types: frozenset[str], shape: Shape) -> CmdletResult:
    """A plain Get-* of recipients: those select_recipients selects, in SHAPE."""
    records, problems = select_recipients(t, p, types, shape)
    return done(lazy(records, shape, t), errors_=problems)


def remove_recipient(t: Any, r: Recipient) -> None:
    """Take R out of the directory and out of every group that has it as a member."""
    t.store.remove(r)
    for members in t.store.members.values():
        if r.n in members:
            members.remove(r.n)


def apply_filter(t: Any, records: list[Any], shape: Shape, text: str) -> list[Any]:
    try:
        predicate = compile_filter(text, shape.resolver(t))
    except OpathError as error:
        raise errors.bad_filter(error.message) from None
    return [r for r in records if predicate(r)]


def sort_records(t: Any, records: list[Any], shape: Shape, sort_by: str) -> list[Any]:
    descending = sort_by.startswith("-")
    name = sort_by.lstrip("+-").strip()
    prop = shape.prop(name)
    if prop is None:
        raise errors.invalid(f"SortBy isn't supported for property '{name}'.")

    def key(record: Any) -> tuple[int, Any]:
        value = prop.raw(record, t)
        if value is None:
            return (1, "")
        return (0, value.lower() if isinstance(value, str) else value)

    return sorted(records, key=key, reverse=descending)


def anr_match(records: list[Recipient], text: str) -> list[Recipient]:
    """Ambiguous name resolution: a prefix of a name, alias, address or first/last name."""
    prefix = text.strip().lower()
    out = []
    for r in records:
        fields = (
            r.name,
            r.mail_nickname,
            r.display_name,
            r.first,
            r.last,
            f"{r.first} {r.last}",
            f"{r.last} {r.first}",
            r.primary_smtp,
        )
        if any(f.lower().startswith(prefix) for f in fields if f):
            out.append(r)
    return out


# --- settings ---------------------------------------------------------------------------------------


def coerce(t: Any, p: Params, name: str, prop: Prop, current: Any) -> Any:
    """The value parameter NAME sets property PROP to, in PROP's raw form."""
    kind = prop.kind
    raw = p.raw(name)
    if kind == "coll":
        delta = p.delta(name)
        return (delta.apply(list(current or [])) if delta else []) if raw is not None else []
    if raw is None:
        return "" if prop.name.startswith("CustomAttribute") or prop.default == "" else None
    if kind == "bool":
        return p.boolean(name)
    if kind == "size":
        return p.size(name)
    if kind in ("unlimited", "span_unlimited"):
        if str(raw).strip().lower() == "unlimited":
            return None
        return p.integer(name) if kind == "unlimited" else p.timespan(name)
    if kind == "timespan":
        return p.timespan(name)
    if kind in ("int16", "int32", "int64"):
        return p.integer(name)
    if kind in ("date", "dateutc"):
        return p.date(name)
    return p.text(name)


def apply_settings(
    t: Any,
    record: Any,
    p: Params,
    shape: Shape,
    special: dict[str, Special] | None = None,
) -> bool:
    """Apply a Set-* call's parameters to RECORD; True when anything changed."""
    special = special or {}
    changed = False
    for name in p.names():
        lowered = name.lower()
        if lowered in CONTROL:
            continue
        if lowered in special:
            changed = special[lowered](t, record, p, name) or changed
            continue
        prop = shape.prop(name)
        if prop is None:
            continue  # a documented parameter the sandbox accepts but does not model
        current = prop.raw(record, t)
        if lowered in RECIPIENT_LISTS:
            value = recipient_list(t, p, name, current)
        else:
            value = coerce(t, p, name, prop, current)
        if value != current:
            record.put(prop.name, value)
            changed = True
    return changed


def recipient_list(t: Any, p: Params, name: str, current: list[str] | None) -> list[str]:
    """A multi-valued property of recipients (ManagedBy, GrantSendOnBehalfTo, ...) by name."""
    delta = p.delta(name)
    if delta is None:
        return []

    def canonical(value: Any) -> str:
        return resolve_recipient(t, str(value)).name

    delta.add = [canonical(v) for v in delta.add]
    delta.remove = [canonical(v) for v in delta.remove]
    if delta.replace is not None:
        delta.replace = [canonical(v) for v in delta.replace]
    return delta.apply(list(current or []))


def unchanged(identity: str) -> str:
    return f"The command completed successfully but no settings of '{identity}' have been modified."


# --- confirmation messages ---------------------------------------------------------------------------


def noun_words(noun: str) -> str:
    """`DistributionGroupMember` -> `distribution group member` (acronyms stay whole)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", noun)
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


def message(cmdlet: str, target: str) -> str:
    verb, _, noun = cmdlet.partition("-")
    return f'{VERBS.get(verb.lower(), verb + "ing")} {noun_words(noun)} "{target}".'


def describe_name(cmdlet: str) -> Callable[[Any, Params, Any], str]:
    """The confirmation message of a New-* cmdlet: the -Name it creates."""
    return lambda t, p, ctx: message(cmdlet, p.text("Name") or "")


def describe_identity(
    cmdlet: str, resolve: Callable[[Any, Any], Any]
) -> Callable[[Any, Params, Any], str]:
    """The confirmation message of a cmdlet on one object: the name -Identity resolves to."""
    return lambda t, p, ctx: message(cmdlet, resolve(t, p.text("Identity")).name)


def identity_cmdlet(
    name: str, resolve: Callable[[Any, Any], Any], *, search_only: bool = False
) -> Callable[[Run], Run]:
    """Register cmdlet NAME, which acts on the one object -Identity names (RESOLVE finds it)."""
    return cmdlet(name, describe=describe_identity(name, resolve), search_only=search_only)


def new_cmdlet(name: str, *, search_only: bool = False) -> Callable[[Run], Run]:
    """Register New-* cmdlet NAME, which creates the object -Name names."""
    return cmdlet(name, describe=describe_name(name), search_only=search_only)


def generic_message(cmdlet: str, params: Params) -> str:
    target = params.text("Identity") or params.text("Name") or ""
    return message(cmdlet, target)
