"""Get-Recipient, Get-User / Set-User, Get-MailUser, Get-MailContact / New- / Remove-MailContact."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import addresses as addr
from sccshell.sandbox.tenant.cmdlets.common import (
    done,
    identity_cmdlet,
    list_recipients,
    new_cmdlet,
    remove_recipient,
    unchanged,
)
from sccshell.sandbox.tenant.cmdlets.mailbox import SET_MAILBOX, change
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ALL_TYPES, USERS, Recipient
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_recipient
from sccshell.sandbox.tenant.shapes_recipients import MAIL_CONTACT, MAIL_USER, RECIPIENT, USER

MAIL_USERS = frozenset({"MailUser", "GuestMailUser"})
CONTACTS = frozenset({"MailContact"})


@cmdlet("Get-Recipient")
def get_recipient(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return list_recipients(t, p, ALL_TYPES, RECIPIENT)


@cmdlet("Get-User")
def get_user(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return list_recipients(t, p, USERS, USER)


def _names(t: Any, r: Recipient, p: Params, name: str) -> bool:
    value = p.text(name) or ""
    attribute = "first" if name.lower() == "firstname" else "last"
    if getattr(r, attribute) == value:
        return False
    t.store.unindex(r)
    if r.display is None:
        r.display = r.display_name  # the display name does not follow a rename of its parts
    setattr(r, attribute, value)
    t.store.index(r)
    return True


def _upn(t: Any, r: Recipient, p: Params, name: str) -> bool:
    return SET_MAILBOX["microsoftonlineservicesid"](t, r, p, name)


SET_USER = {
    "firstname": _names,
    "lastname": _names,
    "displayname": SET_MAILBOX["displayname"],
    "name": SET_MAILBOX["name"],
    "userprincipalname": _upn,
    "microsoftonlineservicesid": _upn,
    "windowsemailaddress": SET_MAILBOX["windowsemailaddress"],
}


def _user(t: Any, identity: Any) -> Recipient:
    return resolve_recipient(t, identity, USERS)


@identity_cmdlet("Set-User", _user)
def set_user(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    """The person's properties: the ones Get-User shows (Department, Title, City, ...)."""
    p.require("Identity")
    r = _user(t, p.text("Identity"))
    if not change(t, r, p, SET_USER, shape=USER):
        return done(warnings=[unchanged(derive.identity(r, t))])
    return done()


@cmdlet("Get-MailUser")
def get_mail_user(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return list_recipients(t, p, MAIL_USERS, MAIL_USER)


@cmdlet("Get-MailContact")
def get_mail_contact(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return list_recipients(t, p, CONTACTS, MAIL_CONTACT)


@new_cmdlet("New-MailContact")
def new_mail_contact(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name", "ExternalEmailAddress")
    name = (p.text("Name") or "").strip()
    external = (p.text("ExternalEmailAddress") or "").split(":", 1)[-1]
    addr.check_smtp(t, external, accepted=False)
    addr.check_name_free(t, name, None)
    addr.check_free(t, external, None)
    alias = p.text("Alias") or addr.alias_from(name.replace(" ", ""))
    addr.check_alias(t, alias, None)
    local, _, domain = external.rpartition("@")
    r = Recipient(
        t.serial(),
        "MailContact",
        name,
        alias=alias,
        first=p.text("FirstName") or "",
        last=p.text("LastName") or "",
        display=p.text("DisplayName") or name,
        local=local,
        domain=domain,
        created=t.now(),
        props={"ExternalEmailAddress": f"SMTP:{external}", "EmailAddresses": [f"SMTP:{external}"]},
    )
    t.store.add(r)
    return done([MAIL_CONTACT.render(r, t)])


def _contact(t: Any, identity: Any) -> Recipient:
    return resolve_recipient(t, identity, CONTACTS)


@identity_cmdlet("Remove-MailContact", _contact)
def remove_mail_contact(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    remove_recipient(t, _contact(t, p.text("Identity")))
    return done()
