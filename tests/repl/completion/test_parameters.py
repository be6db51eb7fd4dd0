"""Parameter names: narrowed to the sets still possible, given ones hidden, typed and ranked."""

from __future__ import annotations

from sccshell.schema.common import COMMON_NAMES

from .helpers import suggest, texts


def names(text: str, model) -> list[str]:
    return [t[1:] for t in texts(text, model)]


def test_all_parameters_declared_first_common_last(model) -> None:
    found = names("Get-Mailbox -", model)
    declared = ["Identity", "Anr", "Archive", "Filter", "ResultSize"]
    assert found[: len(declared)] == declared  # the documented order
    assert {n.lower() for n in found[len(declared) :]} == COMMON_NAMES


def test_type_and_mandatory_beside_each(model) -> None:
    meta = {s.text: s.meta for s in suggest("Set-Mailbox -", model)}
    assert meta["-Identity"] == "MailboxIdParameter, mandatory"
    assert meta["-LitigationHoldEnabled"] == "Boolean"
    assert meta["-ErrorAction"] == "ActionPreference"
    # Type is mandatory only in the set that has it: not whichever set is chosen.
    assert meta["-Type"] == "ConvertibleMailboxSubType"
    assert "-Type" in meta and names("Set-Mailbox -Type Room -", model)[0] != "Type"
    narrowed = {s.text: s.meta for s in suggest("Set-Mailbox -Type Room -Ide", model)}
    assert narrowed == {"-Identity": "MailboxIdParameter, mandatory"}


def test_mandatory_first_then_whatif_confirm_among_common(model) -> None:
    found = names("Set-Mailbox -", model)
    assert found[0] == "Identity"
    assert found.index("WhatIf") > found.index("DisplayName")
    assert found.index("Confirm") > found.index("Type")


def test_given_parameters_and_their_aliases_are_hidden(model) -> None:
    assert "Identity" not in names("Set-Mailbox -Identity x -", model)
    after_alias = names("Set-Mailbox x -dn 'A B' -", model)
    assert "DisplayName" not in after_alias and "Identity" in after_alias
    assert "ErrorAction" not in names("Get-Mailbox -ea Stop -", model)


def test_narrowed_to_the_remaining_sets(model) -> None:
    assert set(names("Get-Mailbox -Anr x -", model)) - COMMON_NAMES_CASED == {
        "Archive",
        "ResultSize",
    }
    # -Type leaves ConvertSet only: LitigationHoldEnabled is not in it.
    convert = names("Set-Mailbox -Type Room -", model)
    assert "LitigationHoldEnabled" not in convert and "WhatIf" in convert
    # A set-breaking combination narrows nothing rather than offering nothing.
    assert "Archive" in names("Get-Mailbox -Anr x -Filter y -", model)


COMMON_NAMES_CASED = {
    "Verbose",
    "Debug",
    "ErrorAction",
    "WarningAction",
    "InformationAction",
    "ProgressAction",
    "ErrorVariable",
    "WarningVariable",
    "InformationVariable",
    "OutVariable",
    "OutBuffer",
    "PipelineVariable",
}


def test_prefix_and_fuzzy_on_parameters(model) -> None:
    assert names("Set-Mailbox -lit", model) == ["LitigationHoldEnabled"]
    assert names("Set-Mailbox -LHE", model)[0] == "LitigationHoldEnabled"
    assert names("Get-Mailbox -ea", model)[0] == "ErrorAction"


def test_prefixed_and_aliased_commands_have_their_parameters(prefixed, model) -> None:
    assert names("Get-SCCRetentionCompliancePolicy -Dis", prefixed) == ["DistributionDetail"]
    assert "Property" in names("select -Prop", model)


def test_parameter_usage_ranks_within_a_class(model) -> None:
    assert names("Get-Mailbox -", model)[0] == "Identity"
    model.usage.record_line("Get-Mailbox -ResultSize Unlimited")
    assert names("Get-Mailbox -", model)[0] == "ResultSize"


def test_unknown_command_offers_no_parameters(model) -> None:
    assert texts("Get-Nothing -", model) == []
    assert texts("Get-Nothing -Identity ", model) == []
