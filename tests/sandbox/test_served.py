"""The sandbox served on loopback: real sockets, real TLS, msal's own flows, as a client sees it."""

from __future__ import annotations

import ssl
import time
import uuid
from datetime import datetime

import httpx
import msal
import pytest
from served_helpers import device_sign_in

INFO_KEYS = {
    "login",
    "exchange",
    "compliance",
    "ca_file",
    "tenant",
    "tenant_id",
    "admin_user",
    "admin_password",
}


def _sign_in(
    info: dict, http: httpx.Client, resource: str
) -> tuple[msal.PublicClientApplication, str]:
    return device_sign_in(info, http, resource)


def _invoke(
    http: httpx.Client,
    url: str,
    token: str,
    cmdlet: str,
    parameters: dict,
    page: int = 1000,
    request_id: str | None = None,
) -> httpx.Response:
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "X-ResponseFormat": "json",
        # One id per cmdlet invocation, the same for all its pages (protocol §2.2).
        "client-request-id": request_id or str(uuid.uuid4()),
        "connection-id": str(uuid.uuid4()),
        "X-CmdletName": cmdlet,
        "Prefer": f"odata.maxpagesize={page}",
    }
    body = {"CmdletInput": {"CmdletName": cmdlet, "Parameters": parameters}}
    return http.post(url, json=body, headers=headers)


def _all_pages(http: httpx.Client, url: str, token: str, cmdlet: str, page: int) -> list[dict]:
    objects: list[dict] = []
    next_url: str | None = url
    request_id = str(uuid.uuid4())
    while next_url:
        response = _invoke(
            http, next_url, token, cmdlet, {"ResultSize": "Unlimited"}, page, request_id
        )
        assert response.status_code == 200, response.text
        payload = response.json()
        objects += payload["value"]
        next_url = payload.get("@odata.nextLink")
    return objects


def test_serve_prints_what_a_client_needs_and_pages_over_tls(serve) -> None:
    served = serve("--mailboxes", "40", "--auto-approve")
    info = served.info
    assert INFO_KEYS <= set(info)
    assert info["exchange"].startswith("https://localhost:")
    with httpx.Client(
        verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=30
    ) as http:
        _, token = _sign_in(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        paged = _all_pages(http, url, token, "Get-Mailbox", page=7)
        whole = _all_pages(http, url, token, "Get-Mailbox", page=1000)
    assert len(paged) == len(whole) >= 40
    assert [m["ExchangeGuid"] for m in paged] == [m["ExchangeGuid"] for m in whole]


def test_compliance_redirects_to_its_regional_host(serve) -> None:
    info = serve("--mailboxes", "10", "--auto-approve").info
    with httpx.Client(
        verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=30
    ) as http:
        _, token = _sign_in(info, http, info["compliance_resource"])
        url = f"{info['compliance']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        first = _invoke(http, url, token, "Get-Label", {})
        assert first.status_code == 302
        location = first.headers["Location"]
        assert location.startswith(info["compliance_region"])
        # The client follows the redirect by hand and re-sends the token (protocol §1.2).
        second = _invoke(http, location, token, "Get-Label", {})
        assert second.status_code == 200, second.text
        assert second.json()["value"]


def test_state_dir_keeps_the_tenant_between_runs(serve, state_dir) -> None:
    info = serve("--mailboxes", "10", "--auto-approve", "--state-dir", str(state_dir)).info
    with httpx.Client(
        verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=30
    ) as http:
        _, token = _sign_in(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        created = _invoke(http, url, token, "New-Mailbox", {"Name": "Persisted Room", "Room": True})
        assert created.status_code == 200, created.text
    assert _stop_last(serve) == 0
    info = serve("--mailboxes", "10", "--auto-approve", "--state-dir", str(state_dir)).info
    with httpx.Client(
        verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=30
    ) as http:
        _, token = _sign_in(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        found = _invoke(http, url, token, "Get-Mailbox", {"Identity": "Persisted Room"})
        assert found.status_code == 200, found.text
        assert found.json()["value"][0]["Name"] == "Persisted Room"


def _stop_last(serve) -> int:
    return serve.started[-1].stop()


def test_a_reset_mid_page_reaches_the_client_as_a_broken_response(serve) -> None:
    info = serve("--mailboxes", "30", "--auto-approve", "--reset-rate", "1").info
    with httpx.Client(
        verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=30
    ) as http:
        _, token = _sign_in(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        with pytest.raises(httpx.TransportError):
            _invoke(http, url, token, "Get-Mailbox", {"ResultSize": "Unlimited"})


def test_throttling_answers_429_with_retry_after(serve) -> None:
    info = serve(
        "--mailboxes", "5", "--auto-approve", "--rate-limit", "2", "--retry-after", "0.5"
    ).info
    with httpx.Client(
        verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=30
    ) as http:
        _, token = _sign_in(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        statuses = [_invoke(http, url, token, "Get-AcceptedDomain", {}) for _ in range(5)]
        throttled = [r for r in statuses if r.status_code == 429]
        assert throttled and throttled[0].headers["Retry-After"] == "0.5"
        time.sleep(1.1)
        assert _invoke(http, url, token, "Get-AcceptedDomain", {}).status_code == 200


def test_a_budget_that_runs_out_answers_429_until_the_reset(serve) -> None:
    info = serve("--mailboxes", "5", "--auto-approve", "--budget", "2", "--budget-window", "3").info
    verify = ssl.create_default_context(cafile=info["ca_file"])
    with httpx.Client(verify=verify, timeout=30) as http:
        _, token = _sign_in(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        answers: list[httpx.Response] = []
        while not answers or answers[-1].status_code != 429:
            assert len(answers) < 20, [a.status_code for a in answers]
            answers.append(_invoke(http, url, token, "Get-AcceptedDomain", {}))
        window = answers[-1].headers["Rate-Limit-Reset"]
        refused_in = [a for a in answers if a.headers["Rate-Limit-Reset"] == window]
        # Two calls per window, counted down; the third of the same window is refused.
        assert [a.status_code for a in refused_in] == [200, 200, 429]
        assert [a.headers["Rate-Limit-Remaining"] for a in refused_in] == ["1", "0", "0"]
        refused = refused_in[-1]
        assert refused.headers["Rate-Limit-Limit"] == "2"
        # Retry-After: the whole seconds until Rate-Limit-Reset.
        reset = datetime.fromisoformat(refused.headers["Rate-Limit-Reset"][:26] + "+00:00")
        wait = int(refused.headers["Retry-After"])
        assert 1 <= wait <= 3
        assert reset.timestamp() - time.time() <= wait
        time.sleep(wait)
        again = _invoke(http, url, token, "Get-AcceptedDomain", {})
        assert again.status_code == 200, again.text
        assert again.headers["Rate-Limit-Remaining"] == "1"  # a new window
        stats = http.get(info["login"] + "/sandbox/stats").json()
    assert stats["budget_refusals"] == 1
    assert stats["requests"]["service"] == len(answers) + 1
    assert stats["peak_in_flight"]["service"] == 1  # one call after another
