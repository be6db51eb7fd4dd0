"""Retention compliance policies and their rules."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import compliance_common as cc
from sccshell.sandbox.tenant.cmdlets.common import (
    done,
    identity_cmdlet,
    new_cmdlet,
    unchanged,
)
from sccshell.sandbox.tenant.items import new_item, touch
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import Item
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_item
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy

POLICY = "RetentionCompliancePolicy"
RULE = "RetentionComplianceRule"
LOCATIONS = [
    "ExchangeLocation",
    "ExchangeLocationException",
    "SharePointLocation",
    "SharePointLocationException",
    "OneDriveLocation",
    "OneDriveLocationException",
    "ModernGroupLocation",
    "ModernGroupLocationException",
    "SkypeLocation",
    "SkypeLocationException",
    "PublicFolderLocation",
    "TeamsChannelLocation",
    "TeamsChannelLocationException",
    "TeamsChatLocation",
    "TeamsChatLocationException",
    "AdaptiveScopeLocation",
]
ACTIONS = {"keep": "Keep", "delete": "Delete", "keepanddelete": "KeepAndDelete"}
EXPIRATION = {
    "creationageindays": "CreationAgeInDays",
    "modificationageindays": "ModificationAgeInDays",
}

RETENTION_POLICY = Shape(
    [
        Prop("RetentionRuleTypes", "coll", lambda i, t: ["Default"]),
        Prop("RestrictiveRetention", "bool", False),
        Prop(
            "TeamsPolicy",
            "bool",
            lambda i, t: bool(i.get("TeamsChatLocation") or i.get("TeamsChannelLocation")),
        ),
        *cc.locations(LOCATIONS),
        Prop("Workload", "str", cc.workload),
        Prop("Enabled", "bool", True),
        Prop("Mode", "str", "Enforce"),
        Prop("DistributionStatus", "str", cc.distribution),
        Prop("DistributionResults", "coll", []),
        Prop("LastStatusUpdateTime", "date", lambda i, t: i.get("WhenChanged")),
        Prop("Comment", "str", ""),
        Prop("Priority", "raw", None),
        Prop("IsSimulationPolicy", "bool", False),
        Prop("ReadOnly", "bool", False),
        Prop("Type", "str", "RetentionCompliancePolicy"),
        *cc.tail(),
    ]
)

RETENTION_RULE = Shape(
    [
        Prop("Policy", "str"),
        Prop("RetentionDuration", "unlimited", None),
        Prop("RetentionComplianceAction", "str", "Keep"),
        Prop("ExpirationDateOption", "str", None),
        Prop("RetentionDurationDisplayHint", "str", "Days"),
        Prop("ContentMatchQuery", "str", None),
        Prop("ApplyComplianceTag", "str", None),
        Prop("PublishComplianceTag", "str", None),
        Prop("ExcludedItemClasses", "coll", []),
        Prop("ContentContainsSensitiveInformation", "coll", []),
        Prop("Workload", "str", lambda i, t: _policy_workload(i, t)),
        Prop("Mode", "str", "Enforce"),
        Prop("Disabled", "bool", False),
        Prop("Comment", "str", ""),
        Prop("IsHigherPrecedence", "bool", False),
        *cc.tail(),
    ]
)


def _policy_workload(rule: Item, t: Any) -> str:
    parent = cc.parent_policy(t, POLICY, rule)
    return cc.workload(parent, t) if parent else "None"


def policy(t: Any, identity: Any) -> Item:
    return resolve_item(t, POLICY, identity, compliance=True)


def rule(t: Any, identity: Any) -> Item:
    return resolve_item(t, RULE, identity, compliance=True)


@cmdlet("Get-RetentionCompliancePolicy")
def get_retention_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return done(lazy(cc.selected(t, p, POLICY), RETENTION_POLICY, t))


@new_cmdlet("New-RetentionCompliancePolicy")
def new_retention_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    cc.unique_name(t, POLICY, name)
    item = new_item(t, POLICY, {"Name": name, "CreatedBy": ctx.caller, "DistributedAt": t.now()})
    cc.set_locations(t, item, p, LOCATIONS)
    for flag in ("Enabled", "RestrictiveRetention"):
        if p.boolean(flag) is not None:
            item.put(flag, p.boolean(flag))
    if p.text("Comment") is not None:
        item.put("Comment", p.text("Comment"))
    return done([RETENTION_POLICY.render(item, t)])


@identity_cmdlet("Set-RetentionCompliancePolicy", policy)
def set_retention_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = policy(t, p.text("Identity"))
    removing = any(n.lower().startswith("remove") for n in p.names())
    if item.get("RestrictiveRetention") and (removing or p.boolean("Enabled") is False):
        raise errors.invalid(
            f"The policy \"{item.name}\" is a preservation lock policy: locations can't be removed and it can't be turned off.",
            "Microsoft.Office.CompliancePolicy.Tasks.RestrictiveRetentionPolicyException",
        )
    changed = cc.set_locations(t, item, p, LOCATIONS)
    for flag in ("Enabled", "RestrictiveRetention"):
        value = p.boolean(flag)
        if value is not None and value != item.get(flag, flag == "Enabled"):
            item.put(flag, value)
            changed = True
    if p.text("Comment") is not None and p.text("Comment") != item.get("Comment", ""):
        item.put("Comment", p.text("Comment"))
        changed = True
    return cc.finish_policy_set(t, item, ctx, changed)


@identity_cmdlet("Remove-RetentionCompliancePolicy", policy)
def remove_retention_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = policy(t, p.text("Identity"))
    if item.get("RestrictiveRetention"):
        raise errors.invalid(
            f'The policy "{item.name}" is a preservation lock policy and can\'t be removed.',
            "Microsoft.Office.CompliancePolicy.Tasks.RestrictiveRetentionPolicyException",
        )
    return cc.remove_policy(t, item, RULE)


# --- rules ------------------------------------------------------------------------------------------------


def _duration(p: Params) -> Any:
    value = p.text("RetentionDuration")
    if value is None:
        return None
    if value.strip().lower() == "unlimited":
        return None
    days = p.integer("RetentionDuration")
    if days is None or days < 1:
        raise errors.bad_value(
            "RetentionDuration", value, "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]"
        )
    return days


def _apply_rule(t: Any, item: Item, p: Params) -> bool:
    changed = False
    if "RetentionDuration" in p:
        value = _duration(p)
        if value != item.get("RetentionDuration"):
            item.put("RetentionDuration", value)
            changed = True
    for name, table in (
        ("RetentionComplianceAction", ACTIONS),
        ("ExpirationDateOption", EXPIRATION),
    ):
        if name in p:
            value = table.get((p.text(name) or "").lower())
            if value is None:
                raise errors.not_in_set(name, p.text(name), list(table.values()))
            if value != item.get(name):
                item.put(name, value)
                changed = True
    for name in ("ContentMatchQuery", "ApplyComplianceTag", "PublishComplianceTag", "Comment"):
        if name in p and p.text(name) != item.get(name):
            item.put(name, p.text(name))
            changed = True
    if "ExcludedItemClasses" in p:
        item.put("ExcludedItemClasses", p.strings("ExcludedItemClasses") or [])
        changed = True
    return changed


@cmdlet("Get-RetentionComplianceRule")
def get_retention_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    items = cc.rules_of(t, p, cc.selected(t, p, RULE), policy)
    return done(lazy(items, RETENTION_RULE, t))


@new_cmdlet("New-RetentionComplianceRule")
def new_retention_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name", "Policy")
    name = (p.text("Name") or "").strip()
    parent = policy(t, p.text("Policy"))
    cc.unique_name(t, RULE, name)
    item = new_item(t, RULE, {"Name": name, "Policy": t.item_guid(parent), "CreatedBy": ctx.caller})
    _apply_rule(t, item, p)
    if item.get("RetentionDuration") is not None and item.get("ExpirationDateOption") is None:
        item.put("ExpirationDateOption", "CreationAgeInDays")
    parent.put("DistributedAt", t.now())
    return done([RETENTION_RULE.render(item, t)])


@identity_cmdlet("Set-RetentionComplianceRule", rule)
def set_retention_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = rule(t, p.text("Identity"))
    if not _apply_rule(t, item, p):
        return done(warnings=[unchanged(item.name)])
    item.put("LastModifiedBy", ctx.caller)
    touch(t, item)
    return done()


@identity_cmdlet("Remove-RetentionComplianceRule", rule)
def remove_retention_rule(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    t.store.drop_item(rule(t, p.text("Identity")))
    return done()
