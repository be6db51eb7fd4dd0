"""Connecting Exchange and Compliance side by side to the in-process sandbox, end to end."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import httpx
import pytest

from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.connection.registry import ConnectionRegistry, PrefixError
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(SandboxConfig(mailboxes=30))


@pytest.fixture(scope="module")
def http(sandbox: Sandbox):
    mounts = {f"https://{h}": httpx.WSGITransport(app=sandbox) for h in hosts.VHOSTS}
    with build_http(mounts=mounts) as client:
        yield client


def _connect(sandbox, http, schema, service, user="admin@contoso.onmicrosoft.com", **kw):
    env = sandbox_environment()
    password = sandbox.directory.password_of(user)
    source = sign_in_password(env.authority, env.resource(service), http, user, password)
    kw.setdefault("use_cache", False)
    return open_connection(env, service, source, http, schema, retry_base=0.001, **kw)


def test_exchange_and_compliance_side_by_side(sandbox, http, schema) -> None:
    registry = ConnectionRegistry()
    exo = registry.add(_connect(sandbox, http, schema, "exchange"))
    scc = registry.add(_connect(sandbox, http, schema, "compliance", prefix="SCC"))
    # The compliance connection followed the regional redirect (protocol §1.2).
    assert scc.current_uri() == f"https://{hosts.COMPLIANCE_REGION}"
    assert exo.current_uri() == f"https://{hosts.EXCHANGE}"
    route = registry.route("Get-SCCRetentionCompliancePolicy")
    assert route is not None and route.connection is scc
    policies = list(route.connection.client.invoke(route.cmdlet.name, {}))
    assert policies and all("Name" in p for p in policies)
    route = registry.route("Get-Mailbox")
    assert route is not None and route.connection is exo
    mailboxes = list(exo.client.invoke("Get-Mailbox", {}, result_size="Unlimited"))
    assert len(mailboxes) >= 30
    info = registry.information()
    assert [(i["Name"], i["IsEopSession"]) for i in info] == [
        ("ExchangeOnline_1", False),
        ("ExchangeOnlineProtection_2", True),
    ]
    assert info[0]["UserPrincipalName"] == "admin@contoso.onmicrosoft.com"
    assert info[0]["TenantID"] == hosts.TENANT_ID
    assert info[0]["TokenExpiryTimeUTC"] is not None and info[0]["TokenStatus"] == "Active"


def test_a_limited_role_gets_fewer_cmdlets(sandbox, http, schema) -> None:
    admin = _connect(sandbox, http, schema, "exchange")
    helpdesk = _connect(sandbox, http, schema, "exchange", user="helpdesk@contoso.onmicrosoft.com")
    assert "New-Mailbox" in admin.schema and "New-Mailbox" not in helpdesk.schema
    assert "Get-Mailbox" in helpdesk.schema
    assert len(helpdesk.schema) < len(admin.schema)


def test_command_name_limits_the_cmdlets(sandbox, http, schema) -> None:
    connection = _connect(
        sandbox, http, schema, "exchange", command_names=["Get-Mailbox", "Set-M*"]
    )
    names = set(connection.schema.names())
    assert "Get-Mailbox" in names and "Set-Mailbox" in names and "Get-Recipient" not in names


def test_a_reserved_prefix_is_refused_before_anything_is_sent(sandbox, http, schema) -> None:
    sandbox.log.clear()
    with pytest.raises(PrefixError):
        _connect(sandbox, http, schema, "exchange", prefix="EXO")
    assert not sandbox.log.entries(host=hosts.EXCHANGE)


def test_the_cmdlet_list_is_cached_and_refreshed_in_the_background(sandbox, http, schema) -> None:
    first = _connect(sandbox, http, schema, "exchange", use_cache=True)
    cached = list((Path(os.environ["SCCSHELL_CACHE_DIR"]) / "metadata").glob("*.json"))
    assert cached and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in cached)
    sandbox.log.clear()
    # Connecting again soon after uses the cache and fetches nothing.
    again = _connect(sandbox, http, schema, "exchange", use_cache=True)
    assert set(again.schema.names_in("exchange")) == set(first.schema.names_in("exchange"))
    time.sleep(0.3)
    assert not sandbox.log.entries(path_contains="EXOModuleFile")
    old = time.time() - 3600
    for path in cached:
        os.utime(path, (old, old))
    second = _connect(sandbox, http, schema, "exchange", use_cache=True)
    # An older cache is used at once too; the refresh runs on its own thread.
    assert set(second.schema.names_in("exchange")) == set(first.schema.names_in("exchange"))
    for _ in range(200):
        if sandbox.log.entries(path_contains="EXOModuleFile"):
            break
        time.sleep(0.02)
    assert sandbox.log.entries(path_contains="EXOModuleFile")


def test_a_cached_compliance_connect_finds_its_region_with_the_banner(sandbox, http, schema):
    _connect(sandbox, http, schema, "compliance", use_cache=False)  # fetched now, and cached
    sandbox.log.clear()
    again = _connect(sandbox, http, schema, "compliance", use_cache=True)
    # At once, not after a background fetch of the whole module (protocol §1.2).
    assert again.current_uri() == f"https://{hosts.COMPLIANCE_REGION}"
    time.sleep(0.3)
    assert not sandbox.log.entries(path_contains="EXOModuleFile")
    [banner] = sandbox.log.entries(host=hosts.COMPLIANCE_REGION, path_contains="EXOBanner")
    assert banner.method == "GET" and banner.status == 200
    assert sandbox.log.entries(host=hosts.COMPLIANCE, path_contains="EXOBanner")  # the 302


def test_a_failing_banner_is_asked_once_and_does_not_stop_the_connect(sandbox, http, schema):
    _connect(sandbox, http, schema, "compliance", use_cache=False)  # fetched now, and cached
    sandbox.log.clear()
    sandbox.faults.error_rate = 1.0  # every service request answered 503
    try:
        again = _connect(sandbox, http, schema, "compliance", use_cache=True)
    finally:
        sandbox.faults.error_rate = 0.0
    assert len(sandbox.log.entries(path_contains="EXOBanner")) == 1  # no retries at connect
    assert "Get-RetentionCompliancePolicy" in again.schema
    # The first command's call is redirected to the region instead.
    assert list(again.client.invoke("Get-RetentionCompliancePolicy", {}))
    assert again.current_uri() == f"https://{hosts.COMPLIANCE_REGION}"


def test_a_token_expiring_in_the_middle_of_a_long_result_is_renewed(schema) -> None:
    from sccshell.sandbox.faults import Faults

    short = Sandbox(SandboxConfig(mailboxes=60, faults=Faults(token_lifetime=900)))
    mounts = {f"https://{h}": httpx.WSGITransport(app=short) for h in hosts.VHOSTS}
    with build_http(mounts=mounts) as http:
        connection = _connect(short, http, schema, "exchange", page_size=10)
        stream = connection.client.invoke("Get-Mailbox", {}, result_size="Unlimited")
        first = [next(stream) for _ in range(10)]
        # The token expires between two pages; msal's own clock still thinks it is fresh,
        # so the service's 401 is what makes the client renew it (protocol §3.5).
        short.clock.advance(1200)
        rest = list(stream)
    assert len(first) + len(rest) == len({m["ExchangeGuid"] for m in first + rest}) >= 60
    statuses = [
        e.status for e in short.log.entries(host=hosts.EXCHANGE, path_contains="InvokeCommand")
    ]
    assert 401 in statuses and statuses[-1] == 200
    grants = [e.body for e in short.log.entries(host=hosts.LOGIN, path_contains="/token")]
    assert any(
        "grant_type=refresh_token" in body or "grant_type=password" in body for body in grants[1:]
    )
