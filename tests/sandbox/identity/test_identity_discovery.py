"""Discovery documents, signing keys, userrealm, and the token endpoint's request errors."""

from __future__ import annotations

import pytest
from identity_helpers import LOGIN

from sccshell.sandbox import hosts


@pytest.mark.parametrize(
    "tenant", ["organizations", "common", hosts.TENANT_DOMAIN, hosts.TENANT_ID]
)
def test_v2_discovery(http, tenant):
    doc = http.get(f"{LOGIN}/{tenant}/v2.0/.well-known/openid-configuration").json()
    named = tenant if tenant in ("organizations", "common") else hosts.TENANT_ID
    assert doc["token_endpoint"] == f"{LOGIN}/{named}/oauth2/v2.0/token"
    assert doc["authorization_endpoint"] == f"{LOGIN}/{named}/oauth2/v2.0/authorize"
    assert doc["device_authorization_endpoint"] == f"{LOGIN}/{named}/oauth2/v2.0/devicecode"
    assert doc["jwks_uri"] == f"{LOGIN}/{named}/discovery/v2.0/keys"
    expected_issuer = "{tenantid}" if named != hosts.TENANT_ID else hosts.TENANT_ID
    assert doc["issuer"] == f"{LOGIN}/{expected_issuer}/v2.0"
    assert "form_post" in doc["response_modes_supported"]
    assert "private_key_jwt" in doc["token_endpoint_auth_methods_supported"]


def test_v1_discovery_and_keys(http):
    doc = http.get(f"{LOGIN}/organizations/.well-known/openid-configuration").json()
    assert doc["token_endpoint"] == f"{LOGIN}/organizations/oauth2/token"
    keys = http.get(doc["jwks_uri"]).json()["keys"]
    assert keys and {"kty", "use", "kid", "n", "e", "x5c"} <= set(keys[0])


def test_urls_follow_the_served_address(sandbox, http):
    # Served on loopback the login host is https://localhost:PORT; every URL must say so.
    sandbox.urls[hosts.LOGIN] = "https://localhost:8443"
    doc = http.get(f"{LOGIN}/organizations/v2.0/.well-known/openid-configuration").json()
    assert doc["token_endpoint"] == "https://localhost:8443/organizations/oauth2/v2.0/token"
    flow = http.post(
        f"{LOGIN}/organizations/oauth2/v2.0/devicecode",
        data={"client_id": hosts.MODULE_CLIENT_ID, "scope": f"{hosts.EXCHANGE_RESOURCE}/.default"},
    ).json()
    assert flow["verification_uri"] == "https://localhost:8443/devicelogin"


def test_unknown_tenant(http):
    answer = http.get(f"{LOGIN}/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration")
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "invalid_tenant" and body["error_codes"] == [90002]
    assert body["error_description"].startswith(
        "AADSTS90002: Tenant 'fabrikam.onmicrosoft.com' not found."
    )
    assert body["error_uri"] == f"{LOGIN}/error?code=90002"


def test_userrealm(http):
    managed = http.get(
        f"{LOGIN}/common/userrealm/admin@{hosts.TENANT_DOMAIN}?api-version=1.0"
    ).json()
    assert managed == {
        "ver": "1.0",
        "account_type": "Managed",
        "domain_name": hosts.TENANT_DOMAIN,
        "cloud_instance_name": "microsoftonline.com",
        "cloud_audience_urn": "urn:federation:MicrosoftOnline",
    }
    unknown = http.get(f"{LOGIN}/common/userrealm/someone@fabrikam.com?api-version=1.0").json()
    assert unknown["account_type"] == "Unknown"
    by_query = http.get(
        f"{LOGIN}/common/userrealm/",
        params={"user": f"admin@{hosts.TENANT_DOMAIN}", "api-version": "2.1"},
    ).json()
    assert by_query["NameSpaceType"] == "Managed" and by_query["DomainName"] == hosts.TENANT_DOMAIN


def test_token_endpoint_request_errors(http):
    token = f"{LOGIN}/organizations/oauth2/v2.0/token"
    assert http.get(token).json()["error_codes"] == [900561]
    assert http.post(token, data={}).json()["error_codes"] == [900144]
    unsupported = http.post(
        token, data={"grant_type": "magic", "client_id": hosts.MODULE_CLIENT_ID}
    )
    assert unsupported.json()["error"] == "unsupported_grant_type"
    two_resources = http.post(
        token,
        data={
            "grant_type": "password",
            "client_id": hosts.MODULE_CLIENT_ID,
            "username": f"admin@{hosts.TENANT_DOMAIN}",
            "password": "x",
            "scope": f"{hosts.EXCHANGE_RESOURCE}/.default {hosts.COMPLIANCE_RESOURCE}/.default",
        },
    )
    assert two_resources.json()["error_codes"] == [28000]
    answer = http.post(
        token,
        data={
            "grant_type": "refresh_token",
            "client_id": hosts.MODULE_CLIENT_ID,
            "refresh_token": "junk",
            "scope": f"{hosts.EXCHANGE_RESOURCE}/.default",
        },
        headers={"client-request-id": "0b5b7a8c-2a57-4d5f-9d1e-6d8e3e0c1f00"},
    )
    assert answer.json()["error"] == "invalid_grant"
    assert answer.json()["correlation_id"] == "0b5b7a8c-2a57-4d5f-9d1e-6d8e3e0c1f00"
    assert answer.headers["cache-control"] == "no-store, no-cache"
