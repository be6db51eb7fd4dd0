"""Binder: parameter names, values taken by parameters, switches, duplicates."""

from __future__ import annotations

from bindline import at, bind_line, where

from sccshell.schema import arguments as K


def test_names_are_case_insensitive(schema):
    result = bind_line(schema, "get-mailbox -IDENTITY bob -resultsize unlimited")
    assert result.ok
    assert result.bound["Identity"].value == "bob"
    assert result.bound["ResultSize"].converted == "Unlimited"
    assert result.parameter_set == "Identity"


def test_abbreviation(schema):
    line = "Get-Mailbox -Ident bob -ResultS 10"
    result = bind_line(schema, line)
    assert result.ok
    assert result.bound["Identity"].parameter_arg.text == "-Ident"
    assert result.bound["ResultSize"].converted == 10


def test_exact_name_beats_longer_names_it_prefixes(schema):
    result = bind_line(schema, "Set-Mailbox bob -CustomAttribute1 x")
    assert result.ok, result.errors
    assert set(result.bound) == {"Identity", "CustomAttribute1"}
    # Archive, ArchiveDatabase, ArchiveDomain, ArchiveGuid, ArchiveName
    result = bind_line(schema, "Enable-Mailbox bob -Archive")
    assert result.ok, result.errors
    assert set(result.bound) == {"Identity", "Archive"}


def test_ambiguous_abbreviation_lists_candidates(schema):
    line = "Get-Mailbox -R x"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.kind == K.AMBIGUOUS_PARAMETER
    assert where(error) == at(line, "-R")
    assert error.message == (
        "parameter -R is ambiguous for Get-Mailbox: it could be -ReadFromDomainController, "
        "-RecipientTypeDetails, -RemoteArchive or -ResultSize"
    )
    assert error.suggestions == [
        "ReadFromDomainController",
        "RecipientTypeDetails",
        "RemoteArchive",
        "ResultSize",
    ]
    # Its value is not reported again as a stray positional argument.
    assert "x" not in [b.value for b in result.bound.values()]


def test_declared_parameter_beats_common_ones_for_an_abbreviation(schema):
    # -Pro matches ProxyUrl and the common ProgressAction: PowerShell takes ProxyUrl.
    line = "Add-AvailabilityAddressSpace -AccessMethod OrgWideFB -ForestName x -Pro https://a"
    result = bind_line(schema, line)
    assert "ProxyUrl" in result.bound
    assert not result.hard_errors


def test_two_common_parameters_stay_ambiguous(schema):
    line = "Get-Mailbox -Warn Stop"
    [error] = bind_line(schema, line).errors
    assert error.kind == K.AMBIGUOUS_PARAMETER
    assert error.suggestions == ["WarningAction", "WarningVariable"]


def test_aliases(schema):
    line = "Set-Mailbox bob -DisplayName x -cf:$false -wi -ea Stop -ov out"
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.bound["Confirm"].converted is False
    assert result.bound["WhatIf"].converted is True
    assert result.bound["ErrorAction"].converted == "Stop"
    assert result.bound["OutVariable"].value == "out"


def test_conventional_alias_wins_a_clash_in_the_docs(schema):
    # The docs also give SharePointLocation the alias "wi".
    result = bind_line(schema, "Invoke-HoldRemovalAction -wi")
    assert "WhatIf" in result.bound


def test_unknown_parameter_suggests_closest(schema):
    line = "Get-Mailbox -Idenity bob"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.kind == K.UNKNOWN_PARAMETER
    assert error.message == "Get-Mailbox has no parameter -Idenity; did you mean -Identity?"
    assert where(error) == at(line, "-Idenity")
    assert error.suggestions == ["Identity"]


def test_unknown_parameter_with_nothing_close(schema):
    [error] = bind_line(schema, "Get-Mailbox -Zzyzx 1").errors
    assert error.message == "Get-Mailbox has no parameter -Zzyzx"
    assert error.suggestions == []


def test_colon_form(schema):
    line = 'New-ComplianceSearch -Name:"Case 1" -ExchangeLocation:All -Confirm:$false'
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.bound["Name"].value == "Case 1"
    assert result.bound["ExchangeLocation"].converted == ["All"]
    assert result.bound["Confirm"].converted is False


def test_colon_form_value_error_points_at_the_parameter(schema):
    line = "Get-Mailbox -ResultSize:lots"
    [error] = bind_line(schema, line).errors
    assert where(error) == at(line, "-ResultSize")


def test_missing_value_at_end(schema):
    line = "Get-Mailbox -Identity"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.kind == K.MISSING_VALUE
    assert error.message == "parameter -Identity needs a value of type MailboxIdParameter"
    assert where(error) == at(line, "-Identity")


def test_missing_value_before_another_parameter(schema):
    line = "Get-Mailbox -Identity -ResultSize 10"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.message == "parameter -Identity needs a value of type MailboxIdParameter"
    assert result.bound["ResultSize"].converted == 10


def test_switch_takes_no_next_value(schema):
    line = "New-Mailbox -Shared -Name x"
    result = bind_line(schema, line)
    assert result.ok
    assert result.parameter_set == "Shared"
    assert result.bound["Shared"].converted is True


def test_switch_followed_by_a_boolean_is_a_mistake(schema):
    line = "Set-Mailbox bob -HiddenFromAddressListsEnabled $true -Confirm $false"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.kind == K.SWITCH_VALUE
    assert error.message == (
        "-Confirm is a switch and takes no separate value: write -Confirm:$false"
    )
    assert where(error) == at(line, "$false")
    assert error.suggestions == ["-Confirm:$false"]


def test_switch_colon_value_must_be_boolean(schema):
    line = "Set-Mailbox bob -Confirm:no"
    [error] = bind_line(schema, line).errors
    assert error.message == "-Confirm is a switch: write -Confirm or -Confirm:$false"
    assert where(error) == at(line, "-Confirm")


def test_parameter_given_twice(schema):
    line = "Get-Mailbox -Identity a -Identity b"
    [error] = bind_line(schema, line).errors
    assert error.kind == K.DUPLICATE_PARAMETER
    assert error.message == "parameter -Identity was given twice"
    assert where(error) == at(line, "-Identity", 2)


def test_parameter_given_twice_by_alias(schema):
    line = "Get-Mailbox -ErrorAction Stop -ea Stop"
    [error] = bind_line(schema, line).errors
    assert error.message == "parameter -ErrorAction was given twice"
    assert where(error) == at(line, "-ea")


def test_undocumented_parameter_binds_anything(schema):
    # In New-InboxRule's SYNTAX block but without a section of its own.
    result = bind_line(schema, "New-InboxRule -Name r -FromSubscription sub1")
    assert result.ok, result.errors
    assert result.bound["FromSubscription"].value == "sub1"


def test_quoted_dash_value_is_a_value(schema):
    result = bind_line(schema, "Set-Mailbox bob -DisplayName '-x-'")
    assert result.ok
    assert result.bound["DisplayName"].value == "-x-"


def test_switch_then_boolean_before_the_identity(schema):
    line = "Set-Mailbox -Confirm $false bob"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.kind == K.SWITCH_VALUE
    assert where(error) == at(line, "$false")
    assert result.bound["Identity"].value == "bob"


def test_boolean_after_a_switch_may_be_a_positional_value(schema):
    # Where-Object's simplified syntax: -EQ is a switch, $true binds to -Value.
    result = bind_line(schema, "Where-Object AuditBypassEnabled -EQ $true")
    assert result.ok, result.errors
    assert result.bound["Value"].value is True
