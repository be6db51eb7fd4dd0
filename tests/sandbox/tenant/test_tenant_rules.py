"""Transport rules, inbox rules, accepted domains, the organization config and role groups."""

from __future__ import annotations

import pytest
from tenant_helpers import objects, one, run

from sccshell.sandbox.tenant import CmdletError


def test_transport_rules_in_priority_order(tenant, ex):
    rules = objects(tenant, ex, "Get-TransportRule")
    assert [r["Priority"] for r in rules] == list(range(len(rules)))
    first = rules[0]
    assert first["Name"] == "External Email Warning" and first["FromScope"] == "NotInOrganization"
    assert any(c.endswith("FromScopePredicate") for c in first["Conditions"])
    assert any(a.endswith("ApplyHtmlDisclaimerTextAction") for a in first["Actions"])
    assert first["Description"].startswith("If the message:")
    assert (
        objects(tenant, ex, "Get-TransportRule", State="Disabled")[0]["Name"]
        == "Bypass Spam Filtering for Partners"
    )


def test_new_set_remove_transport_rule(tenant, ex):
    created = list(
        run(
            tenant,
            ex,
            "New-TransportRule",
            Name="Tag external",
            FromScope="NotInOrganization",
            PrependSubject="[EXT] ",
            Priority=0,
        ).objects
    )[0]
    assert created["Priority"] == 0 and created["PrependSubject"] == "[EXT] "
    names = [r["Name"] for r in objects(tenant, ex, "Get-TransportRule")]
    assert names[:2] == ["Tag external", "External Email Warning"]
    run(
        tenant,
        ex,
        "Set-TransportRule",
        Identity="Tag external",
        Priority=2,
        SubjectContainsWords=["invoice"],
    )
    rule = one(tenant, ex, "Get-TransportRule", Identity="Tag external")
    assert (
        rule["Priority"] == 2
        and rule["SubjectContainsWords"] == ["invoice"]
        and rule["ManuallyModified"]
    )
    run(tenant, ex, "Disable-TransportRule", Identity="Tag external")
    assert one(tenant, ex, "Get-TransportRule", Identity="Tag external")["State"] == "Disabled"
    run(tenant, ex, "Remove-TransportRule", Identity="Tag external", Confirm=False)
    rules = objects(tenant, ex, "Get-TransportRule")
    assert "Tag external" not in [r["Name"] for r in rules]
    assert [r["Priority"] for r in rules] == list(range(len(rules)))
    with pytest.raises(CmdletError):
        run(tenant, ex, "New-TransportRule", Name="External Email Warning")
    with pytest.raises(CmdletError):
        run(tenant, ex, "New-TransportRule", Name="Too far", Priority=99)


def test_inbox_rules(tenant, ex):
    mine = objects(tenant, ex, "Get-InboxRule")  # the caller's own mailbox
    assert mine and mine == objects(tenant, ex, "Get-InboxRule", Mailbox="admin")
    assert all(r["Identity"].startswith("admin\\") and r["MailboxOwnerId"] == "admin" for r in mine)
    created = list(
        run(
            tenant,
            ex,
            "New-InboxRule",
            Mailbox="helpdesk",
            Name="Tickets",
            SubjectContainsWords=["ticket"],
            MoveToFolder="Tickets",
            StopProcessingRules=True,
        ).objects
    )[0]
    assert created["MoveToFolder"] == "helpdesk:\\Tickets" and created["Enabled"] is True
    assert "includes 'ticket' in the subject" in created["Description"]
    rule = one(tenant, ex, "Get-InboxRule", Identity=created["Identity"])
    assert rule["Name"] == "Tickets"
    run(tenant, ex, "Disable-InboxRule", Identity=created["Identity"])
    assert (
        one(tenant, ex, "Get-InboxRule", Mailbox="helpdesk", Identity="Tickets")["Enabled"] is False
    )
    run(tenant, ex, "Remove-InboxRule", Mailbox="helpdesk", Identity="Tickets")
    assert objects(tenant, ex, "Get-InboxRule", Mailbox="helpdesk") == [
        r
        for r in objects(tenant, ex, "Get-InboxRule", Mailbox="helpdesk")
        if r["Name"] != "Tickets"
    ]
    with pytest.raises(CmdletError):
        run(tenant, ex, "Get-InboxRule", Identity="helpdesk\\Tickets")


def test_suspicious_forwarding_rules_exist_somewhere(clock, ex):
    from sccshell.sandbox.tenant import Tenant

    tenant = Tenant.seeded(clock, mailboxes=3000)
    rules = [i for i in tenant.store.iter_items("InboxRule")]
    assert any(r.name == "." and r.get("ForwardTo") for r in rules)


def test_accepted_domain_identity(tenant, ex):
    assert one(tenant, ex, "Get-AcceptedDomain", Identity="contoso.com")["Default"] is False


def test_organization_config_set_returns_the_config(tenant, ex):
    result = run(
        tenant,
        ex,
        "Set-OrganizationConfig",
        AuditDisabled=True,
        MailTipsExternalRecipientsTipsEnabled=True,
    )
    changed = list(result.objects)[0]
    assert (
        changed["AuditDisabled"] is True
        and changed["MailTipsExternalRecipientsTipsEnabled"] is True
    )
    assert one(tenant, ex, "Get-OrganizationConfig")["AuditDisabled"] is True
    assert run(tenant, ex, "Set-OrganizationConfig", AuditDisabled=True).warnings


def test_role_groups_per_service(tenant, ex, cc):
    exchange = {g["Name"] for g in objects(tenant, ex, "Get-RoleGroup")}
    compliance = {g["Name"] for g in objects(tenant, cc, "Get-RoleGroup")}
    assert "Organization Management" in exchange and "Help Desk" in exchange
    assert "eDiscoveryManager" in compliance and "Help Desk" not in compliance
    group = one(tenant, ex, "Get-RoleGroup", Identity="Organization Management")
    assert group["Members"] == ["admin", "mfa.user"] and "Mail Recipients" in group["Roles"]
    members = objects(tenant, ex, "Get-RoleGroupMember", Identity="Help Desk")
    assert [m["Name"] for m in members] == ["helpdesk"]
    run(tenant, ex, "Add-RoleGroupMember", Identity="Help Desk", Member="mfa.user")
    assert "mfa.user" in one(tenant, ex, "Get-RoleGroup", Identity="Help Desk")["Members"]
