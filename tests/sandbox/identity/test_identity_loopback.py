"""The sign-in endpoints served over TLS on loopback, as `sccshell-sandbox serve` serves them."""

from __future__ import annotations

import ssl

import httpx
import msal
import pytest
from identity_helpers import FormBytesClient, build_sandbox, scope

from sccshell.sandbox import hosts
from sccshell.sandbox.core import IDENTITY_HOST
from sccshell.sandbox.server import SandboxServer
from sccshell.sandbox.tls import create_tls_files


@pytest.fixture(scope="module")
def sandbox():
    return build_sandbox(auto_approve=True)


@pytest.fixture(scope="module")
def served(sandbox, tmp_path_factory):
    # One server for the module: stopping the listeners takes a moment.
    tls = create_tls_files(tmp_path_factory.mktemp("tls"))
    with SandboxServer(sandbox, tls) as server:
        yield server


def _trust(served) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(served.tls.ca_file))


def test_msal_flows_over_sockets(sandbox, served, monkeypatch):
    login = sandbox.url_for(hosts.LOGIN)
    assert login.startswith("https://localhost:")
    with FormBytesClient(verify=_trust(served), trust_env=False, timeout=10) as http:
        app = msal.PublicClientApplication(
            hosts.MODULE_CLIENT_ID,
            authority=f"{login}/organizations",
            http_client=http,
            instance_discovery=False,
        )
        flow = app.initiate_device_flow(scope())
        assert flow["verification_uri"] == f"{login}/devicelogin"
        result = app.acquire_token_by_device_flow(flow)
        assert sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])

        paths = sandbox.directory.app_certificate_paths()
        daemon = msal.ConfidentialClientApplication(
            sandbox.directory.automation_app.app_id,
            client_credential={
                "private_key_pfx_path": paths["pfx"],
                "passphrase": paths["pfx_password"],
            },
            authority=f"{login}/{hosts.TENANT_DOMAIN}",
            http_client=http,
            instance_discovery=False,
        )
        app_only = daemon.acquire_token_for_client(scope(hosts.COMPLIANCE_RESOURCE))
        claims = sandbox.tokens.verify(app_only["access_token"], [hosts.COMPLIANCE_RESOURCE])
        assert claims["roles"] == ["Exchange.ManageAsApp"]

        monkeypatch.setenv("IDENTITY_ENDPOINT", sandbox.url_for(IDENTITY_HOST) + "/msi/token")
        monkeypatch.setenv("IDENTITY_HEADER", sandbox.directory.identity_header)
        identity = msal.ManagedIdentityClient(
            msal.SystemAssignedManagedIdentity(), http_client=http
        )
        mi = identity.acquire_token_for_client(resource=hosts.EXCHANGE_RESOURCE)
        assert sandbox.tokens.verify(mi["access_token"], [hosts.EXCHANGE_RESOURCE])


def test_password_flow_needs_userrealm_on_port_443(sandbox, served):
    # msal asks https://<authority host>/common/userrealm/… on port 443 whatever port the
    # authority names (protocol: MSAL facts), so on loopback it cannot reach the sandbox.
    login = sandbox.url_for(hosts.LOGIN)
    with httpx.Client(verify=_trust(served), trust_env=False, timeout=5) as http:
        app = msal.PublicClientApplication(
            hosts.MODULE_CLIENT_ID, authority=f"{login}/organizations", http_client=http,
            instance_discovery=False,
        )  # fmt: skip
        with pytest.raises(httpx.HTTPError), pytest.warns(DeprecationWarning):
            app.acquire_token_by_username_password(
                sandbox.directory.admin_upn, sandbox.directory.admin_password, scopes=scope()
            )
        # The endpoint itself answers on the served port.
        realm = http.get(f"{login}/common/userrealm/{sandbox.directory.admin_upn}?api-version=1.0")
        assert realm.json()["account_type"] == "Managed"
