"""Mailbox permissions (FullAccess, ...) and recipient permissions (SendAs)."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive, errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets.common import done
from sccshell.sandbox.tenant.cmdlets.mailbox import mailbox
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ALL_TYPES, Item, Recipient
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_recipient
from sccshell.sandbox.tenant.shape import LazyObjects, Prop, Shape

MAILBOX_RIGHTS = {
    r.lower(): r
    for r in (
        "ChangeOwner",
        "ChangePermission",
        "DeleteItem",
        "ExternalAccount",
        "FullAccess",
        "ReadPermission",
    )
}
TRUSTEE_TYPES = ALL_TYPES - {
    "MailContact",
    "MailUniversalDistributionGroup",
    "RoomList",
    "DynamicDistributionGroup",
}
SELF = "NT AUTHORITY\\SELF"
FOREST = "NAMPR01A001"
# The entries every mailbox carries besides explicit ones (user, rights, deny, inherited).
DEFAULT_ACES = (
    (SELF, "FullAccess, ReadPermission", False, False, "S-1-5-10"),
    (
        f"{FOREST}\\Administrator",
        "FullAccess",
        True,
        True,
        "S-1-5-21-3540170024-1285227154-1123049811-500",
    ),
    (
        f"{FOREST}\\Domain Admins",
        "FullAccess",
        True,
        True,
        "S-1-5-21-3540170024-1285227154-1123049811-512",
    ),
    (
        f"{FOREST}\\Enterprise Admins",
        "FullAccess",
        True,
        True,
        "S-1-5-21-3540170024-1285227154-1123049811-519",
    ),
    (
        f"{FOREST}\\Organization Management",
        "FullAccess",
        True,
        True,
        "S-1-5-21-3540170024-1285227154-1123049811-1117",
    ),
    ("NT AUTHORITY\\SYSTEM", "FullAccess", False, True, "S-1-5-18"),
    ("NT AUTHORITY\\NETWORK SERVICE", "ReadPermission", False, True, "S-1-5-20"),
    (
        f"{FOREST}\\Exchange Servers",
        "FullAccess, ReadPermission",
        False,
        True,
        "S-1-5-21-3540170024-1285227154-1123049811-1118",
    ),
    (
        f"{FOREST}\\Managed Availability Servers",
        "ReadPermission",
        False,
        True,
        "S-1-5-21-3540170024-1285227154-1123049811-1131",
    ),
)

MAILBOX_PERMISSION = Shape(
    [
        Prop("AccessRights", "coll"),
        Prop("Deny", "bool", False),
        Prop("InheritanceType", "str", "All"),
        Prop("User", "str"),
        Prop("UserSid", "str"),
        Prop("Identity", "str"),
        Prop("IsInherited", "bool", False),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]
)

RECIPIENT_PERMISSION = Shape(
    [
        Prop("Identity", "str"),
        Prop("Trustee", "str"),
        Prop("TrusteeSidString", "str"),
        Prop("AccessControlType", "str", "Allow"),
        Prop("AccessRights", "coll", ["SendAs"]),
        Prop("IsInherited", "bool", False),
        Prop("InheritanceType", "str", "None"),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]
)


def trustee_name(r: Recipient) -> str:
    """How permission entries name a trustee: users by UPN, groups by name."""
    if r.rtd in ("MailUniversalSecurityGroup", "MailUniversalDistributionGroup", "GroupMailbox"):
        return r.name
    return r.upn()


def _sid(t: Any, n: int) -> str:
    return f"S-1-5-21-3540170024-1285227154-1123049811-{100000 + n}"


def _rights(p: Params, name: str = "AccessRights") -> list[str]:
    rights = []
    for value in p.strings(name) or []:
        for part in value.split(","):
            canonical = MAILBOX_RIGHTS.get(part.strip().lower())
            if canonical is None:
                raise errors.bad_value(
                    name,
                    part.strip(),
                    "Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]",
                    f"Unable to match the identifier name {part.strip()} to a valid enumerator name. "
                    f"Specify one of the following enumerator names and try again: {', '.join(MAILBOX_RIGHTS.values())}",
                )
            if canonical not in rights:
                rights.append(canonical)
    return rights


def _entry_item(t: Any, mbx: Recipient, entry: dict[str, Any]) -> Item:
    trustee = t.store.recipient(entry["u"])
    user = trustee_name(trustee) if trustee is not None else str(entry.get("name", entry["u"]))
    return Item(
        0,
        "MailboxPermission",
        {
            "AccessRights": [", ".join(entry["rights"])],
            "Deny": entry.get("deny", False),
            "InheritanceType": entry.get("inheritance", "All"),
            "User": user,
            "UserSid": _sid(t, entry["u"]),
            "Identity": derive.identity(mbx, t),
        },
    )


def _default_items(t: Any, mbx: Recipient) -> list[Item]:
    identity = derive.identity(mbx, t)
    return [
        Item(
            0,
            "MailboxPermission",
            {
                "AccessRights": [rights],
                "Deny": deny,
                "User": user,
                "UserSid": sid,
                "IsInherited": inherited,
                "Identity": identity,
            },
        )
        for user, rights, deny, inherited, sid in DEFAULT_ACES
    ]


def _trustee(t: Any, value: str | None) -> Recipient:
    return resolve_recipient(t, value, TRUSTEE_TYPES)


# --- mailbox permissions ------------------------------------------------------------------------------


@cmdlet("Get-MailboxPermission")
def get_mailbox_permission(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    mbx = mailbox(t, p.text("Identity"))
    explicit = t.store.permissions.get(mbx.n, [])
    items = _default_items(t, mbx)
    self_entry, inherited = items[:1], items[1:]
    entries = self_entry + [_entry_item(t, mbx, e) for e in explicit] + inherited
    if p.text("User"):
        wanted = p.text("User") or ""
        if wanted.lower().startswith(("nt authority\\", FOREST.lower() + "\\")):
            entries = [e for e in entries if e.get("User").lower() == wanted.lower()]
        else:
            user = trustee_name(_trustee(t, wanted)).lower()
            entries = [e for e in entries if str(e.get("User")).lower() == user]
    if p.flag("Owner"):
        return done(
            [
                {
                    "Identity": derive.identity(mbx, t),
                    "Owner": f"{FOREST}\\{mbx.name}",
                    "IsValid": True,
                    "ObjectState": "Unchanged",
                }
            ]
        )
    return done(LazyObjects(entries, lambda item: MAILBOX_PERMISSION.render(item, t)))


def _permission_message(verb: str) -> Any:
    def describe(t: Any, p: Params, ctx: InvocationContext) -> str:
        mbx = mailbox(t, p.text("Identity"))
        user = trustee_name(_trustee(t, p.text("User")))
        rights = ", ".join(f"'{r}'" for r in _rights(p))
        return f'{verb} mailbox permission "{derive.identity(mbx, t)}" for user "{user}" with access rights "{rights}".'

    return describe


@cmdlet("Add-MailboxPermission", describe=_permission_message("Adding"))
def add_mailbox_permission(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    mbx = mailbox(t, p.text("Identity"))
    if p.raw("Owner") is not None:
        return done(warnings=["The sandbox tenant does not change mailbox owners."])
    p.require("User", "AccessRights")
    trustee = _trustee(t, p.text("User"))
    rights = _rights(p)
    deny = p.flag("Deny")
    entries = t.store.permissions.setdefault(mbx.n, [])
    for entry in entries:
        if entry["u"] == trustee.n and entry.get("deny", False) == deny:
            missing = [r for r in rights if r not in entry["rights"]]
            if not missing:
                return done(
                    [MAILBOX_PERMISSION.render(_entry_item(t, mbx, entry), t)],
                    warnings=[_ace_present(t, mbx, trustee)],
                )
            entry["rights"] = entry["rights"] + missing
            return done([MAILBOX_PERMISSION.render(_entry_item(t, mbx, entry), t)])
    automap = p.boolean("AutoMapping")
    entry = {
        "u": trustee.n,
        "rights": rights,
        "deny": deny,
        "inheritance": p.text("InheritanceType") or "All",
        "automap": True if automap is None else automap,
    }
    entries.append(entry)
    return done([MAILBOX_PERMISSION.render(_entry_item(t, mbx, entry), t)])


def _ace_present(t: Any, target: Recipient, trustee: Any) -> str:
    """The warning of an Add-* that finds the permission already granted."""
    return (
        "The appropriate access control entry is already present on the object "
        f'"{derive.distinguished_name(target, t)}" for account "{trustee_name(trustee)}".'
    )


def _ace_missing(t: Any, target: Recipient, trustee: Any) -> str:
    """The warning of a Remove-* that finds no such permission."""
    return (
        "Can't remove the access control entry on the object "
        f'"{derive.distinguished_name(target, t)}" for account "{trustee_name(trustee)}" '
        "because the ACE doesn't exist on the object."
    )


@cmdlet("Remove-MailboxPermission", describe=_permission_message("Removing"))
def remove_mailbox_permission(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity", "User", "AccessRights")
    mbx = mailbox(t, p.text("Identity"))
    trustee = _trustee(t, p.text("User"))
    rights = set(_rights(p))
    deny = p.flag("Deny")
    entries = t.store.permissions.get(mbx.n, [])
    removed = False
    for entry in list(entries):
        if entry["u"] != trustee.n or entry.get("deny", False) != deny:
            continue
        kept = [r for r in entry["rights"] if r not in rights]
        if len(kept) != len(entry["rights"]):
            removed = True
        if kept:
            entry["rights"] = kept
        else:
            entries.remove(entry)
    if not removed:
        return done(warnings=[_ace_missing(t, mbx, trustee)])
    return done()


# --- recipient permissions (SendAs) ------------------------------------------------------------------------


def _send_as_item(t: Any, r: Recipient, entry: dict[str, Any] | None) -> Item:
    if entry is None:
        return Item(
            0,
            "RecipientPermission",
            {"Identity": derive.identity(r, t), "Trustee": SELF, "TrusteeSidString": "S-1-5-10"},
        )
    trustee = t.store.recipient(entry["u"])
    return Item(
        0,
        "RecipientPermission",
        {
            "Identity": derive.identity(r, t),
            "Trustee": trustee_name(trustee) if trustee is not None else str(entry["u"]),
            "TrusteeSidString": _sid(t, entry["u"]),
            "AccessRights": list(entry.get("rights", ["SendAs"])),
        },
    )


def _send_as_rights(p: Params) -> list[str]:
    values = [v.strip() for v in (p.strings("AccessRights") or ["SendAs"])]
    for value in values:
        if value.lower() != "sendas":
            raise errors.not_in_set("AccessRights", value, ["SendAs"])
    return ["SendAs"]


@cmdlet("Get-RecipientPermission")
def get_recipient_permission(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    store = t.store
    if p.text("Identity"):
        targets = [resolve_recipient(t, p.text("Identity"))]
    else:
        targets = [
            r
            for r in store.recipients.values()
            if r.rtd in ("UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox")
            or r.n in store.send_as
        ]
    pairs: list[tuple[Recipient, dict[str, Any] | None]] = []
    trustee = _trustee(t, p.text("Trustee")) if p.text("Trustee") else None
    for r in targets:
        if trustee is None and r.rtd in (
            "UserMailbox",
            "SharedMailbox",
            "RoomMailbox",
            "EquipmentMailbox",
        ):
            pairs.append((r, None))
        for entry in store.send_as.get(r.n, []):
            if trustee is None or entry["u"] == trustee.n:
                pairs.append((r, entry))
    return done(
        LazyObjects(pairs, lambda pair: RECIPIENT_PERMISSION.render(_send_as_item(t, *pair), t))
    )


def _recipient_permission_message(verb: str) -> Any:
    def describe(t: Any, p: Params, ctx: InvocationContext) -> str:
        target = resolve_recipient(t, p.text("Identity"))
        trustee = trustee_name(_trustee(t, p.text("Trustee")))
        preposition = "to" if verb == "Adding" else "from"
        return f'{verb} recipient permission \'SendAs\' {preposition} "{derive.identity(target, t)}" for trustee "{trustee}".'

    return describe


@cmdlet("Add-RecipientPermission", describe=_recipient_permission_message("Adding"))
def add_recipient_permission(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity", "Trustee", "AccessRights")
    target = resolve_recipient(t, p.text("Identity"))
    trustee = _trustee(t, p.text("Trustee"))
    _send_as_rights(p)
    entries = t.store.send_as.setdefault(target.n, [])
    for entry in entries:
        if entry["u"] == trustee.n:
            return done(
                [RECIPIENT_PERMISSION.render(_send_as_item(t, target, entry), t)],
                warnings=[_ace_present(t, target, trustee)],
            )
    entry = {"u": trustee.n, "rights": ["SendAs"]}
    entries.append(entry)
    return done([RECIPIENT_PERMISSION.render(_send_as_item(t, target, entry), t)])


@cmdlet("Remove-RecipientPermission", describe=_recipient_permission_message("Removing"))
def remove_recipient_permission(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity", "Trustee", "AccessRights")
    target = resolve_recipient(t, p.text("Identity"))
    trustee = _trustee(t, p.text("Trustee"))
    _send_as_rights(p)
    entries = t.store.send_as.get(target.n, [])
    kept = [e for e in entries if e["u"] != trustee.n]
    if len(kept) == len(entries):
        return done(warnings=[_ace_missing(t, target, trustee)])
    t.store.send_as[target.n] = kept
    return done()
