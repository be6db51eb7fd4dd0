"""Connections side by side: prefixes, routing, collisions and Get-ConnectionInformation fields."""

from __future__ import annotations

import pytest

from sccshell.connection.registry import (
    Connection,
    ConnectionRegistry,
    PrefixError,
    validate_prefix,
)
from sccshell.schema.model import IndexEntry, Schema


def _subset(full: Schema, service: str, *names: str) -> Schema:
    """A connection's schema: NAMES as the cmdlets of SERVICE, as merged metadata gives."""
    entries = {}
    for name in names:
        cmdlet = full.get(name)
        assert cmdlet is not None, name
        entries[name.lower()] = IndexEntry(
            cmdlet.name, service, full.entries()[name.lower()].payload
        )
    return full.derive(entries)


@pytest.fixture
def schemas(schema):
    exchange = _subset(schema, "exchange", "Get-Mailbox", "Set-Mailbox", "Get-RoleGroup")
    compliance = _subset(
        schema, "compliance", "Get-RetentionCompliancePolicy", "Get-Label", "Get-RoleGroup"
    )
    return exchange, compliance


@pytest.mark.parametrize("prefix", ["", "SCC", "Contoso2", "abc123"])
def test_valid_prefixes(prefix: str) -> None:
    assert validate_prefix(prefix) == prefix


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("S-C", "Use of any special characters in the Prefix string is not supported."),
        ("é", "Use of any special characters in the Prefix string is not supported."),
        ("exo", "Prefix 'EXO' is a reserved Prefix, please use a different prefix."),
    ],
)
def test_refused_prefixes(prefix: str, message: str) -> None:
    with pytest.raises(PrefixError) as err:
        validate_prefix(prefix)
    assert str(err.value) == message


def test_prefixed_names_route_to_their_connection(schemas) -> None:
    exchange, compliance = schemas
    registry = ConnectionRegistry()
    exo = registry.add(Connection("exchange", exchange))
    scc = registry.add(Connection("compliance", compliance, prefix="SCC"))
    route = registry.route("Get-SCCRetentionCompliancePolicy")
    assert route.connection is scc and route.cmdlet.name == "Get-RetentionCompliancePolicy"
    assert registry.route("get-mailbox").connection is exo
    # A prefixed connection's cmdlets are not reachable without the prefix.
    assert registry.route("Get-RetentionCompliancePolicy") is None
    assert registry.route("Get-SCCMailbox") is None
    assert registry.route("Get-Nothing") is None


def test_collision_goes_to_the_most_recent_and_warns_once(schemas) -> None:
    exchange, compliance = schemas
    registry = ConnectionRegistry()
    exo = registry.add(Connection("exchange", exchange))
    scc = registry.add(Connection("compliance", compliance))
    first = registry.route("Get-RoleGroup")
    assert first.connection is scc
    assert first.warning and "ExchangeOnlineProtection_2" in first.warning
    assert "ExchangeOnline_1" in first.warning
    again = registry.route("Get-RoleGroup")
    assert again.connection is scc and again.warning is None
    assert registry.route("Get-Mailbox").connection is exo


def test_disconnect_by_prefix_and_by_id(schemas) -> None:
    exchange, compliance = schemas
    registry = ConnectionRegistry()
    exo = registry.add(Connection("exchange", exchange))
    registry.add(Connection("compliance", compliance, prefix="SCC"))
    assert [c.prefix for c in registry.remove(prefixes=["scc"])] == ["SCC"]
    assert registry.route("Get-SCCLabel") is None
    assert registry.remove(connection_ids=[exo.connection_id.upper()]) == [exo]
    assert len(registry) == 0


def test_connection_information_has_the_documented_fields(schemas) -> None:
    exchange, compliance = schemas
    registry = ConnectionRegistry()
    registry.add(Connection("exchange", exchange, user="admin@contoso.onmicrosoft.com"))
    registry.add(Connection("compliance", compliance, prefix="SCC"))
    info = registry.information()
    documented = [
        "ConnectionId", "State", "Id", "Name", "UserPrincipalName", "ConnectionUri",
        "AzureAdAuthorizationEndpointUri", "TokenExpiryTimeUTC", "CertificateAuthentication",
        "ModuleName", "ModulePrefix", "Organization", "DelegatedOrganization", "AppId",
        "PageSize", "TenantID", "TokenStatus", "ConnectionUsedForInbuiltCmdlets", "IsEopSession",
    ]  # fmt: skip
    assert list(info[0]) == documented
    assert (
        info[0]["Name"],
        info[0]["IsEopSession"],
        info[0]["ConnectionUsedForInbuiltCmdlets"],
    ) == (
        "ExchangeOnline_1",
        False,
        True,
    )
    assert (info[1]["Name"], info[1]["IsEopSession"], info[1]["ModulePrefix"]) == (
        "ExchangeOnlineProtection_2",
        True,
        "SCC",
    )


def test_the_highlighter_and_completer_resolve_names_as_the_shell_runs_them(schemas) -> None:
    """Two unprefixed connections hold Get-RoleGroup: the newest runs it, and the
    highlighter and the completer check parameters against that same cmdlet."""
    from types import SimpleNamespace

    from sccshell.repl.completion.model import CompletionModel
    from sccshell.repl.highlight import NameChecker

    exchange, compliance = schemas
    registry = ConnectionRegistry()
    registry.add(Connection("exchange", exchange))
    newest = registry.add(Connection("compliance", compliance))
    ran = registry.route("Get-RoleGroup")
    assert ran is not None and ran.connection is newest
    session = SimpleNamespace(schema=exchange, registry=registry, evaluator=None)
    assert NameChecker(session).cmdlet("Get-RoleGroup") is ran.cmdlet
    model = CompletionModel(schema=exchange, connections=list(registry))
    resolved = model.resolve("Get-RoleGroup")
    assert resolved.cmdlet is ran.cmdlet and resolved.connection is newest
