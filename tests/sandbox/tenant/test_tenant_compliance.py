"""Security & Compliance: retention, DLP, labels, cases, searches and search actions."""

from __future__ import annotations

import pytest
from tenant_helpers import objects, one, run

from sccshell.sandbox.tenant import CmdletError
from sccshell.sandbox.tenant.errors import SEARCH_ONLY

# --- retention ------------------------------------------------------------------------------------


def test_retention_policy_life_cycle(tenant, cc, clock):
    created = list(
        run(
            tenant,
            cc,
            "New-RetentionCompliancePolicy",
            Name="Legal 5y",
            ExchangeLocation=["admin", "helpdesk@contoso.onmicrosoft.com"],
            Comment="five years",
        ).objects
    )[0]
    assert created["ExchangeLocation"] == ["admin", "helpdesk"]
    assert created["Workload"] == "Exchange" and created["DistributionStatus"] == "Pending"
    assert created["Identity"].endswith("/Configuration/Legal 5y")
    clock.advance(120)
    assert (
        one(tenant, cc, "Get-RetentionCompliancePolicy", Identity="Legal 5y")["DistributionStatus"]
        == "Success"
    )
    run(
        tenant,
        cc,
        "Set-RetentionCompliancePolicy",
        Identity="Legal 5y",
        AddExchangeLocation="mfa.user",
        RemoveExchangeLocation="admin",
        AddSharePointLocation="https://contoso.sharepoint.com/sites/Legal",
    )
    policy = one(tenant, cc, "Get-RetentionCompliancePolicy", Identity=created["Guid"])
    assert policy["ExchangeLocation"] == ["helpdesk", "mfa.user"]
    assert policy["SharePointLocation"] == ["https://contoso.sharepoint.com/sites/Legal"]
    assert (
        policy["Workload"] == "Exchange, SharePoint" and policy["DistributionStatus"] == "Pending"
    )
    rule = list(
        run(
            tenant,
            cc,
            "New-RetentionComplianceRule",
            Name="Legal 5y rule",
            Policy="Legal 5y",
            RetentionDuration=1825,
            RetentionComplianceAction="KeepAndDelete",
        ).objects
    )[0]
    assert rule["Policy"] == policy["Guid"] and rule["RetentionDuration"] == "1825"
    assert rule["ExpirationDateOption"] == "CreationAgeInDays"
    assert [
        r["Name"] for r in objects(tenant, cc, "Get-RetentionComplianceRule", Policy="Legal 5y")
    ] == ["Legal 5y rule"]
    run(tenant, cc, "Remove-RetentionCompliancePolicy", Identity="Legal 5y", Confirm=False)
    with pytest.raises(CmdletError) as caught:
        run(tenant, cc, "Get-RetentionCompliancePolicy", Identity="Legal 5y")
    assert caught.value.status == 404 and "FFO.extest.microsoft.com" in caught.value.message
    with pytest.raises(CmdletError):
        run(tenant, cc, "Get-RetentionComplianceRule", Identity="Legal 5y rule")


def test_retention_errors(tenant, cc):
    with pytest.raises(CmdletError):
        run(tenant, cc, "New-RetentionCompliancePolicy", Name="Default Org Retention")
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            cc,
            "New-RetentionCompliancePolicy",
            Name="Ghosts",
            ExchangeLocation="nobody@contoso.com",
        )
    assert "nobody@contoso.com" in caught.value.message
    with pytest.raises(CmdletError):
        run(
            tenant,
            cc,
            "New-RetentionCompliancePolicy",
            Name="Mixed",
            ExchangeLocation=["All", "admin"],
        )
    with pytest.raises(CmdletError):
        run(
            tenant,
            cc,
            "New-RetentionComplianceRule",
            Name="r",
            Policy="Default Org Retention",
            RetentionComplianceAction="Shred",
        )
    assert run(
        tenant, cc, "Set-RetentionCompliancePolicy", Identity="Default Org Retention"
    ).warnings


# --- DLP ------------------------------------------------------------------------------------------------


def test_dlp_policies_and_rules(tenant, cc):
    policies = objects(tenant, cc, "Get-DlpCompliancePolicy")
    assert [p["Priority"] for p in policies] == sorted(p["Priority"] for p in policies)
    assert {p["Mode"] for p in policies} >= {"Enable", "TestWithNotifications"}
    created = list(
        run(
            tenant,
            cc,
            "New-DlpCompliancePolicy",
            Name="Pilot DLP",
            ExchangeLocation="All",
            Mode="TestWithNotifications",
        ).objects
    )[0]
    assert created["Workload"] == "Exchange" and created["Enabled"] is True
    rule = list(
        run(
            tenant,
            cc,
            "New-DlpComplianceRule",
            Name="Pilot rule",
            Policy="Pilot DLP",
            ContentContainsSensitiveInformation={
                "@odata.type": "#Exchange.GenericHashTable",
                "Name": "Credit Card Number",
                "minCount": "1",
            },
            BlockAccess=True,
        ).objects
    )[0]
    assert rule["ParentPolicyName"] == "Pilot DLP" and rule["BlockAccess"] is True
    assert rule["ContentContainsSensitiveInformation"] == [
        '{"name":"Credit Card Number","mincount":"1"}'
    ]
    assert rule["Mode"] == "TestWithNotifications"
    assert [
        r["Name"] for r in objects(tenant, cc, "Get-DlpComplianceRule", Policy="Pilot DLP")
    ] == ["Pilot rule"]
    run(tenant, cc, "Set-DlpCompliancePolicy", Identity="Pilot DLP", Mode="Enable")
    assert one(tenant, cc, "Get-DlpComplianceRule", Identity="Pilot rule")["Mode"] == "Enable"
    with pytest.raises(CmdletError):
        run(tenant, cc, "Set-DlpCompliancePolicy", Identity="Pilot DLP", Mode="Maybe")


# --- labels and cases ----------------------------------------------------------------------------------


def test_labels(tenant, cc):
    labels = objects(tenant, cc, "Get-Label")
    assert [label["Priority"] for label in labels] == list(range(len(labels)))
    child = next(label for label in labels if label["ParentId"])
    parent = one(tenant, cc, "Get-Label", Identity=child["ParentId"])
    assert (
        parent["IsLabelGroup"] is True and child["ParentLabelDisplayName"] == parent["DisplayName"]
    )
    assert one(tenant, cc, "Get-Label", Identity="Confidential")["Guid"] == parent["Guid"]
    policies = objects(tenant, cc, "Get-LabelPolicy")
    assert "General" in policies[0]["Labels"] and policies[0]["Type"] == "PublishedSensitivityLabel"


def test_cases(tenant, cc):
    default = objects(tenant, cc, "Get-ComplianceCase")
    assert default and {c["CaseType"] for c in default} == {"eDiscovery"}
    advanced = objects(tenant, cc, "Get-ComplianceCase", CaseType="AdvancedEdiscovery")
    assert [c["Name"] for c in advanced] == ["Contoso v. Fabrikam"]
    created = list(
        run(tenant, cc, "New-ComplianceCase", Name="Case 42", Description="test").objects
    )[0]
    assert (
        created["Status"] == "Active"
        and one(tenant, cc, "Get-ComplianceCase", Identity=created["Identity"])["Name"] == "Case 42"
    )


# --- searches --------------------------------------------------------------------------------------------


def test_search_cmdlets_need_a_search_only_session(tenant, cc, search_ctx):
    for cmdlet, parameters in (
        ("Get-ComplianceSearch", {}),
        ("New-ComplianceSearch", {"Name": "x"}),
        ("Start-ComplianceSearch", {"Identity": "x"}),
        ("New-ComplianceSearchAction", {"SearchName": "x", "Purge": True}),
    ):
        with pytest.raises(CmdletError) as caught:
            tenant.invoke(cmdlet, parameters, cc)
        assert caught.value.exception_type == SEARCH_ONLY
        assert (
            "-EnableSearchOnlySession" in caught.value.message and "3.9.0" in caught.value.message
        )
    assert objects(tenant, search_ctx, "Get-ComplianceSearch")
    assert objects(tenant, cc, "Get-ComplianceSearchAction") == []  # not one of the guarded cmdlets


def test_search_status_follows_the_clock(tenant, search_ctx, clock):
    created = list(
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearch",
            Name="Invoices",
            ExchangeLocation=["admin", "helpdesk"],
            ContentMatchQuery="subject:invoice",
        ).objects
    )[0]
    assert created["Status"] == "NotStarted" and created["Items"] == 0
    assert created["ExchangeLocation"] == ["admin", "helpdesk"]
    run(tenant, search_ctx, "Start-ComplianceSearch", Identity="Invoices")
    running = one(tenant, search_ctx, "Get-ComplianceSearch", Identity="Invoices")
    assert (
        running["Status"] == "InProgress"
        and running["JobStartTime"]
        and running["JobEndTime"] is None
    )
    with pytest.raises(CmdletError):
        run(tenant, search_ctx, "New-ComplianceSearchAction", SearchName="Invoices", Preview=True)
    clock.advance(15)
    assert (
        one(tenant, search_ctx, "Get-ComplianceSearch", Identity="Invoices")["Status"]
        == "InProgress"
    )
    clock.advance(60)
    done = one(tenant, search_ctx, "Get-ComplianceSearch", Identity="Invoices")
    assert done["Status"] == "Completed" and done["JobProgress"] == 100 and done["JobEndTime"]
    assert done["Items"] > 0 and done["Size"] > 0 and "Item count:" in done["SuccessResults"]
    assert done == one(
        tenant, search_ctx, "Get-ComplianceSearch", Identity="Invoices"
    )  # stable results


def test_purge_action(tenant, search_ctx, clock):
    with pytest.raises(CmdletError) as caught:
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearchAction",
            SearchName="Fabrikam contract terms",
            Purge=True,
            PurgeType="HardDelete",
        )
    assert "hasn't run yet" in caught.value.message
    message = tenant.describe(
        "New-ComplianceSearchAction",
        {
            "SearchName": "Phishing cleanup",
            "Purge": True,
            "PurgeType": "SoftDelete",
            "Confirm": True,
        },
        search_ctx,
    )
    assert message.startswith(
        'This operation will make message items meeting the criteria of the compliance search "Phishing cleanup" completely inaccessible'
    )
    action = list(
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearchAction",
            SearchName="Phishing cleanup",
            Purge=True,
            PurgeType="SoftDelete",
            Confirm=False,
        ).objects
    )[0]
    assert (
        action["Name"] == "Phishing cleanup_Purge"
        and action["Action"] == "Purge"
        and action["Status"] == "InProgress"
    )
    clock.advance(60)
    finished = one(
        tenant, search_ctx, "Get-ComplianceSearchAction", Identity="Phishing cleanup_Purge"
    )
    assert finished["Status"] == "Completed" and finished["Results"].startswith(
        "Purge Type: SoftDelete; Item count:"
    )
    assert objects(tenant, search_ctx, "Get-ComplianceSearchAction", Purge=True) == [finished]
    with pytest.raises(CmdletError):
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearchAction",
            SearchName="Phishing cleanup",
            Purge=True,
            PurgeType="Shred",
        )
    with pytest.raises(CmdletError):
        run(tenant, search_ctx, "New-ComplianceSearchAction", SearchName="Phishing cleanup")


def test_preview_and_export_actions(tenant, search_ctx, clock):
    preview = list(
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearchAction",
            SearchName="Phishing cleanup",
            Preview=True,
        ).objects
    )[0]
    export = list(
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearchAction",
            SearchName="Phishing cleanup",
            Export=True,
        ).objects
    )[0]
    assert (preview["Name"], export["Name"]) == (
        "Phishing cleanup_Preview",
        "Phishing cleanup_Export",
    )
    clock.advance(120)
    assert (
        "Location:"
        in one(
            tenant, search_ctx, "Get-ComplianceSearchAction", Identity="Phishing cleanup_Preview"
        )["Results"]
    )
    assert (
        "Container url:"
        in one(
            tenant, search_ctx, "Get-ComplianceSearchAction", Identity="Phishing cleanup_Export"
        )["Results"]
    )


def test_set_stop_remove_search(tenant, search_ctx, clock):
    run(
        tenant,
        search_ctx,
        "Set-ComplianceSearch",
        Identity="Departed employee mail",
        ContentMatchQuery="sent>=2024-06-01",
    )
    assert (
        one(tenant, search_ctx, "Get-ComplianceSearch", Identity="Departed employee mail")["Status"]
        == "NotStarted"
    )
    run(tenant, search_ctx, "Start-ComplianceSearch", Identity="Departed employee mail")
    run(tenant, search_ctx, "Stop-ComplianceSearch", Identity="Departed employee mail")
    assert (
        one(tenant, search_ctx, "Get-ComplianceSearch", Identity="Departed employee mail")["Status"]
        == "Stopped"
    )
    run(
        tenant,
        search_ctx,
        "Remove-ComplianceSearch",
        Identity="Departed employee mail",
        Confirm=False,
    )
    with pytest.raises(CmdletError):
        run(tenant, search_ctx, "Get-ComplianceSearch", Identity="Departed employee mail")


def test_search_in_a_case(tenant, search_ctx):
    in_case = objects(tenant, search_ctx, "Get-ComplianceSearch", Case="Contoso v. Fabrikam")
    assert [s["Name"] for s in in_case] == ["Fabrikam contract terms"]
    with pytest.raises(CmdletError):
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearch",
            Name="Nowhere",
            ExchangeLocation="nobody@contoso.com",
        )
    made = list(
        run(
            tenant,
            search_ctx,
            "New-ComplianceSearch",
            Name="Anywhere",
            ExchangeLocation="nobody@contoso.com",
            AllowNotFoundExchangeLocationsEnabled=True,
        ).objects
    )[0]
    assert made["ExchangeLocation"] == ["nobody@contoso.com"]
