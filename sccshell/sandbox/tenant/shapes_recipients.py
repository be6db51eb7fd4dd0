"""Shapes of recipient objects: Get-Mailbox, Get-Recipient, Get-User, groups, contacts.

Property order and value forms follow a captured Get-Mailbox response of the real
service (protocol §3.1, BURP): mailbox properties first, then the recipient's, then
the directory object's (Identity, Name, DistinguishedName, When*, Guid).
"""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive as d
from sccshell.sandbox.tenant.records import ONMICROSOFT
from sccshell.sandbox.tenant.shape import Prop, Shape
from sccshell.sandbox.tenant.values import ZERO_GUID

GB = d.GB
MB = d.MB


def _custom_attributes() -> list[Prop]:
    # The service lists them in string order: 1, 10..15, 2..9.
    order = sorted(range(1, 16), key=str)
    props = []
    for i in order:
        default: Any = ""
        if i == 1:
            default = d.employee_type
        elif i == 2:
            default = d.cost_centre
        props.append(Prop(f"CustomAttribute{i}", "str", default))
    return props


def _extension_attributes() -> list[Prop]:
    return [Prop(f"ExtensionCustomAttribute{i}", "coll", []) for i in range(1, 6)]


def _directory_object() -> list[Prop]:
    """The trailing properties every directory object has."""
    return [
        Prop("Identity", "str", d.identity),
        Prop("Id", "str", d.identity),
        Prop("IsValid", "bool", True),
        Prop("ExchangeVersion", "str", "0.20 (15.0.0.0)"),
        Prop("Name", "str", d.name),
        Prop("DistinguishedName", "str", d.distinguished_name),
        Prop("WhenChanged", "date", d.changed),
        Prop("WhenCreated", "date", d.created),
        Prop("WhenChangedUTC", "dateutc", d.changed),
        Prop("WhenCreatedUTC", "dateutc", d.created),
        Prop("ExchangeObjectId", "guid", d.exchange_object_id),
        Prop("Guid", "guid", d.guid),
    ]


def _mail_enabled() -> list[Prop]:
    """The properties of every mail-enabled recipient (ADRecipient), in the service's order."""
    return [
        Prop("AcceptMessagesOnlyFrom", "coll", []),
        Prop("AcceptMessagesOnlyFromSendersOrMembers", "coll", []),
        Prop("Alias", "str", d.alias),
        Prop("OrganizationalUnit", "str", d.ORGANIZATIONAL_UNIT),
        *_custom_attributes(),
        *_extension_attributes(),
        Prop("DisplayName", "str", d.display_name),
        Prop("EmailAddresses", "coll", d.addresses),
        Prop("GrantSendOnBehalfTo", "coll", []),
        Prop("ExternalDirectoryObjectId", "str", d.external_id),
        Prop("HiddenFromAddressListsEnabled", "bool", d.hidden),
        Prop("LegacyExchangeDN", "str", d.legacy_dn),
        Prop("MaxSendSize", "size", 35 * MB),
        Prop("MaxReceiveSize", "size", 36 * MB),
        Prop("ModeratedBy", "coll", []),
        Prop("ModerationEnabled", "bool", False),
        Prop("EmailAddressPolicyEnabled", "bool", d.email_policy_enabled),
        Prop("PrimarySmtpAddress", "str", d.primary_smtp),
        Prop("RecipientType", "str", d.recipient_type),
        Prop("RecipientTypeDetails", "str", lambda r, t: r.rtd),
        Prop("RejectMessagesFrom", "coll", []),
        Prop("RejectMessagesFromSendersOrMembers", "coll", []),
        Prop("RequireSenderAuthenticationEnabled", "bool", False),
        Prop("WindowsEmailAddress", "str", d.primary_smtp),
        Prop("MailTip", "str", None),
    ]


# Filterable on Get-Mailbox / Get-Recipient although the objects do not show them.
PERSON_FILTERS = [
    Prop("Department", "str", d.department),
    Prop("Title", "str", d.title),
    Prop("City", "str", d.city),
    Prop("Company", "str", d.company),
    Prop("CountryOrRegion", "str", d.country),
    Prop("FirstName", "str", d.first_name),
    Prop("LastName", "str", d.last_name),
    Prop("Phone", "str", d.phone),
    Prop("ResourceType", "str", d.resource_type),
]


# Properties the service shows on mailboxes that the sandbox leaves out of the objects
# (to keep big pages light) but still filters on and lets Set-* cmdlets change.
MAILBOX_HIDDEN = [
    Prop("MailboxProvisioningConstraint", "str", None),
    Prop("IsMonitoringMailbox", "bool", False),
    Prop("MailboxRegion", "str", None),
    Prop("UseDatabaseRetentionDefaults", "bool", False),
    Prop("RetainDeletedItemsUntilBackup", "bool", False),
    Prop("IsExcludedFromServingHierarchy", "bool", False),
    Prop("IsHierarchyReady", "bool", True),
    Prop("EndDateForRetentionHold", "date", None),
    Prop("StartDateForRetentionHold", "date", None),
    Prop("RetentionComment", "str", ""),
    Prop("RetentionUrl", "str", ""),
    Prop("ElcProcessingDisabled", "bool", False),
    Prop("ComplianceTagHoldApplied", "bool", False),
    Prop("DelayHoldApplied", "bool", False),
    Prop("DelayReleaseHoldApplied", "bool", False),
    Prop("CalendarRepairDisabled", "bool", False),
    Prop("MailboxLocations", "coll", d.mailbox_locations),
    Prop("ExchangeUserAccountControl", "str", "None"),
    Prop("AdminDisplayVersion", "str", d.ADMIN_DISPLAY_VERSION),
    Prop("MessageTrackingReadStatusEnabled", "bool", True),
    Prop("ExternalOofOptions", "str", "External"),
    Prop("IsMailboxEnabled", "bool", True),
    Prop("CalendarLoggingQuota", "size", 6 * GB),
    Prop("IsLinked", "bool", False),
    Prop("ResourceCustom", "coll", []),
    Prop("RoomMailboxAccountEnabled", "bool", None),
    Prop("SamAccountName", "str", d.sam_account_name),
    Prop("ServerLegacyDN", "str", d.server_legacy_dn),
    Prop("ArchiveDatabaseGuid", "guid", d.archive_database_guid),
    Prop("DisabledArchiveGuid", "guid", ZERO_GUID),
    Prop("RemoteRecipientType", "str", "None"),
    Prop("MailboxMoveStatus", "str", "None"),
    Prop("MailboxRelease", "str", "E15"),
    Prop("ArchiveRelease", "str", d.archive_release),
    Prop("UserSMimeCertificate", "coll", []),
    Prop("UserCertificate", "coll", []),
    Prop("CalendarVersionStoreDisabled", "bool", False),
    Prop("ImmutableId", "str", ""),
    Prop("PersistedCapabilities", "coll", d.persisted_capabilities),
    Prop("DefaultAuditSet", "coll", ["Admin", "Delegate", "Owner"]),
    Prop("IsSoftDeletedByDisable", "bool", False),
    Prop("StsRefreshTokensValidFrom", "date", d.sts_valid_from),
    Prop("MessageCopyForSMTPClientSubmissionEnabled", "bool", True),
    Prop("RecipientThrottlingThreshold", "str", "Standard"),
    Prop("EmailAddressDisplayNames", "coll", []),
    Prop("ResourceProvisioningOptions", "coll", []),
    Prop("HasPicture", "bool", False),
    Prop("HasSpokenName", "bool", False),
    Prop("AcceptMessagesOnlyFromDLMembers", "coll", []),
    Prop("AddressListMembership", "coll", d.address_lists),
    Prop("AdministrativeUnits", "coll", []),
    Prop("ArbitrationMailbox", "str", None),
    Prop("BypassModerationFromSendersOrMembers", "coll", []),
    Prop("LastExchangeChangedTime", "date", None),
    Prop("PoliciesIncluded", "coll", []),
    Prop("PoliciesExcluded", "coll", []),
    Prop("RejectMessagesFromDLMembers", "coll", []),
    Prop("SimpleDisplayName", "str", ""),
    Prop("SendModerationNotifications", "str", "Always"),
    Prop("UMDtmfMap", "coll", d.um_dtmf_map),
    Prop("MailTipTranslations", "coll", []),
    Prop("ObjectCategory", "str", d.object_category),
    Prop("ObjectClass", "coll", d.object_class),
    Prop("OrganizationalUnitRoot", "str", ONMICROSOFT),
    Prop("OrganizationId", "str", d.ORGANIZATION_ID),
    Prop("OriginatingServer", "str", d.ORIGINATING_SERVER),
]


MAILBOX = Shape(
    [
        Prop("Database", "str", d.database),
        Prop("DatabaseGuid", "guid", d.database_guid),
        Prop("MessageCopyForSentAsEnabled", "bool", d.account_disabled),
        Prop("MessageCopyForSendOnBehalfEnabled", "bool", False),
        Prop("DeliverToMailboxAndForward", "bool", d.deliver_and_forward),
        Prop("LitigationHoldEnabled", "bool", d.litigation_hold),
        Prop("SingleItemRecoveryEnabled", "bool", True),
        Prop("RetentionHoldEnabled", "bool", False),
        Prop("LitigationHoldDate", "date", d.litigation_hold_date),
        Prop("LitigationHoldOwner", "str", d.litigation_hold_owner),
        Prop("LitigationHoldDuration", "span_unlimited", None),
        Prop("RetentionPolicy", "str", "Default MRM Policy"),
        Prop("AddressBookPolicy", "str", None),
        Prop("ExchangeGuid", "guid", d.exchange_guid),
        Prop(
            "ExchangeSecurityDescriptor",
            "str",
            "System.Security.AccessControl.RawSecurityDescriptor",
        ),
        Prop("ForwardingAddress", "str", None),
        Prop("ForwardingSmtpAddress", "str", d.forwarding_smtp),
        Prop("RetainDeletedItemsFor", "timespan", 14 * 86400),
        Prop("Languages", "coll", []),
        Prop("ProhibitSendQuota", "size", d.prohibit_send),
        Prop("ProhibitSendReceiveQuota", "size", d.prohibit_send_receive),
        Prop("RecoverableItemsQuota", "size", 30 * GB),
        Prop("RecoverableItemsWarningQuota", "size", 20 * GB),
        Prop("RecipientLimits", "unlimited", 500),
        Prop("IsResource", "bool", d.is_resource),
        Prop("IsShared", "bool", lambda r, t: r.rtd == "SharedMailbox"),
        Prop("ResourceCapacity", "int32", d.resource_capacity),
        Prop("ResourceType", "str", d.resource_type),
        Prop("ServerName", "str", d.server_name),
        Prop("UseDatabaseQuotaDefaults", "bool", False),
        Prop("IssueWarningQuota", "size", d.issue_warning),
        Prop("RulesQuota", "size", 256 * 1024),
        Prop("Office", "str", d.office),
        Prop("UserPrincipalName", "str", d.upn),
        Prop("WindowsLiveID", "str", d.windows_live_id),
        Prop("MicrosoftOnlineServicesID", "str", d.windows_live_id),
        Prop("RoleAssignmentPolicy", "str", "Default Role Assignment Policy"),
        Prop("SharingPolicy", "str", "Default Sharing Policy"),
        Prop("MailboxPlan", "str", d.mailbox_plan),
        Prop("ArchiveDatabase", "str", d.archive_database),
        Prop("ArchiveGuid", "guid", d.archive_guid),
        Prop("ArchiveName", "coll", d.archive_name),
        Prop("ArchiveQuota", "size", 100 * GB),
        Prop("ArchiveWarningQuota", "size", 90 * GB),
        Prop("ArchiveStatus", "str", d.archive_status),
        Prop("ArchiveState", "str", d.archive_state),
        Prop("AutoExpandingArchiveEnabled", "bool", False),
        Prop("SKUAssigned", "bool", d.sku_assigned),
        Prop("AuditEnabled", "bool", True),
        Prop("AuditLogAgeLimit", "timespan", 90 * 86400),
        Prop("AuditAdmin", "coll", d.AUDIT_ADMIN),
        Prop("AuditDelegate", "coll", d.AUDIT_DELEGATE),
        Prop("AuditOwner", "coll", d.AUDIT_OWNER),
        Prop("WhenMailboxCreated", "date", d.created),
        Prop("UsageLocation", "str", d.usage_location),
        Prop("IsSoftDeletedByRemove", "bool", False),
        Prop("IsInactiveMailbox", "bool", False),
        Prop("WhenSoftDeleted", "date", None),
        Prop("InPlaceHolds", "coll", []),
        Prop("AccountDisabled", "bool", d.account_disabled),
        Prop("IsDirSynced", "bool", False),
        *_mail_enabled(),
        *_directory_object(),
    ],
    extra_filters=PERSON_FILTERS + MAILBOX_HIDDEN,
    cached=True,  # derived from the record and the tenant only: no clock
)


RECIPIENT = Shape(
    [
        Prop("ArchiveRelease", "str", d.archive_release),
        Prop("ArchiveState", "str", d.archive_state),
        Prop("ArchiveStatus", "str", d.archive_status),
        Prop("AuthenticationType", "str", "Managed"),
        Prop("Capabilities", "coll", d.persisted_capabilities),
        Prop("City", "str", d.city),
        Prop("Company", "str", d.company),
        Prop("CountryOrRegion", "str", d.country),
        *_custom_attributes(),
        Prop(
            "Database",
            "str",
            lambda r, t: d.database(r, t) if r.rtd in d.SHARED_LIKE | {"UserMailbox"} else None,
        ),
        Prop("Department", "str", d.department),
        Prop("DisplayName", "str", d.display_name),
        Prop("EmailAddresses", "coll", d.addresses),
        Prop(
            "ExchangeGuid",
            "guid",
            lambda r, t: (
                d.exchange_guid(r, t) if r.rtd in d.SHARED_LIKE | {"UserMailbox"} else ZERO_GUID
            ),
        ),
        Prop("ExternalDirectoryObjectId", "str", d.external_id),
        Prop("ExternalEmailAddress", "str", None),
        Prop("FirstName", "str", d.first_name),
        Prop("HiddenFromAddressListsEnabled", "bool", d.hidden),
        Prop("IsDirSynced", "bool", False),
        Prop("LastName", "str", d.last_name),
        Prop("LitigationHoldEnabled", "bool", d.litigation_hold),
        Prop("ManagedBy", "coll", []),
        Prop("Manager", "str", None),
        Prop("Notes", "str", ""),
        Prop("Office", "str", d.office),
        Prop("Phone", "str", d.phone),
        Prop("PrimarySmtpAddress", "str", d.primary_smtp),
        Prop("RecipientType", "str", d.recipient_type),
        Prop("RecipientTypeDetails", "str", lambda r, t: r.rtd),
        Prop("ResourceType", "str", d.resource_type),
        Prop("SKUAssigned", "bool", d.sku_assigned),
        Prop("Title", "str", d.title),
        Prop("UsageLocation", "str", d.usage_location),
        Prop("WindowsLiveID", "str", d.windows_live_id),
        Prop("Alias", "str", d.alias),
        Prop("OrganizationalUnit", "str", d.ORGANIZATIONAL_UNIT),
        Prop(
            "WhenMailboxCreated",
            "date",
            lambda r, t: r.created if r.rtd in d.SHARED_LIKE | {"UserMailbox"} else None,
        ),
        *_directory_object(),
    ]
)


USER = Shape(
    [
        Prop("IsSecurityPrincipal", "bool", True),
        Prop("SamAccountName", "str", d.sam_account_name),
        Prop(
            "Sid",
            "str",
            lambda r, t: f"S-1-5-21-{d.bits(r, t, 1, 10**9)}-{d.bits(r, t, 7, 10**9)}-{1000 + r.n}",
        ),
        Prop("UserPrincipalName", "str", d.upn),
        Prop("AccountDisabled", "bool", d.account_disabled),
        Prop("City", "str", d.city),
        Prop("Company", "str", d.company),
        Prop("CountryOrRegion", "str", d.country),
        Prop("Department", "str", d.department),
        Prop("DirectReports", "coll", []),
        Prop("DisplayName", "str", d.display_name),
        Prop("Fax", "str", ""),
        Prop("FirstName", "str", d.first_name),
        Prop("HomePhone", "str", ""),
        Prop("Initials", "str", ""),
        Prop("LastName", "str", d.last_name),
        Prop("Manager", "str", None),
        Prop("MobilePhone", "str", ""),
        Prop("Notes", "str", ""),
        Prop("Office", "str", d.office),
        Prop("OtherTelephone", "coll", []),
        Prop("Phone", "str", d.phone),
        Prop("PostalCode", "str", ""),
        Prop("RecipientType", "str", d.recipient_type),
        Prop("RecipientTypeDetails", "str", lambda r, t: r.rtd),
        Prop("SimpleDisplayName", "str", ""),
        Prop("StateOrProvince", "str", ""),
        Prop("StreetAddress", "str", ""),
        Prop("Title", "str", d.title),
        Prop("UsageLocation", "str", d.usage_location),
        Prop("WindowsEmailAddress", "str", d.primary_smtp),
        Prop("IsDirSynced", "bool", False),
        Prop("ExternalDirectoryObjectId", "str", d.external_id),
        Prop("WindowsLiveID", "str", d.windows_live_id),
        Prop("MicrosoftOnlineServicesID", "str", d.windows_live_id),
        Prop("SKUAssigned", "bool", d.sku_assigned),
        Prop("StsRefreshTokensValidFrom", "date", d.sts_valid_from),
        *_directory_object(),
    ]
)


GROUP = Shape(
    [
        Prop(
            "GroupType",
            "str",
            lambda r, t: (
                "Universal, SecurityEnabled"
                if r.rtd == "MailUniversalSecurityGroup"
                else "Universal"
            ),
        ),
        Prop("SamAccountName", "str", d.sam_account_name),
        Prop("BypassNestedModerationEnabled", "bool", False),
        Prop("IsDirSynced", "bool", False),
        Prop("ManagedBy", "coll", []),
        Prop("MemberJoinRestriction", "str", "Closed"),
        Prop(
            "MemberDepartRestriction",
            "str",
            lambda r, t: "Closed" if r.rtd == "MailUniversalSecurityGroup" else "Open",
        ),
        Prop("MigrationToUnifiedGroupInProgress", "bool", False),
        Prop("ReportToManagerEnabled", "bool", False),
        Prop("ReportToOriginatorEnabled", "bool", True),
        Prop("SendOofMessageToOriginatorEnabled", "bool", False),
        Prop("Description", "coll", []),
        Prop("BccBlocked", "bool", False),
        Prop("HiddenGroupMembershipEnabled", "bool", False),
        *_mail_enabled(),
        *_directory_object(),
    ]
)


MAIL_USER = Shape(
    [
        Prop("ExternalEmailAddress", "str", None),
        Prop("UsePreferMessageFormat", "bool", False),
        Prop("MessageFormat", "str", "Mime"),
        Prop("UserPrincipalName", "str", d.upn),
        Prop("WindowsLiveID", "str", d.windows_live_id),
        Prop("MicrosoftOnlineServicesID", "str", d.windows_live_id),
        Prop("ArchiveGuid", "guid", ZERO_GUID),
        Prop("ArchiveStatus", "str", "None"),
        Prop("ExchangeGuid", "guid", ZERO_GUID),
        Prop("LitigationHoldEnabled", "bool", False),
        Prop("AccountDisabled", "bool", False),
        *_mail_enabled(),
        *_directory_object(),
    ],
    extra_filters=PERSON_FILTERS,
)


MAIL_CONTACT = Shape(
    [
        Prop("ExternalEmailAddress", "str", None),
        Prop("UsePreferMessageFormat", "bool", False),
        Prop("MessageFormat", "str", "Mime"),
        Prop("MessageBodyFormat", "str", "TextAndHtml"),
        Prop("MacAttachmentFormat", "str", "BinHex"),
        *_mail_enabled(),
        *_directory_object(),
    ],
    extra_filters=PERSON_FILTERS,
)
