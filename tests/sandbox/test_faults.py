"""Faults on demand and the request log, through the in-process sandbox."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig
from sccshell.sandbox.faults import Faults


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(SandboxConfig(mailboxes=20))


@pytest.fixture
def client(sandbox: Sandbox):
    sandbox.faults.__init__()  # every test starts without faults
    sandbox.log.clear()
    mounts = {f"https://{h}": httpx.WSGITransport(app=sandbox) for h in hosts.VHOSTS}
    with httpx.Client(mounts=mounts) as http:
        yield http


def _invoke(sandbox: Sandbox, http: httpx.Client, cmdlet: str = "Get-AcceptedDomain"):
    token = sandbox.tokens.mint_for(sandbox.directory.admin, hosts.EXCHANGE_RESOURCE)
    return http.post(
        f"https://{hosts.EXCHANGE}/adminapi/beta/{hosts.TENANT_ID}/InvokeCommand",
        json={"CmdletInput": {"CmdletName": cmdlet, "Parameters": {}}},
        headers={
            "Authorization": f"Bearer {token}",
            "X-ResponseFormat": "json",
            "client-request-id": str(uuid.uuid4()),
            "connection-id": str(uuid.uuid4()),
        },
    )


def test_no_faults_answers(sandbox, client) -> None:
    assert _invoke(sandbox, client).status_code == 200


def test_error_rate_gives_503(sandbox, client) -> None:
    sandbox.faults.error_rate = 1.0
    assert _invoke(sandbox, client).status_code == 503


def test_error_rate_is_a_share_from_a_seeded_generator(sandbox, client) -> None:
    sandbox.faults.error_rate = 0.5
    first = [_invoke(sandbox, client).status_code for _ in range(40)]
    sandbox.faults.__init__(error_rate=0.5)
    again = [_invoke(sandbox, client).status_code for _ in range(40)]
    assert first == again
    assert 5 < first.count(503) < 35


def test_latency_is_added_to_service_calls(sandbox, client) -> None:
    sandbox.faults.latency = 0.2
    start = time.perf_counter()
    assert _invoke(sandbox, client).status_code == 200
    assert time.perf_counter() - start >= 0.2


def test_rate_limit_gives_429_with_retry_after() -> None:
    # A sandbox of its own: the rate window counts every request of the last second.
    sandbox = Sandbox(SandboxConfig(mailboxes=5, faults=Faults(rate_limit=3, retry_after=2.5)))
    mounts = {f"https://{h}": httpx.WSGITransport(app=sandbox) for h in hosts.VHOSTS}
    with httpx.Client(mounts=mounts) as client:
        statuses = [_invoke(sandbox, client) for _ in range(5)]
    assert [r.status_code for r in statuses[:3]] == [200, 200, 200]
    assert statuses[3].status_code == 429
    assert statuses[3].headers["Retry-After"] == "2.5"


def test_reset_rate_cuts_a_page_in_the_middle(sandbox, client) -> None:
    sandbox.faults.reset_rate = 1.0
    with pytest.raises(ConnectionResetError):
        _invoke(sandbox, client, "Get-Mailbox")


def test_request_log_masks_the_token(sandbox, client) -> None:
    _invoke(sandbox, client)
    entry = sandbox.log.entries(host=hosts.EXCHANGE, path_contains="InvokeCommand")[-1]
    assert entry.method == "POST" and entry.status == 200
    authorization = entry.header("Authorization")
    assert authorization.startswith("Bearer ") and authorization.endswith("…")
    assert len(authorization) < 20
    assert '"CmdletName":"Get-AcceptedDomain"' in entry.body


def test_faults_api_defaults() -> None:
    faults = Faults()
    assert not faults.roll(0.0)
    assert Faults(seed=3).roll(1.0)
