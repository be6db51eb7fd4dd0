"""read_module / merge / MetadataRefresher against modules the in-process sandbox generates."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from sccshell.connection.metadata import limit, read_module, read_response
from sccshell.connection.metadata_cache import CacheKey, load_cached
from sccshell.connection.metadata_merge import merge
from sccshell.connection.metadata_refresh import MetadataRefresher
from sccshell.language import CommandAst, parse, walk
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig
from sccshell.schema.binder import bind

HOSTS = {"exchange": hosts.EXCHANGE, "compliance": hosts.COMPLIANCE_REGION}
RESOURCES = {"exchange": hosts.EXCHANGE_RESOURCE, "compliance": hosts.COMPLIANCE_RESOURCE}


class Server:
    """The sandbox with an httpx client mounted on it; fetches EXOModuleFile per identity."""

    def __init__(self) -> None:
        self.sandbox = Sandbox(SandboxConfig(mailboxes=5))
        self.client = httpx.Client(
            mounts={f"https://{h}": httpx.WSGITransport(app=self.sandbox) for h in hosts.VHOSTS}
        )
        self._responses: dict[tuple[str, str, str], dict] = {}

    def response(self, who: str = "admin", service: str = "exchange", command_name: str = "*"):
        key = (who, service, command_name)
        if key not in self._responses:
            user = getattr(self.sandbox.directory, who)
            token = self.sandbox.tokens.mint_for(user, RESOURCES[service])
            reply = self.client.get(
                f"https://{HOSTS[service]}/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile",
                headers={"Authorization": f"Bearer {token}", "CommandName": command_name},
            )
            reply.raise_for_status()
            self._responses[key] = reply.json()
        return self._responses[key]

    def text(self, who: str = "admin", service: str = "exchange") -> str:
        return self.response(who, service)["value"][0]["fileContent"]

    def exported(self, who: str = "admin", service: str = "exchange") -> list[str]:
        return self.response(who, service)["value"][0]["exportedCmdlets"].split(",")


@pytest.fixture(scope="module")
def server() -> Server:
    return Server()


@pytest.fixture(scope="module")
def exchange(server):
    started = time.perf_counter()
    info = read_module(server.text())
    elapsed = time.perf_counter() - started
    print(f"\nread_module: {len(server.text())} chars, {len(info)} cmdlets, {elapsed:.3f} s")
    return info


@pytest.fixture(scope="module")
def compliance(server):
    return read_module(server.text("admin", "compliance"))


def test_every_exported_cmdlet_is_read(server, exchange, compliance):
    assert exchange.names() == tuple(server.exported())
    assert exchange.exported == tuple(server.exported())
    assert len(exchange) > 600
    assert compliance.names() == tuple(server.exported("admin", "compliance"))
    # The module's own helpers are functions but not cmdlets.
    assert "execute-command" not in exchange.functions
    assert "encrypt-value" not in exchange.functions


def test_public_key_is_extracted(server, exchange):
    assert exchange.public_key.startswith("<RSAKeyValue><Modulus>")
    assert exchange.public_key.endswith("</RSAKeyValue>")
    assert exchange.public_key in server.text()


def test_function_details(exchange):
    get_mailbox = exchange.get("Get-Mailbox")
    identity = next(p for p in get_mailbox.parameters if p.name == "Identity")
    assert identity.type is None  # Exchange's own types stay untyped in the module
    (member,) = identity.memberships
    assert (member.set_name, member.position, member.by_value) == ("Identity", 0, True)
    archive = next(p for p in get_mailbox.parameters if p.name == "Archive")
    assert archive.type == "switch"
    remove = exchange.get("Remove-Mailbox")
    assert remove.supports_should_process and remove.confirm_impact == "High"
    assert exchange.get("Set-Mailbox").default_parameter_set == "Identity"
    assert get_mailbox.help_file and get_mailbox.help_file.endswith("-Help.xml")
    with_values = [
        p for f in exchange.functions.values() for p in f.parameters if p.accepted_values
    ]
    assert with_values
    with_aliases = [p for f in exchange.functions.values() for p in f.parameters if p.aliases]
    assert with_aliases


def test_read_response_uses_the_module_entry(server):
    info = read_response(server.response("helpdesk"))
    assert info.names() == tuple(server.exported("helpdesk"))


def _sets(cmdlet, names=None):
    """{set: (positional, mandatory)} over the sets NAMES (default: all)."""
    return {
        s.name: (s.positional, tuple(sorted(s.mandatory)))
        for s in cmdlet.parameter_sets
        if names is None or s.name in names
    }


@pytest.mark.parametrize(
    ("service", "name"),
    [
        ("exchange", "Get-Mailbox"),
        ("exchange", "Set-Mailbox"),
        ("compliance", "New-RetentionCompliancePolicy"),
    ],
)
def test_merged_sets_match_the_bundled_schema(schema, exchange, compliance, service, name):
    info = exchange if service == "exchange" else compliance
    merged = merge(info, schema, module_name=service)[name]
    known = schema[name]
    # Sets only on-premises parameters tell apart do not exist online (Get-Mailbox's DatabaseSet).
    assert set(merged.set_names) <= set(known.set_names)
    assert _sets(merged) == _sets(known, merged.set_names)
    for parameter in merged.parameters.values():
        documented = known.parameters.get(parameter.name.lower())
        assert documented is not None, parameter.name
        if documented.type:
            assert parameter.type == documented.type, parameter.name
        assert set(parameter.aliases) >= set(documented.aliases)
        assert parameter.accepted_values == documented.accepted_values
    assert merged.module == service


def test_merged_schema_is_exactly_the_module(schema, exchange):
    merged = merge(exchange, schema, module_name="exchange")
    exchange_names = {n.lower() for n in merged.names_in("exchange")}
    assert exchange_names == set(exchange.functions)
    # sccshell's own cmdlets and the other service's stay.
    assert merged.names_in("local") == schema.names_in("local")
    assert set(merged.names_in("compliance")) <= set(schema.names_in("compliance"))
    assert merged.origin == "module"


def test_helpdesk_runs_fewer_cmdlets(server, schema, exchange):
    helpdesk = read_module(server.text("helpdesk"))
    assert 0 < len(helpdesk) < len(exchange)
    merged = merge(helpdesk, schema, module_name="exchange")
    assert "New-Mailbox" not in merged
    assert "New-Mailbox" in schema
    assert len(merged.names_in("exchange")) == len(helpdesk)


def test_unknown_cmdlet_comes_from_the_module_alone(schema):
    text = (
        "function script:Get-BrandNewThing\n{\n[CmdletBinding(DefaultParameterSetName='A')]\n"
        "param(\n[Parameter(ParameterSetName='A', Mandatory=$true, Position=0)]\n[string]\n"
        "${Identity},\n[Parameter(ParameterSetName='B')]\n[ValidateSet('x','y')]\n[Alias('K')]\n"
        '${Kind}\n)\n}\nExport-ModuleMember -Function @("Get-BrandNewThing")\n'
    )
    merged = merge(read_module(text), schema, module_name="exchange")
    cmdlet = merged["Get-BrandNewThing"]
    assert cmdlet.default_set.name == "A"
    assert cmdlet.is_mandatory_in("Identity", "A")
    assert cmdlet.positional_map("A") == {0: "Identity"}
    assert cmdlet.parameter("Identity").type == "String"
    assert cmdlet.parameter("K").name == "Kind"
    assert cmdlet.parameter("Kind").accepted_values == ("x", "y")


def _bind(schema, line: str):
    from sccshell.analysis import command_args

    command = next(n for n in walk(parse(line)) if isinstance(n, CommandAst))
    return bind(schema[command.name], command_args(command))


def test_binder_uses_the_merged_schema(schema, exchange, compliance):
    both = merge(exchange, schema, module_name="exchange")
    merged = merge(compliance, both, module_name="compliance")
    result = _bind(merged, "Get-Mailbox alice -ResultSize 10")
    assert result.ok and result.parameter_set == "Identity"
    assert result.bound["Identity"].value == "alice"
    result = _bind(merged, "Set-Mailbox -Identity bob -HiddenFromAddressListsEnabled $true")
    assert result.ok
    result = _bind(merged, "Set-Mailbox -HiddenFromAddressListsEnabled $true")
    assert "Identity" in result.missing
    result = _bind(merged, "Get-Mailbox -Identity a -Anr b")
    assert not result.ok  # Identity and Anr are in different sets
    result = _bind(merged, "Remove-Mailbox x -WhatIf")
    assert result.ok
    result = _bind(merged, "New-RetentionCompliancePolicy -Name p -ExchangeLocation All")
    assert result.ok, result.errors
    assert merged.module_of("New-RetentionCompliancePolicy") == "compliance"


def test_command_name_limits_the_cmdlets(server, exchange):
    narrowed = limit(exchange, ["get-mailbox*", "Set-Mailbox"])
    assert set(narrowed.names()) == {
        n for n in exchange.names() if n.lower().startswith("get-mailbox")
    } | {"Set-Mailbox"}
    assert limit(exchange, "*") is exchange
    # The server narrows by the CommandName header too.
    served = read_response(server.response("admin", "exchange", "Get-Mailbox,Get-User"))
    assert set(served.names()) == {"Get-Mailbox", "Get-User"}


def test_refresher_calls_back_with_a_new_schema(server, schema, tmp_path):
    key = CacheKey("O365Default", hosts.TENANT_ID, "exchange", "admin@contoso")
    asked: list[str] = []
    received = []
    done = threading.Event()

    def fetch(command_name: str) -> dict:
        asked.append(command_name)
        return server.response("admin", "exchange", command_name)

    def on_schema(new_schema) -> None:
        received.append(new_schema)
        done.set()

    refresher = MetadataRefresher(
        fetch,
        schema,
        module_name="exchange",
        on_schema=on_schema,
        key=key,
        command_name=["Get-Mailbox", "Set-Mail*"],
        cache_dir=str(tmp_path),
    )
    assert refresher.cached_schema() is None
    thread = refresher.start()
    assert thread.daemon
    assert done.wait(30) and refresher.join(30)
    assert refresher.error is None
    assert asked == ["Get-Mailbox,Set-Mail*"]
    (new_schema,) = received
    expected = {n for n in server.exported() if n == "Get-Mailbox" or n.startswith("Set-Mail")}
    assert "Set-Mailbox" in expected
    assert set(new_schema.names_in("exchange")) == expected
    assert "Get-User" not in new_schema and "Get-Mailbox" in new_schema
    # The next start reads the cache at once.
    again = MetadataRefresher(
        fetch,
        schema,
        module_name="exchange",
        on_schema=on_schema,
        key=key,
        command_name=["Get-Mailbox", "Set-Mail*"],
        cache_dir=str(tmp_path),
    )
    cached = again.cached_schema()
    assert cached is not None and set(cached.names_in("exchange")) == set(
        new_schema.names_in("exchange")
    )
    assert load_cached(key._replace(command_name="Get-Mailbox,Set-Mail*"), str(tmp_path))
    assert load_cached(key, str(tmp_path)) is None  # the full set is cached apart


def test_refresher_reports_errors(schema):
    errors = []

    def fetch(command_name: str) -> str:
        raise ConnectionError("offline")

    refresher = MetadataRefresher(
        fetch, schema, module_name="exchange", on_schema=lambda s: None, on_error=errors.append
    )
    refresher.start()
    assert refresher.join(10)
    assert isinstance(refresher.error, ConnectionError) and errors == [refresher.error]
