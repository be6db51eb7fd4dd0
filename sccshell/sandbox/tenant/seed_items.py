"""Seed data other than recipients: domains, configuration, rules, policies, labels, cases."""

from __future__ import annotations

import random
from typing import Any

from sccshell.sandbox.tenant.items import new_item
from sccshell.sandbox.tenant.records import ONMICROSOFT, VANITY
from sccshell.sandbox.tenant.values import utc

ADMIN = f"admin@{ONMICROSOFT}"

EXCHANGE_ROLE_GROUPS = (
    (
        "Organization Management",
        "Members of this management role group have permissions to manage Exchange objects and their properties in the Exchange organization.",
        [
            "Organization Client Access",
            "Mail Recipients",
            "Role Management",
            "Transport Rules",
            "Audit Logs",
            "Journaling",
            "Retention Management",
        ],
        ["admin", "mfa.user"],
    ),
    (
        "Recipient Management",
        "Members of this management role group have rights to create, manage, and remove Exchange recipient objects in the Exchange organization.",
        [
            "Mail Recipients",
            "Distribution Groups",
            "Mail Recipient Creation",
            "Message Tracking",
            "Recipient Policies",
            "Reset Password",
        ],
        [],
    ),
    (
        "View-Only Organization Management",
        "Members of this management role group can view recipient and configuration objects and their properties in the Exchange organization.",
        ["View-Only Configuration", "View-Only Recipients"],
        [],
    ),
    (
        "Help Desk",
        "Members of this management role group can view and manage the configuration for individual recipients and view recipients in an Exchange organization.",
        ["Reset Password", "User Options", "View-Only Recipients"],
        ["helpdesk"],
    ),
    (
        "Compliance Management",
        "This role group will allow a specified user, responsible for compliance, to properly configure and manage compliance settings within Exchange in accordance with their policy.",
        [
            "Audit Logs",
            "Data Loss Prevention",
            "Journaling",
            "Retention Management",
            "Transport Rules",
        ],
        [],
    ),
    (
        "Records Management",
        "Members of this management role group have permissions to manage and dispose record content.",
        ["Audit Logs", "Journaling", "Message Tracking", "Retention Management", "Transport Rules"],
        [],
    ),
    (
        "Discovery Management",
        "Members of this management role group can perform searches of mailboxes in the Exchange organization for data that meets specific criteria.",
        ["Legal Hold", "Mailbox Search"],
        ["admin"],
    ),
    (
        "Hygiene Management",
        "Members of this management role group can manage Exchange anti-spam features and grant permissions for antivirus products to integrate with Exchange.",
        ["Transport Hygiene", "View-Only Configuration", "View-Only Recipients"],
        [],
    ),
    (
        "Security Administrator",
        "Membership in this role group is synchronized across services and managed centrally.",
        ["Security Admin"],
        [],
    ),
    (
        "Security Reader",
        "Membership in this role group is synchronized across services and managed centrally.",
        ["Security Reader"],
        [],
    ),
)

COMPLIANCE_ROLE_GROUPS = (
    (
        "ComplianceAdministrator",
        "Compliance Administrator",
        "Members of this role group can manage settings for device management, data loss prevention, reports, and preservation.",
        [
            "Case Management",
            "Compliance Administrator",
            "Data Classification Content Viewer",
            "DLP Compliance Management",
            "Hold",
            "RecordManagement",
            "Retention Management",
            "Sensitivity Label Administrator",
        ],
        ["admin"],
    ),
    (
        "eDiscoveryManager",
        "eDiscovery Manager",
        "Members can perform searches and place holds on mailboxes, SharePoint Online sites, and OneDrive for Business locations.",
        [
            "Case Management",
            "Communication",
            "Compliance Search",
            "Custodian",
            "Export",
            "Hold",
            "Preview",
            "Review",
            "Search And Purge",
        ],
        ["admin"],
    ),
    (
        "OrganizationManagement",
        "Organization Management",
        "Members can control permissions for accessing the compliance portal and manage settings for device management, data loss prevention, reports, and preservation.",
        [
            "Audit Logs",
            "Case Management",
            "Compliance Administrator",
            "Compliance Search",
            "DLP Compliance Management",
            "Hold",
            "RecordManagement",
            "Retention Management",
            "Role Management",
            "Search And Purge",
            "Sensitivity Label Administrator",
        ],
        ["admin", "mfa.user"],
    ),
    (
        "RecordsManagement",
        "Records Management",
        "Members can manage and dispose record content.",
        ["Disposition Management", "RecordManagement", "Retention Management"],
        [],
    ),
    (
        "Reviewer",
        "Reviewer",
        "Members can view the list of eDiscovery cases and access review sets.",
        ["Review"],
        [],
    ),
    (
        "SecurityAdministrator",
        "Security Administrator",
        "Membership in this role group is synchronized across services and managed centrally.",
        ["Security Administrator", "Sensitivity Label Administrator", "View-Only Audit Logs"],
        [],
    ),
    (
        "SecurityReader",
        "Security Reader",
        "Membership in this role group is synchronized across services and managed centrally.",
        ["Security Reader", "Sensitivity Label Reader", "View-Only Audit Logs"],
        ["helpdesk"],
    ),
    (
        "InformationProtection",
        "Information Protection",
        "Full control over all information protection features.",
        ["Information Protection Admin", "Sensitivity Label Administrator"],
        [],
    ),
)


def seed_items(tenant: Any, rng: random.Random, users: list[int]) -> None:
    _domains(tenant)
    _organization(tenant)
    _role_groups(tenant)
    _transport_rules(tenant)
    _inbox_rules(tenant, rng, users)
    _retention(tenant)
    _dlp(tenant)
    _labels(tenant)
    _ediscovery(tenant, users)


def _domains(tenant: Any) -> None:
    for name, default, initial, created in (
        (ONMICROSOFT, True, True, utc(2019, 3, 1, 8, 2, 11)),
        (VANITY, False, False, utc(2019, 3, 2, 14, 30, 52)),
    ):
        new_item(
            tenant,
            "AcceptedDomain",
            {"Name": name, "DomainName": name, "Default": default, "InitialDomain": initial},
            created=created,
        )


def _organization(tenant: Any) -> None:
    new_item(
        tenant,
        "OrganizationConfig",
        {"Name": ONMICROSOFT, "DisplayName": "Contoso"},
        created=utc(2019, 3, 1, 8, 1, 40),
    )


def _role_groups(tenant: Any) -> None:
    created = utc(2019, 3, 1, 8, 3, 0)
    for name, description, roles, members in EXCHANGE_ROLE_GROUPS:
        new_item(
            tenant,
            "RoleGroup",
            {
                "Name": name,
                "DisplayName": name,
                "Description": description,
                "Roles": roles,
                "Members": members,
                "Service": "exchange",
            },
            created=created,
        )
    for name, display, description, roles, members in COMPLIANCE_ROLE_GROUPS:
        new_item(
            tenant,
            "RoleGroup",
            {
                "Name": name,
                "DisplayName": display,
                "Description": description,
                "Roles": roles,
                "Members": members,
                "Service": "compliance",
            },
            created=created,
        )


def _transport_rules(tenant: Any) -> None:
    rules = (
        {
            "Name": "External Email Warning",
            "FromScope": "NotInOrganization",
            "ApplyHtmlDisclaimerLocation": "Prepend",
            "ApplyHtmlDisclaimerText": "<p style='color:#9C0006'>CAUTION: This email originated from outside the organization.</p>",
            "ApplyHtmlDisclaimerFallbackAction": "Wrap",
            "Comments": "Warn users about external senders.",
        },
        {
            "Name": "Block Executable Attachments",
            "AttachmentHasExecutableContent": True,
            "RejectMessageReasonText": "Executable attachments are not allowed.",
            "RejectMessageEnhancedStatusCode": "5.7.1",
        },
        {
            "Name": "Encrypt Confidential Mail",
            "SubjectContainsWords": ["[Confidential]", "[Encrypt]"],
            "ApplyRightsProtectionTemplate": "Encrypt",
        },
        {
            "Name": "Copy Legal Mail to Compliance",
            "SentToMemberOf": ["Legal Notices"],
            "BlindCopyTo": ["security"],
            "Mode": "Audit",
        },
        {
            "Name": "Bypass Spam Filtering for Partners",
            "SenderDomainIs": ["fabrikam.com", "adatum.com"],
            "SetSCL": "-1",
            "State": "Disabled",
        },
    )
    created = utc(2021, 5, 11, 10, 0, 0)
    for priority, rule in enumerate(rules):
        props = {"Priority": priority, "State": "Enabled", "Mode": "Enforce", **rule}
        new_item(tenant, "TransportRule", props, created=created + priority * 86400 * 40)


INBOX_RULES = (
    {
        "Name": "Newsletters",
        "FromAddressContainsWords": ["newsletter", "noreply"],
        "MoveToFolder": "Newsletters",
        "StopProcessingRules": True,
    },
    {"Name": "Invoices", "SubjectContainsWords": ["invoice", "receipt"], "MoveToFolder": "Finance"},
    {
        "Name": "Mark external as read",
        "FromAddressContainsWords": ["@outlook.com"],
        "MarkAsRead": True,
    },
    {"Name": "Delete spam tagged", "SubjectContainsWords": ["[SPAM]"], "DeleteMessage": True},
    {
        "Name": "Important from boss",
        "From": [f'"MOD Administrator" [SMTP:{ADMIN}]'],
        "MarkImportance": "High",
    },
    {
        "Name": "Forward to personal",
        "ForwardTo": ['"personal.archive@outlook.com" [SMTP:personal.archive@outlook.com]'],
    },
    # The shape attackers leave behind in a compromised mailbox: a dot, forward, hide.
    {
        "Name": ".",
        "SubjectOrBodyContainsWords": ["payment", "wire", "bank"],
        "ForwardTo": ['"accounts.dept@protonmail.com" [SMTP:accounts.dept@protonmail.com]'],
        "MarkAsRead": True,
        "MoveToFolder": "RSS Feeds",
    },
)


def _inbox_rules(tenant: Any, rng: random.Random, users: list[int]) -> None:
    for n in users[:2000]:
        if rng.random() >= 0.1 and n != users[0]:
            continue
        count = rng.randint(1, 3)
        choices = rng.sample(range(len(INBOX_RULES) - 1), count)
        if n == users[0] and 0 not in choices:
            choices[0] = 0  # the admin's own mailbox always has a rule to look at
        if rng.random() < 0.03:
            choices.append(len(INBOX_RULES) - 1)
        for priority, index in enumerate(choices, start=1):
            rule = dict(INBOX_RULES[index])
            if "MoveToFolder" in rule:
                rule["MoveToFolder"] = f"{tenant.store.recipients[n].name}:\\{rule['MoveToFolder']}"
            rule["MailboxN"] = n
            rule["Priority"] = priority
            rule["Enabled"] = True
            rule["RuleIdentity"] = rng.getrandbits(63)
            new_item(tenant, "InboxRule", rule, created=utc(2023, 1, 1) + rng.random() * 3e7)


def _retention(tenant: Any) -> None:
    created = utc(2022, 2, 14, 9, 30, 0)
    policies = (
        (
            "Default Org Retention",
            "Keep mail and files for seven years.",
            {
                "ExchangeLocation": ["All"],
                "SharePointLocation": ["All"],
                "OneDriveLocation": ["All"],
            },
            ("Default Org Retention Rule", 2555, "KeepAndDelete"),
        ),
        (
            "Teams Chat 1 Year",
            "Delete Teams chats after a year.",
            {"TeamsChatLocation": ["All"]},
            ("Teams Chat 1 Year Rule", 365, "Delete"),
        ),
        (
            "Executive Mailboxes Hold",
            "Preserve executive mail indefinitely.",
            {"ExchangeLocation": ["admin"]},
            ("Executive Mailboxes Hold Rule", None, "Keep"),
        ),
        (
            "Finance Records 10 Years",
            "Financial records for ten years.",
            {"SharePointLocation": ["https://contoso.sharepoint.com/sites/Finance"]},
            ("Finance Records 10 Years Rule", 3650, "Keep"),
        ),
    )
    for i, (name, comment, locations, (rule_name, days, action)) in enumerate(policies):
        policy = new_item(
            tenant,
            "RetentionCompliancePolicy",
            {
                "Name": name,
                "Comment": comment,
                "Enabled": True,
                "Mode": "Enforce",
                "CreatedBy": "MOD Administrator",
                "LastModifiedBy": "MOD Administrator",
                **locations,
            },
            created=created + i * 86400 * 30,
        )
        new_item(
            tenant,
            "RetentionComplianceRule",
            {
                "Name": rule_name,
                "Policy": tenant.item_guid(policy),
                "RetentionDuration": days,
                "RetentionComplianceAction": action,
                "ExpirationDateOption": "CreationAgeInDays",
                "CreatedBy": "MOD Administrator",
                "LastModifiedBy": "MOD Administrator",
            },
            created=created + i * 86400 * 30 + 60,
        )


def _dlp(tenant: Any) -> None:
    created = utc(2022, 6, 1, 13, 0, 0)
    policies = (
        (
            "U.S. Financial Data",
            "Enable",
            "Detects U.S. financial data.",
            [
                (
                    "Low volume of content detected U.S. Financial",
                    "Credit Card Number",
                    1,
                    9,
                    "Low",
                ),
                (
                    "High volume of content detected U.S. Financial",
                    "Credit Card Number",
                    10,
                    -1,
                    "High",
                ),
            ],
        ),
        (
            "GDPR Enhanced",
            "TestWithNotifications",
            "Protects EU personal data.",
            [("GDPR Personal Data", "EU Passport Number", 1, -1, "Medium")],
        ),
        (
            "Block Sharing of Customer IDs",
            "TestWithoutNotifications",
            "Pilot: customer identifiers.",
            [("Customer ID Rule", "Contoso Customer ID", 5, -1, "Medium")],
        ),
    )
    for i, (name, mode, comment, rules) in enumerate(policies):
        policy = new_item(
            tenant,
            "DlpCompliancePolicy",
            {
                "Name": name,
                "Mode": mode,
                "Comment": comment,
                "Priority": i,
                "ExchangeLocation": ["All"],
                "SharePointLocation": ["All"],
                "OneDriveLocation": ["All"],
                "TeamsLocation": ["All"] if i == 0 else [],
                "CreatedBy": "MOD Administrator",
                "LastModifiedBy": "MOD Administrator",
            },
            created=created + i * 86400 * 21,
        )
        for j, (rule_name, info_type, min_count, max_count, severity) in enumerate(rules):
            new_item(
                tenant,
                "DlpComplianceRule",
                {
                    "Name": rule_name,
                    "Policy": tenant.item_guid(policy),
                    "ParentPolicyName": name,
                    "Priority": j,
                    "ContentContainsSensitiveInformation": [
                        f'{{"name":"{info_type}","mincount":"{min_count}","maxcount":"{max_count}","confidencelevel":"High"}}'
                    ],
                    "BlockAccess": severity == "High",
                    "NotifyUser": ["SiteAdmin", "LastModifier", "Owner"]
                    if mode != "TestWithoutNotifications"
                    else [],
                    "GenerateIncidentReport": ["SiteAdmin"] if severity != "Low" else [],
                    "ReportSeverityLevel": severity,
                    "Disabled": False,
                    "CreatedBy": "MOD Administrator",
                    "LastModifiedBy": "MOD Administrator",
                },
                created=created + i * 86400 * 21 + 60 * (j + 1),
            )


def _labels(tenant: Any) -> None:
    created = utc(2021, 9, 6, 11, 0, 0)
    labels = (
        (
            "Public",
            "Public",
            None,
            "Business data specifically prepared and approved for public consumption.",
        ),
        ("General", "General", None, "Business data that is not intended for public consumption."),
        (
            "Confidential",
            "Confidential",
            None,
            "Sensitive business data that could cause damage if shared with unauthorized people.",
        ),
        (
            "Confidential-AllEmployees",
            "All Employees",
            "Confidential",
            "Confidential data that requires protection, which allows all employees full permissions.",
        ),
        (
            "Confidential-RecipientsOnly",
            "Recipients Only",
            "Confidential",
            "Confidential data that can be viewed only by the recipients.",
        ),
        (
            "HighlyConfidential",
            "Highly Confidential",
            None,
            "Very sensitive business data that would cause damage if shared with unauthorized people.",
        ),
    )
    guids: dict[str, str] = {}
    for priority, (name, display, parent, tooltip) in enumerate(labels):
        item = new_item(
            tenant,
            "Label",
            {
                "Name": name,
                "DisplayName": display,
                "Priority": priority,
                "Tooltip": tooltip,
                "Comment": "",
                "ParentId": guids.get(parent or "", None),
                "ContentType": "File, Email"
                if parent is None or priority < 5
                else "File, Email, Site, UnifiedGroup",
                "EncryptionEnabled": name in ("Confidential-RecipientsOnly", "HighlyConfidential"),
                "CreatedBy": "MOD Administrator",
            },
            created=created + priority * 600,
        )
        guids[name] = tenant.item_guid(item)
    new_item(
        tenant,
        "LabelPolicy",
        {
            "Name": "Global sensitivity label policy",
            "Labels": [name for name, *_ in labels],
            "ExchangeLocation": ["All"],
            "ModernGroupLocation": [],
            "Settings": [
                "[requiredowngradejustification, true]",
                "[mandatory, false]",
                "[defaultlabelid, " + guids["General"] + "]",
            ],
            "Comment": "Publishes the default labels to everyone.",
            "CreatedBy": "MOD Administrator",
        },
        created=created + 86400,
    )
    new_item(
        tenant,
        "LabelPolicy",
        {
            "Name": "Legal team labels",
            "Labels": ["Confidential", "Confidential-RecipientsOnly", "HighlyConfidential"],
            "ExchangeLocation": ["legal"],
            "ModernGroupLocation": [],
            "Settings": ["[mandatory, true]"],
            "Comment": "",
            "CreatedBy": "MOD Administrator",
        },
        created=created + 86400 * 3,
    )


def _ediscovery(tenant: Any, users: list[int]) -> None:
    created = utc(2024, 2, 5, 15, 20, 0)
    cases = (
        (
            "Contoso v. Fabrikam",
            "Litigation hold and review for the supply contract dispute.",
            "Active",
            "AdvancedEdiscovery",
        ),
        (
            "HR Investigation 2024-07",
            "Conduct complaint, closed after review.",
            "Closed",
            "eDiscovery",
        ),
        ("Internal Audit FY24", "Financial controls review.", "Active", "eDiscovery"),
    )
    for i, (name, description, status, case_type) in enumerate(cases):
        props = {
            "Name": name,
            "Description": description,
            "Status": status,
            "CaseType": case_type,
            "CreatedBy": ADMIN,
        }
        if status == "Closed":
            props["ClosedDateTime"] = created + 86400 * (60 + i)
            props["ClosedBy"] = ADMIN
        new_item(tenant, "ComplianceCase", props, created=created + i * 86400 * 40)
    store = tenant.store
    someone = store.recipients[users[min(len(users) - 1, 7)]].primary_smtp
    searches = (
        (
            "Phishing cleanup",
            "",
            'subject:"Your invoice is overdue" AND received>=2024-11-01',
            ["All"],
            tenant.anchor - 3 * 86400,
            420,
        ),
        (
            "Departed employee mail",
            "",
            "sent>=2024-01-01",
            [someone],
            tenant.anchor - 10 * 86400,
            95,
        ),
        (
            "Fabrikam contract terms",
            "Contoso v. Fabrikam",
            '"supply agreement" OR "Fabrikam contract"',
            ["All"],
            None,
            0,
        ),
    )
    for name, case, query, locations, started, duration in searches:
        new_item(
            tenant,
            "ComplianceSearch",
            {
                "Name": name,
                "Case": case,
                "ContentMatchQuery": query,
                "ExchangeLocation": locations,
                "SharePointLocation": [],
                "PublicFolderLocation": [],
                "Description": "",
                "CreatedBy": "MOD Administrator",
                "LastModifiedBy": "MOD Administrator",
                "RunBy": "MOD Administrator" if started else "",
                "StartedAt": started,
                "Duration": duration,
            },
            created=(started or tenant.anchor - 86400) - 600,
        )
