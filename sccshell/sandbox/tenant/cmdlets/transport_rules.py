"""Mail flow (transport) rules: Get-, New-, Set-, Remove-, Enable-, Disable-TransportRule."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive, errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets.common import (
    apply_filter,
    done,
    identities,
    identity_cmdlet,
    new_cmdlet,
    noun_words,
    unchanged,
)
from sccshell.sandbox.tenant.items import new_item, touch
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ONMICROSOFT, Item
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import find_items, resolve_item
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy

KIND = "TransportRule"
RULES_DN = f"CN=TransportVersioned,CN=Rules,CN=Transport Settings,CN=Configuration,CN={ONMICROSOFT},CN=ConfigurationUnits,DC=NAMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM"
# Parameters of New-TransportRule that are rule settings, not predicates or actions.
SETTINGS = frozenset(
    {
        "name",
        "priority",
        "mode",
        "enabled",
        "comments",
        "activationdate",
        "expirydate",
        "ruleerroraction",
        "senderaddresslocation",
        "rulesubtype",
        "uselegacyregex",
        "stopruleprocessing",
        "dlppolicy",
        "confirm",
        "whatif",
        "identity",
    }
)
ACTIONS = frozenset(
    {
        "AddManagerAsRecipientType",
        "AddToRecipients",
        "ApplyClassification",
        "ApplyHtmlDisclaimerFallbackAction",
        "ApplyHtmlDisclaimerLocation",
        "ApplyHtmlDisclaimerText",
        "ApplyOME",
        "ApplyRightsProtectionCustomizationTemplate",
        "ApplyRightsProtectionTemplate",
        "BlindCopyTo",
        "CopyTo",
        "DeleteMessage",
        "Disconnect",
        "GenerateIncidentReport",
        "GenerateNotification",
        "IncidentReportContent",
        "LogEventText",
        "ModerateMessageByManager",
        "ModerateMessageByUser",
        "NotifySender",
        "PrependSubject",
        "Quarantine",
        "RedirectMessageTo",
        "RejectMessageEnhancedStatusCode",
        "RejectMessageReasonText",
        "RemoveHeader",
        "RemoveOME",
        "RemoveOMEv2",
        "RemoveRMSAttachmentEncryption",
        "RouteMessageOutboundConnector",
        "RouteMessageOutboundRequireTls",
        "SetAuditSeverity",
        "SetHeaderName",
        "SetHeaderValue",
        "SetSCL",
        "SmtpRejectMessageRejectStatusCode",
        "SmtpRejectMessageRejectText",
    }
)
_PREDICATES: list[tuple[str, str]] | None = None


def predicates() -> list[tuple[str, str]]:
    """(name, kind) of every condition, exception and action New-TransportRule takes."""
    global _PREDICATES
    if _PREDICATES is None:
        from sccshell.schema.loader import get_schema

        cmdlet_schema = get_schema().get("New-TransportRule")
        found = []
        for parameter in cmdlet_schema.parameters.values() if cmdlet_schema else ():
            if (
                parameter.common
                or parameter.exchange_server_only
                or parameter.name.lower() in SETTINGS
            ):
                continue
            type_name = (parameter.type or "").lower()
            if "multivalued" in type_name or type_name.endswith("[]"):
                kind = "coll"
            elif type_name in ("boolean", "system.boolean", "switchparameter"):
                kind = "bool"
            else:
                kind = "str"
            found.append((parameter.name, kind))
        _PREDICATES = sorted(found, key=lambda pair: pair[0].lower())
    return _PREDICATES


def _set_names(item: Item) -> list[str]:
    return [name for name, _ in predicates() if item.get(name) not in (None, [], False)]


def _conditions(item: Item, t: Any) -> list[str]:
    return [
        f"Microsoft.Exchange.MessagingPolicies.Rules.Tasks.{n}Predicate"
        for n in _set_names(item)
        if n not in ACTIONS and not n.startswith("ExceptIf")
    ]


def _exceptions(item: Item, t: Any) -> list[str]:
    return [
        f"Microsoft.Exchange.MessagingPolicies.Rules.Tasks.{n[8:]}Predicate"
        for n in _set_names(item)
        if n.startswith("ExceptIf")
    ]


def _actions(item: Item, t: Any) -> list[str]:
    return [
        f"Microsoft.Exchange.MessagingPolicies.Rules.Tasks.{n}Action"
        for n in _set_names(item)
        if n in ACTIONS
    ]


def _phrase(name: str, value: Any) -> str:
    shown = ", ".join(f"'{v}'" for v in value) if isinstance(value, list) else f"'{value}'"
    return (
        f"{noun_words(name).capitalize()} {shown}"
        if value is not True
        else noun_words(name).capitalize()
    )


def _description(item: Item, t: Any) -> str:
    names = _set_names(item)
    conditions = [n for n in names if n not in ACTIONS and not n.startswith("ExceptIf")]
    exceptions = [n for n in names if n.startswith("ExceptIf")]
    actions = [n for n in names if n in ACTIONS]
    text = "If the message:\r\n"
    text += (
        "".join(f"\t{_phrase(n, item.get(n))}\r\n" for n in conditions)
        or "\tApply to all messages\r\n"
    )
    text += "Take the following actions:\r\n"
    text += "".join(f"\t{_phrase(n, item.get(n))}\r\n" for n in actions)
    if exceptions:
        text += "Except if the message:\r\n" + "".join(
            f"\t{_phrase(n[8:], item.get(n))}\r\n" for n in exceptions
        )
    return text


_SHAPE: Shape | None = None


def rule_shape() -> Shape:
    global _SHAPE
    if _SHAPE is None:
        head = [
            Prop("Priority", "int32", 0),
            Prop("DlpPolicy", "str", None),
            Prop("DlpPolicyId", "guid", "00000000-0000-0000-0000-000000000000"),
            Prop("Comments", "str", ""),
            Prop("ManuallyModified", "bool", False),
            Prop("ActivationDate", "date", None),
            Prop("ExpiryDate", "date", None),
            Prop("Description", "str", _description),
            Prop("RuleVersion", "str", "15.0.5.6"),
            Prop("Conditions", "coll", _conditions),
            Prop("Exceptions", "coll", _exceptions),
            Prop("Actions", "coll", _actions),
            Prop("State", "str", "Enabled"),
            Prop("Mode", "str", "Enforce"),
            Prop("RuleErrorAction", "str", "Ignore"),
            Prop("SenderAddressLocation", "str", "Header"),
            Prop("RuleSubType", "str", "None"),
            Prop("UseLegacyRegex", "bool", False),
            Prop("StopRuleProcessing", "bool", False),
        ]
        body = [
            Prop(name, kind, [] if kind == "coll" else (False if kind == "bool" else None))
            for name, kind in predicates()
        ]
        tail = [
            Prop("Identity", "str", lambda i, t: i.name),
            Prop("DistinguishedName", "str", lambda i, t: f"CN={i.name},{RULES_DN}"),
            Prop("Guid", "guid", lambda i, t: t.item_guid(i)),
            Prop("ImmutableId", "guid", lambda i, t: t.item_guid(i)),
            Prop("OrganizationId", "str", derive.ORGANIZATION_ID),
            Prop("Name", "str"),
            Prop("IsValid", "bool", True),
            Prop("WhenChanged", "date", lambda i, t: i.get("WhenChanged")),
            Prop("ExchangeVersion", "str", "0.1 (8.0.535.0)"),
            Prop("ObjectState", "str", "Unchanged"),
        ]
        # Conditions with the same name as a head property (none today) must not repeat.
        seen = {p.name.lower() for p in head}
        _SHAPE = Shape(head + [p for p in body if p.name.lower() not in seen] + tail)
    return _SHAPE


def ordered(t: Any) -> list[Item]:
    return sorted(t.store.iter_items(KIND), key=lambda i: i.get("Priority", 0))


def _renumber(rules: list[Item]) -> None:
    for priority, rule in enumerate(rules):
        rule.put("Priority", priority)


def _place(t: Any, item: Item, priority: int | None) -> None:
    rules = [r for r in ordered(t) if r is not item]
    if priority is None:
        priority = len(rules)
    if priority < 0 or priority > len(rules):
        raise errors.invalid(
            f"The priority must be greater than or equal to 0 and less than or equal to {len(rules)}.",
            "Microsoft.Exchange.MessagingPolicies.Rules.Tasks.InvalidPriorityException",
        )
    rules.insert(priority, item)
    _renumber(rules)


def _apply(t: Any, item: Item, p: Params) -> bool:
    """Set the predicates, actions and settings P gives; True when anything changed."""
    changed = False
    shape = rule_shape()
    for name in p.names():
        lowered = name.lower()
        if lowered in ("identity", "confirm", "whatif", "priority", "name", "enabled"):
            continue
        prop = shape.prop(name)
        if prop is None:
            continue
        if prop.kind == "coll":
            value = p.strings(name) or []
        elif prop.kind == "bool":
            value = p.flag(name)
        elif prop.kind == "date":
            value = p.date(name)
        else:
            value = p.text(name)
        if item.get(prop.name) != value:
            item.put(prop.name, value)
            changed = True
    return changed


def rule(t: Any, identity: Any) -> Item:
    return resolve_item(t, KIND, identity)


@cmdlet("Get-TransportRule")
def get_transport_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    wanted = identities(p)
    items = [rule(t, w) for w in wanted] if wanted else ordered(t)
    state = p.text("State")
    if state:
        items = [i for i in items if str(i.get("State", "Enabled")).lower() == state.lower()]
    if p.text("Filter"):
        items = apply_filter(t, items, rule_shape(), p.text("Filter") or "")
    return done(lazy(items, rule_shape(), t))


@new_cmdlet("New-TransportRule")
def new_transport_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    if any(i.name.lower() == name.lower() for i in find_items(t, KIND, name)):
        raise errors.already_exists(f"CN={name},{RULES_DN}")
    enabled = p.boolean("Enabled")
    item = new_item(
        t,
        KIND,
        {
            "Name": name,
            "State": "Disabled" if enabled is False else "Enabled",
            "Mode": p.text("Mode") or "Enforce",
        },
    )
    _apply(t, item, p)
    _place(t, item, p.integer("Priority"))
    return done([rule_shape().render(item, t)])


@identity_cmdlet("Set-TransportRule", rule)
def set_transport_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = rule(t, p.text("Identity"))
    changed = _apply(t, item, p)
    new_name = p.text("Name")
    if new_name and new_name != item.name:
        if any(
            i is not item and i.name.lower() == new_name.lower() for i in t.store.iter_items(KIND)
        ):
            raise errors.already_exists(f"CN={new_name},{RULES_DN}")
        item.put("Name", new_name)
        changed = True
    priority = p.integer("Priority")
    if priority is not None and priority != item.get("Priority"):
        _place(t, item, priority)
        changed = True
    if not changed:
        return done(warnings=[unchanged(item.name)])
    item.put("ManuallyModified", True)
    touch(t, item)
    return done()


@identity_cmdlet("Remove-TransportRule", rule)
def remove_transport_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = rule(t, p.text("Identity"))
    t.store.drop_item(item)
    _renumber(ordered(t))
    return done()


def _state(t: Any, p: Params, state: str) -> CmdletResult:
    p.require("Identity")
    item = rule(t, p.text("Identity"))
    if item.get("State", "Enabled") == state:
        return done(warnings=[unchanged(item.name)])
    item.put("State", state)
    touch(t, item)
    return done()


@identity_cmdlet("Enable-TransportRule", rule)
def enable_transport_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _state(t, p, "Enabled")


@identity_cmdlet("Disable-TransportRule", rule)
def disable_transport_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _state(t, p, "Disabled")
