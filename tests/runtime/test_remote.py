"""Remote cmdlets as pipeline stages, against the in-process sandbox."""

from __future__ import annotations

from datetime import datetime
from itertools import islice

import httpx
import pytest

from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.runtime.objects import PSObject
from sccshell.runtime.remote import RemoteTarget
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(SandboxConfig(mailboxes=40))


@pytest.fixture(scope="module")
def exchange(sandbox, schema):
    mounts = {f"https://{h}": httpx.WSGITransport(app=sandbox) for h in hosts.VHOSTS}
    http = build_http(mounts=mounts)
    env = sandbox_environment()
    user = sandbox.directory.admin_upn
    source = sign_in_password(
        env.authority, env.resource("exchange"), http, user, sandbox.directory.password_of(user)
    )
    yield open_connection(env, "exchange", source, http, schema, retry_base=0.001)
    http.close()


def _target(connection, name: str, **kw) -> RemoteTarget:
    return RemoteTarget(connection.schema[name], connection.client, **kw)


def test_objects_come_back_as_psobjects_without_annotations(exchange) -> None:
    mailboxes = list(_target(exchange, "Get-Mailbox").run({"ResultSize": 5}, (), False))
    assert len(mailboxes) == 5
    first = mailboxes[0]
    assert isinstance(first, PSObject)
    assert not any("@" in name for name in first.names())
    assert isinstance(first["WhenCreated"], datetime)
    assert first["primarysmtpaddress"] == first["PrimarySmtpAddress"]
    assert first.type_names[0] == "Deserialized.Get-Mailbox"


def test_piped_objects_bind_by_identity_and_go_in_batches(sandbox, exchange) -> None:
    mailboxes = list(_target(exchange, "Get-Mailbox").run({"ResultSize": 12}, (), False))
    sandbox.log.clear()
    permissions = list(_target(exchange, "Get-MailboxPermission").run({}, iter(mailboxes), True))
    identities = {str(p["Identity"]).lower() for p in permissions}
    assert len(identities) == 12
    batches = sandbox.log.entries(host=hosts.EXCHANGE, path_contains="$batch")
    assert len(batches) == 2  # 10 + 2 (protocol §2.7)


def test_the_pipeline_is_pulled_lazily(sandbox, exchange) -> None:
    sandbox.log.clear()
    stream = _target(exchange, "Get-Mailbox").run({"ResultSize": "Unlimited"}, (), False)
    taken = list(islice(stream, 3))
    assert len(taken) == 3
    assert len(sandbox.log.entries(host=hosts.EXCHANGE, path_contains="InvokeCommand")) == 1


def test_non_terminating_errors_reach_the_callback(exchange) -> None:
    errors: list[str] = []
    source = [PSObject({"Identity": "nobody-here"}), PSObject({"Identity": "admin"})]
    out = list(
        _target(exchange, "Get-MailboxPermission", on_error=errors.append).run(
            {}, iter(source), True
        )
    )
    assert errors and "nobody-here" in errors[0]
    assert out  # the second object still ran
