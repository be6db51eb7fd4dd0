"""The schema objects: lookups, modules, parameters, sets, flags."""

from __future__ import annotations

import pytest

from sccshell.schema.build import build_cmdlet, module_for
from sccshell.schema.common import ACTION_PREFERENCES, COMMON_PARAMETERS
from sccshell.schema.loader import load_schema

COMMON = {p["name"]: p["aliases"][0] for p in COMMON_PARAMETERS}


def test_case_insensitive_lookup(schema):
    cmdlet = schema.get("get-mailbox")
    assert cmdlet is not None and cmdlet.name == "Get-Mailbox"
    assert schema.get("GET-MAILBOX") is cmdlet  # built once
    assert "Get-MAILBOX" in schema
    assert schema["Get-Mailbox"] is cmdlet
    assert schema.get("Get-Nothing") is None
    with pytest.raises(KeyError):
        schema["Get-Nothing"]


def test_names_sorted(schema):
    names = schema.names()
    assert list(names) == sorted(names, key=str.lower)
    assert len(names) == len(schema) == len(set(n.lower() for n in names))
    assert {"Get-Mailbox", "New-ComplianceSearch", "Search-UnifiedAuditLog"} <= set(names)
    assert list(schema)[:3] == list(names[:3])


def test_verb_and_noun(schema):
    cmdlet = schema.get("Get-MailboxFolderPermission")
    assert (cmdlet.verb, cmdlet.noun) == ("Get", "MailboxFolderPermission")


def test_module_from_products():
    assert module_for(["Security & Compliance"]) == "compliance"
    assert module_for(["Exchange Online"]) == "exchange"
    assert module_for(["Exchange Online", "Exchange Online Protection"]) == "exchange"
    assert module_for(["Exchange Online", "Security & Compliance"]) == "exchange"


def test_modules(schema):
    assert schema.get("Get-Mailbox").module == "exchange"
    assert schema.get("New-ComplianceSearch").module == "compliance"
    both = schema.get("Get-Recipient")
    assert both.module == "exchange"
    assert "Security & Compliance" in both.products  # kept, so a caller can route either way
    assert schema.module_of("new-compliancesearch") == "compliance"
    assert "New-ComplianceSearch" in schema.names_in("compliance")
    assert "Get-Mailbox" not in schema.names_in("compliance")


def test_builtins_merge_and_win():
    fake = {
        "name": "Get-Mailbox",
        "module": "local",
        "parameters": [{"name": "Identity", "type": "String", "aliases": ["id"]}],
        "parameter_sets": [
            {
                "name": "Default",
                "default": True,
                "parameters": [{"name": "Identity", "required": False, "position": 0}],
            }
        ],
    }
    extra = {
        "name": "Out-Thing",
        "module": "local",
        "parameters": [{"name": "InputObject", "type": "PSObject"}],
    }
    schema = load_schema(builtins=[fake, extra], use_cache=False)
    cmdlet = schema.get("get-mailbox")
    assert cmdlet.module == "local"
    assert cmdlet.parameter("id").name == "Identity"
    assert "ResultSize" not in cmdlet.parameters
    assert schema.get("Out-Thing").module == "local"
    assert schema.get("Out-Thing").set_names == ("__AllParameterSets",)


def test_own_builtins_are_loaded(schema):
    from sccshell.schema.builtin_cmdlets import CMDLETS

    for data in CMDLETS:
        cmdlet = schema.get(data["name"])
        assert cmdlet is not None and cmdlet.module == data.get("module", "local")


def test_parameters_by_lowercase_name(schema):
    cmdlet = schema.get("Get-Mailbox")
    assert cmdlet.parameters["identity"].name == "Identity"
    assert cmdlet.parameters["identity"].type == "MailboxIdParameter"
    assert cmdlet.parameter("IDENTITY") is cmdlet.parameters["identity"]


def test_common_parameters(schema):
    cmdlet = schema.get("Get-Mailbox")
    for name, alias in COMMON.items():
        parameter = cmdlet.parameter(alias)
        assert parameter is not None and parameter.name == name and parameter.common
        assert cmdlet.sets_of(name) == cmdlet.set_names
    for name in ("ErrorAction", "WarningAction", "InformationAction"):
        assert cmdlet.parameter(name).accepted_values == tuple(ACTION_PREFERENCES)
    assert cmdlet.is_switch("Verbose") and cmdlet.is_switch("vb")
    assert not schema.get("Get-UserBriefingConfig").common_parameters
    assert schema.get("Get-UserBriefingConfig").parameter("Verbose") is None


def test_should_process_parameters_come_from_the_docs(schema):
    cmdlet = schema.get("Set-Mailbox")
    assert cmdlet.parameter("cf").name == "Confirm"
    assert cmdlet.parameter("wi").name == "WhatIf"
    assert not cmdlet.parameter("Confirm").common
    assert not cmdlet.parameter("Confirm").declared


def test_alias_clash_keeps_the_conventional_owner(schema):
    cmdlet = schema.get("Invoke-HoldRemovalAction")
    assert cmdlet.parameter("wi").name == "WhatIf"


def test_on_premises_parameters_are_known_but_marked(schema):
    cmdlet = schema.get("Get-Mailbox")
    parameter = cmdlet.parameter("DomainController")
    assert parameter.exchange_server_only and not parameter.online
    visible = {p.name for p in cmdlet.visible_parameters()}
    assert "DomainController" not in visible and "Identity" in visible


def test_sets_and_default(schema):
    mailbox = schema.get("Get-Mailbox")
    assert mailbox.default_parameter_set is None  # the docs mark none
    assert mailbox.default_set is None
    assert mailbox.set_names == ("AnrSet", "DatabaseSet", "Identity", "ServerSet", "MailboxPlanSet")
    assert mailbox.sets_of("Anr") == ("AnrSet",)
    assert schema.get("Set-Mailbox").default_set.name == "Identity"
    single = schema.get("Search-UnifiedAuditLog")
    assert single.default_set.name == "__AllParameterSets"


def test_positional_map(schema):
    assert schema.get("Get-Mailbox").positional_map("Identity") == {0: "Identity"}
    assert schema.get("Get-Mailbox").positional_map("AnrSet") == {}
    assert schema.get("Get-Mailbox").positional_map("NoSuchSet") == {}


def test_duplicate_positions_keep_docs_order(schema):
    cmdlet = schema.get("Import-DlpPolicyCollection")
    [parameter_set] = cmdlet.parameter_sets
    positions = [m.position for m in parameter_set.members if m.position is not None]
    assert positions == [1, 1]
    assert list(cmdlet.positional_map(parameter_set.name).values()) == [
        m.name for m in parameter_set.members if m.position is not None
    ]


def test_position_conflict_with_named_position_is_positional(schema):
    cmdlet = schema.get("Set-ServicePrincipal")
    member = cmdlet.default_set.member("Identity")
    assert member.position is None and "position" in member.docs_conflict
    assert cmdlet.positional_map(cmdlet.default_set.name) == {0: "Identity"}


def test_mandatory_and_docs_conflicts(schema):
    permission = schema.get("Add-MailboxPermission")
    assert permission.is_mandatory_in("Identity", "AccessRights")
    assert permission.is_mandatory_in("user", "accessrights")
    assert not permission.is_mandatory_in("Identity", "Instance")  # docs_conflict: required
    assert not permission.is_mandatory_in("Owner", "AccessRights")  # not a member
    mailbox = schema.get("Set-Mailbox")
    member = mailbox.parameter_set("ExcludeFromAllHolds").member("ExcludeFromAllHolds")
    assert member.required and member.docs_conflict == ("required",) and not member.mandatory
    parameter = permission.parameter("Identity")
    assert parameter.is_mandatory_in(permission.parameter_set("Owner"))


def test_flagged_membership(schema):
    cmdlet = schema.get("Get-Mailbox")
    member = cmdlet.parameter_set("AnrSet").member("IgnoreDefaultScope")
    assert member is not None and not member.in_yaml and member.flagged
    assert "ignoredefaultscope" in cmdlet.loose
    assert "identity" not in cmdlet.loose


def test_undocumented_set_member(schema):
    cmdlet = schema.get("New-InboxRule")
    parameter = cmdlet.parameter("FromSubscription")
    assert parameter is not None and parameter.type is None and not parameter.documented
    assert not parameter.is_switch


def test_common_parameter_listed_in_a_set_stays_in_every_set(schema):
    # The docs put ProgressAction in one set of New-MigrationEndpoint.
    cmdlet = schema.get("New-MigrationEndpoint")
    assert cmdlet.parameter("ProgressAction").common
    assert cmdlet.sets_of("ProgressAction") == cmdlet.set_names


def test_type_by_set(schema):
    parameter = schema.get("Get-MailboxImportRequest").parameter("Mailbox")
    assert parameter.type_in("MailboxFiltering") == "MailboxOrMailUserIdParameter"
    assert parameter.type_in("mailboxlocationfiltering") == "MailboxLocationIdParameter"
    assert parameter.type_in("Identity") == parameter.type == "MailboxLocationIdParameter"
    assert parameter.type_in(None) == parameter.type


def test_pipeline_flags(schema):
    identity = schema.get("Get-Mailbox").parameter("Identity")
    assert identity.pipeline_input and identity.takes_pipeline_by_value
    assert not schema.get("Get-Mailbox").parameter("Anr").pipeline_input


def test_match_parameter(schema):
    cmdlet = schema.get("Get-Mailbox")
    assert [p.name for p in cmdlet.match_parameter("ident")] == ["Identity"]
    assert [p.name for p in cmdlet.match_parameter("ea")] == ["ErrorAction"]
    assert len(cmdlet.match_parameter("r")) == 4
    assert cmdlet.match_parameter("zzz") == []


def test_suggest_cmdlet(schema):
    assert schema.suggest_cmdlet("Get-Mailbx")[0] == "Get-Mailbox"
    assert schema.suggest_cmdlet("get-mailbox") == ["Get-Mailbox"]
    assert schema.suggest_cmdlet("Gte-Mailbox")[0] == "Get-Mailbox"
    assert schema.suggest_cmdlet("New-ComplainceSearch")[0] == "New-ComplianceSearch"
    assert schema.suggest_cmdlet("Qqqq-Zzzz") == []


def test_every_bundled_cmdlet_builds(schema):
    count = 0
    for cmdlet in schema.cmdlets():
        count += 1
        assert cmdlet.parameter_sets
        for parameter_set in cmdlet.parameter_sets:
            for name in parameter_set.positional + parameter_set.mandatory:
                assert cmdlet.parameter(name) is not None
    assert count == len(schema)


def test_build_without_sets():
    cmdlet = build_cmdlet({"name": "Do-Thing", "parameters": [{"name": "Path", "type": "String"}]})
    assert cmdlet.module == "exchange"
    assert cmdlet.set_names == ("__AllParameterSets",)
    assert cmdlet.sets_of("Path") == ("__AllParameterSets",)
    assert cmdlet.default_set.name == "__AllParameterSets"


def test_package_exports():
    import sccshell.schema as package
    from sccshell.schema.binder import bind

    assert package.bind is bind
    assert package.UNKNOWN is package.Arg("value", 1, 1, "x").value
    assert set(package.__all__) >= {"Schema", "load_schema", "bind", "suggest"}
    with pytest.raises(AttributeError):
        package.nothing_here  # noqa: B018
