"""Values of a few Exchange enum types that the docs list in prose, not as a ValidateSet.

These lists may lag behind the service, so they are used softly: a value outside
the list is an error only when it is a near miss of a listed value (a typo such as
UserMailboxx); anything else passes and the service decides.
"""

from __future__ import annotations

_RECIPIENT_TYPE_DETAILS = """
ArbitrationMailbox AuditLogMailbox AuxAuditLogMailbox Computer Contact DisabledUser
DiscoveryMailbox DynamicDistributionGroup EquipmentMailbox ExchangeSecurityGroup
GroupMailbox GuestMailUser LegacyMailbox LinkedMailbox LinkedRoomMailbox LinkedUser
MailboxPlan MailContact MailForestContact MailNonUniversalGroup
MailUniversalDistributionGroup MailUniversalSecurityGroup MailUser MicrosoftExchange
MonitoringMailbox NonUniversalGroup PublicFolder PublicFolderMailbox
RemoteEquipmentMailbox RemoteGroupMailbox RemoteRoomMailbox RemoteSharedMailbox
RemoteTeamMailbox RemoteUserMailbox RoleGroup RoomList RoomMailbox SchedulingMailbox
SharedMailbox SharedWithMailUser SupervisoryReviewPolicyMailbox SystemAttendantMailbox
SystemMailbox TeamMailbox UniversalDistributionGroup UniversalSecurityGroup User
UserMailbox WorkspaceMailbox
"""

_RECIPIENT_TYPE = """
Computer Contact DynamicDistributionGroup Group Invalid MailContact
MailNonUniversalGroup MailUniversalDistributionGroup MailUniversalSecurityGroup MailUser
MicrosoftExchange NonUniversalGroup PublicFolder SystemAttendantMailbox SystemMailbox
UniversalDistributionGroup UniversalSecurityGroup User UserMailbox
"""

_MAILBOX_RIGHTS = """
ChangeOwner ChangePermission DeleteItem ExternalAccount FullAccess ReadPermission SendAs
"""

_MAILBOX_FOLDER_ACCESS_RIGHT = """
None Owner PublishingEditor Editor PublishingAuthor Author NonEditingAuthor Reviewer
Contributor AvailabilityOnly LimitedDetails CreateItems CreateSubfolders DeleteAllItems
DeleteOwnedItems EditAllItems EditOwnedItems FolderContact FolderOwner FolderVisible
ReadItems
"""

_INHERITANCE = "None All Descendents SelfAndChildren Children"

_DAY_OF_WEEK = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday"

KNOWN_ENUMS: dict[str, tuple[str, ...]] = {
    "recipienttypedetails": tuple(_RECIPIENT_TYPE_DETAILS.split()),
    "recipienttype": tuple(_RECIPIENT_TYPE.split()),
    "mailboxrights": tuple(_MAILBOX_RIGHTS.split()),
    "mailboxfolderaccessright": tuple(_MAILBOX_FOLDER_ACCESS_RIGHT.split()),
    "activedirectorysecurityinheritance": tuple(_INHERITANCE.split()),
    "dayofweek": tuple(_DAY_OF_WEEK.split()),
}


def known_values(type_name: str) -> tuple[str, ...] | None:
    """The listed values of enum TYPE_NAME (namespace-free), or None."""
    return KNOWN_ENUMS.get(type_name.lower())
