"""Get-Recipient, Get-User, groups and members, mailbox and recipient permissions."""

from __future__ import annotations

import pytest
from tenant_helpers import objects, one, run

from sccshell.sandbox.tenant import CmdletError


def test_get_recipient_covers_every_kind(tenant, ex):
    kinds = {
        r["RecipientTypeDetails"]
        for r in objects(tenant, ex, "Get-Recipient", ResultSize="Unlimited")
    }
    assert {
        "UserMailbox",
        "SharedMailbox",
        "RoomMailbox",
        "MailUser",
        "MailContact",
        "MailUniversalDistributionGroup",
        "GroupMailbox",
    } <= kinds
    contacts = objects(
        tenant, ex, "Get-Recipient", RecipientTypeDetails="MailContact", ResultSize="Unlimited"
    )
    assert contacts and all(c["ExternalEmailAddress"].startswith("SMTP:") for c in contacts)
    groups = objects(tenant, ex, "Get-Recipient", RecipientType="MailUniversalSecurityGroup")
    assert groups and {g["RecipientTypeDetails"] for g in groups} == {"MailUniversalSecurityGroup"}


def test_get_recipient_filter(tenant, ex):
    found = objects(
        tenant,
        ex,
        "Get-Recipient",
        Filter="RecipientTypeDetails -eq 'MailContact' -and ExternalEmailAddress -like '*fabrikam.com'",
        ResultSize="Unlimited",
    )
    assert found and all("fabrikam.com" in r["ExternalEmailAddress"] for r in found)
    sales = objects(
        tenant, ex, "Get-Recipient", Filter="Department -eq 'Sales'", ResultSize="Unlimited"
    )
    assert sales and {r["Department"] for r in sales} == {"Sales"}


def test_get_user_and_set_user(tenant, ex):
    user = one(tenant, ex, "Get-User", Identity="admin")
    assert user["UserPrincipalName"] == "admin@contoso.onmicrosoft.com"
    assert user["FirstName"] == "MOD" and user["LastName"] == "Administrator"
    run(
        tenant,
        ex,
        "Set-User",
        Identity="admin",
        Department="IT",
        Title="Global Admin",
        FirstName="Mod",
    )
    user = one(tenant, ex, "Get-User", Identity="admin")
    assert (user["Department"], user["Title"], user["FirstName"]) == ("IT", "Global Admin", "Mod")
    assert user["DisplayName"] == "MOD Administrator"  # unchanged by a first-name change
    assert one(tenant, ex, "Get-Recipient", Identity="admin")["Department"] == "IT"
    assert (
        objects(tenant, ex, "Get-User", Filter="Department -eq 'IT' -and Title -eq 'Global Admin'")[
            0
        ]["Name"]
        == "admin"
    )


def test_mail_users_and_contacts(tenant, ex):
    assert all(u["ExternalEmailAddress"] for u in objects(tenant, ex, "Get-MailUser"))
    created = list(
        run(
            tenant,
            ex,
            "New-MailContact",
            Name="Vendor Contact",
            ExternalEmailAddress="sales@litwareinc.com",
        ).objects
    )[0]
    assert created["PrimarySmtpAddress"] == "sales@litwareinc.com"
    assert (
        one(tenant, ex, "Get-MailContact", Identity="sales@litwareinc.com")["Name"]
        == "Vendor Contact"
    )
    run(tenant, ex, "Remove-MailContact", Identity="Vendor Contact")
    with pytest.raises(CmdletError):
        run(tenant, ex, "Get-MailContact", Identity="Vendor Contact")


# --- distribution groups ------------------------------------------------------------------------------


def test_new_group_with_members(tenant, ex):
    created = list(
        run(
            tenant,
            ex,
            "New-DistributionGroup",
            Name="Pilot Users",
            Members=["admin", "helpdesk"],
            Type="Security",
            PrimarySmtpAddress="pilot@contoso.com",
        ).objects
    )[0]
    assert created["RecipientTypeDetails"] == "MailUniversalSecurityGroup"
    assert created["GroupType"] == "Universal, SecurityEnabled"
    assert created["ManagedBy"] == ["admin"]  # the caller manages a group it creates
    members = objects(tenant, ex, "Get-DistributionGroupMember", Identity="pilot@contoso.com")
    assert sorted(m["Name"] for m in members) == ["admin", "helpdesk"]
    with pytest.raises(CmdletError):
        run(tenant, ex, "New-DistributionGroup", Name="Pilot Users")


def test_add_and_remove_members(tenant, ex):
    run(tenant, ex, "New-DistributionGroup", Name="Book Club DL")
    assert (
        run(
            tenant, ex, "Add-DistributionGroupMember", Identity="Book Club DL", Member="mfa.user"
        ).errors
        == []
    )
    again = run(
        tenant,
        ex,
        "Add-DistributionGroupMember",
        Identity="Book Club DL",
        Member="mfa.user@contoso.onmicrosoft.com",
    )
    assert again.errors == [
        'The recipient "mfa.user@contoso.onmicrosoft.com" is already a member of the group "Book Club DL".'
    ]
    assert [
        m["Name"]
        for m in objects(tenant, ex, "Get-DistributionGroupMember", Identity="Book Club DL")
    ] == ["mfa.user"]
    run(tenant, ex, "Remove-DistributionGroupMember", Identity="Book Club DL", Member="mfa.user")
    assert objects(tenant, ex, "Get-DistributionGroupMember", Identity="Book Club DL") == []
    missing = run(
        tenant, ex, "Remove-DistributionGroupMember", Identity="Book Club DL", Member="mfa.user"
    )
    assert missing.errors and "isn't a member" in missing.errors[0]
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Add-DistributionGroupMember", Identity="Book Club DL", Member="nobody")
    assert caught.value.status == 404


def test_set_and_remove_group(tenant, ex):
    run(
        tenant,
        ex,
        "Set-DistributionGroup",
        Identity="All Staff",
        ManagedBy=["helpdesk"],
        HiddenFromAddressListsEnabled=True,
    )
    group = one(tenant, ex, "Get-DistributionGroup", Identity="allstaff")
    assert group["ManagedBy"] == ["helpdesk"] and group["HiddenFromAddressListsEnabled"] is True
    assert [
        g["Name"] for g in objects(tenant, ex, "Get-DistributionGroup", ManagedBy="helpdesk")
    ] == ["allstaff"]
    run(tenant, ex, "Remove-DistributionGroup", Identity="All Staff")
    with pytest.raises(CmdletError):
        run(tenant, ex, "Get-DistributionGroup", Identity="All Staff")


# --- permissions ---------------------------------------------------------------------------------------------


def test_mailbox_permission_defaults(tenant, ex):
    entries = objects(tenant, ex, "Get-MailboxPermission", Identity="admin")
    first = entries[0]
    assert (first["User"], first["AccessRights"], first["IsInherited"], first["Deny"]) == (
        "NT AUTHORITY\\SELF",
        ["FullAccess, ReadPermission"],
        False,
        False,
    )
    assert any(e["IsInherited"] and e["Deny"] for e in entries)


def test_add_and_remove_mailbox_permission(tenant, ex):
    added = list(
        run(
            tenant,
            ex,
            "Add-MailboxPermission",
            Identity="info",
            User="helpdesk",
            AccessRights="FullAccess",
            InheritanceType="All",
            AutoMapping=False,
        ).objects
    )[0]
    assert added["User"] == "helpdesk@contoso.onmicrosoft.com" and added["AccessRights"] == [
        "FullAccess"
    ]
    explicit = [
        e
        for e in objects(tenant, ex, "Get-MailboxPermission", Identity="info")
        if not e["IsInherited"] and e["User"] != "NT AUTHORITY\\SELF"
    ]
    assert "helpdesk@contoso.onmicrosoft.com" in [e["User"] for e in explicit]
    only = objects(tenant, ex, "Get-MailboxPermission", Identity="info", User="helpdesk")
    assert [e["User"] for e in only] == ["helpdesk@contoso.onmicrosoft.com"]
    again = run(
        tenant,
        ex,
        "Add-MailboxPermission",
        Identity="info",
        User="helpdesk",
        AccessRights="FullAccess",
    )
    assert again.warnings and "already present" in again.warnings[0]
    run(
        tenant,
        ex,
        "Remove-MailboxPermission",
        Identity="info",
        User="helpdesk",
        AccessRights="FullAccess",
        Confirm=False,
    )
    assert objects(tenant, ex, "Get-MailboxPermission", Identity="info", User="helpdesk") == []
    gone = run(
        tenant,
        ex,
        "Remove-MailboxPermission",
        Identity="info",
        User="helpdesk",
        AccessRights="FullAccess",
    )
    assert gone.warnings and "doesn't exist" in gone.warnings[0]
    with pytest.raises(CmdletError):
        run(
            tenant,
            ex,
            "Add-MailboxPermission",
            Identity="info",
            User="helpdesk",
            AccessRights="EverythingPlease",
        )


def test_recipient_permissions(tenant, ex):
    run(
        tenant,
        ex,
        "Add-RecipientPermission",
        Identity="info",
        Trustee="mfa.user",
        AccessRights="SendAs",
    )
    trustees = [
        e["Trustee"] for e in objects(tenant, ex, "Get-RecipientPermission", Identity="info")
    ]
    assert "NT AUTHORITY\\SELF" in trustees and "mfa.user@contoso.onmicrosoft.com" in trustees
    by_trustee = objects(tenant, ex, "Get-RecipientPermission", Trustee="mfa.user")
    assert [e["Identity"] for e in by_trustee] == ["info"]
    run(
        tenant,
        ex,
        "Remove-RecipientPermission",
        Identity="info",
        Trustee="mfa.user",
        AccessRights="SendAs",
    )
    assert objects(tenant, ex, "Get-RecipientPermission", Trustee="mfa.user") == []
