"""Members of the Exchange enum types the docs describe only in prose, for value completion.

The cmdlet docs list ValidateSet members for some parameters (the schema's
accepted_values); for parameters typed with one of these enums they list the values in
the description instead, so the schema has none. Only the common members are here: what
an administrator types, not every value the service knows.
"""

from __future__ import annotations

RECIPIENT_TYPE_DETAILS = (
    "UserMailbox",
    "SharedMailbox",
    "RoomMailbox",
    "EquipmentMailbox",
    "LinkedMailbox",
    "DiscoveryMailbox",
    "SchedulingMailbox",
    "TeamMailbox",
    "GroupMailbox",
    "MailUser",
    "GuestMailUser",
    "MailContact",
    "MailUniversalDistributionGroup",
    "MailUniversalSecurityGroup",
    "MailNonUniversalGroup",
    "RoomList",
    "DynamicDistributionGroup",
    "PublicFolder",
    "User",
    "DisabledUser",
)

RECIPIENT_TYPE = (
    "UserMailbox",
    "MailUser",
    "MailContact",
    "MailUniversalDistributionGroup",
    "MailUniversalSecurityGroup",
    "MailNonUniversalGroup",
    "DynamicDistributionGroup",
    "PublicFolder",
    "User",
)

ENUMS: dict[str, tuple[str, ...]] = {
    "recipienttypedetails": RECIPIENT_TYPE_DETAILS,
    "recipienttype": RECIPIENT_TYPE,
    "convertiblemailboxsubtype": ("Regular", "Room", "Equipment", "Shared"),
    "externalaudience": ("None", "Known", "All"),
    "autoreplystate": ("Disabled", "Enabled", "Scheduled"),
    "mailboxfolderaccessright": (
        "None",
        "Owner",
        "PublishingEditor",
        "Editor",
        "PublishingAuthor",
        "Author",
        "NonEditingAuthor",
        "Reviewer",
        "Contributor",
        "AvailabilityOnly",
        "LimitedDetails",
    ),
    "mailboxrights": (
        "FullAccess",
        "SendAs",
        "ExternalAccount",
        "DeleteItem",
        "ReadPermission",
        "ChangePermission",
        "ChangeOwner",
    ),
}


def enum_members(type_name: str | None) -> tuple[str, ...]:
    """The members of TYPE_NAME (an array type counts as its element), or ()."""
    key = (type_name or "").lower().removesuffix("[]").rsplit(".", 1)[-1]
    return ENUMS.get(key, ())
