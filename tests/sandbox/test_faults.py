"""Faults on demand and the request log, through the in-process sandbox."""

from __future__ import annotations

import json
import math
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

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


def _invoke(
    sandbox: Sandbox,
    http: httpx.Client,
    cmdlet: str = "Get-AcceptedDomain",
    parameters: dict | None = None,
):
    token = sandbox.tokens.mint_for(sandbox.directory.admin, hosts.EXCHANGE_RESOURCE)
    return http.post(
        f"https://{hosts.EXCHANGE}/adminapi/beta/{hosts.TENANT_ID}/InvokeCommand",
        json={"CmdletInput": {"CmdletName": cmdlet, "Parameters": parameters or {}}},
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


def test_the_budget_fault_runs_out_then_resets(sandbox, client) -> None:
    sandbox.faults.budget = 3
    sandbox.faults.budget_window = 60
    answers = [_invoke(sandbox, client) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["Rate-Limit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert {a.headers["Rate-Limit-Limit"] for a in answers} == {"3"}
    refused = answers[3]
    assert refused.json()["error"]["details"][0]["message"].endswith("for this window.")
    # Retry-After is the wait until Rate-Limit-Reset, in whole seconds, never less.
    reset = datetime.fromisoformat(refused.headers["Rate-Limit-Reset"][:26] + "+00:00")
    until_reset = reset.timestamp() - sandbox.clock.time()
    assert 0 < until_reset <= 60
    assert int(refused.headers["Retry-After"]) == math.ceil(until_reset)
    assert _invoke(sandbox, client).status_code == 429  # still out until the reset
    sandbox.clock.advance(until_reset + 0.01)
    again = _invoke(sandbox, client)
    assert again.status_code == 200 and again.headers["Rate-Limit-Remaining"] == "2"


def test_without_the_budget_fault_the_service_s_own_budget_applies(sandbox, client) -> None:
    answer = _invoke(sandbox, client)
    assert answer.headers["Rate-Limit-Limit"] == "30000"


def test_the_stats_count_service_requests_in_flight_and_budget_refusals(
    sandbox, client, monkeypatch
) -> None:
    sandbox.faults.budget = 1
    sandbox.faults.budget_window = 1800  # a window of its own: earlier calls do not count
    stats_url = f"https://{hosts.LOGIN}/sandbox/stats"
    assert client.post(stats_url + "/reset").status_code == 200
    # The four requests meet inside the service before any answers: four in flight at once.
    together = threading.Barrier(4)
    answer = sandbox.rest.handle

    def meet_then_answer(request):
        together.wait(timeout=30)
        return answer(request)

    monkeypatch.setattr(sandbox.rest, "handle", meet_then_answer)
    with ThreadPoolExecutor(4) as pool:
        statuses = sorted(pool.map(lambda _: _invoke(sandbox, client).status_code, range(4)))
    monkeypatch.undo()
    assert statuses == [200, 429, 429, 429]
    stats = client.get(stats_url).json()
    assert stats["requests"] == {"service": 4, "batch": 0}
    assert stats["peak_in_flight"]["service"] == 4
    assert stats["in_flight"] == {"service": 0, "batch": 0}
    assert stats["budget_refusals"] == 3
    # Only the login host answers it: on a service host it is just an unknown path.
    assert client.get(f"https://{hosts.EXCHANGE}/sandbox/stats").status_code == 404
    assert client.get(stats_url + "/other").status_code == 404


def test_the_malformed_fault_spoils_invoke_command_pages_only(sandbox, client) -> None:
    whole = _invoke(sandbox, client, "Get-Mailbox").content
    expected = {
        "not-json": lambda body: not _is_json(body),
        "truncated": lambda body: body == whole[: len(whole) // 2],
        "nul": lambda body: body == b"\x00" * len(whole),
        "wrong-type": lambda body: isinstance(json.loads(body)["value"], str),
    }
    for kind, check in expected.items():
        sandbox.faults.__init__(malformed=kind, malformed_rate=1.0)
        answer = _invoke(sandbox, client, "Get-Mailbox")
        assert answer.status_code == 200
        assert check(answer.content), kind
        assert int(answer.headers["Content-Length"]) == len(answer.content)
    # Only 200 pages are spoiled: an error still says what went wrong.
    error = _invoke(sandbox, client, "Get-Mailbox", {"Identity": "nobody-at-all"})
    assert error.status_code != 200 and error.json()["error"]["message"]


def test_an_unknown_kind_of_malformed_page_is_refused() -> None:
    with pytest.raises(ValueError, match="not-json, truncated, nul, wrong-type"):
        Faults(malformed="gibberish")


def _is_json(body: bytes) -> bool:
    try:
        json.loads(body)
    except ValueError:
        return False
    return True
