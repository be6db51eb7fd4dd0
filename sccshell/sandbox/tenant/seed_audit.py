"""Seeded unified audit log: a few thousand records over the 90 days before the seed day."""

from __future__ import annotations

import random
from typing import Any

from sccshell.sandbox.tenant.records import ONMICROSOFT

DAYS = 90
SUBJECTS = (
    "Q3 forecast",
    "Re: Contract renewal",
    "Team offsite agenda",
    "Invoice 4471",
    "FW: Customer escalation",
    "Weekly status",
    "Your password expires soon",
    "Budget approval",
    "Lunch on Friday?",
    "Design review notes",
)
SITES = ("Sales", "Marketing", "Finance", "Engineering", "HR", "Legal", "ProjectAtlas")
FILES = (
    ("Q3 plan.docx", "docx"),
    ("Pricing 2025.xlsx", "xlsx"),
    ("Board deck.pptx", "pptx"),
    ("Customer list.csv", "csv"),
    ("Onboarding guide.pdf", "pdf"),
    ("Architecture.vsdx", "vsdx"),
    ("Salaries FY25.xlsx", "xlsx"),
)
TEAMS = ("Project Atlas", "Design Reviews", "Customer Advisory", "New Hires")
USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
EXCHANGE_APP = "00000002-0000-0ff1-ce00-000000000000"
ADMIN_CMDLETS = (
    "Set-Mailbox",
    "Add-MailboxPermission",
    "Set-TransportRule",
    "New-InboxRule",
    "Set-OrganizationConfig",
    "Add-DistributionGroupMember",
)

# (record type, weight, operations)
MIX = (
    ("ExchangeItemAggregated", 30, ("MailItemsAccessed",)),
    (
        "ExchangeItem",
        14,
        ("Send", "Update", "SoftDelete", "HardDelete", "MoveToDeletedItems", "Create"),
    ),
    ("ExchangeItemGroup", 3, ("SendAs", "SendOnBehalf", "MoveToDeletedItems")),
    (
        "SharePointFileOperation",
        19,
        (
            "FileAccessed",
            "FileModified",
            "FileDownloaded",
            "FileUploaded",
            "FileDeleted",
            "FilePreviewed",
        ),
    ),
    (
        "SharePointSharingOperation",
        5,
        ("SharingSet", "AnonymousLinkCreated", "SharingInvitationCreated", "CompanyLinkCreated"),
    ),
    ("OneDrive", 5, ("FileAccessed", "FileSyncDownloadedFull", "FileModified")),
    (
        "AzureActiveDirectoryStsLogon",
        13,
        ("UserLoggedIn", "UserLoggedIn", "UserLoggedIn", "UserLoginFailed"),
    ),
    (
        "AzureActiveDirectory",
        2,
        ("Add user.", "Update user.", "Reset user password.", "Add member to group."),
    ),
    ("MicrosoftTeams", 5, ("MessageSent", "MemberAdded", "TeamsSessionStarted", "ChannelAdded")),
    ("ExchangeAdmin", 3, ADMIN_CMDLETS),
    ("ComplianceDLPExchange", 1, ("DlpRuleMatch",)),
)


def seed_audit(tenant: Any, rng: random.Random, users: list[int]) -> None:
    store = tenant.store
    people = [store.recipients[n].upn() for n in users[:200]]
    admin = people[0]
    helpdesk = people[1] if len(people) > 1 else admin
    count = 3000 if len(store.recipients) < 2000 else 5000
    start = tenant.anchor - DAYS * 86400
    times = sorted(start + rng.random() * DAYS * 86400 for _ in range(count))
    kinds = [kind for kind, weight, _ in MIX for _ in range(weight)]
    operations = {kind: ops for kind, _, ops in MIX}
    addresses = {user: _address(rng) for user in people}
    for ts in times:
        kind = rng.choice(kinds)
        operation = rng.choice(operations[kind])
        user = rng.choice(people)
        if kind in ("AzureActiveDirectory",):
            user = admin
        elif kind == "ExchangeAdmin":
            user = rng.choice((admin, admin, helpdesk)) if operation != "New-InboxRule" else user
        object_id, extra = _details(tenant, rng, kind, operation, user, people)
        tenant.audit.add(
            float(int(ts)),
            kind,
            operation,
            user,
            object_id,
            addresses[user] if kind != "ExchangeAdmin" else "",
            extra,
        )


def _address(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.45:
        return f"203.0.113.{rng.randint(2, 254)}"
    if choice < 0.8:
        return f"198.51.100.{rng.randint(2, 254)}"
    if choice < 0.95:
        return f"192.0.2.{rng.randint(2, 254)}"
    return f"2001:db8:{rng.randint(1, 0xFFFF):x}::{rng.randint(1, 0xFFFF):x}"


def _details(
    tenant: Any, rng: random.Random, kind: str, operation: str, user: str, people: list[str]
) -> tuple[str, dict[str, Any]]:
    if kind == "ExchangeItemAggregated":
        return "", {
            "ClientInfoString": rng.choice(
                (
                    "Client=OWA;Action=ViaProxy",
                    "Client=REST;Client=RESTSystem;",
                    "Client=MSExchangeRPC",
                )
            ),
            "ExternalAccess": False,
            "LogonType": 0,
            "MailboxOwnerUPN": user,
            "OperationCount": rng.randint(1, 40),
            "OperationProperties": [
                {"Name": "MailAccessType", "Value": rng.choice(("Bind", "Sync"))},
                {"Name": "IsThrottled", "Value": "False"},
            ],
        }
    if kind in ("ExchangeItem", "ExchangeItemGroup"):
        folder = {"Send": "\\Sent Items", "Create": "\\Drafts"}.get(operation, "\\Inbox")
        subject = rng.choice(SUBJECTS)
        message_id = f"<{tenant.guid(rng.getrandbits(32), 'message')}@SN4PR01MB{rng.randint(1000, 9999)}.namprd01.prod.outlook.com>"
        extra: dict[str, Any] = {
            "ClientInfoString": rng.choice(("Client=OWA;Action=ViaProxy", "Client=MSExchangeRPC")),
            "ExternalAccess": False,
            "LogonType": 0 if kind == "ExchangeItem" else 1,
            "MailboxOwnerUPN": user if kind == "ExchangeItem" else rng.choice(people),
            "Item": {
                "InternetMessageId": message_id,
                "Subject": subject,
                "ParentFolder": {"Path": folder},
                "SizeInBytes": rng.randint(4_000, 2_000_000),
            },
        }
        return folder, extra
    if kind in ("SharePointFileOperation", "SharePointSharingOperation", "OneDrive"):
        name, extension = rng.choice(FILES)
        if kind == "OneDrive":
            person = user.split("@")[0].replace(".", "_")
            site = f"https://contoso-my.sharepoint.com/personal/{person}_contoso_com/"
            relative = "Documents"
        else:
            site = f"https://contoso.sharepoint.com/sites/{rng.choice(SITES)}/"
            relative = "Shared Documents"
        extra = {
            "SiteUrl": site,
            "SourceFileExtension": extension,
            "SourceFileName": name,
            "SourceRelativeUrl": relative,
            "ItemType": "File",
            "EventSource": "SharePoint",
            "UserAgent": USER_AGENT,
        }
        if kind == "SharePointSharingOperation":
            extra["TargetUserOrGroupName"] = rng.choice(
                ("Everyone except external users", "guest@fabrikam.com", rng.choice(people))
            )
        return f"{site}{relative}/{name}", extra
    if kind == "AzureActiveDirectoryStsLogon":
        failed = operation == "UserLoginFailed"
        extra = {
            "ApplicationId": EXCHANGE_APP,
            "ResultStatus": "Failed" if failed else "Success",
            "UserType": 0,
        }
        if failed:
            extra["LogonError"] = rng.choice(
                ("InvalidPasswordAttempt", "UserStrongAuthClientAuthNRequired", "IdsLocked")
            )
        return EXCHANGE_APP, extra
    if kind == "AzureActiveDirectory":
        target = rng.choice(people)
        return target, {
            "Target": [{"ID": target, "Type": 5}],
            "Actor": [{"ID": user, "Type": 5}],
            "ResultStatus": "Success",
        }
    if kind == "MicrosoftTeams":
        team = rng.choice(TEAMS)
        return team, {
            "TeamName": team,
            "CommunicationType": "Team",
            "TeamGuid": f"19:{tenant.guid(TEAMS.index(team), 'team')[:32]}@thread.tacv2",
        }
    if kind == "ExchangeAdmin":
        target = rng.choice(people).split("@")[0]
        parameters = [{"Name": "Identity", "Value": target}]
        if operation == "Set-Mailbox":
            parameters.append(
                {
                    "Name": rng.choice(
                        (
                            "ProhibitSendQuota",
                            "HiddenFromAddressListsEnabled",
                            "LitigationHoldEnabled",
                        )
                    ),
                    "Value": "True",
                }
            )
        elif operation == "Add-MailboxPermission":
            parameters += [
                {"Name": "User", "Value": rng.choice(people)},
                {"Name": "AccessRights", "Value": "FullAccess"},
            ]
        return target, {"Parameters": parameters, "ResultStatus": "True"}
    # ComplianceDLPExchange
    return "", {
        "PolicyDetails": [
            {
                "PolicyName": "U.S. Financial Data",
                "Rules": [
                    {
                        "RuleName": "Low volume of content detected U.S. Financial",
                        "Actions": ["NotifyUser"],
                    }
                ],
            }
        ],
        "SensitiveInfoDetectionIsIncluded": True,
        "ExchangeMetaData": {
            "From": user,
            "To": [f"someone@{rng.choice(('fabrikam.com', 'gmail.com'))}"],
            "Subject": rng.choice(SUBJECTS),
        },
        "OrganizationName": ONMICROSOFT,
    }
