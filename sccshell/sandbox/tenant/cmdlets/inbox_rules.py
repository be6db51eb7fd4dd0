"""Inbox rules of mailboxes: Get-, New-, Set-, Remove-, Enable-, Disable-InboxRule."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets.common import done, unchanged
from sccshell.sandbox.tenant.cmdlets.mailbox import mailbox
from sccshell.sandbox.tenant.items import new_item, touch
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import Item, Recipient
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import find_recipients
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy

KIND = "InboxRule"
# (property, kind, description phrase); conditions first, then actions.
CONDITIONS = (
    ("BodyContainsWords", "coll", "includes {} in the body"),
    ("From", "coll", "is received from {}"),
    ("FromAddressContainsWords", "coll", "includes {} in the sender's address"),
    ("HasAttachment", "bool", "has an attachment"),
    ("MyNameInToOrCcBox", "bool", "is sent to me or I'm on the Cc line"),
    ("SentOnlyToMe", "bool", "is sent only to me"),
    ("SentTo", "coll", "is sent to {}"),
    ("SubjectContainsWords", "coll", "includes {} in the subject"),
    ("SubjectOrBodyContainsWords", "coll", "includes {} in the subject or body"),
    ("WithImportance", "str", "is marked with {} importance"),
)
ACTIONS = (
    ("ApplyCategory", "coll", "apply the category {}"),
    ("CopyToFolder", "str", "copy the message to folder {}"),
    ("DeleteMessage", "bool", "delete the message"),
    ("ForwardAsAttachmentTo", "coll", "forward the message as an attachment to {}"),
    ("ForwardTo", "coll", "forward the message to {}"),
    ("MarkAsRead", "bool", "mark the message as read"),
    ("MarkImportance", "str", "mark the message with {} importance"),
    ("MoveToFolder", "str", "move the message to folder {}"),
    ("RedirectTo", "coll", "redirect the message to {}"),
    ("StopProcessingRules", "bool", "stop processing more rules"),
)
ADDRESS_LISTS = frozenset({"From", "SentTo", "ForwardTo", "ForwardAsAttachmentTo", "RedirectTo"})


def _owner(t: Any, item: Item) -> Recipient | None:
    return t.store.recipient(item.get("MailboxN"))


def _identity(item: Item, t: Any) -> str:
    owner = _owner(t, item)
    return f"{owner.name if owner else ''}\\{item.get('RuleIdentity')}"


def _describe(item: Item, t: Any) -> str:
    def shown(value: Any) -> str:
        return " or ".join(f"'{v}'" for v in value) if isinstance(value, list) else f"'{value}'"

    conditions = [
        phrase.format(shown(item.get(n)))
        for n, _, phrase in CONDITIONS
        if item.get(n) not in (None, [], False)
    ]
    actions = [
        phrase.format(shown(item.get(n)))
        for n, _, phrase in ACTIONS
        if item.get(n) not in (None, [], False)
    ]
    text = "If the message:\r\n" + "".join(
        f"\t{c}\r\n" for c in conditions or ["applies to all messages"]
    )
    return text + "Take the following actions:\r\n" + "".join(f"\t{a}\r\n" for a in actions)


def folder_path(owner: Recipient, folder: str) -> str:
    """A folder as the service shows it in a rule: `<mailbox>:\\<folder>`."""
    return folder if ":\\" in folder else f"{owner.name}:\\{folder}"


INBOX_RULE = Shape(
    [
        Prop("Description", "str", _describe),
        Prop("Enabled", "bool", True),
        Prop("Identity", "str", _identity),
        Prop("InError", "bool", False),
        Prop("ErrorType", "str", "None"),
        Prop("Name", "str"),
        Prop("Priority", "int32", 1),
        Prop("RuleIdentity", "raw"),
        Prop("SupportedByTask", "bool", True),
        Prop("Legacy", "bool", False),
        *[
            Prop(n, k, [] if k == "coll" else (False if k == "bool" else None))
            for n, k, _ in CONDITIONS
            if n not in ("MoveToFolder", "CopyToFolder")
        ],
        *[
            Prop(n, k, [] if k == "coll" else (False if k == "bool" else None))
            for n, k, _ in ACTIONS
            if n not in ("MoveToFolder", "CopyToFolder")
        ],
        Prop("CopyToFolder", "str", None),
        Prop("MoveToFolder", "str", None),
        Prop("MailboxOwnerId", "str", lambda i, t: _owner(t, i).name if _owner(t, i) else None),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]
)


def _rules_of(t: Any, owner: Recipient) -> list[Item]:
    rules = [i for i in t.store.iter_items(KIND) if i.get("MailboxN") == owner.n]
    return sorted(rules, key=lambda i: i.get("Priority", 0))


def _target_mailbox(t: Any, p: Params, ctx: InvocationContext) -> Recipient | None:
    if p.text("Mailbox"):
        return mailbox(t, p.text("Mailbox"))
    found = find_recipients(t, ctx.caller)
    return found[0] if len(found) == 1 else None


def _rule(t: Any, p: Params, ctx: InvocationContext) -> Item:
    identity = p.text("Identity") or ""
    owner: Recipient | None
    if "\\" in identity:
        owner_part, _, rule_part = identity.rpartition("\\")
        owner = mailbox(t, owner_part)
    else:
        owner, rule_part = _target_mailbox(t, p, ctx), identity
    if owner is not None:
        for item in _rules_of(t, owner):
            if str(item.get("RuleIdentity")) == rule_part or item.name.lower() == rule_part.lower():
                return item
    raise errors.not_found(identity)


def _address(t: Any, value: str) -> str:
    found = find_recipients(t, value)
    if len(found) == 1:
        return f'"{found[0].display_name}" [SMTP:{found[0].primary_smtp}]'
    return f'"{value}" [SMTP:{value}]' if "@" in value else value


def _apply(t: Any, item: Item, p: Params) -> bool:
    changed = False
    for name, kind, _ in CONDITIONS + ACTIONS:
        if name not in p:
            continue
        if kind == "coll":
            value = p.strings(name) or []
            if name in ADDRESS_LISTS:
                value = [_address(t, v) for v in value]
        elif kind == "bool":
            value = p.flag(name)
        else:
            value = p.text(name)
            owner = _owner(t, item)
            if value and name in ("MoveToFolder", "CopyToFolder") and owner is not None:
                value = folder_path(owner, value)
        if item.get(name) != value:
            item.put(name, value)
            changed = True
    for name in ("Name", "Priority", "Enabled"):
        if name in p:
            value = (
                p.integer(name)
                if name == "Priority"
                else (p.flag(name) if name == "Enabled" else p.text(name))
            )
            if item.get(name) != value:
                item.put(name, value)
                changed = True
    return changed


def _message(verb: str) -> Any:
    def describe(t: Any, p: Params, ctx: InvocationContext) -> str:
        item = _rule(t, p, ctx)
        return f'{verb} inbox rule "{item.name}" with identity "{_identity(item, t)}".'

    return describe


@cmdlet("Get-InboxRule")
def get_inbox_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    if p.text("Identity"):
        return done([INBOX_RULE.render(_rule(t, p, ctx), t)])
    owner = _target_mailbox(t, p, ctx)
    if owner is None:
        raise errors.not_found(ctx.caller)
    return done(lazy(_rules_of(t, owner), INBOX_RULE, t))


@cmdlet(
    "New-InboxRule", describe=lambda t, p, ctx: f'Creating inbox rule "{p.text("Name") or ""}".'
)
def new_inbox_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    owner = _target_mailbox(t, p, ctx)
    if owner is None:
        raise errors.not_found(p.text("Mailbox") or ctx.caller)
    existing = _rules_of(t, owner)
    if any(i.name.lower() == (p.text("Name") or "").lower() for i in existing):
        raise errors.invalid(
            f'An Inbox rule with the name "{p.text("Name")}" already exists.',
            "Microsoft.Exchange.Management.Tasks.InboxRuleOperationException",
        )
    item = new_item(
        t,
        KIND,
        {
            "Name": p.text("Name"),
            "MailboxN": owner.n,
            "Priority": len(existing) + 1,
            "Enabled": True,
            "RuleIdentity": int(t.guid(t.next_serial, "inbox-rule").replace("-", "")[:15], 16),
        },
    )
    _apply(t, item, p)
    return done([INBOX_RULE.render(item, t)])


@cmdlet("Set-InboxRule", describe=_message("Setting"))
def set_inbox_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = _rule(t, p, ctx)
    if not _apply(t, item, p):
        return done(warnings=[unchanged(_identity(item, t))])
    touch(t, item)
    return done()


@cmdlet("Remove-InboxRule", describe=_message("Removing"))
def remove_inbox_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = _rule(t, p, ctx)
    t.store.drop_item(item)
    return done()


def _enable(t: Any, p: Params, ctx: InvocationContext, enabled: bool) -> CmdletResult:
    p.require("Identity")
    item = _rule(t, p, ctx)
    if item.get("Enabled", True) == enabled:
        return done(warnings=[unchanged(_identity(item, t))])
    item.put("Enabled", enabled)
    return done()


@cmdlet("Enable-InboxRule", describe=_message("Enabling"))
def enable_inbox_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _enable(t, p, ctx, True)


@cmdlet("Disable-InboxRule", describe=_message("Disabling"))
def disable_inbox_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _enable(t, p, ctx, False)
