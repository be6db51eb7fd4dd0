"""Organization-wide objects: accepted domains, the organization config, role groups."""

from __future__ import annotations

import base64
from typing import Any

from sccshell.sandbox.tenant import derive, errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets.common import (
    apply_filter,
    apply_settings,
    done,
    identities,
    message,
    unchanged,
)
from sccshell.sandbox.tenant.items import touch
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ALL_TYPES, ONMICROSOFT, Item
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import find_items, resolve_item, resolve_recipient
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy
from sccshell.sandbox.tenant.shapes_recipients import RECIPIENT
from sccshell.sandbox.tenant.values import derived_guid

CONFIG_DN = f"CN=Configuration,CN={ONMICROSOFT},CN=ConfigurationUnits,DC=NAMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM"


def _item_common(identity: Any, dn: Any, category: str, classes: list[str]) -> list[Prop]:
    return [
        Prop("Identity", "str", identity),
        Prop("Id", "str", identity),
        Prop("DistinguishedName", "str", dn),
        Prop("Guid", "guid", lambda i, t: t.item_guid(i)),
        Prop("ObjectCategory", "str", f"{derive.FOREST}/Configuration/Schema/{category}"),
        Prop("ObjectClass", "coll", classes),
        Prop("WhenChanged", "date", lambda i, t: i.get("WhenChanged")),
        Prop("WhenCreated", "date", lambda i, t: i.get("WhenCreated")),
        Prop("WhenChangedUTC", "dateutc", lambda i, t: i.get("WhenChanged")),
        Prop("WhenCreatedUTC", "dateutc", lambda i, t: i.get("WhenCreated")),
        Prop("ExchangeObjectId", "guid", lambda i, t: t.item_guid(i)),
        Prop("OrganizationId", "str", derive.ORGANIZATION_ID),
        Prop("OriginatingServer", "str", derive.ORIGINATING_SERVER),
        Prop("ExchangeVersion", "str", "0.20 (15.0.0.0)"),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]


ACCEPTED_DOMAIN = Shape(
    [
        Prop("DomainName", "str"),
        Prop("CatchAllRecipientID", "str", None),
        Prop("DomainType", "str", "Authoritative"),
        Prop("MatchSubDomains", "bool", False),
        Prop("AddressBookEnabled", "bool", True),
        Prop("Default", "bool", False),
        Prop("EmailOnly", "bool", False),
        Prop("ExternallyManaged", "bool", False),
        Prop("AuthenticationType", "str", "Managed"),
        Prop("LiveIdInstanceType", "str", "Business"),
        Prop("PendingRemoval", "bool", False),
        Prop("PendingCompletion", "bool", False),
        Prop("FederatedOrganizationLink", "str", None),
        Prop("MailFlowPartner", "str", None),
        Prop("OutboundOnly", "bool", False),
        Prop("PendingFederatedAccountNamespace", "bool", False),
        Prop("PendingFederatedDomain", "bool", False),
        Prop("IsCoexistenceDomain", "bool", False),
        Prop("PerimeterDuplicateDetected", "bool", False),
        Prop("IsDefaultFederatedDomain", "bool", False),
        Prop("EnableNego2Authentication", "bool", False),
        Prop("InitialDomain", "bool", False),
        Prop("SendingFromDomainDisabled", "bool", False),
        Prop("AdminDisplayName", "str", ""),
        Prop("Name", "str"),
        *_item_common(
            lambda i, t: i.name,
            lambda i, t: f"CN={i.name},CN=Transport Settings,{CONFIG_DN}",
            "ms-Exch-Accepted-Domain",
            ["top", "msExchAcceptedDomain"],
        ),
    ]
)


def _config_hash(item: Item, t: Any) -> str:
    # An opaque compressed blob in the real service; clients cannot decode it either.
    return base64.b64encode(
        bytes.fromhex(derived_guid(t.seed, "orgconfig").replace("-", "")) * 4
    ).decode()


ORGANIZATION_CONFIG = Shape(
    [
        Prop("SendFromAliasEnabled", "bool", False),
        Prop("ActivityBasedAuthenticationTimeoutEnabled", "bool", True),
        Prop("ActivityBasedAuthenticationTimeoutInterval", "timespan", 6 * 3600),
        Prop("ActivityBasedAuthenticationTimeoutWithSingleSignOnEnabled", "bool", True),
        Prop("AppsForOfficeEnabled", "bool", True),
        Prop("AsyncSendEnabled", "bool", True),
        Prop("AuditDisabled", "bool", False),
        Prop("AutodiscoverPartialDirSync", "bool", False),
        Prop("AutoEnableArchiveMailbox", "bool", False),
        Prop("AutoExpandingArchiveEnabled", "bool", False),
        Prop("BookingsEnabled", "bool", True),
        Prop("BookingsPaymentsEnabled", "bool", False),
        Prop("ConnectorsEnabled", "bool", True),
        Prop("CustomerLockBoxEnabled", "bool", False),
        Prop("DefaultAuthenticationPolicy", "str", None),
        Prop("DefaultGroupAccessType", "str", "Private"),
        Prop("DefaultPublicFolderAgeLimit", "timespan", None),
        Prop("DefaultPublicFolderIssueWarningQuota", "size", 1_825_361_100),
        Prop("DefaultPublicFolderProhibitPostQuota", "size", 2_147_483_648),
        Prop("DistributionGroupDefaultOU", "str", None),
        Prop("DistributionGroupNameBlockedWordsList", "coll", []),
        Prop("DistributionGroupNamingPolicy", "str", ""),
        Prop("ElcProcessingDisabled", "bool", False),
        Prop("EwsEnabled", "bool", None),
        Prop("ExchangeNotificationEnabled", "bool", True),
        Prop("FocusedInboxOn", "bool", None),
        Prop("HybridRSVPEnabled", "bool", True),
        Prop("IsDehydrated", "bool", False),
        Prop("IsMixedMode", "bool", False),
        Prop("LeanPopoutEnabled", "bool", False),
        Prop("LinkPreviewEnabled", "bool", True),
        Prop("MailTipsAllTipsEnabled", "bool", True),
        Prop("MailTipsExternalRecipientsTipsEnabled", "bool", False),
        Prop("MailTipsGroupMetricsEnabled", "bool", True),
        Prop("MailTipsLargeAudienceThreshold", "raw", 25),
        Prop("MailTipsMailboxSourcedTipsEnabled", "bool", True),
        Prop("MessageRecallEnabled", "bool", None),
        Prop("OAuth2ClientProfileEnabled", "bool", True),
        Prop("OnlineMeetingsByDefaultEnabled", "bool", None),
        Prop("OutlookMobileGCCRestrictionsEnabled", "bool", False),
        Prop("OutlookPayEnabled", "bool", True),
        Prop("PublicFoldersEnabled", "str", "Local"),
        Prop("PublicComputersDetectionEnabled", "bool", False),
        Prop("ReadTrackingEnabled", "bool", False),
        Prop("SmtpActionableMessagesEnabled", "bool", True),
        Prop("UnblockUnsafeSenderPromptEnabled", "bool", True),
        Prop("VisibleMeetingUpdateProperties", "str", "Location,AllProperties:15"),
        Prop("WebPushNotificationsDisabled", "bool", False),
        Prop("WebSuggestedRepliesDisabled", "bool", False),
        Prop("IsAgendaMailEnabled", "bool", True),
        Prop("AdminDisplayVersion", "str", derive.ADMIN_DISPLAY_VERSION),
        Prop("DisplayName", "str"),
        Prop(
            "MicrosoftExchangeRecipientEmailAddresses",
            "coll",
            [f"SMTP:MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{ONMICROSOFT}"],
        ),
        Prop(
            "MicrosoftExchangeRecipientPrimarySmtpAddress",
            "str",
            f"MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@{ONMICROSOFT}",
        ),
        Prop("OrganizationConfigHash", "str", _config_hash),
        Prop("Name", "str"),
        *_item_common(
            lambda i, t: ONMICROSOFT,
            lambda i, t: CONFIG_DN.split(",", 1)[1],
            "ms-Exch-Configuration-Unit-Container",
            ["top", "container", "msExchConfigurationUnitContainer"],
        ),
    ]
)


ROLE_GROUP = Shape(
    [
        Prop(
            "RoleAssignments",
            "coll",
            lambda i, t: [f"{role}-{i.name}" for role in i.get("Roles", [])],
        ),
        Prop("Roles", "coll", []),
        Prop("DisplayName", "str"),
        Prop("ExternalDirectoryObjectId", "str", lambda i, t: t.guid(i.n, "rolegroup-directory")),
        Prop("Members", "coll", []),
        Prop("SamAccountName", "str", lambda i, t: i.name.replace(" ", "")[:20]),
        Prop("Description", "str", ""),
        Prop("RoleGroupType", "str", "Standard"),
        Prop("LinkedGroup", "str", ""),
        Prop("Capabilities", "coll", []),
        Prop("LinkedPartnerGroupId", "str", ""),
        Prop("LinkedPartnerOrganizationId", "str", ""),
        Prop("IsDirSynced", "bool", False),
        Prop("ManagedBy", "coll", []),
        Prop("AdminDisplayName", "str", ""),
        Prop("Name", "str"),
        *_item_common(
            lambda i, t: i.name,
            lambda i, t: f"CN={i.name},{derive.OU_PATH}",
            "Group",
            ["top", "group"],
        ),
    ]
)


# --- accepted domains and the organization config -------------------------------------------------------


@cmdlet("Get-AcceptedDomain")
def get_accepted_domain(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    wanted = identities(p)
    if wanted:
        items = [resolve_item(t, "AcceptedDomain", w) for w in wanted]
    else:
        items = list(t.store.iter_items("AcceptedDomain"))
    return done(lazy(items, ACCEPTED_DOMAIN, t))


def organization_config(t: Any) -> Item:
    return next(iter(t.store.iter_items("OrganizationConfig")))


@cmdlet("Get-OrganizationConfig")
def get_organization_config(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return done([ORGANIZATION_CONFIG.render(organization_config(t), t)])


@cmdlet(
    "Set-OrganizationConfig",
    describe=lambda t, p, ctx: message("Set-OrganizationConfig", ONMICROSOFT),
)
def set_organization_config(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    item = organization_config(t)
    if not apply_settings(t, item, p, ORGANIZATION_CONFIG):
        return done(warnings=[unchanged(ONMICROSOFT)])
    touch(t, item)
    # The service answers Set-OrganizationConfig with the changed configuration (protocol §3.1).
    return done([ORGANIZATION_CONFIG.render(item, t)])


# --- role groups -----------------------------------------------------------------------------------------


def _role_groups(t: Any, ctx: InvocationContext) -> list[Item]:
    return [i for i in t.store.iter_items("RoleGroup") if i.get("Service") == ctx.service]


def role_group(t: Any, ctx: InvocationContext, identity: Any) -> Item:
    matches = [
        i for i in find_items(t, "RoleGroup", str(identity)) if i.get("Service") == ctx.service
    ]
    if not matches:
        raise errors.not_found(identity, compliance=ctx.service == "compliance")
    if len(matches) > 1:
        raise errors.ambiguous(identity)
    return matches[0]


@cmdlet("Get-RoleGroup")
def get_role_group(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    wanted = identities(p)
    items = [role_group(t, ctx, w) for w in wanted] if wanted else _role_groups(t, ctx)
    if p.text("Filter"):
        items = apply_filter(t, items, ROLE_GROUP, p.text("Filter") or "")
    return done(lazy(items, ROLE_GROUP, t))


@cmdlet("Get-RoleGroupMember")
def get_role_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = role_group(t, ctx, p.text("Identity"))
    members = []
    for name in item.get("Members", []):
        try:
            members.append(resolve_recipient(t, name))
        except Exception:  # a member removed since: the service skips it too
            continue
    return done(lazy(members, RECIPIENT, t))


def _member_change(t: Any, p: Params, ctx: InvocationContext, add: bool) -> CmdletResult:
    p.require("Identity", "Member")
    item = role_group(t, ctx, p.text("Identity"))
    member = resolve_recipient(t, p.text("Member"), ALL_TYPES).name
    members = list(item.get("Members", []))
    present = member.lower() in (m.lower() for m in members)
    if add and present:
        return done(
            errors_=[f'The recipient "{member}" is already a member of the group "{item.name}".']
        )
    if not add and not present:
        return done(
            errors_=[f'The recipient "{member}" isn\'t a member of the group "{item.name}".']
        )
    members = members + [member] if add else [m for m in members if m.lower() != member.lower()]
    item.put("Members", members)
    touch(t, item)
    return done()


def _role_member_message(verb: str) -> Any:
    def describe(t: Any, p: Params, ctx: InvocationContext) -> str:
        item = role_group(t, ctx, p.text("Identity"))
        member = resolve_recipient(t, p.text("Member")).name
        return f'{verb} member "{member}" {"to" if verb == "Adding" else "from"} role group "{item.name}".'

    return describe


@cmdlet("Add-RoleGroupMember", describe=_role_member_message("Adding"))
def add_role_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _member_change(t, p, ctx, True)


@cmdlet("Remove-RoleGroupMember", describe=_role_member_message("Removing"))
def remove_role_group_member(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return _member_change(t, p, ctx, False)
