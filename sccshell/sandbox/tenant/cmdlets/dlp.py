"""Data loss prevention (DLP) compliance policies and rules."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import compliance_common as cc
from sccshell.sandbox.tenant.cmdlets.common import done, identity_cmdlet, new_cmdlet
from sccshell.sandbox.tenant.items import new_item
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import Item
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_item
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy

POLICY = "DlpCompliancePolicy"
RULE = "DlpComplianceRule"
MODES = {
    m.lower(): m
    for m in (
        "Enable",
        "TestWithNotifications",
        "TestWithoutNotifications",
        "Disable",
        "PendingDeletion",
    )
}
LOCATIONS = [
    "ExchangeLocation",
    "SharePointLocation",
    "SharePointLocationException",
    "OneDriveLocation",
    "OneDriveLocationException",
    "TeamsLocation",
    "TeamsLocationException",
    "EndpointDlpLocation",
    "EndpointDlpLocationException",
    "OnPremisesScannerDlpLocation",
    "OnPremisesScannerDlpLocationException",
    "PowerBIDlpLocation",
    "PowerBIDlpLocationException",
    "ThirdPartyAppDlpLocation",
    "ThirdPartyAppDlpLocationException",
]

DLP_POLICY = Shape(
    [
        Prop("Type", "str", "Dlp"),
        Prop("Comment", "str", ""),
        Prop("Mode", "str", "Enable"),
        Prop("Enabled", "bool", lambda i, t: i.get("Mode", "Enable") != "Disable"),
        Prop("Priority", "int32", 0),
        *cc.locations(LOCATIONS),
        Prop("ExchangeSenderMemberOf", "coll", []),
        Prop("ExchangeSenderMemberOfException", "coll", []),
        Prop("Workload", "str", cc.workload),
        Prop("DistributionStatus", "str", cc.distribution),
        Prop("DistributionResults", "coll", []),
        Prop("LastStatusUpdateTime", "date", lambda i, t: i.get("WhenChanged")),
        Prop("IsSimulationPolicy", "bool", False),
        Prop("ReadOnly", "bool", False),
        Prop("PolicyCategory", "str", "Dlp"),
        *cc.tail(),
    ]
)

DLP_RULE = Shape(
    [
        Prop("Policy", "str"),
        Prop("ParentPolicyName", "str"),
        Prop("Priority", "int32", 0),
        Prop("ContentContainsSensitiveInformation", "coll", []),
        Prop("ExceptIfContentContainsSensitiveInformation", "coll", []),
        Prop("AccessScope", "str", "NotInOrganization"),
        Prop("BlockAccess", "bool", False),
        Prop("BlockAccessScope", "str", "All"),
        Prop("NotifyUser", "coll", []),
        Prop("NotifyUserType", "str", "NotSet"),
        Prop("NotifyPolicyTipCustomText", "str", None),
        Prop("GenerateIncidentReport", "coll", []),
        Prop(
            "IncidentReportContent",
            "coll",
            lambda i, t: ["All"] if i.get("GenerateIncidentReport") else [],
        ),
        Prop("GenerateAlert", "coll", []),
        Prop("ReportSeverityLevel", "str", "Low"),
        Prop("Disabled", "bool", False),
        Prop("Mode", "str", lambda i, t: _policy_mode(i, t)),
        Prop("Workload", "str", lambda i, t: _policy_workload(i, t)),
        Prop("IsAdvancedRule", "bool", False),
        Prop("Comment", "str", ""),
        *cc.tail(),
    ]
)


def _parent(rule_item: Item, t: Any) -> Item | None:
    return cc.parent_policy(t, POLICY, rule_item)


def _policy_mode(rule_item: Item, t: Any) -> str:
    parent = _parent(rule_item, t)
    return parent.get("Mode", "Enable") if parent else "Enable"


def _policy_workload(rule_item: Item, t: Any) -> str:
    parent = _parent(rule_item, t)
    return cc.workload(parent, t) if parent else "None"


def policy(t: Any, identity: Any) -> Item:
    return resolve_item(t, POLICY, identity, compliance=True)


def rule(t: Any, identity: Any) -> Item:
    return resolve_item(t, RULE, identity, compliance=True)


def _mode(p: Params) -> str | None:
    if "Mode" not in p:
        return None
    mode = MODES.get((p.text("Mode") or "").lower())
    if mode is None:
        raise errors.not_in_set("Mode", p.text("Mode"), list(MODES.values()))
    return mode


@cmdlet("Get-DlpCompliancePolicy")
def get_dlp_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    items = cc.selected(t, p, POLICY)
    return done(lazy(sorted(items, key=lambda i: i.get("Priority", 0)), DLP_POLICY, t))


@new_cmdlet("New-DlpCompliancePolicy")
def new_dlp_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    cc.unique_name(t, POLICY, name)
    existing = list(t.store.iter_items(POLICY))
    item = new_item(
        t,
        POLICY,
        {
            "Name": name,
            "Mode": _mode(p) or "TestWithoutNotifications",
            "Priority": p.integer("Priority")
            if p.integer("Priority") is not None
            else len(existing),
            "Comment": p.text("Comment") or "",
            "CreatedBy": ctx.caller,
            "DistributedAt": t.now(),
        },
    )
    cc.set_locations(t, item, p, LOCATIONS)
    return done([DLP_POLICY.render(item, t)])


@identity_cmdlet("Set-DlpCompliancePolicy", policy)
def set_dlp_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = policy(t, p.text("Identity"))
    changed = cc.set_locations(t, item, p, LOCATIONS)
    mode = _mode(p)
    if mode is not None and mode != item.get("Mode"):
        item.put("Mode", mode)
        changed = True
    for name in ("Comment",):
        if name in p and p.text(name) != item.get(name):
            item.put(name, p.text(name))
            changed = True
    if p.integer("Priority") is not None and p.integer("Priority") != item.get("Priority"):
        item.put("Priority", p.integer("Priority"))
        changed = True
    return cc.finish_policy_set(t, item, ctx, changed)


@identity_cmdlet("Remove-DlpCompliancePolicy", policy)
def remove_dlp_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    return cc.remove_policy(t, policy(t, p.text("Identity")), RULE)


@cmdlet("Get-DlpComplianceRule")
def get_dlp_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    items = cc.rules_of(t, p, cc.selected(t, p, RULE), policy)
    return done(lazy(items, DLP_RULE, t))


def _sensitive_types(p: Params, name: str) -> list[str]:
    """-ContentContainsSensitiveInformation @{Name=...; minCount=...} as the service shows it."""
    value = p.raw(name)
    entries = value if isinstance(value, list) else [value]
    out = []
    for entry in entries:
        if isinstance(entry, dict):
            fields = {k.lower(): v for k, v in entry.items() if "@" not in k}
            parts = [f'"name":"{fields.get("name", "")}"']
            parts += [f'"{k}":"{v}"' for k, v in fields.items() if k != "name"]
            out.append("{" + ",".join(parts) + "}")
        elif entry is not None:
            out.append(f'{{"name":"{entry}"}}')
    return out


@new_cmdlet("New-DlpComplianceRule")
def new_dlp_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name", "Policy")
    name = (p.text("Name") or "").strip()
    parent = policy(t, p.text("Policy"))
    cc.unique_name(t, RULE, name)
    siblings = [i for i in t.store.iter_items(RULE) if i.get("Policy") == t.item_guid(parent)]
    props: dict[str, Any] = {
        "Name": name,
        "Policy": t.item_guid(parent),
        "ParentPolicyName": parent.name,
        "Priority": len(siblings),
        "CreatedBy": ctx.caller,
    }
    if "ContentContainsSensitiveInformation" in p:
        props["ContentContainsSensitiveInformation"] = _sensitive_types(
            p, "ContentContainsSensitiveInformation"
        )
    for flag in ("BlockAccess", "Disabled"):
        if p.boolean(flag) is not None:
            props[flag] = p.boolean(flag)
    for many in ("NotifyUser", "GenerateIncidentReport", "GenerateAlert"):
        if many in p:
            props[many] = p.strings(many) or []
    for text in (
        "ReportSeverityLevel",
        "Comment",
        "AccessScope",
        "BlockAccessScope",
        "NotifyPolicyTipCustomText",
    ):
        if p.text(text) is not None:
            props[text] = p.text(text)
    item = new_item(t, RULE, props)
    parent.put("DistributedAt", t.now())
    return done([DLP_RULE.render(item, t)])


@identity_cmdlet("Remove-DlpComplianceRule", rule)
def remove_dlp_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    t.store.drop_item(rule(t, p.text("Identity")))
    return done()
