"""Retries (protocol §3.5) and errors (§3.4) against the sandbox and a small scripted service."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from test_client_helpers import Tokens, invoke_entries, make_client, shared_sandbox

from sccshell.connection.errors import ServiceError
from sccshell.connection.transport import claims_challenge
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig

NOT_FOUND = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"


@pytest.fixture
def sandbox():
    return Sandbox(SandboxConfig(mailboxes=1200))


class Scripted:
    """A WSGI service answering from a list of (status, headers, body); then 200 with one object."""

    def __init__(self, answers: list[tuple[int, dict, bytes]]) -> None:
        self.answers = list(answers)
        self.seen: list[dict] = []

    def __call__(self, environ, start_response):
        self.seen.append({k: v for k, v in environ.items() if k.startswith("HTTP_")})
        if self.answers:
            status, headers, body = self.answers.pop(0)
        else:
            status, headers = 200, {"Content-Type": "application/json"}
            body = json.dumps({"@adminapi.warnings": [], "value": [{"Identity": "x"}]}).encode()
        start_response(f"{status} X", list(headers.items()))
        return [body]


def scripted_client(answers, **options):
    app = Scripted(answers)
    sandbox = shared_sandbox(500)
    http = httpx.Client(mounts={"https://fake.sandbox.test": httpx.WSGITransport(app=app)})
    client, tokens, slept = make_client(
        sandbox, base_url="https://fake.sandbox.test", http=http, **options
    )
    return client, app, tokens, slept


def detail(message: str) -> bytes:
    return json.dumps(
        {
            "error": {
                "code": "X",
                "message": "Error executing cmdlet",
                "details": [{"code": "Context", "target": "", "message": message}],
            }
        }
    ).encode()


def test_expired_token_is_refreshed_and_the_call_retried(sandbox):
    tokens = Tokens(sandbox, lifetime=1)
    sandbox.clock.advance(0)
    client, tokens, slept = make_client(sandbox, tokens=tokens)
    first = tokens(False, None)
    tokens.calls.clear()
    sandbox.clock.advance(5)
    objects = list(client.invoke("Get-Mailbox", {}, result_size=3))
    assert len(objects) == 3
    assert tokens.calls == [(False, None), (True, None)]
    statuses = [e.status for e in invoke_entries(sandbox)]
    assert statuses == [401, 200]
    assert tokens.current != first
    assert slept == [client.retry_base]


def test_claims_challenge_is_passed_to_the_token_source():
    challenge = 'Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ=="'
    client, app, tokens, _ = scripted_client([(401, {"WWW-Authenticate": challenge}, b"")])
    assert list(client.invoke("Get-Mailbox", {})) == [{"Identity": "x"}]
    assert tokens.calls[-1] == (True, '{"access_token":{"nbf":{"essential":true}}}')
    assert claims_challenge('Bearer claims="notbase64!"') == "notbase64!"
    assert claims_challenge('Bearer realm=""') is None


def test_503_retried_with_backoff_then_maximum_retry_count(sandbox):
    sandbox.faults.error_rate = 1.0
    client, _, slept = make_client(sandbox, retry_base=0.001)
    with pytest.raises(ServiceError) as caught:
        list(client.invoke("Get-Mailbox", {}))
    assert str(caught.value).startswith("Maximum retry count reached. ")
    assert "unavailable" in str(caught.value)
    assert caught.value.status == 503
    assert slept == pytest.approx([0.001 * 2**n for n in range(5)])
    assert len(sandbox.log.entries(host=hosts.EXCHANGE)) == 6


def test_some_503s_still_give_every_object(sandbox):
    sandbox.faults.error_rate = 0.4
    client, _, slept = make_client(sandbox, page_size=100)
    objects = list(client.invoke("Get-Mailbox", {}, result_size="Unlimited"))
    assert len({o["Identity"] for o in objects}) == 1200
    assert slept  # some attempts failed and were retried


def test_429_storm_loses_no_call(sandbox):
    # One call a second: every page after the first meets a 429, however slow the machine.
    sandbox.faults.rate_limit = 1
    sandbox.faults.retry_after = 0.25
    client, _, _ = make_client(sandbox, page_size=300, sleep=time.sleep)
    waits: list[float] = []
    original = client.sleep
    client.sleep = lambda s: (waits.append(s), original(s))
    objects = list(client.invoke("Get-Mailbox", {}, result_size="Unlimited"))
    assert len({o["Identity"] for o in objects}) == 1200
    statuses = [e.status for e in invoke_entries(sandbox)]
    assert statuses.count(200) == 4 and 429 in statuses
    assert set(waits) == {0.25}  # Retry-After, not the backoff


@pytest.mark.parametrize(
    "answer",
    [
        (504, {}, b"gateway"),
        (500, {}, detail("Ex1|Microsoft.Exchange.Data.Directory.DCOverloadedException|busy")),
        (400, {}, detail("Ex1|Microsoft.Exchange.Data.StorageTransientException|later")),
    ],
)
def test_transient_answers_are_retried(answer):
    client, app, _, slept = scripted_client([answer, answer])
    assert list(client.invoke("Get-Mailbox", {})) == [{"Identity": "x"}]
    assert len(app.seen) == 3
    assert slept == pytest.approx([client.retry_base, client.retry_base * 2])


@pytest.mark.parametrize("status", [400, 500, 404, 403])
def test_other_failures_are_not_retried(status):
    body = detail(f"Ex1|Some.Exception|failed with {status}")
    client, app, _, slept = scripted_client([(status, {"x-ExceptionType": "Hdr"}, body)])
    with pytest.raises(ServiceError) as caught:
        list(client.invoke("Get-Mailbox", {}))
    assert caught.value.message == f"failed with {status}"
    assert caught.value.exception_type == "Some.Exception"
    assert len(app.seen) == 1 and slept == []


def test_429_raw_body_is_the_error_and_json_string_details():
    raw = b'{"error":{"code":"TooManyRequests","message":"slow down"}}'
    client, _, _, slept = scripted_client([(429, {"Retry-After": "0.5"}, raw)] * 6)
    with pytest.raises(ServiceError) as caught:
        list(client.invoke("Get-Mailbox", {}))
    assert str(caught.value) == "Maximum retry count reached. " + raw.decode()
    assert slept == [0.5] * 5
    text = json.dumps({"Message": "No such thing", "TypeName": "A.B.NotFound", "StackTrace": None})
    client, _, _, _ = scripted_client([(404, {}, detail(text))])
    with pytest.raises(ServiceError) as caught:
        list(client.invoke("Get-Mailbox", {}))
    assert (caught.value.message, caught.value.exception_type) == ("No such thing", "A.B.NotFound")


def test_object_not_found_is_a_service_error():
    sandbox = shared_sandbox(500)
    client, _, _ = make_client(sandbox)
    with pytest.raises(ServiceError) as caught:
        list(client.invoke("Get-Mailbox", {"Identity": "nobody-here"}))
    error = caught.value
    assert error.status == 404
    assert error.exception_type == NOT_FOUND
    assert "nobody-here" in error.message and "|" not in error.message
    assert error.request_id and error.request_id in error.error_id
    assert error.error_id.startswith("[Server=NAMPR01MB1234,RequestId=")
    assert "TimeStamp=" in error.error_id


def test_unknown_cmdlet_is_said_in_words():
    sandbox = shared_sandbox(500)
    client, _, slept = make_client(sandbox)
    with pytest.raises(ServiceError) as caught:
        list(client.invoke("Get-NoSuchThing", {}))
    assert caught.value.status == 403
    assert str(caught.value) == (
        "The cmdlet Get-NoSuchThing is not available to this account: it does not exist in "
        "this service or a role is missing."
    )
    assert slept == []


def test_keyboard_interrupt_is_not_swallowed():
    sandbox = shared_sandbox(500)

    class Interrupting(httpx.BaseTransport):
        def handle_request(self, request):
            raise KeyboardInterrupt

    http = httpx.Client(mounts={f"https://{hosts.EXCHANGE}": Interrupting()})
    client, _, slept = make_client(sandbox, http=http)
    with pytest.raises(KeyboardInterrupt):
        list(client.invoke("Get-Mailbox", {}))
    assert slept == []


def test_timeout_is_passed_per_request(sandbox):
    seen: list[dict] = []
    inner = httpx.WSGITransport(app=sandbox)

    class Spy(httpx.BaseTransport):
        def handle_request(self, request):
            seen.append(request.extensions.get("timeout"))
            return inner.handle_request(request)

    http = httpx.Client(mounts={f"https://{hosts.EXCHANGE}": Spy()})
    client, _, _ = make_client(sandbox, http=http)
    list(client.invoke("Get-Mailbox", {}, result_size=1))
    with pytest.raises(ServiceError):
        list(client.invoke("Get-DistributionGroupMember", {"Identity": "nobody"}))
    assert [t["read"] for t in seen] == [960, 3600]
