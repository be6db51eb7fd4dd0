"""Routing of the service hosts: protocol §1.1, §1.2, §1.4, §2.1."""

from __future__ import annotations

import pytest
from service_helpers import body, invoke_url, module_headers, user_token

from sccshell.sandbox import hosts

EXO = f"https://{hosts.EXCHANGE}"
REGION = f"https://{hosts.COMPLIANCE_REGION}"


@pytest.mark.parametrize(
    "tenant", [hosts.TENANT_ID, hosts.TENANT_DOMAIN, hosts.TENANT_DOMAIN.upper()]
)
def test_invoke_command_takes_the_tenant_guid_or_domain(client, token, tenant):
    # protocol §1.1: <tenant> is the GUID or a domain
    response = client.post(
        invoke_url(tenant=tenant),
        json=body("Get-Mailbox", Identity="user0001"),
        headers=module_headers(token),
    )
    assert response.status_code == 200
    assert response.json()["@odata.context"] == (
        f"{EXO}/adminapi/beta/{tenant}/$metadata#Collection(Exchange.GenericHashTable)"
    )


def test_paths_match_in_any_letter_case(client, token):
    # protocol §1.1 (SCUBA writes /AdminApi/, others /adminapi/)
    url = f"{EXO}/AdminApi/Beta/{hosts.TENANT_ID}/invokecommand"
    response = client.post(
        url, json=body("Get-Mailbox", Identity="user0001"), headers=module_headers(token)
    )
    assert response.status_code == 200


def test_v1_invoke_command_is_405(client, token):
    # protocol §1.1: only beta serves InvokeCommand
    url = f"{EXO}/adminapi/v1.0/{hosts.TENANT_ID}/InvokeCommand"
    response = client.post(url, json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 405


def test_get_on_invoke_command_is_405(client, token):
    # protocol §2.1: InvokeCommand is a POST
    response = client.get(invoke_url(), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


def test_unknown_path_is_404(client, token):
    response = client.get(
        f"{EXO}/adminapi/beta/{hosts.TENANT_ID}/Nothing",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NotFound"


def test_another_tenant_is_refused(client, token):
    # protocol §2.4: no delegated access to other organizations in the sandbox
    url = invoke_url(tenant="fabrikam.onmicrosoft.com")
    response = client.post(url, json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 403
    assert "fabrikam.onmicrosoft.com" in response.json()["error"]["details"][0]["message"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", f"/adminapi/beta/{hosts.TENANT_ID}/InvokeCommand?$select=Name"),
        ("GET", f"/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile?Version=3.2.0"),
        ("GET", f"/adminapi/beta/{hosts.TENANT_ID}/EXOBanner('AutogenSession')?Version=3.10.1"),
        ("GET", "/anything/at/all"),
    ],
)
def test_generic_compliance_host_redirects_to_the_region(client, method, path):
    # protocol §1.2: every request to the generic host gets 302 to the regional host, same
    # path and query (the sandbox points Location at the compliance host itself)
    response = client.request(method, f"https://{hosts.COMPLIANCE}{path}")
    assert response.status_code == 302
    assert response.headers["Location"] == REGION + path


def test_regional_host_serves_compliance_cmdlets(client, sandbox):
    # protocol §1.2: the regional host serves the API with a compliance token
    token = user_token(sandbox, aud=hosts.COMPLIANCE_RESOURCE)
    url = invoke_url(host=hosts.COMPLIANCE_REGION)
    response = client.post(url, json=body("Get-ComplianceSearch"), headers=module_headers(token))
    assert response.status_code == 200
    assert response.json()["value"] == [{"Name": "Search1", "Status": "Completed"}]
    assert response.json()["@odata.context"].startswith(REGION + "/adminapi/beta/")


def test_banner(client, token):
    # protocol §1.4: EXOBanner('AutogenSession') gives the connect banner
    url = f"{EXO}/adminapi/beta/{hosts.TENANT_ID}/EXOBanner('AutogenSession')?Version=3.10.1"
    response = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert "REST API backed" in response.json()["value"]


def test_banner_needs_a_token(client):
    url = f"{EXO}/adminapi/beta/{hosts.TENANT_ID}/EXOBanner('AutogenSession')"
    assert client.get(url).status_code == 401


def test_metadata_describes_invoke_command(client, token):
    # protocol §1.4: $metadata names the InvokeCommand action and its input type
    response = client.get(
        f"{EXO}/adminapi/beta/{hosts.TENANT_ID}/$metadata",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    assert '<Action Name="InvokeCommand">' in response.text
    assert 'Name="CmdletInvokeInputType"' in response.text


def test_absolute_urls_follow_url_for(client, sandbox, token):
    # On loopback the sandbox is https://localhost:PORT: every URL it writes says so.
    sandbox.urls[hosts.EXCHANGE] = "https://localhost:8443"
    sandbox.urls[hosts.COMPLIANCE_REGION] = "https://localhost:8446"
    headers = module_headers(token, Prefer="odata.maxpagesize=5")
    page = client.post(
        invoke_url(), json=body("Get-Mailbox", ResultSize=20), headers=headers
    ).json()
    assert page["@odata.context"].startswith(
        f"https://localhost:8443/adminapi/beta/{hosts.TENANT_ID}/"
    )
    assert page["@odata.nextLink"].startswith(
        f"https://localhost:8443/adminapi/beta/{hosts.TENANT_ID}/InvokeCommand?"
    )
    moved = client.get(f"https://{hosts.COMPLIANCE}/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile")
    assert (
        moved.headers["Location"]
        == f"https://localhost:8446/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile"
    )
