"""Bearer tokens, audiences, app-only permission and roles: protocol §1.1–1.3, §3.4."""

from __future__ import annotations

import re

import pytest
from service_helpers import (
    APP_ID,
    APP_OID,
    NOROLE_OID,
    app_token,
    body,
    invoke_url,
    module_headers,
    user_token,
)

from sccshell.sandbox import hosts


def _challenge(response) -> dict[str, str]:
    header = response.headers["WWW-Authenticate"]
    assert header.startswith("Bearer ")
    return dict(re.findall(r'(\w+)="([^"]*)"', header))


def test_missing_token_is_401_with_a_bearer_challenge(client):
    # protocol §1.3: the module reads the challenge from WWW-Authenticate on 401
    headers = module_headers("x")
    del headers["Authorization"]
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=headers)
    assert response.status_code == 401
    challenge = _challenge(response)
    assert challenge["error"] == "invalid_token"
    assert challenge["authorization_uri"] == f"https://{hosts.LOGIN}/common/oauth2/authorize"
    assert challenge["error_description"]


def test_unknown_token_is_401(client):
    response = client.post(
        invoke_url(), json=body("Get-Mailbox"), headers=module_headers("garbage")
    )
    assert response.status_code == 401
    assert _challenge(response)["error"] == "invalid_token"


def test_expired_token_says_so(client, sandbox, token):
    # protocol §1.3: a refreshed token is fetched after 401
    sandbox.clock.advance(7200)
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 401
    assert _challenge(response)["error_description"] == "The access token has expired"


def test_compliance_token_is_refused_by_exchange(client, sandbox):
    # protocol §1.1: Exchange accepts only its own resource as audience
    token = user_token(sandbox, aud=hosts.COMPLIANCE_RESOURCE)
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 401


def test_exchange_token_is_refused_by_compliance(client, token):
    url = invoke_url(host=hosts.COMPLIANCE_REGION)
    response = client.post(url, json=body("Get-ComplianceSearch"), headers=module_headers(token))
    assert response.status_code == 401


def test_search_only_audience_works_on_compliance_only(client, sandbox):
    # protocol §1.2: -EnableSearchOnlySession tokens are for Security & Compliance
    token = user_token(sandbox, aud=hosts.SEARCH_RESOURCE)
    url = invoke_url(host=hosts.COMPLIANCE_REGION)
    response = client.post(url, json=body("Get-ComplianceSearch"), headers=module_headers(token))
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].context.search_only is True
    refused = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert refused.status_code == 401


def test_the_tenant_gets_who_calls(client, sandbox, token):
    client.post(
        invoke_url(), json=body("Get-Mailbox", Identity="user0001"), headers=module_headers(token)
    )
    context = sandbox.tenant.calls[-1].context
    assert (context.service, context.caller, context.is_app, context.search_only) == (
        "exchange",
        f"admin@{hosts.TENANT_DOMAIN}",
        False,
        False,
    )
    assert context.organization == hosts.TENANT_DOMAIN


def test_app_only_token_with_manage_as_app_works(client, sandbox):
    # protocol §1.3: app-only needs Exchange.ManageAsApp
    token = app_token(sandbox)
    response = client.post(
        invoke_url(), json=body("Get-Mailbox", Identity="user0001"), headers=module_headers(token)
    )
    assert response.status_code == 200
    context = sandbox.tenant.calls[-1].context
    assert context.is_app and context.caller == "Sandbox Automation"


def test_app_only_token_without_manage_as_app_is_unauthorized(client, sandbox):
    # protocol §1.3 / issue #11008: "UnAuthorized"
    token = app_token(sandbox, roles=())
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "UnAuthorized"
    assert "Exchange.ManageAsApp" in _challenge(response)["error_description"]


def test_app_without_any_exchange_role(client, sandbox):
    # protocol §1.3: "The role assigned to application … isn't supported in this scenario"
    sandbox.directory.accounts[APP_OID].roles = {"exchange": frozenset(), "compliance": frozenset()}
    token = app_token(sandbox)
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 403
    message = response.json()["error"]["details"][0]["message"]
    assert f"The role assigned to application {APP_ID} isn't supported in this scenario" in message
    assert response.headers["x-ExceptionType"].endswith("CmdletAccessDeniedException")


def test_user_without_any_role(client, sandbox):
    token = user_token(sandbox, oid=NOROLE_OID)
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 403
    assert "isn't supported in this scenario" in response.json()["error"]["details"][0]["message"]


def test_unknown_principal_is_401(client, sandbox):
    token = user_token(sandbox, oid="99999999-9999-4999-8999-999999999999")
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 401


@pytest.mark.parametrize("scheme", ["Basic", "bearer"])
def test_authorization_scheme(client, token, scheme):
    headers = module_headers(token)
    headers["Authorization"] = f"{scheme} {token}"
    response = client.post(
        invoke_url(), json=body("Get-Mailbox", Identity="user0001"), headers=headers
    )
    assert response.status_code == (200 if scheme == "bearer" else 401)
