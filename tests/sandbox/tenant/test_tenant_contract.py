"""The contract with the REST layer (api.py): names, parameters, errors, describe, laziness."""

from __future__ import annotations

import pytest
from tenant_helpers import objects, one, run

from sccshell.sandbox.tenant import CmdletError, CmdletResult
from sccshell.sandbox.tenant.errors import NOT_AVAILABLE


def test_cmdlet_and_parameter_names_are_case_insensitive(tenant, ex):
    assert tenant.invoke("get-mailbox", {"identity": "admin"}, ex).objects[0]["Name"] == "admin"
    assert (
        tenant.invoke("GET-MAILBOX", {"IDENTITY": "admin", "resultsize": "Unlimited"}, ex).objects[
            0
        ]["Name"]
        == "admin"
    )


def test_annotations_and_common_parameters_are_ignored(tenant, ex):
    parameters = {
        "Identity": "admin",
        "Identity@odata.type": "#String",
        "ErrorAction": "Stop",
        "WarningAction": "SilentlyContinue",
        "Verbose": True,
    }
    assert len(tenant.invoke("Get-Mailbox", parameters, ex).objects) == 1


def test_unknown_parameter_is_400_naming_it(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        tenant.invoke("Get-Mailbox", {"Identity": "admin", "Colour": "blue"}, ex)
    assert caught.value.status == 400
    assert caught.value.exception_type == "System.Management.Automation.ParameterBindingException"
    assert (
        caught.value.message == "A parameter cannot be found that matches parameter name 'Colour'."
    )


def test_parameter_aliases_are_accepted(tenant, ex):
    # -cf is the schema's alias of -Confirm, and every cmdlet tolerates the confirmation pair
    assert isinstance(
        tenant.invoke("Get-Mailbox", {"Identity": "admin", "Confirm": False}, ex), CmdletResult
    )


def test_schema_cmdlet_not_implemented(tenant, ex):
    assert not tenant.implements("Get-CASMailbox")
    with pytest.raises(CmdletError) as caught:
        tenant.invoke("get-casmailbox", {}, ex)
    assert caught.value.status == 400
    assert caught.value.exception_type == NOT_AVAILABLE
    assert (
        caught.value.message
        == "The cmdlet 'Get-CASMailbox' is not available in the sandbox tenant."
    )


def test_unknown_cmdlet(tenant, ex):
    assert not tenant.implements("Get-Unicorn")
    with pytest.raises(CmdletError) as caught:
        tenant.invoke("Get-Unicorn", {}, ex)
    assert "is not recognized" in caught.value.message


@pytest.mark.parametrize(
    "cmdlet",
    [
        "Get-AcceptedDomain",
        "Get-OrganizationConfig",
        "Get-Mailbox",
        "Set-Mailbox",
        "New-Mailbox",
        "Remove-Mailbox",
        "Get-Recipient",
        "Get-User",
        "Get-MailboxStatistics",
        "Get-MailboxPermission",
        "Add-MailboxPermission",
        "Remove-MailboxPermission",
        "Get-DistributionGroup",
        "New-DistributionGroup",
        "Get-DistributionGroupMember",
        "Add-DistributionGroupMember",
        "Remove-DistributionGroupMember",
        "Get-TransportRule",
        "New-TransportRule",
        "Get-InboxRule",
        "Search-UnifiedAuditLog",
        "Get-RetentionCompliancePolicy",
        "New-RetentionCompliancePolicy",
        "Set-RetentionCompliancePolicy",
        "Remove-RetentionCompliancePolicy",
        "Get-RetentionComplianceRule",
        "New-RetentionComplianceRule",
        "Get-DlpCompliancePolicy",
        "New-DlpCompliancePolicy",
        "Get-DlpComplianceRule",
        "Get-Label",
        "Get-LabelPolicy",
        "Get-ComplianceCase",
        "New-ComplianceSearch",
        "Start-ComplianceSearch",
        "Get-ComplianceSearch",
        "New-ComplianceSearchAction",
        "Get-RoleGroup",
    ],
)
def test_implements_what_the_brief_lists(tenant, cmdlet):
    assert tenant.implements(cmdlet) and tenant.implements(cmdlet.lower())


def test_missing_mandatory_parameter(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Set-Mailbox", CustomAttribute1="x")
    assert caught.value.status == 400
    assert (
        caught.value.message
        == "Cannot process command because of one or more missing mandatory parameters: Identity."
    )


def test_validate_set_from_the_schema(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            ex,
            "Search-UnifiedAuditLog",
            StartDate="2024-01-01",
            EndDate="2024-02-01",
            SessionCommand="Everything",
        )
    assert caught.value.status == 400 and "SessionCommand" in caught.value.message


# --- describe (confirmation, protocol §2.6) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("cmdlet", "parameters", "message"),
    [
        (
            "Set-Mailbox",
            {"Identity": "admin@contoso.onmicrosoft.com", "CustomAttribute1": "x"},
            'Setting mailbox "admin".',
        ),
        ("Remove-Mailbox", {"Identity": "MOD Administrator"}, 'Removing mailbox "admin".'),
        ("New-Mailbox", {"Name": "Pat", "Shared": True}, 'Creating mailbox "Pat".'),
        (
            "Remove-MailboxPermission",
            {"Identity": "info", "User": "helpdesk", "AccessRights": "FullAccess"},
            'Removing mailbox permission "info" for user "helpdesk@contoso.onmicrosoft.com" with access rights "\'FullAccess\'".',
        ),
        (
            "Add-DistributionGroupMember",
            {"Identity": "All Staff", "Member": "helpdesk"},
            'Adding distribution group member "helpdesk" on distribution group "allstaff".',
        ),
        (
            "Remove-TransportRule",
            {"Identity": "External Email Warning"},
            'Removing transport rule "External Email Warning".',
        ),
        (
            "Set-OrganizationConfig",
            {"AuditDisabled": True},
            'Setting organization config "contoso.onmicrosoft.com".',
        ),
    ],
)
def test_describe(tenant, ex, cmdlet, parameters, message):
    before = objects(tenant, ex, "Get-Mailbox", ResultSize="Unlimited")
    assert tenant.describe(cmdlet, {**parameters, "Confirm": True}, ex) == message
    assert objects(tenant, ex, "Get-Mailbox", ResultSize="Unlimited") == before  # nothing changed


def test_describe_validates_the_identity(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        tenant.describe("Remove-Mailbox", {"Identity": "nobody", "Confirm": True}, ex)
    assert caught.value.status == 404


def test_describe_compliance(tenant, cc):
    message = tenant.describe(
        "Remove-RetentionCompliancePolicy", {"Identity": "Teams Chat 1 Year", "Confirm": True}, cc
    )
    assert message == 'Removing retention compliance policy "Teams Chat 1 Year".'
    assert one(tenant, cc, "Get-RetentionCompliancePolicy", Identity="Teams Chat 1 Year")


def test_what_if_changes_nothing(tenant, ex):
    result = run(tenant, ex, "Remove-Mailbox", Identity="helpdesk", WhatIf=True)
    assert list(result.objects) == []
    assert one(tenant, ex, "Get-Mailbox", Identity="helpdesk")
    with pytest.raises(CmdletError):
        run(tenant, ex, "Remove-Mailbox", Identity="nobody", WhatIf=True)


# --- big results stay lazy ------------------------------------------------------------------------------


def test_results_are_lazy_sequences(tenant, ex):
    result = run(tenant, ex, "Get-Mailbox", ResultSize="Unlimited")
    assert len(result.objects) == 500
    page = result.objects[100:200]
    assert len(page) == 100 and page[0] == result.objects[100]
    assert isinstance(page[0], dict) and page[0]["Name"]
    # Formatting is fresh each time: callers may change what they get.
    first = result.objects[0]
    first["Name"] = "changed"
    assert result.objects[0]["Name"] != "changed"


def test_set_directory_id_links_a_mailbox_to_the_directory(tenant, ex):
    tenant.set_directory_id("helpdesk", "11111111-2222-4333-8444-555555555555")
    found = one(tenant, ex, "Get-Mailbox", Identity="11111111-2222-4333-8444-555555555555")
    assert (
        found["Name"] == "helpdesk"
        and found["ExternalDirectoryObjectId"] == "11111111-2222-4333-8444-555555555555"
    )
