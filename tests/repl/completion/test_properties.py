"""Property names: of what the previous cmdlet last returned, else its default view."""

from __future__ import annotations

from sccshell.repl.completion.model import RecentProperties, build_model
from sccshell.runtime.objects import PSObject

from .helpers import texts

MAILBOX = PSObject({"Name": "admin", "Alias": "admin", "PrimarySmtpAddress": "a@x", "Guid": "1"})


def test_recent_properties_keeps_the_first_objects_only() -> None:
    recent = RecentProperties(cmdlets=2, objects=2)
    recent.record("Get-Mailbox", [PSObject({"A": 1}), PSObject({"B": 1}), PSObject({"C": 1})])
    assert recent.names("get-mailbox") == ("A", "B")
    recent.record("Get-Recipient", [{"X": 1}])
    recent.record("Get-User", [PSObject({"Y": 1})])
    assert recent.names("Get-Mailbox") == ()  # the oldest was forgotten
    assert len(recent) == 2
    recent.record("Get-User", [1, "text"])  # no properties: the last good names stay
    assert recent.names("Get-User") == ("Y",)


def test_default_view_columns_before_anything_ran(model) -> None:
    assert texts("Get-Mailbox | Select-Object ", model) == [
        "Alias",
        "Database",
        "ExternalDirectoryObjectId",
        "Name",
        "ProhibitSendQuota",
    ]


def test_what_the_cmdlet_last_returned(small) -> None:
    model = build_model(small)
    model.recent.record("Get-Mailbox", [MAILBOX])
    assert texts("Get-Mailbox | Select-Object Pri", model) == ["PrimarySmtpAddress"]
    assert texts("Get-Mailbox | Sort-Object -Property G", model) == ["Guid"]
    assert "Alias" in texts("Get-Mailbox | Group-Object ", model)
    assert texts("Get-Mailbox | Format-Table Name, Pr", model) == ["PrimarySmtpAddress"]
    assert texts("Get-Mailbox | Select-Object -ExpandProperty Na", model) == ["Name"]
    # Where-Object's positional Property; and through a pass-through cmdlet.
    assert texts("Get-Mailbox | Where-Object Gu", model) == ["Guid"]
    assert texts("Get-Mailbox | Where-Object { $_.Enabled } | Sort-Object Gu", model) == ["Guid"]


def test_select_object_narrows_what_follows(model) -> None:
    text = "Get-Mailbox | Select-Object Name, Alias | Sort-Object "
    assert texts(text, model) == ["Alias", "Name"]


def test_dollar_underscore_in_a_script_block(small) -> None:
    model = build_model(small)
    model.recent.record("Get-Mailbox", [MAILBOX])
    assert texts("Get-Mailbox | Where-Object { $_.Prim", model) == ["PrimarySmtpAddress"]
    assert texts("Get-Mailbox | ForEach-Object { $PSItem.Gu", model) == ["Guid"]
    assert texts("Get-Mailbox | ForEach-Object { $_ | Select-Object Gu", model) == ["Guid"]


def test_members_of_a_variable(small) -> None:
    manager = PSObject({"DisplayName": "Boss"})
    scope = {"mbx": [PSObject({"Name": "x", "Manager": manager})], "text": "abc"}
    model = build_model(small, variables=lambda: scope)
    assert texts("$mbx.", model) == ["Count", "Length", "Manager", "Name"]
    assert texts("$MBX.Manager.Dis", model) == ["DisplayName"]
    assert texts("$text.L", model) == ["Length"]
    assert texts("$nothing.", model) == []
    assert texts("$mbx | Select-Object Ma", model) == ["Manager"]


def test_recent_properties_of_a_prefixed_name(prefixed) -> None:
    prefixed.recent.record("Get-RetentionCompliancePolicy", [PSObject({"Workload": "x"})])
    assert texts("Get-SCCRetentionCompliancePolicy | Select-Object W", prefixed) == ["Workload"]
