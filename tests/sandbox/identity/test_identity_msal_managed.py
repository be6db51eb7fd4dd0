"""msal's ManagedIdentityClient against the App Service style endpoint of the sandbox."""

from __future__ import annotations

import msal
import pytest
from identity_helpers import MSI_ENDPOINT

from sccshell.sandbox import hosts


@pytest.fixture
def app_service(sandbox, monkeypatch):
    # msal picks App Service when both variables are set (protocol: MSAL facts).
    for name in ("IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IDENTITY_ENDPOINT", MSI_ENDPOINT)
    monkeypatch.setenv("IDENTITY_HEADER", sandbox.directory.identity_header)
    return monkeypatch


def test_system_assigned(sandbox, http, app_service):
    client = msal.ManagedIdentityClient(msal.SystemAssignedManagedIdentity(), http_client=http)
    result = client.acquire_token_for_client(resource=hosts.EXCHANGE_RESOURCE)
    assert "access_token" in result, result
    assert 3500 <= result["expires_in"] <= 5400
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    identity = sandbox.directory.system_identity
    assert claims["oid"] == identity.object_id and claims["roles"] == ["Exchange.ManageAsApp"]
    assert claims["xms_mirid"] == identity.resource_id
    # A second call comes from msal's cache, not the endpoint.
    again = client.acquire_token_for_client(resource=hosts.EXCHANGE_RESOURCE)
    assert again["access_token"] == result["access_token"]
    assert len(sandbox.log.entries(path_contains="/msi/token")) == 1


def test_user_assigned_by_client_id(sandbox, http, app_service):
    identity = sandbox.directory.user_identity
    client = msal.ManagedIdentityClient(
        msal.UserAssignedManagedIdentity(client_id=identity.app_id), http_client=http
    )
    result = client.acquire_token_for_client(resource=hosts.COMPLIANCE_RESOURCE)
    claims = sandbox.tokens.verify(result["access_token"], [hosts.COMPLIANCE_RESOURCE])
    assert claims["oid"] == identity.object_id and claims["appid"] == identity.app_id


def test_user_assigned_by_object_id_and_resource_id(sandbox, http, app_service):
    identity = sandbox.directory.user_identity
    for selector in (
        msal.UserAssignedManagedIdentity(object_id=identity.object_id),
        msal.UserAssignedManagedIdentity(resource_id=identity.resource_id),
    ):
        client = msal.ManagedIdentityClient(selector, http_client=http)
        result = client.acquire_token_for_client(resource=hosts.EXCHANGE_RESOURCE)
        claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
        assert claims["oid"] == identity.object_id


def test_wrong_header_and_unknown_identity(sandbox, http, app_service):
    app_service.setenv("IDENTITY_HEADER", "not-the-secret")
    client = msal.ManagedIdentityClient(msal.SystemAssignedManagedIdentity(), http_client=http)
    result = client.acquire_token_for_client(resource=hosts.EXCHANGE_RESOURCE)
    assert result["error"] == "invalid_scope" and result["error_description"].startswith("401, ")
    app_service.setenv("IDENTITY_HEADER", sandbox.directory.identity_header)
    stranger = msal.ManagedIdentityClient(
        msal.UserAssignedManagedIdentity(client_id="11111111-2222-3333-4444-555555555555"),
        http_client=http,
    )
    result = stranger.acquire_token_for_client(resource=hosts.EXCHANGE_RESOURCE)
    assert result["error_description"] == "400, Unable to load the proper Managed Identity."


def test_unknown_resource_and_raw_shape(sandbox, http):
    headers = {"X-IDENTITY-HEADER": sandbox.directory.identity_header}
    params = {"api-version": "2019-08-01", "resource": hosts.EXCHANGE_RESOURCE}
    answer = http.get(MSI_ENDPOINT, params=params, headers=headers)
    body = answer.json()
    assert set(body) == {"access_token", "expires_on", "resource", "token_type", "client_id"}
    assert isinstance(body["expires_on"], str) and body["token_type"] == "Bearer"
    assert body["client_id"] == sandbox.directory.system_identity.app_id
    unknown = http.get(
        MSI_ENDPOINT, params={**params, "resource": "https://vault.azure.net"}, headers=headers
    )
    assert unknown.status_code == 500 and unknown.json()["statusCode"] == 500
    missing = http.get(MSI_ENDPOINT, params=params)
    assert missing.status_code == 400
