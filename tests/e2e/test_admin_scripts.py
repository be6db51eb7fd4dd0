"""Every administrator script of tests/e2e/scripts run end to end against the in-process sandbox.

Expected values come from the seeded tenant read through the sandbox's own API (the oracle),
never from the script's output; changing scripts read their changes back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from .admin import SCRIPTS, Oracle, Outcome, run_script

Check = Callable[[Outcome, Oracle], None]
CASES: dict[str, tuple[dict[str, str], Check]] = {}


def case(name: str, csv: str = "", output: str = "json", **args: str) -> Callable[[Check], Check]:
    """Register CHECK for script NAME; CSV is written to in.csv and passed as -CsvPath."""

    def register(check: Check) -> Check:
        CASES[name] = ({"csv": csv, "output": output, **args}, check)
        return check

    return register


def size(text: str) -> int:
    return int(re.search(r"\(([\d,]+) bytes\)", text).group(1).replace(",", ""))


def ok(o: Outcome) -> None:
    assert o.status == 0, o.err
    assert "error" not in o.err.lower(), o.err


# --- reports ---------------------------------------------------------------------------------


@case("mailbox_types_report")
def _types(o: Outcome, t: Oracle) -> None:
    ok(o)
    counts = Counter(m["RecipientTypeDetails"] for m in t.mailboxes())
    rows = o.csv("mailbox-types.csv")
    assert {r["Type"]: int(r["Count"]) for r in rows} == counts
    assert [int(r["Count"]) for r in rows] == sorted(counts.values(), reverse=True)
    assert o.out == [{"Total": sum(counts.values()), "Types": len(counts)}]


@case("shared_mailbox_inventory")
def _shared(o: Outcome, t: Oracle) -> None:
    ok(o)
    shared = sorted(t.mailboxes("SharedMailbox"), key=lambda m: m["Name"])
    assert o.csv("shared.csv") == [
        {
            "Name": m["Name"],
            "Address": m["PrimarySmtpAddress"],
            "Hidden": str(m["HiddenFromAddressListsEnabled"]),
            "Created": m["WhenCreated"][:10],
        }
        for m in shared
    ]
    assert o.out == [f"Exported {len(shared)} shared mailboxes"]


@case("forwarding_audit")
def _forwarding(o: Outcome, t: Oracle) -> None:
    ok(o)
    fwd = [m for m in t.mailboxes() if m["ForwardingSmtpAddress"] or m["ForwardingAddress"]]
    rows = o.csv("forwarding.csv")
    assert [r["Name"] for r in rows] == [m["Name"] for m in fwd] and fwd
    for row, m in zip(rows, fwd, strict=True):
        target = m["ForwardingSmtpAddress"].split(":", 1)[1]
        assert row["Target"] == target
        assert row["External"] == str(not target.endswith("@contoso.com"))
        assert row["DeliverToMailboxAndForward"] == str(m["DeliverToMailboxAndForward"])
    external = sum(r["External"] == "True" for r in rows)
    assert o.out == [f"{len(fwd)} forwarding, {external} external"]


@case("litigation_hold_report")
def _holds(o: Outcome, t: Oracle) -> None:
    ok(o)
    held = sorted(
        (m for m in t.mailboxes() if m["LitigationHoldEnabled"]),
        key=lambda m: m["LitigationHoldDate"],
    )
    report = o.json("holds.json")
    assert [r["Mailbox"] for r in report] == [m["UserPrincipalName"] for m in held]
    assert [r["Since"] for r in report] == [m["LitigationHoldDate"][:10] for m in held]
    assert {r["Owner"] for r in report} == {m["LitigationHoldOwner"] for m in held}
    first = datetime.fromisoformat(held[0]["LitigationHoldDate"]).replace(tzinfo=None)
    assert report[0]["Years"] == (datetime.now() - first).days // 365
    assert o.out == [
        f"{len(held)} mailboxes on hold; oldest since {held[0]['LitigationHoldDate'][:10]}"
    ]


def _user_stats(t: Oracle, sample: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    users = t.get("Get-Mailbox", RecipientTypeDetails="UserMailbox")[:sample]
    return [(m, t.get("Get-MailboxStatistics", Identity=m["Identity"])[0]) for m in users]


@case("mailbox_size_top", Sample="40", Top="5")
def _top(o: Outcome, t: Oracle) -> None:
    ok(o)
    stats = sorted(
        (s for _, s in _user_stats(t, 40)), key=lambda s: size(s["TotalItemSize"]), reverse=True
    )[:5]
    rows = o.csv("top-mailboxes.csv")
    assert [(r["DisplayName"], int(r["Bytes"])) for r in rows] == [
        (s["DisplayName"], size(s["TotalItemSize"])) for s in stats
    ]
    assert rows[0]["GB"] == f"{size(stats[0]['TotalItemSize']) / 2**30:,.2f}"
    total = sum(size(s["TotalItemSize"]) for s in stats) / 2**30
    assert o.out == [f"5 of 40 mailboxes hold {total:,.1f} GB"]


@case("quota_warning_report", Sample="60", Percent="25")
def _quota(o: Outcome, t: Oracle) -> None:
    ok(o)
    expected = []
    for m, s in _user_stats(t, 60):
        pct = round(100 * size(s["TotalItemSize"]) / size(m["IssueWarningQuota"]), 1)
        if pct >= 25:
            expected.append((m["Name"], pct))
    expected.sort(key=lambda e: -e[1])
    rows = o.csv("quota.csv")
    assert [(r["Mailbox"], float(r["UsedPercent"])) for r in rows] == expected and expected
    assert o.out == [f"{len(expected)} of 60 mailboxes at or above 25% of the warning quota"]


@case("office_distribution")
def _offices(o: Outcome, t: Oracle) -> None:
    ok(o)
    counts = Counter(m["Office"] or "(none)" for m in t.mailboxes("UserMailbox"))
    assert o.json("offices.json") == [
        {"Office": k, "Users": v} for k, v in sorted(counts.items(), key=lambda kv: kv[0].lower())
    ]
    assert o.out == [f"{len(counts)} offices"]


@case("external_recipients")
def _partners(o: Outcome, t: Oracle) -> None:
    ok(o)
    external = t.get("Get-MailUser", ResultSize="Unlimited") + t.get(
        "Get-MailContact", ResultSize="Unlimited"
    )
    counts = Counter(r["ExternalEmailAddress"].split("@")[-1] for r in external)
    assert {r["Domain"]: int(r["Count"]) for r in o.csv("partners.csv")} == counts
    assert o.out == [f"{len(external)} external recipients"]


@case("distribution_group_members", Groups="6")
def _dg_members(o: Outcome, t: Oracle) -> None:
    assert o.status == 0, o.err
    expected = []
    for g in t.get("Get-DistributionGroup")[:6]:
        for m in t.get(
            "Get-DistributionGroupMember", Identity=g["Identity"], ResultSize="Unlimited"
        ):
            expected.append([g["DisplayName"], m["PrimarySmtpAddress"], m["RecipientTypeDetails"]])
    assert [list(r.values()) for r in o.csv("group-members.csv")] == expected
    assert o.out == [{"Name": k, "Count": v} for k, v in Counter(e[0] for e in expected).items()]


def _group_sizes(t: Oracle, **params: Any) -> dict[str, int]:
    return {
        g["Name"]: len(
            t.get("Get-DistributionGroupMember", Identity=g["Identity"], ResultSize="Unlimited")
        )
        for g in t.get("Get-DistributionGroup", ResultSize="Unlimited", **params)
    }


@case("small_groups", Minimum="6")
def _small(o: Outcome, t: Oracle) -> None:
    ok(o)
    small = sorted((n, c) for n, c in _group_sizes(t).items() if c < 6)
    small.sort(key=lambda e: (e[1], e[0].lower()))
    assert [(r["Group"], r["Members"]) for r in o.out] == small and small


@case("group_owners_report")
def _owners(o: Outcome, t: Oracle) -> None:
    ok(o)
    groups = sorted(
        t.get("Get-DistributionGroup", ResultSize="Unlimited"), key=lambda g: g["Name"].lower()
    )
    rows = o.csv("owners.csv")
    assert [(r["Name"], r["PrimarySmtpAddress"], r["Owners"]) for r in rows] == [
        (g["Name"], g["PrimarySmtpAddress"], ";".join(g["ManagedBy"])) for g in groups
    ]
    kinds = Counter("Security" in g["RecipientTypeDetails"] for g in groups)
    assert o.out == [f"Distribution={kinds[False]}, Security={kinds[True]}"]


@case("security_groups_sizes")
def _security(o: Outcome, t: Oracle) -> None:
    ok(o)
    sizes = _group_sizes(t, RecipientTypeDetails="MailUniversalSecurityGroup")
    expected = sorted(sizes.items(), key=lambda e: (-e[1], e[0].lower()))
    assert [(r["Group"], r["Members"]) for r in o.out] == expected and expected


def _explicit(t: Oracle, kind: str, sample: int = 10**6) -> list[tuple[str, str, list[str]]]:
    found = []
    for m in t.get("Get-Mailbox", RecipientTypeDetails=kind)[:sample]:
        for p in t.get("Get-MailboxPermission", Identity=m["Identity"]):
            if not p["IsInherited"] and not p["User"].startswith("NT AUTHORITY\\"):
                found.append((p["Identity"], p["User"], p["AccessRights"]))
    return found


@case("shared_mailbox_permissions_review")
def _fullaccess(o: Outcome, t: Oracle) -> None:
    ok(o)
    grants = sorted(
        (i, u, ",".join(r)) for i, u, r in _explicit(t, "SharedMailbox") if "FullAccess" in r
    )
    assert [tuple(r.values()) for r in o.csv("fullaccess.csv")] == grants
    assert o.out == [f"{len(grants)} grants on {len({g[0] for g in grants})} mailboxes"]


@case("send_as_review")
def _send_as(o: Outcome, t: Oracle) -> None:
    ok(o)
    expected = []
    for m in t.mailboxes("SharedMailbox"):
        for p in t.get("Get-RecipientPermission", Identity=m["Identity"], AccessRights="SendAs"):
            if p["Trustee"] != "NT AUTHORITY\\SELF":
                expected.append([m["PrimarySmtpAddress"], p["Trustee"]])
    assert [list(r.values()) for r in o.csv("sendas.csv")] == expected
    assert o.out == [len(expected)]


@case("user_delegation_review", Sample="80")
def _delegates(o: Outcome, t: Oracle) -> None:
    ok(o)
    expected = sorted((i, u) for i, u, _ in _explicit(t, "UserMailbox", 80))
    assert sorted((r["Identity"], r["User"]) for r in o.out) == expected and expected
    assert [r["Identity"] for r in o.out] == sorted(e[0] for e in expected)


@case("role_group_membership")
def _roles(o: Outcome, t: Oracle) -> None:
    assert o.status == 0, o.err
    # Without -Prefix the Compliance connection, opened last, answers the shared names.
    expected = [
        [g["Name"], m["Name"]]
        for g in t.get("Get-RoleGroup", "compliance")
        for m in t.get("Get-RoleGroupMember", "compliance", Identity=g["Name"])
    ]
    assert [list(r.values()) for r in o.csv("role-members.csv")] == expected and expected
    assert "running it on ExchangeOnlineProtection_2" in o.err
    assert o.out == [f"{len(expected)} role assignments"]


def _forwarding_rules(t: Oracle, sample: int) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for m in t.get("Get-Mailbox", RecipientTypeDetails="UserMailbox")[:sample]:
        for rule in t.get("Get-InboxRule", Mailbox=m["Identity"]):
            if rule["ForwardTo"] or rule["RedirectTo"] or rule["ForwardAsAttachmentTo"]:
                found.append((m["Name"], rule))
    return found


@case("inbox_rule_forwarding_audit", Sample="80")
def _inbox_audit(o: Outcome, t: Oracle) -> None:
    ok(o)
    found = _forwarding_rules(t, 80)
    rows = o.csv("forwarding-rules.csv")
    assert [(r["Mailbox"], r["Name"], r["Enabled"]) for r in rows] == [
        (m, rule["Name"], str(rule["Enabled"])) for m, rule in found
    ] and found
    for row, (_, rule) in zip(rows, found, strict=True):
        assert row["Targets"] == ";".join(
            [*rule["ForwardTo"], *rule["RedirectTo"], *rule["ForwardAsAttachmentTo"]]
        )
    assert o.out == [f"{len(found)} forwarding rules"]


@case("room_and_equipment")
def _resources(o: Outcome, t: Oracle) -> None:
    ok(o)
    kinds = ("RoomMailbox", "EquipmentMailbox")
    expected = sorted(
        (m for m in t.mailboxes() if m["RecipientTypeDetails"] in kinds),
        key=lambda m: (m["RecipientTypeDetails"].lower(), m["Name"].lower()),
    )
    assert o.out == [
        {
            "Name": m["Name"],
            "DisplayName": m["DisplayName"],
            "RecipientTypeDetails": m["RecipientTypeDetails"],
        }
        for m in expected
    ]


@case("archive_status_report")
def _archive(o: Outcome, t: Oracle) -> None:
    ok(o)
    users = t.mailboxes("UserMailbox")
    active = [m for m in users if m["ArchiveStatus"] == "Active"]
    summary = o.json("archive.json")
    assert summary["Users"] == len(users) and summary["WithArchive"] == len(active)
    assert summary["Missing"] == [m["Name"] for m in users if m["ArchiveStatus"] != "Active"][:5]
    assert o.out == [round(100 * len(active) / len(users), 1)]


@case("mailboxes_created_per_year", Since="2020")
def _per_year(o: Outcome, t: Oracle) -> None:
    ok(o)
    years = Counter(int(m["WhenMailboxCreated"][:4]) for m in t.mailboxes("UserMailbox"))
    assert o.out == [{"Year": y, "Count": n} for y, n in sorted(years.items()) if y >= 2020]


def _audit(t: Oracle, **params: Any) -> list[dict[str, Any]]:
    end = datetime.now()
    return t.get(
        "Search-UnifiedAuditLog",
        StartDate=(
            end.replace(microsecond=0) - __import__("datetime").timedelta(days=7)
        ).isoformat(),
        EndDate=end.replace(microsecond=0).isoformat(),
        ResultSize=5000,
        **params,
    )


@case("audit_log_export", Days="7")
def _audit_export(o: Outcome, t: Oracle) -> None:
    ok(o)
    records = _audit(t, RecordType="ExchangeAdmin")
    rows = o.csv("admin-audit.csv")
    assert [(r["When"], r["User"], r["Operation"]) for r in rows] == [
        (r["CreationDate"][:19], r["UserIds"], r["Operations"]) for r in records
    ] and records
    assert [r["Object"] for r in rows] == [
        __import__("json").loads(r["AuditData"]).get("ObjectId", "") for r in records
    ]
    assert o.out == [f"{len(records)} admin actions in 7 days"]


@case("failed_signins_report", Days="7")
def _failed(o: Outcome, t: Oracle) -> None:
    ok(o)
    counts = Counter(r["UserIds"] for r in _audit(t, Operations="UserLoginFailed"))
    expected = sorted(counts.items(), key=lambda e: (-e[1], e[0].lower()))
    assert [(r["User"], r["Failures"]) for r in o.out] == expected and expected


@case("audit_own_change")
def _own_change(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert o.out == [{"Office": "AUDIT-01", "Audited": 1, "Parameter": "AUDIT-01"}]


@case("mailbox_audit_config")
def _audit_config(o: Outcome, t: Oracle) -> None:
    ok(o)
    org = t.get("Get-OrganizationConfig")[0]
    off = [m for m in t.mailboxes() if not m["AuditEnabled"]]
    admin = t.get("Get-Mailbox", Identity="admin")[0]
    assert o.out == [
        {
            "OrganizationAuditDisabled": org["AuditDisabled"],
            "MailboxesWithoutAudit": len(off),
            "AuditLogAgeLimit": admin["AuditLogAgeLimit"],
        }
    ]


# --- bulk changes, read back -----------------------------------------------------------------

OFFICES = (
    "Identity,Office,Department\nadelem,LON-02,Sales\nconnorj,PAR-01,Finance\nmeganb,NYC-03,Legal\n"
)


@case("bulk_set_office_from_csv", csv=OFFICES)
def _offices_csv(o: Outcome, t: Oracle) -> None:
    ok(o)
    wanted = [line.split(",") for line in OFFICES.splitlines()[1:]]
    assert [list(r.values()) for r in o.csv("applied.csv")] == wanted
    before = {m["Name"]: m["Office"] for m in t.mailboxes()}
    assert all(before[w[0]] != w[1] for w in wanted)  # the script really changed them


@case("bulk_quota_from_csv", csv="Identity,SendQuotaGB,WarningGB\nadelem,60,55\nconnorj,75,70\n")
def _quotas(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert [
        (r["Name"], size(r["ProhibitSendQuota"]), size(r["IssueWarningQuota"])) for r in o.out
    ] == [
        ("adelem", 60 * 2**30, 55 * 2**30),
        ("connorj", 75 * 2**30, 70 * 2**30),
    ]
    assert [r["UseDatabaseQuotaDefaults"] for r in o.out] == [False, False]


@case("bulk_grant_fullaccess", csv="Mailbox,Delegate\ninfo,adelem\nsales,connorj\n")
def _grants(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert t.get("Get-MailboxPermission", Identity="info", User="adelem") == []  # not seeded
    smtp = {m["Name"]: m["PrimarySmtpAddress"] for m in t.mailboxes()}
    assert o.out == [
        {"Mailbox": "info", "Delegate": smtp["adelem"], "FullAccess": True, "SendAs": True},
        {"Mailbox": "sales", "Delegate": smtp["connorj"], "FullAccess": True, "SendAs": True},
    ]


@case("revoke_shared_access", Mailbox="info")
def _revoke(o: Outcome, t: Oracle) -> None:
    ok(o)
    before = [u for i, u, _ in _explicit(t, "SharedMailbox") if i == "info"]
    assert o.out == [{"Removed": before, "Remaining": 0}] and before


MEMBERSHIP = (
    "Group,Member,Action\nsalesteam,adelem,Add\nsalesteam,meganb,Add\n"
    "engineering,connorj,Add\nsalesteam,x,Bogus\n"
)


@case("bulk_group_membership", csv=MEMBERSHIP)
def _membership(o: Outcome, t: Oracle) -> None:
    assert o.status == 0, o.err
    assert "WARNING: Unknown action 'Bogus' for x" in o.err
    after = o.csv("after.csv")
    for group, added in (("engineering", {"connorj"}), ("salesteam", {"adelem", "meganb"})):
        seeded = {m["Name"] for m in t.get("Get-DistributionGroupMember", Identity=group)}
        assert not added & seeded
        assert {r["Name"] for r in after if r["Group"] == group} == seeded | added


GROUPS = "Name,Alias,Owner,Members\nProject Falcon,falcon,adelem,connorj;meganb\nProject Heron,heron,meganb,adelem\n"


@case("bulk_create_groups", csv=GROUPS)
def _new_groups(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert o.out == [
        {
            "Name": "Project Falcon",
            "Address": "falcon@contoso.com",
            "Owners": "adelem",
            "Members": "connorj;meganb",
        },
        {
            "Name": "Project Heron",
            "Address": "heron@contoso.com",
            "Owners": "meganb",
            "Members": "adelem",
        },
    ]


@case("harden_groups")
def _harden(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert sorted(o.out, key=lambda r: r["Name"]) == [
        {
            "Name": n,
            "RequireSenderAuthenticationEnabled": True,
            "HiddenFromAddressListsEnabled": True,
        }
        for n in ("allstaff", "salesteam")
    ]


@case(
    "litigation_hold_bulk",
    csv="UserPrincipalName\nadmin@contoso.onmicrosoft.com\nhelpdesk@contoso.onmicrosoft.com\n",
)
def _hold_bulk(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert not any(
        m["LitigationHoldEnabled"] for m in t.mailboxes() if m["Name"] in ("admin", "helpdesk")
    )
    assert [
        (r["UserPrincipalName"], r["LitigationHoldEnabled"], r["LitigationHoldOwner"])
        for r in o.out
    ] == [
        ("admin@contoso.onmicrosoft.com", True, "legal@contoso.com"),
        ("helpdesk@contoso.onmicrosoft.com", True, "legal@contoso.com"),
    ]
    assert {r["LitigationHoldDuration"] for r in o.out} == {"2555.00:00:00"}


@case("forwarding_cleanup")
def _cleanup(o: Outcome, t: Oracle) -> None:
    ok(o)
    names = sorted(m["Name"] for m in t.mailboxes() if m["ForwardingSmtpAddress"])
    assert o.out == [{"Cleared": names, "Remaining": 0}] and names


@case("convert_leavers_to_shared", csv="Identity,Manager\nadelem,meganb\nconnorj,meganb\n")
def _convert(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert o.out == ["adelem:SharedMailbox:FullAccess", "connorj:SharedMailbox:FullAccess"]


@case("hide_resources_from_gal")
def _hide(o: Outcome, t: Oracle) -> None:
    ok(o)
    kinds = ("RoomMailbox", "EquipmentMailbox")
    hidden = Counter(
        m["RecipientTypeDetails"] == "EquipmentMailbox" or m["HiddenFromAddressListsEnabled"]
        for m in t.mailboxes()
        if m["RecipientTypeDetails"] in kinds
    )
    assert o.out == [{"Hidden": str(k), "Count": hidden[k]} for k in (False, True) if hidden[k]]


CONTACTS = (
    "Name,Email,First,Last\nBob Stone,bob.stone@fabrikam.com,Bob,Stone\n"
    "Amy Lake,amy.lake@fabrikam.com,Amy,Lake\n"
)


@case("new_contacts_from_csv", csv=CONTACTS)
def _contacts(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert o.out == [
        "created 2",
        {"Name": "Bob Stone", "ExternalEmailAddress": "SMTP:bob.stone@fabrikam.com"},
        {"Name": "Amy Lake", "ExternalEmailAddress": "SMTP:amy.lake@fabrikam.com"},
    ]


@case("inbox_rule_cleanup", Sample="80")
def _rule_cleanup(o: Outcome, t: Oracle) -> None:
    ok(o)
    found = _forwarding_rules(t, 80)
    assert o.out == [{"Removed": len(found), "Remaining": 0}] and found


@case("inactive_mailboxes", Leaver="connorj")
def _inactive(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert t.get("Get-Mailbox", Identity="connorj")[0]["LitigationHoldEnabled"]
    assert t.get("Get-Mailbox", InactiveMailboxOnly=True) == []
    assert o.out == [
        {
            "Name": "connorj",
            "IsInactiveMailbox": True,
            "LitigationHoldEnabled": True,
            "WasHeld": True,
        }
    ]


# --- compliance ------------------------------------------------------------------------------


@case("retention_setup_teardown")
def _retention_pilot(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert o.out == [
        {
            "Policy": "HR Pilot Retention",
            "Locations": 2,
            "Rule": "HR Pilot Retention Rule",
            "Days": "1825",
            "Action": "KeepAndDelete",
        },
        0,
    ]


@case("retention_inventory")
def _retention(o: Outcome, t: Oracle) -> None:
    ok(o)
    policies = {p["Guid"]: p for p in t.get("Get-RetentionCompliancePolicy", "compliance")}
    rules = t.get("Get-RetentionComplianceRule", "compliance")
    assert [tuple(r.values()) for r in o.csv("retention.csv")] == [
        (
            policies[r["Policy"]]["Name"],
            r["Name"],
            str(r["RetentionDuration"]),
            r["RetentionComplianceAction"],
            str(policies[r["Policy"]]["Enabled"]),
        )
        for r in rules
    ]
    assert o.out == [f"{len(policies)} policies, {len(rules)} rules"]


@case("dlp_policy_setup")
def _dlp_setup(o: Outcome, t: Oracle) -> None:
    ok(o)
    expected = {
        "Policy": "PCI Cards",
        "Mode": "Enable",
        "Rule": "PCI Cards - block",
        "Blocks": True,
    }
    assert o.json("dlp.json") == expected
    assert o.out == [expected]


@case("dlp_inventory")
def _dlp(o: Outcome, t: Oracle) -> None:
    ok(o)
    rules = t.get("Get-DlpComplianceRule", "compliance")
    expected = []
    for p in sorted(
        t.get("Get-DlpCompliancePolicy", "compliance"), key=lambda p: p["Name"].lower()
    ):
        mine = [r for r in rules if r["Policy"] == p["Guid"]]
        expected.append(
            {
                "Policy": p["Name"],
                "Mode": p["Mode"],
                "Rules": len(mine),
                "Blocking": sum(bool(r["BlockAccess"]) for r in mine),
            }
        )
    assert o.out == expected


@case("sensitivity_labels_report")
def _labels(o: Outcome, t: Oracle) -> None:
    ok(o)
    labels = t.get("Get-Label", "compliance")
    names = {str(label["Guid"]): label["Name"] for label in labels}
    policies = t.get("Get-LabelPolicy", "compliance")
    assert o.csv("labels.csv") == [
        {
            "Label": label["Name"],
            "Parent": names.get(str(label["ParentId"]), "") if label["ParentId"] else "",
            "PublishedBy": ";".join(
                sorted(p["Name"] for p in policies if label["Name"] in p["Labels"])
            ),
        }
        for label in sorted(labels, key=lambda label: label["Priority"])
    ]
    assert o.out == [f"{len(labels)} labels in {len(policies)} policies"]


@case("ediscovery_cases", CaseName="Contract Dispute 2025")
def _cases(o: Outcome, t: Oracle) -> None:
    ok(o)
    cases = t.get("Get-ComplianceCase", "compliance") + [
        {"Name": "Contract Dispute 2025", "Status": "Active"}
    ]
    by_status: dict[str, list[str]] = {}
    for c in cases:
        by_status.setdefault(c["Status"], []).append(c["Name"])
    assert o.out == [
        {"Status": s, "Count": len(n), "Cases": ";".join(sorted(n))}
        for s, n in sorted(by_status.items())
    ]


@case("role_group_onboarding", User="adelem")
def _onboarding(o: Outcome, t: Oracle) -> None:
    assert o.status == 0, o.err
    seeded = [
        g["Name"]
        for g in t.get("Get-RoleGroup", "compliance")
        if "adelem"
        in [m["Name"] for m in t.get("Get-RoleGroupMember", "compliance", Identity=g["Name"])]
    ]
    assert seeded == []
    assert o.out == ["ComplianceAdministrator", "eDiscoveryManager"]


# --- mail flow -------------------------------------------------------------------------------


@case("transport_rules_report")
def _transport(o: Outcome, t: Oracle) -> None:
    ok(o)
    rules = sorted(t.get("Get-TransportRule"), key=lambda r: r["Priority"])
    assert [tuple(r.values()) for r in o.csv("transport-rules.csv")] == [
        (str(r["Priority"]), r["Name"], r["State"], r["Mode"]) for r in rules
    ]
    disabled = [r["Name"] for r in rules if r["State"] == "Disabled"]
    assert o.out == [f"{len(rules)} rules, {len(disabled)} disabled: {', '.join(disabled)}"]


@case("transport_rule_setup")
def _transport_setup(o: Outcome, t: Oracle) -> None:
    ok(o)
    first = min(t.get("Get-TransportRule"), key=lambda r: r["Priority"])["Name"]
    assert o.out == [
        {
            "Rule": {
                "Name": "External Disclaimer",
                "Priority": 0,
                "State": "Disabled",
                "SentToScope": "NotInOrganization",
            },
            "FirstTwo": ["External Disclaimer", first],
            "Left": len(t.get("Get-TransportRule")),
        }
    ]


@case("accepted_domains_usage")
def _domains(o: Outcome, t: Oracle) -> None:
    ok(o)
    recipients = t.get("Get-Recipient", ResultSize="Unlimited")
    assert o.out == [
        {
            "Domain": d["DomainName"],
            "Default": d["Default"],
            "Type": d["DomainType"],
            "Recipients": sum(
                r["PrimarySmtpAddress"].lower().endswith("@" + d["DomainName"]) for r in recipients
            ),
        }
        for d in t.get("Get-AcceptedDomain")
    ]


# --- errors and -WhatIf ----------------------------------------------------------------------


@case("missing_identities")
def _missing(o: Outcome, t: Oracle) -> None:
    ok(o)
    smtp = {m["Name"]: m["PrimarySmtpAddress"] for m in t.mailboxes()}
    assert o.out == [
        {
            "Found": [smtp["adelem"], smtp["info"]],
            "Missing": ["no.such.person", "ghost@contoso.com"],
        }
    ]
    assert o.err.count("WARNING: not found:") == 2


@case("silently_continue")
def _silent(o: Outcome, t: Oracle) -> None:
    ok(o)
    assert o.out == [{"Found": ["connorj", "meganb"], "Errors": 2}]
    assert o.err == ""


@case("whatif_preview", output="text")
def _whatif(o: Outcome, t: Oracle) -> None:
    ok(o)
    lines = [line.split() for line in o.out.splitlines() if line.strip()]
    assert ["OfficeUnchanged", "StillThere", "GroupThere"] in lines
    assert lines[-1] == ["True", "True", "True"]
    shown = o.out + o.err
    for message in ('Setting mailbox "connorj"', 'Removing distribution group "salesteam"'):
        assert f"What if: {message}." in shown


@case("stop_on_error", output="text")
def _stop(o: Outcome, t: Oracle) -> None:
    assert o.status == 3, o.err
    connorj = t.get("Get-Mailbox", Identity="connorj")[0]["Office"]
    assert connorj != "LON-09"
    o.out = o.out.splitlines()
    assert o.out[0].startswith(
        "failed at: The operation couldn't be performed because object 'departed.user'"
    )
    assert o.out[0].endswith("/ ManagementObjectNotFoundException")
    assert o.out[1:] == [f"adelem=LON-09 connorj={connorj}"]


# --- the runner ------------------------------------------------------------------------------


def test_every_script_has_a_case_and_a_header() -> None:
    scripts = sorted(p.stem for p in SCRIPTS.glob("*.scc"))
    assert len(scripts) >= 44
    assert scripts == sorted(CASES)
    for name in scripts:
        lines = (SCRIPTS / f"{name}.scc").read_text().splitlines()
        assert lines[0].startswith("# ") and 5 <= len(lines) <= 40, name


def script_args(name: str, folder: Path) -> list[str]:
    """The arguments the case of NAME passes: -OutDir, -CsvPath (file written here), its own."""
    params = CASES[name][0]
    args: list[str] = []
    if "$OutDir" in (SCRIPTS / f"{name}.scc").read_text():
        args += ["-OutDir", str(folder)]
    if params["csv"]:
        (folder / "in.csv").write_text(params["csv"])
        args += ["-CsvPath", str(folder / "in.csv")]
    for key, value in params.items():
        if key not in ("csv", "output"):
            args += [f"-{key}", value]
    return args


@pytest.mark.parametrize("name", sorted(CASES))
def test_admin_script(name: str, tmp_path: Path, oracle: Oracle) -> None:
    params, check = CASES[name]
    output = params["output"] if params["output"] != "text" else None
    check(run_script(name, tmp_path, *script_args(name, tmp_path), output=output), oracle)
