"""App-only sign-in with a certificate (client credentials + private_key_jwt) through msal."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import msal
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from identity_helpers import LOGIN, FormBytesClient, client_for, scope

from sccshell.sandbox import hosts
from sccshell.sandbox.identity.jws import sign_rs256

AUTHORITY = f"{LOGIN}/{hosts.TENANT_DOMAIN}"  # protocol §5.1: CBA names -Organization


@pytest.fixture
def http(sandbox):
    with client_for(sandbox, FormBytesClient) as client:
        yield client


def _app(http, app_id, credential, authority=AUTHORITY):
    return msal.ConfidentialClientApplication(
        app_id,
        client_credential=credential,
        authority=authority,
        http_client=http,
        instance_discovery=False,
    )


def _pem_credential(sandbox):
    paths = sandbox.directory.app_certificate_paths()
    return {"private_key": Path(paths["pem_key"]).read_text(), "thumbprint": paths["thumbprint"]}


def test_pem_key_and_sha1_thumbprint(sandbox, http):
    # msal signs RS256 and names the key by x5t (SHA-1) when given a thumbprint.
    app_id = sandbox.directory.automation_app.app_id
    result = _app(http, app_id, _pem_credential(sandbox)).acquire_token_for_client(scope())
    assert "access_token" in result, result
    assert "refresh_token" not in result and "id_token" not in result
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    assert claims["roles"] == ["Exchange.ManageAsApp"]
    assert claims["appid"] == app_id and claims["idtyp"] == "app"
    assert claims["oid"] == sandbox.directory.automation_app.object_id


def test_pfx_file(sandbox, http):
    # msal signs PS256 and names the key by x5t#S256 for a .pfx (msal >= 1.29).
    paths = sandbox.directory.app_certificate_paths()
    credential = {"private_key_pfx_path": paths["pfx"], "passphrase": paths["pfx_password"]}
    app = _app(
        http, sandbox.directory.automation_app.app_id, credential, f"{LOGIN}/{hosts.TENANT_ID}"
    )
    result = app.acquire_token_for_client(scope(hosts.COMPLIANCE_RESOURCE))
    claims = sandbox.tokens.verify(result["access_token"], [hosts.COMPLIANCE_RESOURCE])
    assert claims["roles"] == ["Exchange.ManageAsApp"]


def test_app_without_the_role_gets_a_token_without_roles(sandbox, http):
    # Entra issues it; Exchange refuses it later (the REST layer's 401), protocol §1.3.
    app_id = sandbox.directory.reporting_app.app_id
    result = _app(http, app_id, _pem_credential(sandbox)).acquire_token_for_client(scope())
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    assert "roles" not in claims and claims["appid"] == app_id


def test_signature_by_another_key(sandbox, http):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    thumbprint = sandbox.directory.app_certificate_paths()["thumbprint"]
    app = _app(
        http,
        sandbox.directory.automation_app.app_id,
        {"private_key": pem, "thumbprint": thumbprint},
    )
    result = app.acquire_token_for_client(scope())
    assert result["error"] == "invalid_client" and result["error_codes"] == [700027]
    assert "signature validation" in result["error_description"]
    unknown = _app(
        http,
        sandbox.directory.automation_app.app_id,
        {"private_key": pem, "thumbprint": "00" * 20},
    ).acquire_token_for_client(scope())
    assert unknown["error_codes"] == [700027] and "not registered" in unknown["error_description"]


def _assertion(sandbox, **claims):
    pair = sandbox.directory.app_certificate()
    app_id = sandbox.directory.automation_app.app_id
    now = time.time()
    body = {
        "aud": f"{LOGIN}/{hosts.TENANT_ID}/oauth2/v2.0/token",
        "iss": app_id,
        "sub": app_id,
        "jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 600,
        **claims,
    }
    return sign_rs256(body, pair.key, {"x5t": pair.x5t})


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({"exp": time.time() - 3600, "iat": time.time() - 4200}, 700024),
        ({"aud": "https://login.sandbox.test/fabrikam/oauth2/v2.0/token"}, 700023),
        ({"iss": "someone-else", "sub": "someone-else"}, 700021),
    ],
)
def test_assertion_claims_are_checked(sandbox, http, claims, code):
    assertion = _assertion(sandbox, **claims)
    app = _app(
        http, sandbox.directory.automation_app.app_id, {"client_assertion": lambda: assertion}
    )
    result = app.acquire_token_for_client(scope())
    assert result["error"] == "invalid_client" and result["error_codes"] == [code]


def test_a_handmade_assertion_and_the_app_only_scope_rule(sandbox, http):
    token = f"{LOGIN}/{hosts.TENANT_ID}/oauth2/v2.0/token"
    form = {
        "client_id": sandbox.directory.automation_app.app_id,
        "grant_type": "client_credentials",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": _assertion(sandbox),
    }
    ok = http.post(token, data={**form, "scope": f"{hosts.EXCHANGE_RESOURCE}/.default"})
    assert ok.status_code == 200 and set(ok.json()) == {
        "token_type", "expires_in", "ext_expires_in", "access_token",
    }  # fmt: skip
    delegated = http.post(
        token, data={**form, "scope": f"{hosts.EXCHANGE_RESOURCE}/AdminApi.AccessAsUser.All"}
    )
    assert delegated.json()["error_codes"] == [1002012]
    secret = http.post(token, data={**form, "client_secret": "guess", "scope": "x/.default"})
    assert secret.status_code == 401 and secret.json()["error_codes"] == [7000215]
    public = http.post(
        token,
        data={
            "client_id": hosts.MODULE_CLIENT_ID,
            "grant_type": "client_credentials",
            "scope": "x",
        },
    )
    assert public.status_code == 401 and public.json()["error"] == "invalid_client"


def test_plain_httpx_sends_msal_assertion_as_bytes_text(sandbox):
    # msal passes the assertion as bytes; plain httpx sends "b'eyJ…'", which is no JWT.
    # Entra (and the sandbox) refuse it: a client of msal over httpx must decode it first.
    with client_for(sandbox) as plain:
        app = _app(plain, sandbox.directory.automation_app.app_id, _pem_credential(sandbox))
        result = app.acquire_token_for_client(scope())
    assert result["error"] == "invalid_request" and result["error_codes"] == [50027]
