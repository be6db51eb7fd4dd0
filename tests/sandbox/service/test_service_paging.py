"""Paging and ResultSize, seen from a client that follows protocol §3.3 to the letter (and §3.2)."""

from __future__ import annotations

import uuid

import pytest
from service_helpers import (
    MAILBOXES,
    body,
    invoke_url,
    make_sandbox,
    module_headers,
    reference_client,
    user_token,
)

from sccshell.sandbox.service.envelope import MORE_RESULTS

ALL = [f"user{i:04d}" for i in range(MAILBOXES)]


@pytest.mark.parametrize(
    "result_size, expected, warned",
    [
        (None, ALL[:1000], True),  # §3.3: without ResultSize, one page and the warning
        (10, ALL[:10], True),
        (1000, ALL[:1000], True),
        (2500, ALL, False),
        ("Unlimited", ALL, False),
    ],
)
def test_reference_client_gets_exactly_the_right_objects(
    client, token, result_size, expected, warned
):
    fetched = reference_client(client, token, result_size)
    assert fetched.identities == expected
    assert fetched.warnings == ([MORE_RESULTS] if warned else [])


def test_unlimited_fetches_three_pages(client, token):
    fetched = reference_client(client, token, "Unlimited")
    assert fetched.requests == 3
    assert fetched.page_sizes == [1000, 1000, 1000]


def test_result_size_2500_asks_for_a_smaller_last_page(client, token):
    fetched = reference_client(client, token, 2500)
    assert fetched.page_sizes == [1000, 1000, 500]


def test_small_page_size(client, token):
    # protocol §3.3: Connect-ExchangeOnline -PageSize 100
    fetched = reference_client(client, token, 250, default_page_size=100)
    assert fetched.identities == ALL[:250]
    assert fetched.page_sizes == [100, 100, 50]
    assert fetched.warnings == [MORE_RESULTS]


def test_server_never_returns_more_than_result_size_across_pages(client, token):
    # A client that follows nextLink blindly (CIPP) still gets at most ResultSize objects.
    url, seen = invoke_url(), []
    headers = module_headers(token, "Get-Mailbox", Prefer="odata.maxpagesize=300")
    while url:
        page = client.post(url, json=body("Get-Mailbox", ResultSize=700), headers=headers).json()
        seen += page["value"]
        url = page.get("@odata.nextLink")
    assert [o["Identity"] for o in seen] == ALL[:700]


def test_next_link_is_the_same_url_plus_a_skip_token(client, token):
    url = invoke_url() + "?$select=Identity"
    headers = module_headers(token, "Get-Mailbox", Prefer="odata.maxpagesize=5")
    page = client.post(
        url, json=body("Get-Mailbox", ResultSize="Unlimited"), headers=headers
    ).json()
    next_link = page["@odata.nextLink"]
    assert next_link.startswith(invoke_url() + "?")
    assert "$select=Identity" in next_link and "$skiptoken=" in next_link
    second = client.post(
        next_link, json=body("Get-Mailbox", ResultSize="Unlimited"), headers=headers
    ).json()
    assert [o["Identity"] for o in second["value"]] == ALL[5:10]
    assert second["value"][0] == {"Identity": "user0005"}


def _first_page(client, token, size=10, **parameters):
    headers = module_headers(token, "Get-Mailbox", Prefer=f"odata.maxpagesize={size}")
    payload = body("Get-Mailbox", **parameters)
    page = client.post(invoke_url(), json=payload, headers=headers).json()
    return page["@odata.nextLink"], payload, headers


def test_tampered_skip_token_is_400(client, token):
    next_link, payload, headers = _first_page(client, token, ResultSize="Unlimited")
    base, _, skiptoken = next_link.partition("$skiptoken=")
    forged = skiptoken[:5] + ("A" if skiptoken[5] != "A" else "B") + skiptoken[6:]
    response = client.post(base + "$skiptoken=" + forged, json=payload, headers=headers)
    assert response.status_code == 400
    assert "$skiptoken" in response.json()["error"]["details"][0]["message"]


def test_next_page_needs_the_same_body(client, token):
    next_link, _, headers = _first_page(client, token, ResultSize="Unlimited")
    response = client.post(next_link, json=body("Get-Mailbox", ResultSize=5000), headers=headers)
    assert response.status_code == 400
    assert "same body" in response.json()["error"]["details"][0]["message"]


def test_next_page_needs_the_same_client_request_id(client, token):
    next_link, payload, headers = _first_page(client, token, ResultSize="Unlimited")
    headers = {**headers, "client-request-id": str(uuid.uuid4())}
    response = client.post(next_link, json=payload, headers=headers)
    assert response.status_code == 400


def test_next_page_needs_the_same_caller(client, sandbox, token):
    next_link, payload, headers = _first_page(client, token, ResultSize="Unlimited")
    other = user_token(sandbox, oid="22222222-2222-4222-8222-222222222222")
    response = client.post(
        next_link, json=payload, headers={**headers, "Authorization": f"Bearer {other}"}
    )
    assert response.status_code == 400


def test_next_link_is_not_a_get(client, token):
    # protocol §3.3: the module POSTs the same body to @odata.nextLink
    next_link, _, headers = _first_page(client, token, ResultSize="Unlimited")
    assert client.get(next_link, headers=headers).status_code == 405


def test_only_the_page_is_formatted_and_the_cmdlet_runs_once(client, sandbox, token):
    mailboxes = sandbox.tenant.mailboxes
    next_link, payload, headers = _first_page(client, token, size=100, ResultSize="Unlimited")
    assert mailboxes.made == 100
    client.post(next_link, json=payload, headers=headers)
    assert mailboxes.made == 200
    assert len(sandbox.tenant.calls) == 1  # later pages come from the kept result


def test_a_forgotten_result_is_run_again(client, sandbox, token):
    next_link, payload, headers = _first_page(client, token, size=100, ResultSize="Unlimited")
    sandbox.clock.advance(601)  # past the time results are kept
    fresh = user_token(sandbox)
    headers = {**headers, "Authorization": f"Bearer {fresh}"}
    page = client.post(next_link, json=payload, headers=headers)
    # a new token is the same caller: the page still continues where the last one ended
    assert page.status_code == 200
    assert [o["Identity"] for o in page.json()["value"]] == ALL[100:200]
    assert len(sandbox.tenant.calls) == 2


def test_pages_of_a_small_result_have_no_next_link():
    sandbox = make_sandbox()
    sandbox.tenant.mailboxes.count = 3
    from service_helpers import http_client

    with http_client(sandbox) as client:
        token = user_token(sandbox)
        page = client.post(
            invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token)
        ).json()
    assert len(page["value"]) == 3
    assert "@odata.nextLink" not in page
    assert page["@adminapi.warnings"] == []


def test_more_results_warning_comes_on_every_page(client, token):
    next_link, payload, headers = _first_page(client, token, size=400, ResultSize=1000)
    second = client.post(next_link, json=payload, headers=headers).json()
    assert second["@adminapi.warnings"] == [MORE_RESULTS]
    assert "@odata.nextLink" in second


@pytest.mark.parametrize("value", [0, -5, "many", True])
def test_bad_result_size_is_400(client, token, value):
    response = client.post(
        invoke_url(), json=body("Get-Mailbox", ResultSize=value), headers=module_headers(token)
    )
    assert response.status_code == 400
