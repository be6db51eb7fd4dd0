"""Get-Mailbox, Set-Mailbox, New-Mailbox, Remove-Mailbox, Enable-/Disable-Mailbox -Archive."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive, errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import addresses as addr
from sccshell.sandbox.tenant.cmdlets.common import (
    apply_settings,
    done,
    identity_cmdlet,
    message,
    new_cmdlet,
    remove_recipient,
    select_recipients,
    unchanged,
)
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import MAILBOXES, ONMICROSOFT, Recipient
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_recipient
from sccshell.sandbox.tenant.shape import lazy
from sccshell.sandbox.tenant.shapes_recipients import MAILBOX

GB = derive.GB
MAILBOX_TYPES = MAILBOXES
CONVERSIONS = {
    "regular": "UserMailbox",
    "shared": "SharedMailbox",
    "room": "RoomMailbox",
    "equipment": "EquipmentMailbox",
    "workspace": "RoomMailbox",
}


def mailbox(t: Any, identity: Any) -> Recipient:
    return resolve_recipient(t, identity, MAILBOX_TYPES | {"GroupMailbox"})


def render(t: Any, r: Recipient) -> dict[str, Any]:
    return MAILBOX.render(r, t)


# --- Get-Mailbox ----------------------------------------------------------------------------------


@cmdlet("Get-Mailbox")
def get_mailbox(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    types = frozenset({"GroupMailbox"}) if p.flag("GroupMailbox") else MAILBOX_TYPES
    inactive_only = p.flag("InactiveMailboxOnly")
    records, problems = select_recipients(
        t, p, types, MAILBOX, deleted=inactive_only or p.flag("SoftDeletedMailbox")
    )
    if inactive_only:
        records = [r for r in records if r.get("IsInactiveMailbox")]
    if p.flag("Archive"):
        records = [r for r in records if derive.has_archive(r, t)]
    return done(lazy(records, MAILBOX, t), errors_=problems)


# --- Set-Mailbox ----------------------------------------------------------------------------------


def _name(t: Any, r: Recipient, p: Params, name: str) -> bool:
    new = (p.text(name) or "").strip()
    if not new or new == r.name:
        return False
    addr.check_name_free(t, new, r)
    t.store.unindex(r)
    if r.alias is None:
        r.alias = r.name  # the alias stays when only the name changes
    r.name = new
    t.store.index(r)
    return True


def _alias(t: Any, r: Recipient, p: Params, name: str) -> bool:
    new = (p.text(name) or "").strip()
    if not new or new == r.mail_nickname:
        return False
    addr.check_alias(t, new, r)
    t.store.unindex(r)
    if r.local is None:
        r.local = r.mail_nickname  # the primary address keeps its local part
    r.alias = new
    t.store.index(r)
    return True


def _display_name(t: Any, r: Recipient, p: Params, name: str) -> bool:
    new = p.text(name) or ""
    if new == r.display_name:
        return False
    t.store.unindex(r)
    r.display = new
    t.store.index(r)
    return True


def _email_addresses(t: Any, r: Recipient, p: Params, name: str) -> bool:
    delta = p.delta(name)
    if delta is None:
        return False
    current = r.addresses()
    updated = addr.update_addresses(current, delta)
    if updated == current:
        return False
    addr.set_addresses(t, r, updated)
    return True


def _primary(t: Any, r: Recipient, p: Params, name: str) -> bool:
    value = p.text(name)
    return bool(value) and addr.set_primary(t, r, value)


def _upn(t: Any, r: Recipient, p: Params, name: str) -> bool:
    value = addr.check_smtp(t, p.text(name) or "")
    if value.lower() == r.upn().lower():
        return False
    addr.check_free(t, value, r)
    t.store.unindex(r)
    r.put("UserPrincipalName", value)
    t.store.index(r)
    return True


def _forwarding_smtp(t: Any, r: Recipient, p: Params, name: str) -> bool:
    value = p.text(name)
    if value:
        address = value.split(":", 1)[1] if ":" in value else value
        addr.check_smtp(t, address, accepted=False)
        value = "smtp:" + address
    else:
        value = None
    if MAILBOX.raw(r, t, "ForwardingSmtpAddress") == value:
        return False
    r.put("ForwardingSmtpAddress", value)
    return True


def _forwarding_address(t: Any, r: Recipient, p: Params, name: str) -> bool:
    value = p.text(name)
    target = resolve_recipient(t, value).name if value else None
    if r.get("ForwardingAddress") == target:
        return False
    r.put("ForwardingAddress", target)
    return True


def _type(t: Any, r: Recipient, p: Params, name: str) -> bool:
    value = (p.text(name) or "").lower()
    target = CONVERSIONS.get(value)
    if target is None:
        raise errors.not_in_set(
            name, p.text(name), ["Regular", "Room", "Equipment", "Shared", "Workspace"]
        )
    if r.rtd == target:
        return False
    r.rtd = target
    return True


def _litigation_hold(t: Any, r: Recipient, p: Params, name: str) -> bool:
    enabled = p.flag(name)
    if enabled == bool(r.get("LitigationHoldEnabled", derive.litigation_hold(r, t))):
        return False
    r.put("LitigationHoldEnabled", enabled)
    r.put("LitigationHoldDate", t.now() if enabled else None)
    r.put("LitigationHoldOwner", t.ctx.caller if enabled else "")
    return True


def _ignored(t: Any, r: Recipient, p: Params, name: str) -> bool:
    return False  # passwords: accepted, never stored


SET_MAILBOX = {
    "name": _name,
    "alias": _alias,
    "displayname": _display_name,
    "emailaddresses": _email_addresses,
    "primarysmtpaddress": _primary,
    "windowsemailaddress": _primary,
    "microsoftonlineservicesid": _upn,
    "forwardingsmtpaddress": _forwarding_smtp,
    "forwardingaddress": _forwarding_address,
    "type": _type,
    "litigationholdenabled": _litigation_hold,
    "password": _ignored,
    "roommailboxpassword": _ignored,
}


def _check_quotas(t: Any, r: Recipient) -> None:
    def size(prop: str) -> float:
        value = MAILBOX.raw(r, t, prop)
        return float("inf") if value is None else value

    warning, send, receive = (
        size("IssueWarningQuota"),
        size("ProhibitSendQuota"),
        size("ProhibitSendReceiveQuota"),
    )
    if warning > send and send != float("inf"):
        raise errors.invalid(
            "The value of property 'IssueWarningQuota' must be less than or equal to that of property 'ProhibitSendQuota'.",
            "Microsoft.Exchange.Data.DataValidationException",
        )
    if send > receive and receive != float("inf"):
        raise errors.invalid(
            "The value of property 'ProhibitSendQuota' must be less than or equal to that of property 'ProhibitSendReceiveQuota'.",
            "Microsoft.Exchange.Data.DataValidationException",
        )
    retain = MAILBOX.raw(r, t, "RetainDeletedItemsFor")
    if retain is not None and retain > 30 * 86400:
        raise errors.invalid(
            "The value of RetainDeletedItemsFor must be between 00:00:00 and 30.00:00:00.",
            "Microsoft.Exchange.Data.DataValidationException",
        )


def snapshot(r: Recipient) -> tuple[Any, ...]:
    return (
        r.rtd,
        r.name,
        r.alias,
        r.display,
        r.local,
        r.domain,
        r.changed,
        dict(r.props or {}) if r.props is not None else None,
    )


def restore(t: Any, r: Recipient, state: tuple[Any, ...]) -> None:
    t.store.unindex(r)
    r.rtd, r.name, r.alias, r.display, r.local, r.domain, r.changed, r.props = state
    t.store.index(r)


def change(
    t: Any, r: Recipient, p: Params, special: dict, check: Any = None, shape: Any = MAILBOX
) -> bool:
    """Apply P to R all or nothing: a failure leaves R as it was."""
    state = snapshot(r)
    try:
        changed = apply_settings(t, r, p, shape, special)
        if check is not None:
            check(t, r)
    except Exception:
        restore(t, r, state)
        raise
    if changed:
        r.changed = t.now()
    return changed


@identity_cmdlet("Set-Mailbox", mailbox)
def set_mailbox(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    r = mailbox(t, p.text("Identity"))
    if not change(t, r, p, SET_MAILBOX, _check_quotas):
        return done(warnings=[unchanged(derive.identity(r, t))])
    return done()


# --- New-Mailbox ------------------------------------------------------------------------------------


@new_cmdlet("New-Mailbox")
def new_mailbox(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    rtd = "UserMailbox"
    for switch, kind in (
        ("Shared", "SharedMailbox"),
        ("Room", "RoomMailbox"),
        ("Equipment", "EquipmentMailbox"),
    ):
        if p.flag(switch):
            rtd = kind
    upn = p.text("MicrosoftOnlineServicesID")
    if rtd == "UserMailbox" and (upn is None or p.raw("Password") is None):
        raise errors.missing_parameters(
            *[n for n in ("MicrosoftOnlineServicesID", "Password") if p.raw(n) is None]
        )
    addr.check_name_free(t, name, None)
    alias = p.text("Alias") or addr.alias_from(
        upn or p.text("PrimarySmtpAddress") or name.replace(" ", "")
    )
    addr.check_alias(t, alias, None)
    primary = p.text("PrimarySmtpAddress") or upn or f"{alias}@{ONMICROSOFT}"
    primary = addr.check_smtp(t, primary)
    addr.check_free(t, primary, None)
    if upn:
        upn = addr.check_smtp(t, upn)
        addr.check_free(t, upn, None)
    local, _, domain = primary.rpartition("@")
    first = p.text("FirstName") or ""
    last = p.text("LastName") or ""
    r = Recipient(
        t.serial(),
        rtd,
        name,
        alias=alias if alias != name else None,
        first=first,
        last=last,
        display=p.text("DisplayName") or name,
        local=local,
        domain=domain,
        created=t.now(),
    )
    if upn and upn.lower() != primary.lower():
        r.put("UserPrincipalName", upn)
    if rtd in ("UserMailbox",):
        r.put("ArchiveStatus", "Active" if p.flag("Archive") else "None")
    if rtd == "RoomMailbox" and p.integer("ResourceCapacity") is not None:
        r.put("ResourceCapacity", p.integer("ResourceCapacity"))
    for prop in ("Office",):
        if p.text(prop) is not None:
            r.put(prop, p.text(prop))
    # New mailboxes get no seeded extras (holds, forwarding): only what the admin asked for.
    r.put("LitigationHoldEnabled", False)
    r.put("ForwardingSmtpAddress", None)
    t.store.add(r)
    return done([render(t, r)])


# --- Remove-Mailbox ---------------------------------------------------------------------------------


def _remove_message(t: Any, p: Params, ctx: InvocationContext) -> str:
    target = _removal_target(t, p)
    return message("Remove-Mailbox", derive.identity(target, t))


def _removal_target(t: Any, p: Params) -> Recipient:
    p.require("Identity")
    identity = p.text("Identity")
    if p.flag("PermanentlyDelete"):
        try:
            return mailbox(t, identity)
        except Exception:
            return resolve_recipient(t, identity, MAILBOX_TYPES, deleted=True)
    return mailbox(t, identity)


@cmdlet("Remove-Mailbox", describe=_remove_message)
def remove_mailbox(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    r = _removal_target(t, p)
    store = t.store
    if r.n in store.recipients:
        remove_recipient(t, r)
        for entries in list(store.permissions.values()) + list(store.send_as.values()):
            entries[:] = [e for e in entries if e.get("u") != r.n]
        # A mailbox on hold is kept as an inactive mailbox when it is removed.
        held = bool(MAILBOX.prop("LitigationHoldEnabled").raw(r, t))  # type: ignore[union-attr]
        if held or r.get("InPlaceHolds"):
            r.put("IsInactiveMailbox", True)
            r.put("LitigationHoldEnabled", held)
        r.put("IsSoftDeletedByRemove", True)
        r.put("WhenSoftDeleted", t.now())
        r.changed = t.now()
        store.deleted[r.n] = r
    if p.flag("PermanentlyDelete"):
        store.deleted.pop(r.n, None)
        store.permissions.pop(r.n, None)
        store.send_as.pop(r.n, None)
    return done()


# --- archives -------------------------------------------------------------------------------------------


def _archive(t: Any, p: Params, enable: bool) -> CmdletResult:
    p.require("Identity")
    r = mailbox(t, p.text("Identity"))
    if not (p.flag("Archive") or p.flag("AutoExpandingArchive")):
        raise errors.invalid(
            "The sandbox tenant supports Enable-Mailbox and Disable-Mailbox with -Archive only."
        )
    if p.flag("AutoExpandingArchive"):
        r.put("AutoExpandingArchiveEnabled", enable)
    if p.flag("Archive"):
        if derive.has_archive(r, t) == enable:
            state = "already has" if enable else "doesn't have"
            return done(warnings=[f"The mailbox '{derive.identity(r, t)}' {state} an archive."])
        r.put("ArchiveStatus", "Active" if enable else "None")
    r.changed = t.now()
    return done([render(t, r)] if enable else [])


@identity_cmdlet("Enable-Mailbox", mailbox)
def enable_mailbox(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _archive(t, p, True)


@identity_cmdlet("Disable-Mailbox", mailbox)
def disable_mailbox(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _archive(t, p, False)
