"""Get-Mailbox, Set-Mailbox, New-Mailbox, Remove-Mailbox and how identities resolve."""

from __future__ import annotations

import pytest
from tenant_helpers import objects, one, run

from sccshell.sandbox.tenant import CmdletError

NOT_FOUND = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
HASHTABLE = "#Exchange.GenericHashTable"


def some_user(tenant, ex) -> dict:
    """An ordinary seeded user mailbox (the first after the service accounts)."""
    mailboxes = objects(
        tenant, ex, "Get-Mailbox", RecipientTypeDetails="UserMailbox", ResultSize=20
    )
    return next(m for m in mailboxes if m["PrimarySmtpAddress"].endswith("@contoso.com"))


# --- identity resolution ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        "Name",
        "Alias",
        "PrimarySmtpAddress",
        "UserPrincipalName",
        "Guid",
        "ExchangeGuid",
        "ExternalDirectoryObjectId",
        "DistinguishedName",
        "Identity",
        "DisplayName",
    ],
)
def test_identity_forms(tenant, ex, form):
    user = some_user(tenant, ex)
    assert one(tenant, ex, "Get-Mailbox", Identity=user[form])["Guid"] == user["Guid"]


def test_identity_is_case_insensitive_and_takes_any_proxy(tenant, ex):
    user = some_user(tenant, ex)
    secondary = next(a for a in user["EmailAddresses"] if a.startswith("smtp:"))
    assert one(tenant, ex, "Get-Mailbox", Identity=secondary)["Name"] == user["Name"]
    assert one(tenant, ex, "Get-Mailbox", Identity=secondary[5:].upper())["Name"] == user["Name"]
    assert one(tenant, ex, "Get-Mailbox", Identity=user["Name"].upper())["Name"] == user["Name"]
    assert (
        one(tenant, ex, "Get-Mailbox", Identity="{" + user["Guid"].upper() + "}")["Name"]
        == user["Name"]
    )
    assert (
        one(tenant, ex, "Get-Mailbox", Identity=f"NAMPR01A001\\{user['Name']}")["Name"]
        == user["Name"]
    )


def test_unknown_identity_is_404(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Get-Mailbox", Identity="nobody@contoso.com")
    assert caught.value.status == 404
    assert caught.value.exception_type == NOT_FOUND
    assert caught.value.message == (
        "The operation couldn't be performed because object 'nobody@contoso.com' couldn't be found on "
        "'SN4PR01A001DC002.NAMPR01A001.PROD.OUTLOOK.COM'."
    )


def test_ambiguous_display_name(tenant, ex):
    run(tenant, ex, "New-Mailbox", Name="Twin One", DisplayName="Sam Twin", Shared=True)
    run(tenant, ex, "New-Mailbox", Name="Twin Two", DisplayName="Sam Twin", Shared=True)
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Get-Mailbox", Identity="Sam Twin")
    assert caught.value.status == 400
    assert caught.value.exception_type.endswith("ManagementObjectAmbiguousException")
    assert (
        caught.value.message
        == "The operation couldn't be performed because 'Sam Twin' matches multiple entries."
    )
    # A name beats a display name: no ambiguity when the name itself matches.
    assert one(tenant, ex, "Get-Mailbox", Identity="Twin One")["DisplayName"] == "Sam Twin"


def test_identity_list_with_one_unknown_is_non_terminating(tenant, ex):
    result = run(tenant, ex, "Get-Mailbox", Identity=["admin", "nobody", "helpdesk"])
    assert [m["Name"] for m in result.objects] == ["admin", "helpdesk"]
    assert len(result.errors) == 1 and "'nobody'" in result.errors[0]


def test_wildcard_identity(tenant, ex):
    found = objects(tenant, ex, "Get-Mailbox", Identity="confroom*")
    assert found and all(m["RecipientTypeDetails"] == "RoomMailbox" for m in found)


# --- Get-Mailbox selections ----------------------------------------------------------------------


def test_recipient_type_details(tenant, ex):
    shared = objects(
        tenant, ex, "Get-Mailbox", RecipientTypeDetails="SharedMailbox", ResultSize="Unlimited"
    )
    assert len(shared) == 25 and {m["RecipientTypeDetails"] for m in shared} == {"SharedMailbox"}
    both = objects(
        tenant, ex, "Get-Mailbox", RecipientTypeDetails=["roommailbox", "EquipmentMailbox"]
    )
    assert {m["RecipientTypeDetails"] for m in both} == {"RoomMailbox", "EquipmentMailbox"}
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Get-Mailbox", RecipientTypeDetails="Toaster")
    assert caught.value.status == 400


def test_filter(tenant, ex):
    found = objects(
        tenant,
        ex,
        "Get-Mailbox",
        Filter="RecipientTypeDetails -eq 'SharedMailbox' -and Name -like 'inf*'",
    )
    assert [m["Name"] for m in found] == ["info"]
    holds = objects(
        tenant, ex, "Get-Mailbox", Filter="LitigationHoldEnabled -eq $true", ResultSize="Unlimited"
    )
    assert holds and all(m["LitigationHoldEnabled"] for m in holds)
    small = objects(
        tenant, ex, "Get-Mailbox", Filter="ProhibitSendQuota -lt '60GB'", ResultSize="Unlimited"
    )
    assert small and all(m["ProhibitSendQuota"].startswith("49.5 GB") for m in small)
    recent = objects(
        tenant, ex, "Get-Mailbox", Filter="WhenCreated -gt '2023-06-01'", ResultSize="Unlimited"
    )
    assert recent and all(m["WhenCreated"] > "2023-06-01" for m in recent)
    sales = objects(
        tenant, ex, "Get-Mailbox", Filter="Department -eq 'Sales'", ResultSize="Unlimited"
    )
    assert sales  # filterable although Get-Mailbox does not show it
    addressed = objects(
        tenant,
        ex,
        "Get-Mailbox",
        Filter="EmailAddresses -like '*@contoso.onmicrosoft.com'",
        ResultSize="Unlimited",
    )
    assert len(addressed) == 500


def test_bad_filter_message(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Get-Mailbox", Filter="X -eqq 1")
    assert caught.value.status == 400
    assert caught.value.message == (
        'Cannot bind parameter \'Filter\' to the target. Exception setting "Filter": "Invalid filter syntax. '
        'For a description of the filter parameter syntax see the command help. "X -eqq 1" at position 3."'
    )
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Get-Mailbox", Filter="Colour -eq 'blue'")
    assert "'Colour' is not a recognized filterable property" in caught.value.message


def test_anr_and_sort(tenant, ex):
    user = some_user(tenant, ex)
    first = user["DisplayName"].split()[0]
    found = objects(tenant, ex, "Get-Mailbox", Anr=first[:3], ResultSize="Unlimited")
    assert user["Name"] in [m["Name"] for m in found]
    ordered = objects(tenant, ex, "Get-Mailbox", SortBy="Name", ResultSize=50)
    names = [m["Name"].lower() for m in ordered]
    assert names == sorted(names)


def test_archive_switch(tenant, ex):
    archived = objects(tenant, ex, "Get-Mailbox", Archive=True, ResultSize="Unlimited")
    assert archived and all(
        m["ArchiveStatus"] == "Active"
        and m["ArchiveGuid"] != "00000000-0000-0000-0000-000000000000"
        for m in archived
    )


# --- Set-Mailbox -----------------------------------------------------------------------------------


def test_set_quota_forms(tenant, ex):
    result = run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="admin",
        ProhibitSendQuota="50GB",
        ProhibitSendReceiveQuota="50 GB",
        IssueWarningQuota=48318382080,
    )
    assert result.objects == () or list(result.objects) == []
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="admin")
    assert mailbox["ProhibitSendQuota"] == "50 GB (53,687,091,200 bytes)"
    assert mailbox["ProhibitSendReceiveQuota"] == "50 GB (53,687,091,200 bytes)"
    assert mailbox["IssueWarningQuota"] == "45 GB (48,318,382,080 bytes)"
    run(tenant, ex, "Set-Mailbox", Identity="admin", ProhibitSendReceiveQuota="Unlimited")
    assert (
        one(tenant, ex, "Get-Mailbox", Identity="admin")["ProhibitSendReceiveQuota"] == "Unlimited"
    )


def test_set_quota_errors_change_nothing(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Set-Mailbox", Identity="admin", ProhibitSendQuota="lots")
    assert caught.value.status == 400 and "ProhibitSendQuota" in caught.value.message
    with pytest.raises(CmdletError):
        run(
            tenant,
            ex,
            "Set-Mailbox",
            Identity="admin",
            CustomAttribute1="x",
            IssueWarningQuota="120GB",
        )
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="admin")
    assert mailbox["IssueWarningQuota"].startswith("98 GB") and mailbox["CustomAttribute1"] != "x"


def test_set_email_addresses_with_hashtable(tenant, ex):
    run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="admin",
        EmailAddresses={
            "@odata.type": HASHTABLE,
            "Add": ["smtp:boss@contoso.com", "sales.lead@contoso.com"],
        },
    )
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="boss@contoso.com")
    assert {"smtp:boss@contoso.com", "smtp:sales.lead@contoso.com"} <= set(
        mailbox["EmailAddresses"]
    )
    assert mailbox["PrimarySmtpAddress"] == "admin@contoso.onmicrosoft.com"
    run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="admin",
        EmailAddresses={"@odata.type": HASHTABLE, "Remove": "smtp:boss@contoso.com"},
    )
    with pytest.raises(CmdletError):
        run(tenant, ex, "Get-Mailbox", Identity="boss@contoso.com")
    # An added SMTP: address becomes the primary one.
    run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="admin",
        EmailAddresses={"@odata.type": HASHTABLE, "Add": "SMTP:the.admin@contoso.com"},
    )
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="admin")
    assert mailbox["PrimarySmtpAddress"] == "the.admin@contoso.com"
    assert "smtp:admin@contoso.onmicrosoft.com" in mailbox["EmailAddresses"]
    assert mailbox["WindowsEmailAddress"] == "the.admin@contoso.com"


def test_set_email_address_errors(tenant, ex):
    other = some_user(tenant, ex)
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            ex,
            "Set-Mailbox",
            Identity="admin",
            EmailAddresses={"@odata.type": HASHTABLE, "Add": other["PrimarySmtpAddress"]},
        )
    assert "is already being used" in caught.value.message
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            ex,
            "Set-Mailbox",
            Identity="admin",
            EmailAddresses={"@odata.type": HASHTABLE, "Add": "x@fabrikam.com"},
        )
    assert (
        "isn't an accepted domain" in caught.value.message
        or "not an accepted domain" in caught.value.message
    )


def test_set_primary_smtp_address(tenant, ex):
    run(tenant, ex, "Set-Mailbox", Identity="info", PrimarySmtpAddress="hello@contoso.com")
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="hello@contoso.com")
    assert mailbox["PrimarySmtpAddress"] == "hello@contoso.com"
    assert "smtp:info@contoso.com" in mailbox["EmailAddresses"]
    assert mailbox["EmailAddressPolicyEnabled"] is False


def test_set_common_properties(tenant, ex):
    run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="admin",
        CustomAttribute1="VIP",
        HiddenFromAddressListsEnabled=True,
        ForwardingSmtpAddress="admin.home@outlook.com",
        DeliverToMailboxAndForward=True,
        RetainDeletedItemsFor="30.00:00:00",
        LitigationHoldDuration=365,
        AuditOwner={"@odata.type": HASHTABLE, "Remove": "Send"},
        DisplayName="The Administrator",
    )
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="The Administrator")
    assert mailbox["CustomAttribute1"] == "VIP"
    assert mailbox["HiddenFromAddressListsEnabled"] is True
    assert mailbox["ForwardingSmtpAddress"] == "smtp:admin.home@outlook.com"
    assert mailbox["DeliverToMailboxAndForward"] is True
    assert mailbox["RetainDeletedItemsFor"] == "30.00:00:00"
    assert mailbox["LitigationHoldDuration"] == "365.00:00:00"
    assert "Send" not in mailbox["AuditOwner"] and "MailItemsAccessed" in mailbox["AuditOwner"]
    assert mailbox["WhenChanged"] > mailbox["WhenCreated"]


def test_litigation_hold_records_who_and_when(tenant, ex):
    user = some_user(tenant, ex)
    run(tenant, ex, "Set-Mailbox", Identity=user["Name"], LitigationHoldEnabled=True)
    mailbox = one(tenant, ex, "Get-Mailbox", Identity=user["Name"])
    assert mailbox["LitigationHoldEnabled"] is True
    assert mailbox["LitigationHoldOwner"] == "admin@contoso.onmicrosoft.com"
    assert mailbox["LitigationHoldDate"] is not None


def test_set_type_converts(tenant, ex):
    user = some_user(tenant, ex)
    run(tenant, ex, "Set-Mailbox", Identity=user["Name"], Type="Shared")
    assert (
        one(tenant, ex, "Get-Mailbox", Identity=user["Name"])["RecipientTypeDetails"]
        == "SharedMailbox"
    )


def test_set_nothing_warns(tenant, ex):
    result = run(tenant, ex, "Set-Mailbox", Identity="admin", CustomAttribute5="")
    assert result.warnings == [
        "The command completed successfully but no settings of 'admin' have been modified."
    ]


def test_rename_keeps_alias_and_address(tenant, ex):
    run(tenant, ex, "Set-Mailbox", Identity="helpdesk", Name="servicedesk")
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="servicedesk")
    assert mailbox["Alias"] == "helpdesk"
    assert mailbox["PrimarySmtpAddress"] == "helpdesk@contoso.onmicrosoft.com"
    assert mailbox["DistinguishedName"].startswith("CN=servicedesk,")
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Set-Mailbox", Identity="servicedesk", Name="admin")
    assert caught.value.exception_type.endswith("ADObjectAlreadyExistsException")


def test_set_upn(tenant, ex):
    run(
        tenant,
        ex,
        "Set-Mailbox",
        Identity="mfa.user",
        MicrosoftOnlineServicesID="megan.bowen@contoso.com",
    )
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="megan.bowen@contoso.com")
    assert mailbox["UserPrincipalName"] == mailbox["WindowsLiveID"] == "megan.bowen@contoso.com"


# --- New-Mailbox / Remove-Mailbox ----------------------------------------------------------------


def test_new_user_mailbox(tenant, ex):
    result = run(
        tenant,
        ex,
        "New-Mailbox",
        Name="Pat Kim",
        DisplayName="Pat Kim",
        Alias="patk",
        MicrosoftOnlineServicesID="pat.kim@contoso.com",
        Password="P@ssw0rd-1",
        FirstName="Pat",
        LastName="Kim",
    )
    created = list(result.objects)[0]
    assert created["RecipientTypeDetails"] == "UserMailbox"
    assert created["PrimarySmtpAddress"] == created["UserPrincipalName"] == "pat.kim@contoso.com"
    assert created["Alias"] == "patk" and created["Name"] == "Pat Kim"
    assert one(tenant, ex, "Get-Mailbox", Identity="patk")["Guid"] == created["Guid"]
    assert one(tenant, ex, "Get-User", Identity="patk")["FirstName"] == "Pat"


@pytest.mark.parametrize(
    ("switch", "kind"),
    [("Shared", "SharedMailbox"), ("Room", "RoomMailbox"), ("Equipment", "EquipmentMailbox")],
)
def test_new_resource_and_shared(tenant, ex, switch, kind):
    created = list(run(tenant, ex, "New-Mailbox", Name="Thing 1", **{switch: True}).objects)[0]
    assert created["RecipientTypeDetails"] == kind
    assert created["PrimarySmtpAddress"] == "Thing1@contoso.onmicrosoft.com"


def test_new_mailbox_errors(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            ex,
            "New-Mailbox",
            Name="No Password",
            MicrosoftOnlineServicesID="np@contoso.com",
        )
    assert caught.value.status == 400 and "Password" in caught.value.message
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "New-Mailbox", Name="admin", Shared=True)
    assert caught.value.status == 400 and caught.value.exception_type.endswith(
        "ADObjectAlreadyExistsException"
    )
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            ex,
            "New-Mailbox",
            Name="Elsewhere",
            Shared=True,
            PrimarySmtpAddress="x@fabrikam.com",
        )
    assert "accepted domain" in caught.value.message
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "New-Mailbox", Name="Info Two", Shared=True, Alias="info")
    assert 'property "Alias" is used by another recipient' in caught.value.message


def test_remove_soft_deletes(tenant, ex):
    user = some_user(tenant, ex)
    groups_before = [
        g["Name"] for g in objects(tenant, ex, "Get-DistributionGroup", ResultSize="Unlimited")
    ]
    assert run(tenant, ex, "Remove-Mailbox", Identity=user["Name"], Confirm=False).objects in (
        (),
        [],
    )
    with pytest.raises(CmdletError):
        run(tenant, ex, "Get-Mailbox", Identity=user["Name"])
    deleted = one(tenant, ex, "Get-Mailbox", SoftDeletedMailbox=True, Identity=user["Name"])
    assert deleted["IsSoftDeletedByRemove"] is True and deleted["WhenSoftDeleted"]
    assert deleted["Identity"] == f"Soft Deleted Objects\\{user['Name']}"
    by_guid = one(tenant, ex, "Get-Mailbox", SoftDeletedMailbox=True, Identity=user["ExchangeGuid"])
    assert by_guid["Name"] == user["Name"]
    for name in groups_before:
        members = objects(tenant, ex, "Get-DistributionGroupMember", Identity=name)
        assert user["Name"] not in [m["Name"] for m in members]
    run(tenant, ex, "Remove-Mailbox", Identity=user["Name"], PermanentlyDelete=True)
    assert objects(tenant, ex, "Get-Mailbox", SoftDeletedMailbox=True) == []


def test_enable_and_disable_archive(tenant, ex):
    run(tenant, ex, "Enable-Mailbox", Identity="helpdesk", Archive=True)
    assert one(tenant, ex, "Get-Mailbox", Identity="helpdesk")["ArchiveStatus"] == "Active"
    stats = one(tenant, ex, "Get-MailboxStatistics", Identity="helpdesk", Archive=True)
    assert stats["IsArchiveMailbox"] is True
    run(tenant, ex, "Disable-Mailbox", Identity="helpdesk", Archive=True)
    assert one(tenant, ex, "Get-Mailbox", Identity="helpdesk")["ArchiveStatus"] == "None"


# --- Get-MailboxStatistics --------------------------------------------------------------------------


def test_statistics(tenant, ex):
    stats = one(tenant, ex, "Get-MailboxStatistics", Identity="admin")
    mailbox = one(tenant, ex, "Get-Mailbox", Identity="admin")
    assert stats["MailboxGuid"] == mailbox["ExchangeGuid"] == stats["Identity"]
    assert stats["DisplayName"] == "MOD Administrator"
    assert stats["TotalItemSize"].endswith(" bytes)") and stats["ItemCount"] > 0
    assert stats["LastLogonTime"] is None or stats["LastLogonTime"].endswith("+00:00")
    assert stats == one(tenant, ex, "Get-MailboxStatistics", Identity="admin")  # deterministic
    with pytest.raises(CmdletError):
        run(tenant, ex, "Get-MailboxStatistics", Identity="nobody")
