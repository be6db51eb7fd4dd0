"""Pipelined input to a remote cmdlet goes through the fan-out: order, errors at their place,
the single-call paths kept, -ErrorAction Stop stopping it."""

from __future__ import annotations

import random
import threading
import time

import httpx
import pytest

from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.runtime.objects import PSObject
from sccshell.runtime.remote import UNBOUND_INPUT, RemoteTarget
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig


class Jitter:
    """WSGI middleware: a random pause before each request reaches the sandbox."""

    def __init__(self, app, most: float) -> None:
        self.app = app
        self.most = most
        self.started = 0
        self._random = random.Random(3)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            self.started += 1
            pause = self._random.uniform(0, self.most)
        time.sleep(pause)
        return list(self.app(environ, start_response))


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(SandboxConfig(mailboxes=80))


@pytest.fixture(scope="module")
def jitter(sandbox) -> Jitter:
    return Jitter(sandbox, 0.04)


@pytest.fixture(scope="module")
def exchange(sandbox, jitter, schema):
    transport = httpx.WSGITransport(app=jitter)
    http = build_http(mounts={f"https://{h}": transport for h in hosts.VHOSTS})
    env = sandbox_environment()
    user = sandbox.directory.admin_upn
    source = sign_in_password(
        env.authority, env.resource("exchange"), http, user, sandbox.directory.password_of(user)
    )
    yield open_connection(env, "exchange", source, http, schema, retry_base=0.001)
    http.close()


@pytest.fixture(scope="module")
def mailboxes(exchange) -> list[PSObject]:
    return list(_target(exchange, "Get-Mailbox").run({"ResultSize": 60}, (), False))


def _target(connection, name: str, **kw) -> RemoteTarget:
    return RemoteTarget(connection.schema[name], connection.client, **kw)


def _runs(identities: list[str]) -> list[str]:
    """The identities in the order they come, each run of equal ones once."""
    runs: list[str] = []
    for identity in identities:
        if not runs or runs[-1] != identity:
            runs.append(identity)
    return runs


def test_piped_answers_come_in_input_order_under_random_latency(
    sandbox, exchange, mailboxes
) -> None:
    sandbox.log.clear()
    source = list(reversed(mailboxes))  # not the order the service lists them in
    out = list(_target(exchange, "Get-MailboxPermission").run({}, iter(source), True))
    asked = [str(m["Identity"]).lower() for m in source]
    assert _runs([str(p["Identity"]).lower() for p in out]) == asked
    assert len(sandbox.log.entries(host=hosts.EXCHANGE, path_contains="$batch")) == 6


def test_a_failed_input_reports_its_error_between_its_neighbours(exchange, mailboxes) -> None:
    events: list[str] = []
    source: list[object] = [m["Identity"] for m in mailboxes[:25]]
    source[7] = "nobody-seven"
    source[20] = "nobody-twenty"
    target = _target(
        exchange, "Get-MailboxPermission", on_error=lambda text: events.append("error:" + text)
    )
    for record in target.run({}, iter(source), True):
        identity = str(record["Identity"]).lower()
        if not events or events[-1] != identity:
            events.append(identity)
    expected = [str(s).lower() for s in source]
    assert len(events) == 25
    for place, event in enumerate(events):
        if place in (7, 20):
            assert event.startswith("error:") and str(source[place]) in event
        else:
            assert event == expected[place]


class Host:
    """Where -WhatIf writes, next to the errors, so their order can be read."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def write_host(self, text: str) -> None:
        self.events.append(text)


class Context:
    """The part of an evaluator a remote cmdlet looks at when it has no streams."""

    def __init__(self, events: list[str]) -> None:
        self.host = Host(events)
        self.global_scope = type("Scope", (), {"vars": {"error": []}})()

    def get_var(self, name: str) -> None:
        return None


def test_an_input_no_parameter_takes_is_reported_at_its_place(sandbox, exchange, mailboxes) -> None:
    events: list[str] = []
    # Set-Mailbox takes Identity by property name only: a bare string binds to nothing.
    source: list[object] = list(mailboxes[:12])
    source[4] = "a bare string"
    target = _target(exchange, "Set-Mailbox", on_error=events.append)
    sandbox.log.clear()
    out = list(
        target.run({"CustomAttribute5": "x", "WhatIf": True}, iter(source), True, Context(events))
    )
    assert out == []
    assert len(events) == 12
    assert events[4] == UNBOUND_INPUT
    assert all(e.startswith("What if: Setting mailbox") for i, e in enumerate(events) if i != 4)
    assert len(sandbox.log.entries(path_contains="$batch")) == 2  # the string was never sent


def test_one_piped_object_is_one_call_without_a_batch(sandbox, exchange, mailboxes) -> None:
    sandbox.log.clear()
    out = list(_target(exchange, "Get-MailboxPermission").run({}, iter(mailboxes[:1]), True))
    assert out
    assert sandbox.log.entries(path_contains="$batch") == []
    assert len(sandbox.log.entries(path_contains="/InvokeCommand")) == 1


def test_confirm_mode_asks_for_each_object_and_never_batches(sandbox, exchange, mailboxes) -> None:
    asked: list[str] = []

    def refuse(message: str) -> bool:
        asked.append(message)
        return False

    sandbox.log.clear()
    target = _target(exchange, "Set-Mailbox", confirm=refuse)
    out = list(target.run({"CustomAttribute5": "x", "Confirm": True}, iter(mailboxes[:3]), True))
    assert out == []
    assert len(asked) == 3
    assert sandbox.log.entries(path_contains="$batch") == []


def test_error_action_stop_ends_the_fan_out(sandbox, exchange, mailboxes) -> None:
    from sccshell.runtime.evaluator import ScriptError

    source: list[object] = [m["Identity"] for m in mailboxes] * 3  # eighteen batches
    source[3] = "nobody-three"
    target = _target(exchange, "Get-MailboxPermission")
    stream = target.run({"ErrorAction": "Stop"}, iter(source), True)
    sandbox.log.clear()
    with pytest.raises(ScriptError, match="nobody-three"):
        list(stream)
    time.sleep(0.1)
    sent = len(sandbox.log.entries(path_contains="$batch"))
    time.sleep(0.3)
    assert len(sandbox.log.entries(path_contains="$batch")) == sent  # nothing new once stopped
    assert sent <= 12  # at most the batches queued ahead; the other six were never sent


def test_warning_action_goes_with_the_batches(sandbox, exchange, mailboxes) -> None:
    sandbox.log.clear()
    target = _target(exchange, "Get-MailboxPermission")
    list(target.run({"WarningAction": "SilentlyContinue"}, iter(mailboxes[:20]), True))
    batches = sandbox.log.entries(path_contains="$batch")
    assert len(batches) == 2
    assert {b.header("WarningAction") for b in batches} == {"SilentlyContinue"}
    assert len({b.header("client-request-id") for b in batches}) == 1
