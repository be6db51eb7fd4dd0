"""Distribution groups and their members."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive, errors
from sccshell.sandbox.tenant.api import CmdletError, CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import addresses as addr
from sccshell.sandbox.tenant.cmdlets.common import (
    done,
    identity_cmdlet,
    new_cmdlet,
    remove_recipient,
    select_recipients,
    unchanged,
)
from sccshell.sandbox.tenant.cmdlets.mailbox import SET_MAILBOX, change
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ALL_TYPES, GROUPS, ONMICROSOFT, Recipient
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_recipient
from sccshell.sandbox.tenant.shape import lazy
from sccshell.sandbox.tenant.shapes_recipients import GROUP, RECIPIENT

MEMBER_TYPES = ALL_TYPES - {"GroupMailbox"}


def group(t: Any, identity: Any) -> Recipient:
    return resolve_recipient(t, identity, GROUPS)


@cmdlet("Get-DistributionGroup")
def get_distribution_group(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    records, problems = select_recipients(t, p, GROUPS, GROUP)
    managed_by = p.text("ManagedBy")
    if managed_by:
        owner = resolve_recipient(t, managed_by).name.lower()
        records = [
            r for r in records if owner in (m.lower() for m in GROUP.raw(r, t, "ManagedBy") or [])
        ]
    return done(lazy(records, GROUP, t), errors_=problems)


@new_cmdlet("New-DistributionGroup")
def new_distribution_group(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    kind = (p.text("Type") or "Distribution").lower()
    if kind not in ("distribution", "security"):
        raise errors.not_in_set("Type", p.text("Type"), ["Distribution", "Security"])
    addr.check_name_free(t, name, None)
    alias = p.text("Alias") or addr.alias_from(name.replace(" ", ""))
    addr.check_alias(t, alias, None)
    primary = addr.check_smtp(t, p.text("PrimarySmtpAddress") or f"{alias}@{ONMICROSOFT}")
    addr.check_free(t, primary, None)
    members = [resolve_recipient(t, m, MEMBER_TYPES) for m in p.strings("Members") or []]
    managers = [resolve_recipient(t, m).name for m in p.strings("ManagedBy") or []]
    if not managers:
        caller = _caller(t, ctx)
        managers = [caller.name] if caller is not None else []
    local, _, domain = primary.rpartition("@")
    props: dict[str, Any] = {"ManagedBy": managers}
    for text in ("Notes",):
        if p.text(text) is not None:
            props[text] = p.text(text)
    if p.text("Description") is not None:
        props["Description"] = [p.text("Description")]
    for restriction in ("MemberJoinRestriction", "MemberDepartRestriction"):
        if p.text(restriction):
            props[restriction] = p.text(restriction)
    if p.boolean("RequireSenderAuthenticationEnabled") is not None:
        props["RequireSenderAuthenticationEnabled"] = p.boolean(
            "RequireSenderAuthenticationEnabled"
        )
    else:
        props["RequireSenderAuthenticationEnabled"] = True
    r = Recipient(
        t.serial(),
        "MailUniversalSecurityGroup"
        if kind == "security"
        else ("RoomList" if p.flag("RoomList") else "MailUniversalDistributionGroup"),
        name,
        alias=alias if alias != name else None,
        display=p.text("DisplayName") or name,
        local=local,
        domain=domain,
        created=t.now(),
        props=props,
    )
    t.store.add(r)
    t.store.members[r.n] = [m.n for m in members]
    return done([GROUP.render(r, t)])


def _caller(t: Any, ctx: InvocationContext) -> Recipient | None:
    try:
        return resolve_recipient(t, ctx.caller)
    except CmdletError:
        return None


@identity_cmdlet("Set-DistributionGroup", group)
def set_distribution_group(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    r = group(t, p.text("Identity"))
    special = {
        k: SET_MAILBOX[k]
        for k in ("name", "alias", "displayname", "emailaddresses", "primarysmtpaddress")
    }
    if not change(t, r, p, special, shape=GROUP):
        return done(warnings=[unchanged(derive.identity(r, t))])
    return done()


@identity_cmdlet("Remove-DistributionGroup", group)
def remove_distribution_group(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    r = group(t, p.text("Identity"))
    remove_recipient(t, r)
    t.store.members.pop(r.n, None)
    return done()


@cmdlet("Get-DistributionGroupMember")
def get_distribution_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    r = group(t, p.text("Identity"))
    store = t.store
    members = [store.recipients[n] for n in store.members.get(r.n, []) if n in store.recipients]
    return done(lazy(members, RECIPIENT, t))


def _member_message(verb: str) -> Any:
    def describe(t: Any, p: Params, ctx: InvocationContext) -> str:
        g = group(t, p.text("Identity"))
        member = resolve_recipient(t, p.text("Member"), MEMBER_TYPES)
        return f'{verb} distribution group member "{member.name}" on distribution group "{g.name}".'

    return describe


def _membership(t: Any, p: Params) -> tuple[Recipient, Recipient, list[int]]:
    """The group, the member and the group's member list an Add-/Remove-*Member names."""
    p.require("Identity", "Member")
    g = group(t, p.text("Identity"))
    member = resolve_recipient(t, p.text("Member"), MEMBER_TYPES)
    return g, member, t.store.members.setdefault(g.n, [])


@cmdlet("Add-DistributionGroupMember", describe=_member_message("Adding"))
def add_distribution_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    g, member, members = _membership(t, p)
    if member.n in members:
        return done(
            errors_=[
                f'The recipient "{member.primary_smtp}" is already a member of the group "{g.name}".'
            ]
        )
    if member.n == g.n:
        raise errors.invalid(f'The group "{g.name}" can\'t be a member of itself.')
    members.append(member.n)
    g.changed = t.now()
    return done()


@cmdlet("Remove-DistributionGroupMember", describe=_member_message("Removing"))
def remove_distribution_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    g, member, members = _membership(t, p)
    if member.n not in members:
        return done(
            errors_=[
                f'The recipient "{member.primary_smtp}" isn\'t a member of the group "{g.name}".'
            ]
        )
    members.remove(member.n)
    g.changed = t.now()
    return done()


@identity_cmdlet("Update-DistributionGroupMember", group)
def update_distribution_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    g = group(t, p.text("Identity"))
    members = [resolve_recipient(t, m, MEMBER_TYPES).n for m in p.strings("Members") or []]
    t.store.members[g.n] = list(dict.fromkeys(members))
    g.changed = t.now()
    return done()
