"""What retention, DLP and label policies share: locations, identities, the object tail."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletError, CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets.common import done, identities, unchanged
from sccshell.sandbox.tenant.items import distribution_status, touch
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ONMICROSOFT, Item
from sccshell.sandbox.tenant.resolve import find_items, resolve_item, resolve_recipient
from sccshell.sandbox.tenant.shape import Prop

FFO = "FFO.extest.microsoft.com"
CONFIGURATION = f"{FFO}/Microsoft Exchange Hosted Organizations/{ONMICROSOFT}/Configuration"
# Location property -> workload it brings into "Workload".
WORKLOAD_OF = {
    "ExchangeLocation": "Exchange",
    "SharePointLocation": "SharePoint",
    "OneDriveLocation": "OneDriveForBusiness",
    "ModernGroupLocation": "ModernGroup",
    "SkypeLocation": "Skype",
    "PublicFolderLocation": "PublicFolder",
    "TeamsChannelLocation": "Teams",
    "TeamsChatLocation": "Teams",
    "TeamsLocation": "Teams",
    "EndpointDlpLocation": "EndpointDevices",
    "PowerBIDlpLocation": "PowerBI",
}


def ffo_identity(item: Item, t: Any) -> str:
    return f"{CONFIGURATION}/{item.name}"


def ffo_dn(item: Item, t: Any) -> str:
    return f"CN={item.name},CN=Configuration,CN={ONMICROSOFT},OU=Microsoft Exchange Hosted Organizations,DC=FFO,DC=extest,DC=microsoft,DC=com"


def tail(identity: Any = ffo_identity) -> list[Prop]:
    """The trailing properties of Security & Compliance objects."""
    return [
        Prop("CreatedBy", "str", "MOD Administrator"),
        Prop("LastModifiedBy", "str", lambda i, t: i.get("CreatedBy", "MOD Administrator")),
        Prop("ModificationTimeUtc", "date", lambda i, t: i.get("WhenChanged")),
        Prop("CreationTimeUtc", "date", lambda i, t: i.get("WhenCreated")),
        Prop("Identity", "str", identity),
        Prop("Id", "str", identity),
        Prop("Name", "str"),
        Prop("DistinguishedName", "str", ffo_dn),
        Prop("Guid", "guid", lambda i, t: t.item_guid(i)),
        Prop("ImmutableId", "guid", lambda i, t: t.item_guid(i)),
        Prop("ExchangeObjectId", "guid", lambda i, t: t.item_guid(i)),
        Prop("ObjectVersion", "guid", lambda i, t: t.guid(i.n, "version", i.get("WhenChanged"))),
        Prop("WhenChanged", "date", lambda i, t: i.get("WhenChanged")),
        Prop("WhenCreated", "date", lambda i, t: i.get("WhenCreated")),
        Prop("WhenChangedUTC", "dateutc", lambda i, t: i.get("WhenChanged")),
        Prop("WhenCreatedUTC", "dateutc", lambda i, t: i.get("WhenCreated")),
        Prop(
            "OrganizationId",
            "str",
            f"{FFO}/Microsoft Exchange Hosted Organizations/{ONMICROSOFT} - {FFO}/Microsoft Exchange Hosted Organizations/{ONMICROSOFT}",
        ),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]


def locations(names: list[str]) -> list[Prop]:
    return [Prop(name, "coll", []) for name in names]


def workload(item: Item, t: Any) -> str:
    loads: list[str] = []
    for prop, load in WORKLOAD_OF.items():
        if item.get(prop) and load not in loads:
            loads.append(load)
    return ", ".join(loads) if loads else "None"


def distribution(item: Item, t: Any) -> str:
    return distribution_status(item, t)


def location_values(t: Any, prop: str, values: list[str]) -> list[str]:
    """Locations as the service keeps them: "All", mailboxes by name, sites by URL."""
    out = []
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        if text.lower() == "all":
            out.append("All")
        elif prop.startswith(
            ("Exchange", "ModernGroup", "TeamsChat", "Skype", "OneDrive")
        ) and not text.lower().startswith("http"):
            try:
                out.append(resolve_recipient(t, text, compliance=True).name)
            except CmdletError:
                raise errors.invalid(
                    f"The location \"{text}\" couldn't be found or isn't valid for {prop}. Verify the value and try again.",
                    "Microsoft.Office.CompliancePolicy.Tasks.InvalidCompliancePolicyLocationException",
                ) from None
        else:
            out.append(text)
    if "All" in out and len(out) > 1:
        raise errors.invalid(
            f'"All" can\'t be combined with other values in {prop}.',
            "Microsoft.Office.CompliancePolicy.Tasks.InvalidCompliancePolicyLocationException",
        )
    return out


def set_locations(t: Any, item: Item, p: Params, props: list[str]) -> bool:
    """Apply -<Prop>, -Add<Prop> and -Remove<Prop> for each location property."""
    changed = False
    for prop in props:
        current = list(item.get(prop) or [])
        value = current
        if prop in p:
            value = location_values(t, prop, p.strings(prop) or [])
        if f"Add{prop}" in p:
            added = location_values(t, prop, p.strings(f"Add{prop}") or [])
            value = value + [v for v in added if v.lower() not in (c.lower() for c in value)]
            value = location_values(t, prop, value)
        if f"Remove{prop}" in p:
            removed = {
                v.lower() for v in location_values(t, prop, p.strings(f"Remove{prop}") or [])
            }
            value = [v for v in value if v.lower() not in removed]
        if value != current:
            item.put(prop, value)
            changed = True
    return changed


def unique_name(t: Any, kind: str, name: str) -> None:
    if any(i.name.lower() == name.lower() for i in find_items(t, kind, name)):
        raise errors.invalid(
            f'A policy or rule with the name "{name}" already exists. Use a different name.',
            "Microsoft.Office.CompliancePolicy.Tasks.CompliancePolicyAlreadyExistsException",
        )


def selected(t: Any, p: Params, kind: str) -> list[Item]:
    """The items of KIND a Get-* call selects: those -Identity names, or all of them."""
    wanted = identities(p)
    if wanted:
        return [resolve_item(t, kind, w, compliance=True) for w in wanted]
    return list(t.store.iter_items(kind))


def parent_policy(t: Any, policy_kind: str, rule_item: Item) -> Item | None:
    """The policy of kind POLICY_KIND a rule belongs to (its "Policy" is the policy's GUID)."""
    for item in t.store.iter_items(policy_kind):
        if t.item_guid(item) == rule_item.get("Policy"):
            return item
    return None


def rules_of(t: Any, p: Params, rules: list[Item], policy: Any) -> list[Item]:
    """RULES, narrowed to the policy -Policy names (POLICY resolves it) when given."""
    if p.text("Policy"):
        guid = t.item_guid(policy(t, p.text("Policy")))
        rules = [i for i in rules if i.get("Policy") == guid]
    return rules


def finish_policy_set(t: Any, item: Item, ctx: InvocationContext, changed: bool) -> CmdletResult:
    """The end of Set-*CompliancePolicy: a warning when nothing changed, else redistribute."""
    if not changed:
        return done(warnings=[unchanged(item.name)])
    item.put("LastModifiedBy", ctx.caller)
    item.put("DistributedAt", t.now())
    touch(t, item)
    return done()


def remove_policy(t: Any, item: Item, rule_kind: str) -> CmdletResult:
    """Remove a policy and its rules (of kind RULE_KIND)."""
    guid = t.item_guid(item)
    for child in t.store.iter_items(rule_kind):
        if child.get("Policy") == guid:
            t.store.drop_item(child)
    t.store.drop_item(item)
    return done()
