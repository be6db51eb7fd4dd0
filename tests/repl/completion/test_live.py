"""Live tenant objects through the session's real connections to the in-process sandbox."""

from __future__ import annotations

import io
import time

import pytest

from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.environment import Environment
from sccshell.repl.completion import build_completer
from sccshell.repl.completion.live import LiveObjects
from sccshell.sandbox.inprocess import start
from sccshell.session import Session

from .helpers import texts


class Tenant:
    """A session connected to a sandbox whose faults a test may set."""

    def __init__(self, schema, prefixes: dict[str, str]) -> None:
        env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO())
        self.session = Session(env, schema)
        self.sandbox = start(40)
        http = build_http(mounts=self.sandbox.mounts)
        self.session.http = http
        cloud = sandbox_environment()
        self.session.default_environment = cloud
        self.cloud, self.http = cloud, http
        for service, prefix in prefixes.items():
            self.connect(service, prefix)

    def connect(self, service: str, prefix: str = "") -> None:
        source = sign_in_password(
            self.cloud.authority,
            self.cloud.resource(service),
            self.http,
            self.sandbox.user,
            self.sandbox.password,
        )
        connection = open_connection(
            self.cloud, service, source, self.http, self.session.schema, prefix=prefix
        )
        self.session.registry.add(connection)


@pytest.fixture(scope="module")
def tenant(schema):
    tenant = Tenant(schema, {"exchange": "", "compliance": "SCC"})
    yield tenant
    tenant.session.close()


def wait_for(function, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = function()
        if result:
            return result
        time.sleep(0.05)
    return function()


def test_mailboxes_for_identity(tenant) -> None:
    completer = build_completer(tenant.session)
    model = completer.model
    found = wait_for(lambda: texts("Set-Mailbox -Identity ", model))
    assert "admin" in found and len(found) == len(set(found)) >= 40
    assert texts("Set-Mailbox -Identity adm", model)[0] == "admin"
    # Positional identity, and the type rule: Get-MailboxPermission lists mailboxes.
    assert "admin" in texts("Set-Mailbox adm", model)
    assert "admin" in texts("Get-MailboxPermission -Identity adm", model)
    completer.close()


def test_policies_on_a_prefixed_connection(tenant) -> None:
    completer = build_completer(tenant.session)
    found = wait_for(lambda: texts("Set-SCCRetentionCompliancePolicy -Identity ", completer.model))
    assert "'Default Org Retention'" in found  # quoted: the name has spaces
    assert "Get-SCCRetentionCompliancePolicy" in texts("Get-SCCRetention", completer.model)
    completer.close()


def test_a_slow_service_never_blocks_typing(tenant) -> None:
    completer = build_completer(tenant.session)
    completer.live.budget = 0.2
    tenant.sandbox.sandbox.faults.latency = 1.0
    try:
        started = time.monotonic()
        first = texts("Add-DistributionGroupMember -Identity ", completer.model)
        waited = time.monotonic() - started
        assert first == [] and waited < 0.6
        # The fetch goes on in the background and fills the cache for the next Tab.
        found = wait_for(lambda: texts("Add-DistributionGroupMember -Identity ", completer.model))
        assert "allstaff" in found
        assert completer.live.fetches == 1
    finally:
        tenant.sandbox.sandbox.faults.latency = 0.0
        completer.close()


def test_listings_are_cached_for_a_while(tenant) -> None:
    now = [1000.0]
    live = LiveObjects(budget=5.0, ttl=60.0, clock=lambda: now[0])
    connection = next(c for c in tenant.session.registry if c.service == "exchange")
    first = live.lookup(connection, "Get-Mailbox")
    assert first and live.fetches == 1
    now[0] += 30
    assert live.lookup(connection, "Get-Mailbox") is first and live.fetches == 1
    now[0] += 31
    assert live.lookup(connection, "Get-Mailbox") == first and live.fetches == 2


def test_a_failing_listing_gives_nothing(tenant) -> None:
    live = LiveObjects(budget=5.0)
    connection = next(c for c in tenant.session.registry if c.service == "exchange")
    assert live.lookup(connection, "Get-NoSuchThing") == ()


def test_model_follows_new_connections(schema) -> None:
    tenant = Tenant(schema, {"exchange": ""})
    try:
        completer = build_completer(tenant.session)
        completer.poll = 0.05
        assert "Get-CCRetentionCompliancePolicy" not in texts("Get-CCRet", completer.model)
        before = completer.model
        tenant.connect("compliance", "CC")
        wait_for(lambda: completer.model is not before)
        assert "Get-CCRetentionCompliancePolicy" in texts("Get-CCRet", completer.model)
        # refresh() swaps at once, too.
        assert completer.refresh() is completer.model
        completer.close()
    finally:
        tenant.session.close()
