"""TokenService: issue, verify (the REST layer's check), JWKS, persistence."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from identity_helpers import build_sandbox, client_for

from sccshell.sandbox import hosts
from sccshell.sandbox.identity import TokenRejected
from sccshell.sandbox.identity.jws import b64url_decode, b64url_encode


def _claims(token: str) -> dict:
    return json.loads(b64url_decode(token.split(".")[1]))


def test_user_token_has_the_claims_a_client_relies_on(sandbox):
    admin = sandbox.directory.admin
    claims = sandbox.tokens.verify(
        sandbox.tokens.mint_for(admin, hosts.EXCHANGE_RESOURCE), [hosts.EXCHANGE_RESOURCE]
    )
    assert claims["aud"] == hosts.EXCHANGE_RESOURCE
    assert claims["iss"] == f"https://sts.sandbox.test/{hosts.TENANT_ID}/"
    assert claims["tid"] == hosts.TENANT_ID
    assert claims["oid"] == admin.object_id
    assert claims["upn"] == claims["preferred_username"] == admin.name
    assert claims["name"] == admin.display_name
    assert claims["appid"] == hosts.MODULE_CLIENT_ID
    assert "AdminApi.AccessAsUser.All" in claims["scp"].split()
    assert claims["ver"] == "1.0" and claims["idtyp"] == "user"
    assert "roles" not in claims
    assert claims["iat"] == claims["nbf"] < claims["exp"]
    assert 3600 <= claims["exp"] - int(sandbox.clock.time()) <= 5400
    assert sandbox.directory.account_from_claims(claims) == admin


def test_app_and_managed_identity_tokens_carry_roles(sandbox):
    directory = sandbox.directory
    for account in (directory.automation_app, directory.system_identity, directory.user_identity):
        claims = sandbox.tokens.verify(
            sandbox.tokens.mint_for(account, hosts.COMPLIANCE_RESOURCE), [hosts.COMPLIANCE_RESOURCE]
        )
        assert claims["roles"] == ["Exchange.ManageAsApp"]
        assert claims["idtyp"] == "app" and "scp" not in claims and "upn" not in claims
        assert claims["appid"] == account.app_id and claims["oid"] == account.object_id
        assert directory.account_from_claims(claims) == account
    reporting = sandbox.tokens.mint_for(directory.reporting_app, hosts.EXCHANGE_RESOURCE)
    assert "roles" not in _claims(reporting)


def test_header_names_the_published_key(sandbox, http):
    token = sandbox.tokens.mint_for(sandbox.directory.admin, hosts.EXCHANGE_RESOURCE)
    header = json.loads(b64url_decode(token.split(".")[0]))
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    keys = http.get(f"https://{hosts.LOGIN}/organizations/discovery/v2.0/keys").json()["keys"]
    key = next(k for k in keys if k["kid"] == header["kid"])
    public = rsa.RSAPublicNumbers(
        int.from_bytes(b64url_decode(key["e"]), "big"),
        int.from_bytes(b64url_decode(key["n"]), "big"),
    ).public_key()
    signing_input, _, signature = token.rpartition(".")
    # Raises InvalidSignature when the JWKS does not hold the signing key.
    public.verify(
        b64url_decode(signature), signing_input.encode(), padding.PKCS1v15(), hashes.SHA256()
    )


def test_expired_after_the_clock_moves(sandbox):
    token = sandbox.tokens.mint_for(sandbox.directory.admin, hosts.EXCHANGE_RESOURCE, lifetime=120)
    sandbox.tokens.verify(token, [hosts.EXCHANGE_RESOURCE])
    sandbox.clock.advance(121)
    with pytest.raises(TokenRejected) as caught:
        sandbox.tokens.verify(token, [hosts.EXCHANGE_RESOURCE])
    assert caught.value.reason == "expired"


def test_wrong_audience(sandbox):
    token = sandbox.tokens.mint_for(sandbox.directory.admin, hosts.EXCHANGE_RESOURCE)
    with pytest.raises(TokenRejected) as caught:
        sandbox.tokens.verify(token, [hosts.COMPLIANCE_RESOURCE, hosts.SEARCH_RESOURCE])
    assert caught.value.reason == "wrong_audience"
    assert hosts.EXCHANGE_RESOURCE in caught.value.description


def test_tampered_tokens_are_invalid(sandbox):
    token = sandbox.tokens.mint_for(sandbox.directory.helpdesk, hosts.EXCHANGE_RESOURCE)
    head, body, signature = token.split(".")
    claims = _claims(token)
    claims["oid"] = sandbox.directory.admin.object_id  # promote myself
    forged_body = b64url_encode(json.dumps(claims).encode())
    flipped = b64url_encode(bytes([b64url_decode(signature)[0] ^ 1]) + b64url_decode(signature)[1:])
    forgeries = [
        f"{head}.{forged_body}.{signature}",
        f"{head}.{body}.{flipped}",
        f"{head}.{body}.",
        "not-a-token",
        b64url_encode(b'{"alg":"none"}') + f".{body}.",
    ]
    for forged in forgeries:
        with pytest.raises(TokenRejected) as caught:
            sandbox.tokens.verify(forged, [hosts.EXCHANGE_RESOURCE])
        assert caught.value.reason == "invalid_token", forged


def test_another_sandbox_key_is_not_trusted(sandbox):
    other = build_sandbox()
    token = other.tokens.mint_for(other.directory.admin, hosts.EXCHANGE_RESOURCE)
    with pytest.raises(TokenRejected) as caught:
        sandbox.tokens.verify(token, [hosts.EXCHANGE_RESOURCE])
    assert caught.value.reason == "invalid_token"


def test_lifetime_fault(make_sandbox):
    sandbox = make_sandbox(token_lifetime=90)
    token = sandbox.tokens.mint_for(sandbox.directory.admin, hosts.EXCHANGE_RESOURCE)
    claims = _claims(token)
    assert claims["exp"] - claims["iat"] == 90 + 300  # iat is back-dated five minutes


def test_tokens_and_refresh_tokens_survive_a_restart(tmp_path):
    first = build_sandbox(state_dir=tmp_path)
    admin = first.directory.admin
    access = first.tokens.mint_for(admin, hosts.EXCHANGE_RESOURCE)
    from sccshell.sandbox.identity.clients import MODULE_CLIENT

    refresh = first.tokens.refresh_token(admin, MODULE_CLIENT)
    second = build_sandbox(state_dir=tmp_path)
    assert second.tokens.verify(access, [hosts.EXCHANGE_RESOURCE])["oid"] == admin.object_id
    assert second.tokens.redeem_refresh_token(refresh, MODULE_CLIENT, second.directory) == admin
    assert (tmp_path / "identity" / "token-signing.key.pem").exists()
    with client_for(second) as http:
        answer = http.post(
            f"https://{hosts.LOGIN}/organizations/oauth2/v2.0/token",
            data={
                "grant_type": "refresh_token",
                "client_id": hosts.MODULE_CLIENT_ID,
                "refresh_token": refresh,
                "scope": f"{hosts.COMPLIANCE_RESOURCE}/.default offline_access openid",
            },
        )
    assert answer.status_code == 200, answer.text
    assert second.tokens.verify(answer.json()["access_token"], [hosts.COMPLIANCE_RESOURCE])


def test_revoked_sessions_refuse_old_refresh_tokens(sandbox):
    from sccshell.sandbox.identity.clients import MODULE_CLIENT
    from sccshell.sandbox.identity.tokens import RefreshRejected

    admin = sandbox.directory.admin
    refresh = sandbox.tokens.refresh_token(admin, MODULE_CLIENT)
    sandbox.tokens.revoke_sessions(admin)
    with pytest.raises(RefreshRejected) as caught:
        sandbox.tokens.redeem_refresh_token(refresh, MODULE_CLIENT, sandbox.directory)
    assert caught.value.code == 50173
    sandbox.clock.advance(1)
    fresh = sandbox.tokens.refresh_token(admin, MODULE_CLIENT)
    assert sandbox.tokens.redeem_refresh_token(fresh, MODULE_CLIENT, sandbox.directory) == admin
