"""Sensitivity labels and label policies (read-only in the sandbox)."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import compliance_common as cc
from sccshell.sandbox.tenant.cmdlets.common import done
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy

LABEL_KIND = "Label"
POLICY_KIND = "LabelPolicy"


def _label_settings(item: Any, t: Any) -> list[str]:
    settings = [
        f"[contenttype, {item.get('ContentType', 'File, Email')}]",
        "[isparent, " + ("False" if item.get("ParentId") else "True") + "]",
    ]
    if item.get("ParentId"):
        settings.append(f"[parentid, {item.get('ParentId')}]")
    return settings


def _label_actions(item: Any, t: Any) -> list[str]:
    if not item.get("EncryptionEnabled"):
        return []
    return [
        '{"Type":"encrypt","SubType":null,"Settings":[{"Key":"disabled","Value":"false"},{"Key":"protectiontype","Value":"template"}]}'
    ]


LABEL = Shape(
    [
        Prop("Priority", "int32", 0),
        Prop("DisplayName", "str"),
        Prop("ContentType", "str", "File, Email"),
        Prop("Settings", "coll", _label_settings),
        Prop(
            "LocaleSettings",
            "coll",
            lambda i, t: [
                '{"LocaleKey":"displayName","Settings":[{"Key":"default","Value":"'
                + str(i.get("DisplayName"))
                + '"}]}'
            ],
        ),
        Prop("LabelActions", "coll", _label_actions),
        Prop("Conditions", "str", None),
        Prop("ParentId", "str", None),
        Prop("ParentLabelDisplayName", "str", lambda i, t: _parent_name(i, t)),
        Prop("Tooltip", "str", ""),
        Prop("Comment", "str", ""),
        Prop("Disabled", "bool", False),
        Prop("Mode", "str", "Enforce"),
        Prop("Workload", "str", "Exchange, SharePoint, Intune, Teams"),
        Prop(
            "Capabilities",
            "coll",
            lambda i, t: ["Encryption"] if i.get("EncryptionEnabled") else [],
        ),
        Prop(
            "IsLabelGroup",
            "bool",
            lambda i, t: any(
                c.get("ParentId") == t.item_guid(i) for c in t.store.iter_items(LABEL_KIND)
            ),
        ),
        Prop("SchematizedDataCondition", "str", None),
        *cc.tail(lambda i, t: t.item_guid(i)),
    ]
)


def _parent_name(item: Any, t: Any) -> str | None:
    parent = item.get("ParentId")
    if not parent:
        return None
    for label in t.store.iter_items(LABEL_KIND):
        if t.item_guid(label) == parent:
            return label.get("DisplayName")
    return None


LABEL_POLICY = Shape(
    [
        Prop("Type", "str", "PublishedSensitivityLabel"),
        Prop("Labels", "coll", []),
        Prop("ScopedLabels", "coll", []),
        Prop("Settings", "coll", []),
        *cc.locations(
            [
                "ExchangeLocation",
                "ExchangeLocationException",
                "ModernGroupLocation",
                "ModernGroupLocationException",
                "SharePointLocation",
                "OneDriveLocation",
            ]
        ),
        Prop("Workload", "str", cc.workload),
        Prop("Enabled", "bool", True),
        Prop("Mode", "str", "Enforce"),
        Prop("DistributionStatus", "str", cc.distribution),
        Prop("Comment", "str", ""),
        Prop("Priority", "int32", lambda i, t: i.n % 10),
        *cc.tail(),
    ]
)


@cmdlet("Get-Label")
def get_label(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    items = cc.selected(t, p, LABEL_KIND)
    return done(lazy(sorted(items, key=lambda i: i.get("Priority", 0)), LABEL, t))


@cmdlet("Get-LabelPolicy")
def get_label_policy(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    items = cc.selected(t, p, POLICY_KIND)
    return done(lazy(items, LABEL_POLICY, t))
