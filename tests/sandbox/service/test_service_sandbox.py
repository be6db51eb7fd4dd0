"""The REST front end inside the real Sandbox: real tokens, directory roles and tenant.

Protocol §1.1–1.3 (tokens, app-only, roles), §3.3 (paging), §3.4 (unknown cmdlet), §4 (RBAC).
Tenant cmdlets that are not implemented yet skip their test.
"""

from __future__ import annotations

import pytest
from service_helpers import (
    body,
    http_client,
    invoke_url,
    module_headers,
    post_raw,
    raw_body,
    reference_client,
)

from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox
from sccshell.sandbox.service.envelope import MORE_RESULTS
from sccshell.sandbox.service.errors import NUL_BODY

MODULE_FILE = f"https://{hosts.EXCHANGE}/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile"


@pytest.fixture
def real():
    return Sandbox()


@pytest.fixture
def client(real):
    with http_client(real) as client:
        yield client


def _token(real, account, resource=hosts.EXCHANGE_RESOURCE, lifetime=None):
    return real.tokens.mint_for(account, resource, lifetime=lifetime)


def _needs(real, cmdlet):
    if not real.tenant.implements(cmdlet):
        pytest.skip(f"the sandbox tenant does not implement {cmdlet} yet")


def test_admin_pages_through_every_mailbox(real, client):
    # protocol §3.3 with the seeded tenant (500 mailboxes) and -PageSize 100
    _needs(real, "Get-Mailbox")
    token = _token(real, real.directory.admin)
    everything = reference_client(client, token, "Unlimited", default_page_size=100)
    assert len(everything.identities) == len(set(everything.identities)) >= 500
    assert everything.warnings == []
    first = reference_client(client, token, 10)
    assert first.identities == everything.identities[:10]
    assert first.warnings == [MORE_RESULTS]


def test_expired_real_token(real, client):
    # protocol §1.3
    token = _token(real, real.directory.admin, lifetime=60)
    real.clock.advance(120)
    response = client.post(invoke_url(), json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 401
    assert (
        'error_description="The access token has expired"' in response.headers["WWW-Authenticate"]
    )


def test_app_without_manage_as_app_is_unauthorized(real, client):
    # protocol §1.3: Contoso Reporting has a role group but not Exchange.ManageAsApp
    token = _token(real, real.directory.reporting_app)
    response = client.get(MODULE_FILE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


@pytest.mark.parametrize("who", ["automation_app", "system_identity", "user_identity"])
def test_app_only_callers_get_the_module(real, client, who):
    token = _token(real, getattr(real.directory, who))
    response = client.get(MODULE_FILE, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_helpdesk_module_lists_its_role_cmdlets(real, client):
    # protocol §4: the generated module follows the caller's roles
    helpdesk = real.directory.helpdesk
    token = _token(real, helpdesk)
    response = client.get(MODULE_FILE, headers={"Authorization": f"Bearer {token}"})
    listed = response.json()["value"][0]["exportedCmdlets"].split(",")
    allowed = {n.lower() for n in real.directory.role_cmdlets(helpdesk, "exchange")}
    served = real.rest.catalog.names("exchange")
    assert listed == [n for n in served if n.lower() in allowed]
    assert "Get-Mailbox" in listed and "Remove-Mailbox" not in listed


def test_helpdesk_cannot_run_other_cmdlets(real, client):
    # protocol §3.4: missing role -> 403 with NUL bytes
    token = _token(real, real.directory.helpdesk)
    response = post_raw(
        client,
        invoke_url(),
        json=body("Remove-Mailbox", Identity="x"),
        headers=module_headers(token),
    )
    assert response.status_code == 403
    assert raw_body(response) == NUL_BODY


def test_unknown_cmdlet(real, client):
    token = _token(real, real.directory.admin)
    response = post_raw(
        client, invoke_url(), json=body("Get-Nothing"), headers=module_headers(token)
    )
    assert response.status_code == 403
    assert raw_body(response) == NUL_BODY


def test_unknown_parameter_before_the_tenant(real, client):
    token = _token(real, real.directory.admin)
    response = client.post(
        invoke_url(), json=body("Get-Mailbox", Frobnicate=1), headers=module_headers(token)
    )
    assert response.status_code == 400
    assert "'Frobnicate'" in response.json()["error"]["details"][0]["message"]


def test_compliance_through_the_redirect(real, client):
    # protocol §1.2: generic host -> 302 -> regional host with a compliance token
    token = _token(real, real.directory.admin, hosts.COMPLIANCE_RESOURCE)
    url = f"https://{hosts.COMPLIANCE}/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile"
    redirected = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert redirected.status_code == 302
    response = client.get(
        redirected.headers["Location"], headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert "Get-ComplianceSearch" in response.json()["value"][0]["exportedCmdlets"].split(",")


def test_search_only_token_on_compliance(real, client):
    token = _token(real, real.directory.admin, hosts.SEARCH_RESOURCE)
    url = f"https://{hosts.COMPLIANCE_REGION}/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile"
    assert client.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 200
