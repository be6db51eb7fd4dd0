"""Binder: positional arguments, parameter sets, mandatory parameters, pipeline input,
splatting, and the leniency the docs' own inconsistencies call for."""

from __future__ import annotations

from bindline import at, bind_line, parse_line, where

from sccshell.schema import arguments as K
from sccshell.schema.arguments import Arg
from sccshell.schema.binder import bind

# --- positional --------------------------------------------------------------


def test_positional_identity(schema):
    result = bind_line(schema, "Get-Mailbox bob")
    assert result.ok
    assert result.parameter_set == "Identity"
    assert result.positional_map == {0: "Identity"}
    bound = result.bound["Identity"]
    assert bound.positional and bound.parameter_arg is None and bound.value == "bob"


def test_positional_among_named(schema):
    line = "Add-MailboxPermission -User al bob -AccessRights FullAccess"
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.parameter_set == "AccessRights"
    assert result.positional_map == {2: "Identity"}
    assert result.bound["AccessRights"].converted == ["FullAccess"]


def test_too_many_positional_arguments(schema):
    line = "Get-Mailbox bob alice"
    [error] = bind_line(schema, line).errors
    assert error.kind == K.POSITIONAL
    assert error.message == (
        "too many positional arguments: 'alice' (Get-Mailbox accepts 1 positional argument: -Identity)"
    )
    assert where(error) == at(line, "alice")


def test_positional_in_a_set_without_positionals(schema):
    line = "Get-Mailbox -Anr smith bob"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.message == (
        "too many positional arguments: 'bob' "
        "(Get-Mailbox accepts no positional arguments in parameter set AnrSet)"
    )
    assert where(error) == at(line, "bob")
    assert result.parameter_set == "AnrSet"


def test_positional_already_given_by_name(schema):
    line = "Get-Mailbox bob -Identity alice"
    [error] = bind_line(schema, line).errors
    assert error.message == (
        "too many positional arguments: 'bob' (Get-Mailbox's positional -Identity already given by name)"
    )
    assert where(error) == at(line, "bob")


def test_cmdlet_without_positional_parameters(schema):
    line = "Get-OrganizationConfig contoso"
    [error] = bind_line(schema, line).errors
    assert error.message == (
        "too many positional arguments: 'contoso' (Get-OrganizationConfig accepts no positional arguments)"
    )


def test_docs_position_conflict_accepts_positional(schema):
    # The yaml says Named, the SYNTAX block [-Identity]: both forms bind.
    for line in ("Set-ServicePrincipal app1 -DisplayName x", "Set-ServicePrincipal -Identity app1"):
        result = bind_line(schema, line)
        assert result.ok, (line, result.errors)
        assert result.bound["Identity"].value == "app1"


# --- parameter sets ----------------------------------------------------------


def test_set_from_named_parameter(schema):
    assert bind_line(schema, "Get-Mailbox -Anr smith").parameter_set == "AnrSet"
    assert bind_line(schema, "Add-MailboxPermission bob -Owner al").parameter_set == "Owner"
    assert bind_line(schema, "New-Mailbox -Name Room1 -Room").parameter_set == "Room"


def test_set_conflict_names_parameters_and_sets(schema):
    line = "Get-Mailbox -Identity bob -Anr smith"
    result = bind_line(schema, line)
    [error] = result.errors
    assert error.kind == K.PARAMETER_SET
    assert error.message == (
        "-Identity and -Anr cannot be used together: Identity is in set Identity, Anr in AnrSet"
    )
    assert where(error) == at(line, "-Anr")
    assert result.parameter_set is None
    assert result.missing == []


def test_set_conflict_with_several_sets(schema):
    line = "Add-MailboxPermission bob -Owner al -User al"
    [error] = bind_line(schema, line).errors
    assert error.message == (
        "-Owner and -User cannot be used together: Owner is in set Owner, User in AccessRights, Instance"
    )
    assert where(error) == at(line, "-User")


def test_default_set_when_several_remain(schema):
    result = bind_line(schema, "Set-Mailbox bob -DisplayName 'Bob B'")
    assert result.ok
    assert len(result.candidate_sets) > 1
    assert result.parameter_set == "Identity"


def test_no_default_in_docs_is_not_an_error(schema):
    # Get-Mailbox's docs mark no default set; all five sets fit an empty line.
    result = bind_line(schema, "Get-Mailbox -ResultSize Unlimited")
    assert result.ok
    assert result.parameter_set == "Identity"
    assert any("no default" in note for note in result.lenient)


def test_flagged_membership_counts(schema):
    # IgnoreDefaultScope is in AnrSet by the SYNTAX block only (in_yaml: false).
    result = bind_line(schema, "Get-Mailbox -Anr smith -IgnoreDefaultScope")
    assert result.ok, result.errors
    assert result.parameter_set == "AnrSet"


def test_doubtful_memberships_do_not_conflict(schema):
    # Enable-Mailbox -Archive: SYNTAX and yaml disagree about its sets.
    result = bind_line(schema, "Enable-Mailbox bob -Archive -Equipment")
    assert not result.errors
    assert result.parameter_set == "Equipment"
    assert any("disagree about the parameter sets of -Archive" in n for n in result.lenient)


def test_positional_values_pick_a_set_they_convert_to():
    from sccshell.schema.build import build_cmdlet

    cmdlet = build_cmdlet(
        {
            "name": "Test-Thing",
            "default_parameter_set": "ByCount",
            "parameters": [
                {"name": "Count", "type": "Int32"},
                {"name": "Name", "type": "String"},
            ],
            "parameter_sets": [
                {
                    "name": "ByCount",
                    "default": True,
                    "parameters": [{"name": "Count", "position": 0}],
                },
                {"name": "ByName", "parameters": [{"name": "Name", "position": 0}]},
            ],
        }
    )
    _, _, args = parse_line("Test-Thing 5")
    assert bind(cmdlet, args).parameter_set == "ByCount"
    _, _, args = parse_line("Test-Thing five")
    result = bind(cmdlet, args)
    assert result.ok
    assert result.parameter_set == "ByName"


# --- mandatory parameters ----------------------------------------------------


def test_missing_mandatory_at_the_command_name(schema):
    line = "Set-Mailbox -ProhibitSendQuota 50GB"
    result = bind_line(schema, line)
    assert result.missing == ["Identity"]
    [error] = result.errors
    assert error.kind == K.MISSING_MANDATORY
    assert error.message == "Set-Mailbox is missing mandatory parameter(s) -Identity"
    assert where(error) == (1, 1)
    assert result.hard_errors == [] and result.missing_errors == [error]


def test_missing_several_with_alternative_sets(schema):
    line = "  Add-MailboxPermission -Identity bob"
    result = bind_line(schema, line)
    assert result.missing == ["AccessRights", "User"]
    [error] = result.missing_errors
    assert error.message == (
        "Add-MailboxPermission is missing mandatory parameter(s) -AccessRights, -User "
        "(set AccessRights; or -Owner for set Owner)"
    )
    assert where(error) == (1, 3)
    assert error.suggestions == ["-AccessRights", "-User"]


def test_missing_dates(schema):
    result = bind_line(schema, "Search-UnifiedAuditLog -StartDate 2026-01-01")
    assert result.missing == ["EndDate"]
    assert result.hard_errors == []


def test_docs_required_conflict_makes_optional(schema):
    # In set Instance the docs disagree whether Identity, AccessRights, User are required.
    result = bind_line(schema, "Add-MailboxPermission -Instance $ace")
    assert result.ok, result.errors
    assert result.parameter_set == "Instance"
    assert any("treated as optional" in note for note in result.lenient)


def test_pipeline_supplies_the_mandatory_identity(schema):
    result = bind_line(schema, "Set-Mailbox -ProhibitSendQuota 50GB", pipeline_input=True)
    assert result.ok
    assert result.missing == []
    assert "Identity" in result.pipeline_parameters


def test_pipeline_prefers_sets_that_take_it(schema):
    result = bind_line(schema, "Get-MailboxPermission", pipeline_input=True)
    assert result.ok
    assert "Identity" in result.pipeline_parameters


def test_pipeline_into_cmdlet_without_pipeline_parameters_warns(schema):
    line = "Get-OrganizationConfig"
    result = bind_line(schema, line, pipeline_input=True)
    assert result.ok
    [warning] = result.warnings
    assert warning.kind == K.NO_PIPELINE_INPUT


# --- splatting ---------------------------------------------------------------


def test_unknown_splat_is_lenient(schema):
    result = bind_line(schema, "New-Mailbox @params")
    assert result.ok
    assert result.missing == []


def test_unknown_splat_still_checks_explicit_parameters(schema):
    line = "Set-Mailbox @p -Idenity bob"
    [error] = bind_line(schema, line).errors
    assert error.kind == K.UNKNOWN_PARAMETER
    assert where(error) == at(line, "-Idenity")


def test_unknown_splat_forgives_set_conflicts(schema):
    assert bind_line(schema, "Get-Mailbox @p -Identity a -Anr b").ok


def test_static_splat_binds_by_name(schema):
    cmdlet = schema.get("Get-Mailbox")
    splat = Arg(
        "value", 2, 13, "@p", value={"Identity": "bob", "ResultSiz": "Unlimited"}, splat=True
    )
    result = bind(cmdlet, [splat])
    assert result.ok, result.errors
    assert result.bound["ResultSize"].converted == "Unlimited"
    splat = Arg("value", 2, 13, "@p", value={"Identity": "bob", "Confirm": False}, splat=True)
    result = bind(schema.get("Set-Mailbox"), [splat])
    assert result.ok and result.bound["Confirm"].converted is False
    splat = Arg("value", 2, 13, "@p", value={"Idenity": "bob"}, splat=True)
    [error] = bind(cmdlet, [splat]).errors
    assert (error.line, error.col) == (2, 13)
    assert error.suggestions == ["Identity"]


# --- warnings ----------------------------------------------------------------


def test_on_premises_parameters_are_accepted_with_a_warning(schema):
    line = "Get-Mailbox -DomainController dc1.contoso.com"
    result = bind_line(schema, line)
    assert result.ok
    [warning] = result.warnings
    assert warning.kind == K.ON_PREMISES_ONLY
    assert warning.message == "-DomainController is only available in on-premises Exchange Server"
    assert where(warning) == at(line, "-DomainController")


def test_errors_are_sorted_by_position(schema):
    line = "Set-Mailbox -Idenity bob -HiddenFromAddressListsEnabled yes -Zed"
    result = bind_line(schema, line)
    positions = [where(e) for e in result.errors]
    assert positions == sorted(positions)
