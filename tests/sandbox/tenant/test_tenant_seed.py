"""Seed data: deterministic, the right counts, the service's value shapes; saved and loaded."""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter

import pytest
from tenant_helpers import objects, one, plain, run

from sccshell.sandbox import hosts
from sccshell.sandbox.clock import Clock
from sccshell.sandbox.tenant import Tenant
from sccshell.sandbox.tenant.seed import directory_object_id

DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$")
QUOTA = re.compile(r"^\d+(\.\d+)? (B|KB|MB|GB|TB) \(\d{1,3}(,\d{3})* bytes\)$|^Unlimited$")


def everything(tenant, ctx) -> str:
    """The whole tenant as the service shows it, as one string (for equality checks)."""
    parts = []
    for cmdlet in (
        "Get-Mailbox",
        "Get-Recipient",
        "Get-User",
        "Get-DistributionGroup",
        "Get-TransportRule",
    ):
        parts.append(objects(tenant, ctx, cmdlet, ResultSize="Unlimited"))
    parts.append(
        objects(
            tenant,
            ctx,
            "Search-UnifiedAuditLog",
            StartDate="2000-01-01",
            EndDate="2100-01-01",
            ResultSize=5000,
        )
    )
    return json.dumps(parts, sort_keys=True)


def test_same_seed_same_tenant(clock, ex):
    first = Tenant.seeded(clock, mailboxes=200, seed=7)
    second = Tenant.seeded(clock, mailboxes=200, seed=7)
    assert everything(first, ex) == everything(second, ex)


def test_different_seed_different_tenant(clock, ex):
    first = Tenant.seeded(clock, mailboxes=200, seed=1)
    second = Tenant.seeded(clock, mailboxes=200, seed=2)
    a = objects(first, ex, "Get-Mailbox", ResultSize="Unlimited")
    b = objects(second, ex, "Get-Mailbox", ResultSize="Unlimited")
    assert [m["ExchangeGuid"] for m in a] != [m["ExchangeGuid"] for m in b]
    assert [m["Name"] for m in a] != [m["Name"] for m in b]


def test_counts(tenant, ex):
    mailboxes = objects(tenant, ex, "Get-Mailbox", ResultSize="Unlimited")
    assert len(mailboxes) == 500
    kinds = Counter(m["RecipientTypeDetails"] for m in mailboxes)
    assert kinds["SharedMailbox"] == 25  # 5 %
    assert kinds["RoomMailbox"] >= 2 and kinds["EquipmentMailbox"] >= 1
    assert kinds["DiscoveryMailbox"] == 1
    assert kinds["UserMailbox"] > 400
    recipients = Counter(
        r["RecipientTypeDetails"]
        for r in objects(tenant, ex, "Get-Recipient", ResultSize="Unlimited")
    )
    assert recipients["MailContact"] >= 3 and recipients["MailUser"] >= 2
    assert (
        recipients["MailUniversalDistributionGroup"] + recipients["MailUniversalSecurityGroup"] >= 4
    )
    assert recipients["GroupMailbox"] >= 2
    assert 2000 <= len(tenant.audit.records) <= 10000


def test_names_are_unique_and_varied(tenant, ex):
    mailboxes = objects(tenant, ex, "Get-Mailbox", ResultSize="Unlimited")
    names = [m["Name"] for m in mailboxes]
    assert len(set(n.lower() for n in names)) == len(names)
    addresses = [m["PrimarySmtpAddress"].lower() for m in mailboxes]
    assert len(set(addresses)) == len(addresses)
    users = [m for m in mailboxes if m["RecipientTypeDetails"] == "UserMailbox"]
    assert len({m["DisplayName"].split()[0] for m in users}) > 80
    assert sum(m["PrimarySmtpAddress"].endswith("@contoso.com") for m in users) > 400


def test_service_accounts_match_the_directory(tenant, ex):
    for alias, display in (
        ("admin", "MOD Administrator"),
        ("helpdesk", "Helpdesk Operator"),
        ("mfa.user", "Megan Bowen"),
    ):
        mailbox = one(tenant, ex, "Get-Mailbox", Identity=f"{alias}@contoso.onmicrosoft.com")
        assert mailbox["UserPrincipalName"] == f"{alias}@contoso.onmicrosoft.com"
        assert mailbox["DisplayName"] == display
        assert mailbox["ExternalDirectoryObjectId"] == directory_object_id(alias)
    assert directory_object_id("admin") == str(uuid.uuid5(uuid.UUID(hosts.TENANT_ID), "user/admin"))
    assert tenant.tenant_id == hosts.TENANT_ID


def test_mailbox_value_shapes(tenant, ex):
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="admin")
    assert 90 <= len(plain(mailbox)) <= 130
    for prop in ("ExchangeGuid", "Guid", "ArchiveGuid", "DatabaseGuid", "ExchangeObjectId"):
        uuid.UUID(mailbox[prop])
        assert mailbox[f"{prop}@data.type"] == "System.Guid"
        assert mailbox[f"{prop}@odata.type"] == "#Guid"
    for prop in ("WhenCreated", "WhenChanged", "WhenMailboxCreated"):
        assert DATE.match(mailbox[prop]), mailbox[prop]
        assert mailbox[f"{prop}@data.type"] == "System.DateTime"
    assert mailbox["WhenCreatedUTC"].endswith("Z")
    for prop in ("EmailAddresses", "AuditAdmin", "Languages", "CustomAttribute1"):
        if isinstance(mailbox[prop], list):
            assert mailbox[f"{prop}@odata.type"] == "#Collection(String)"
    for prop in (
        "ProhibitSendQuota",
        "ProhibitSendReceiveQuota",
        "IssueWarningQuota",
        "MaxSendSize",
        "ArchiveQuota",
    ):
        assert QUOTA.match(mailbox[prop]), mailbox[prop]
    assert mailbox["RetainDeletedItemsFor"] == "14.00:00:00"
    assert mailbox["LitigationHoldDuration"] == "Unlimited"
    assert mailbox["RecipientLimits"] == "500"
    assert mailbox["Identity"] == mailbox["Name"] == mailbox["Id"] == "admin"
    assert mailbox["DistinguishedName"] == (
        "CN=admin,OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,"
        "DC=NAMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM"
    )
    assert "SMTP:admin@contoso.onmicrosoft.com" in mailbox["EmailAddresses"]
    assert mailbox["RecipientType"] == mailbox["RecipientTypeDetails"] == "UserMailbox"
    assert "CustomAttribute15" in mailbox and "ExtensionCustomAttribute5" in mailbox
    assert "ExternalDirectoryObjectId@data.type" not in mailbox  # a plain string in the service


def test_seeded_variety(tenant, ex):
    mailboxes = objects(tenant, ex, "Get-Mailbox", ResultSize="Unlimited")
    assert any(m["LitigationHoldEnabled"] for m in mailboxes)
    assert any(m["ArchiveStatus"] == "Active" for m in mailboxes)
    assert any(m["ForwardingSmtpAddress"] for m in mailboxes)
    assert {m["ProhibitSendQuota"] for m in mailboxes} >= {
        "99 GB (106,300,440,576 bytes)",
        "49.5 GB (53,150,220,288 bytes)",
    }
    rooms = [m for m in mailboxes if m["RecipientTypeDetails"] == "RoomMailbox"]
    assert all(m["ResourceCapacity"] for m in rooms) and all(
        m["ResourceType"] == "Room" for m in rooms
    )


def test_other_seeded_objects(tenant, ex, cc):
    domains = objects(tenant, ex, "Get-AcceptedDomain")
    assert [(d["DomainName"], d["Default"], d["DomainType"]) for d in domains] == [
        ("contoso.onmicrosoft.com", True, "Authoritative"),
        ("contoso.com", False, "Authoritative"),
    ]
    assert one(tenant, ex, "Get-OrganizationConfig")["Identity"] == "contoso.onmicrosoft.com"
    assert len(objects(tenant, ex, "Get-TransportRule")) == 5
    assert len(objects(tenant, cc, "Get-RetentionCompliancePolicy")) >= 3
    assert len(objects(tenant, cc, "Get-DlpComplianceRule")) >= 3
    assert len(objects(tenant, cc, "Get-Label")) >= 5
    assert any(i.kind == "InboxRule" for kind in tenant.store.items.values() for i in kind.values())


def test_save_and_load_round_trip(tenant, ex, tmp_path):
    run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="admin",
        CustomAttribute3="kept",
        ProhibitSendQuota="20GB",
        IssueWarningQuota="19GB",
    )
    run(tenant, ex, "New-Mailbox", Name="Round Trip", Shared=True)
    run(tenant, ex, "Remove-Mailbox", Identity="helpdesk")
    path = tmp_path / "state" / "tenant.json"
    tenant.save(path)
    assert path.exists() and not list(path.parent.glob(".tenant-*"))  # the temp file is gone
    loaded = Tenant.load(path, tenant.clock)
    assert everything(loaded, ex) == everything(tenant, ex)
    assert one(loaded, ex, "Get-Mailbox", Identity="admin")["CustomAttribute3"] == "kept"
    assert (
        one(loaded, ex, "Get-Mailbox", Identity="Round Trip")["RecipientTypeDetails"]
        == "SharedMailbox"
    )
    assert one(loaded, ex, "Get-Mailbox", SoftDeletedMailbox=True, Identity="helpdesk")[
        "IsSoftDeletedByRemove"
    ]
    assert loaded.next_serial == tenant.next_serial


def test_load_refuses_other_files(tmp_path):
    path = tmp_path / "tenant.json"
    path.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ValueError):
        Tenant.load(path, Clock())


def test_tiny_and_bigger_tenants(clock, ex):
    tiny = Tenant.seeded(clock, mailboxes=4)
    assert len(objects(tiny, ex, "Get-Mailbox")) == 4
    bigger = Tenant.seeded(clock, mailboxes=3000)
    assert len(run(bigger, ex, "Get-Mailbox", ResultSize="Unlimited").objects) == 3000
