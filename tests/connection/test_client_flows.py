"""Confirmation (§2.6), $batch (§2.7) and the compliance redirect (§1.2)."""

from __future__ import annotations

import json

import httpx
import pytest
from test_client_helpers import Tokens, http_for, invoke_entries, make_client

from sccshell.connection.errors import ServiceError
from sccshell.connection.transport import ForeignHostError, redirect_target
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig


@pytest.fixture
def sandbox():
    return Sandbox(SandboxConfig(mailboxes=60))


def some_mailbox(client) -> str:
    return next(iter(client.invoke("Get-Mailbox", {}, result_size=5)))["Identity"]


@pytest.mark.parametrize("answer", [False, True])
def test_confirmation_two_calls(sandbox, answer):
    client, _, _ = make_client(sandbox)
    target = some_mailbox(client)
    asked: list[str] = []
    result = client.invoke(
        "Remove-Mailbox", {"Identity": target}, confirm=lambda m: asked.append(m) or answer
    )
    assert list(result) == []
    assert len(asked) == 1 and asked[0] == result.confirmation_message and asked[0]
    assert result.confirmed is answer
    bodies = [json.loads(e.body)["CmdletInput"]["Parameters"] for e in invoke_entries(sandbox)[1:]]
    assert bodies[0]["Confirm"] is True
    assert len(bodies) == (2 if answer else 1)
    if answer:
        assert bodies[1]["Confirm"] is False
    if answer:
        with pytest.raises(ServiceError):
            list(client.invoke("Get-Mailbox", {"Identity": target}))
    else:
        still = list(client.invoke("Get-Mailbox", {"Identity": target}))
        assert [o["Identity"] for o in still] == [target]


def test_batch_of_25_with_one_unknown(sandbox):
    client, _, _ = make_client(sandbox)
    names = [o["Identity"] for o in client.invoke("Get-Mailbox", {}, result_size=24)]
    sets = [{"Identity": n} for n in names[:12]] + [{"Identity": "no-such-mailbox"}]
    sets += [{"Identity": n} for n in names[12:]]
    sandbox.log.clear()
    results = client.invoke_batch("Get-Mailbox", sets)
    assert len(results) == 25
    batches = sandbox.log.entries(path_contains="/$batch")
    assert len(batches) == 3
    sizes = [len(json.loads(b.body)["requests"]) for b in batches]
    assert sizes == [10, 10, 5]
    first = json.loads(batches[0].body)["requests"][0]
    assert first["headers"]["Prefer"] == "odata.maxpagesize=1000;odata.continue-on-error"
    assert batches[0].header("Prefer") == "odata.continue-on-error"
    ids = {b.header("client-request-id") for b in batches}
    ids |= {
        r["headers"]["client-request-id"] for b in batches for r in json.loads(b.body)["requests"]
    }
    assert len(ids) == 1
    bad = results[12]
    assert bad.error is not None and bad.error.status == 404 and bad.objects == []
    assert "no-such-mailbox" in bad.error.message
    # The failed member was retried on its own, once (404 is not retried further).
    assert len(invoke_entries(sandbox)) == 1
    for result, wanted in zip(results[:12] + results[13:], names, strict=True):
        assert result.error is None
        assert [o["Identity"] for o in result.objects] == [wanted]


def test_batch_member_pages_follow_next_link(sandbox):
    client, _, _ = make_client(sandbox, page_size=20)
    results = client.invoke_batch("Get-Mailbox", [{}, {}], result_size="Unlimited")
    counts = [len(r.objects) for r in results]
    assert counts[0] == counts[1] > 40
    assert len(invoke_entries(sandbox)) >= 4  # later pages straight from each nextLink


def test_compliance_redirect_is_followed_with_the_token(sandbox):
    tokens = Tokens(sandbox, resource=hosts.COMPLIANCE_RESOURCE)
    client, _, _ = make_client(sandbox, base_url=f"https://{hosts.COMPLIANCE}", tokens=tokens)
    list(client.invoke("Get-RetentionCompliancePolicy", {}))
    generic = sandbox.log.entries(host=hosts.COMPLIANCE)
    regional = sandbox.log.entries(host=hosts.COMPLIANCE_REGION)
    assert [e.status for e in generic] == [302]
    assert regional and regional[0].header("Authorization").startswith("Bearer ")
    assert regional[0].status == 200
    assert client.base_url == f"https://{hosts.COMPLIANCE_REGION}"
    list(client.invoke("Get-RetentionCompliancePolicy", {}))
    assert len(sandbox.log.entries(host=hosts.COMPLIANCE)) == 1  # the region is remembered


def test_redirect_rewrites_admin_protection_hosts():
    assert (
        redirect_target(
            "https://ps.compliance.protection.outlook.com/x",
            "https://nam12b.admin.protection.outlook.com:446/adminapi/beta/t/InvokeCommand",
        )
        == "https://nam12b.ps.compliance.protection.outlook.com/adminapi/beta/t/InvokeCommand"
    )
    assert redirect_target("https://a.test/x", "https://b.test:446/y?z=1") == "https://b.test/y?z=1"
    assert redirect_target("https://a.test/x", "/y") == "https://a.test/y"


class Evil:
    """A foreign host that records what reaches it and redirects to itself."""

    def __init__(self) -> None:
        self.authorizations: list[str | None] = []

    def __call__(self, environ, start_response):
        self.authorizations.append(environ.get("HTTP_AUTHORIZATION"))
        start_response("302 Found", [("Location", "https://evil.example/steal")])
        return [b""]


class RedirectAway:
    """A service host of ours whose answer redirects to the foreign host."""

    def __call__(self, environ, start_response):
        start_response(
            "302 Found", [("Location", "https://evil.example/adminapi/beta/t/InvokeCommand")]
        )
        return [b""]


def test_redirect_to_a_foreign_host_sends_no_token(sandbox):
    evil = Evil()
    http = http_for(
        sandbox,
        {
            "https://evil.example": httpx.WSGITransport(app=evil),
            "https://odd.sandbox.test": httpx.WSGITransport(app=RedirectAway()),
        },
    )
    client, _, _ = make_client(sandbox, base_url="https://odd.sandbox.test", http=http)
    with pytest.raises(
        ForeignHostError,
        match="redirected to evil.example, which is not a host of this service; the token was not sent",
    ):
        list(client.invoke("Get-Mailbox", {}))
    assert evil.authorizations == []
    client, _, _ = make_client(sandbox, base_url="https://evil.example", http=http)
    with pytest.raises(ForeignHostError, match="the token was not sent"):
        list(client.invoke("Get-Mailbox", {}))
    assert evil.authorizations == []
