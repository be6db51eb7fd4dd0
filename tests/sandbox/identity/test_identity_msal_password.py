"""msal's username/password flow and silent refresh against the sandbox (no patched msal)."""

from __future__ import annotations

import json

import msal
import pytest
from identity_helpers import LOGIN, client_for, scope

from sccshell.sandbox import hosts

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # msal deprecates ROPC


def _sign_in(app, sandbox, upn=None, password=None, resource=hosts.EXCHANGE_RESOURCE):
    upn = upn or sandbox.directory.admin_upn
    password = password if password is not None else sandbox.directory.password_of(upn)
    return app.acquire_token_by_username_password(upn, password, scopes=scope(resource))


def test_admin_signs_in(sandbox, public_app):
    result = _sign_in(public_app(), sandbox)
    assert "access_token" in result, result
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    assert claims["upn"] == sandbox.directory.admin_upn
    assert result["token_type"] == "Bearer" and 3600 <= result["expires_in"] <= 5400
    assert result["id_token_claims"]["oid"] == sandbox.directory.admin.object_id
    assert result["id_token_claims"]["tid"] == hosts.TENANT_ID
    assert "refresh_token" in result and "client_info" in result
    # userrealm was asked first, as msal always does (protocol: MSAL facts).
    assert sandbox.log.entries(host=hosts.LOGIN, path_contains="/common/userrealm/")


def test_account_is_cached_from_client_info(sandbox, public_app):
    app = public_app()
    _sign_in(app, sandbox)
    (account,) = app.get_accounts()
    assert account["username"] == sandbox.directory.admin_upn
    assert account["home_account_id"] == f"{sandbox.directory.admin.object_id}.{hosts.TENANT_ID}"


@pytest.mark.parametrize(
    "authority",
    [
        f"{LOGIN}/{hosts.TENANT_DOMAIN}",
        f"{LOGIN}/{hosts.TENANT_ID}",
        f"{LOGIN}/common",
    ],
)
def test_other_authorities(sandbox, public_app, authority):
    result = _sign_in(public_app(authority=authority), sandbox)
    assert "access_token" in result, result


def test_wrong_password(sandbox, public_app):
    result = _sign_in(public_app(), sandbox, password="not-the-password")
    assert result["error"] == "invalid_grant"
    assert result["error_codes"] == [50126]
    assert result["error_description"].startswith("AADSTS50126: Error validating credentials")
    for key in ("timestamp", "trace_id", "correlation_id", "error_uri"):
        assert key in result


def test_unknown_user(sandbox, public_app):
    result = _sign_in(public_app(), sandbox, upn=f"nobody@{hosts.TENANT_DOMAIN}", password="x")
    assert result["error"] == "invalid_grant" and result["error_codes"] == [50034]


def test_mfa_user_gets_the_claims_challenge(sandbox, public_app):
    result = _sign_in(public_app(), sandbox, upn=sandbox.directory.mfa_user.name)
    assert result["error"] == "invalid_grant"
    assert result["error_codes"] == [50076]
    assert "AADSTS50076" in result["error_description"]
    assert "multi-factor authentication" in result["error_description"]
    assert result["suberror"] == "basic_action"
    assert "capolids" in json.loads(result["claims"])["access_token"]


def test_unknown_client(sandbox, http):
    app = msal.PublicClientApplication(
        "11111111-2222-3333-4444-555555555555",
        authority=f"{LOGIN}/organizations",
        http_client=http,
        instance_discovery=False,
    )
    result = _sign_in(app, sandbox)
    assert result["error"] == "unauthorized_client" and result["error_codes"] == [700016]


def test_unknown_tenant_fails_discovery(sandbox, public_app):
    with pytest.raises(ValueError, match="Unable to get authority configuration") as caught:
        public_app(authority=f"{LOGIN}/fabrikam.onmicrosoft.com")
    assert "AADSTS90002" in str(caught.value.__context__)


def test_silent_refresh_after_expiry(make_sandbox):
    # A 60 s token is one msal already treats as expired (it refreshes under 5 minutes left).
    sandbox = make_sandbox(token_lifetime=60)
    with client_for(sandbox) as http:
        app = msal.PublicClientApplication(
            hosts.MODULE_CLIENT_ID, authority=f"{LOGIN}/organizations", http_client=http,
            instance_discovery=False,
        )  # fmt: skip
        first = _sign_in(app, sandbox)
        sandbox.clock.advance(61)
        with pytest.raises(Exception) as caught:
            sandbox.tokens.verify(first["access_token"], [hosts.EXCHANGE_RESOURCE])
        assert caught.value.reason == "expired"
        sandbox.log.clear()
        (account,) = app.get_accounts()
        second = app.acquire_token_silent(scope(), account=account)
        assert second and second["access_token"] != first["access_token"]
        assert sandbox.tokens.verify(second["access_token"], [hosts.EXCHANGE_RESOURCE])
        (posted,) = sandbox.log.entries(path_contains="/oauth2/v2.0/token")
        assert "grant_type=refresh_token" in posted.body
        cached = app.token_cache.find(msal.TokenCache.CredentialType.ACCESS_TOKEN)
        assert [c["secret"] for c in cached] == [second["access_token"]]


def test_forced_refresh_gives_a_token_valid_on_the_moved_clock(sandbox, public_app):
    app = public_app()
    first = _sign_in(app, sandbox)
    sandbox.clock.advance(2 * 3600)
    (account,) = app.get_accounts()
    # Without force_refresh msal would hand back its cached token: its own clock did not move.
    assert (
        app.acquire_token_silent(scope(), account=account)["access_token"] == first["access_token"]
    )
    second = app.acquire_token_silent(scope(), account=account, force_refresh=True)
    assert sandbox.tokens.verify(second["access_token"], [hosts.EXCHANGE_RESOURCE])


def test_one_refresh_token_serves_both_services(sandbox, public_app):
    app = public_app()
    _sign_in(app, sandbox)
    (account,) = app.get_accounts()
    result = app.acquire_token_silent(scope(hosts.COMPLIANCE_RESOURCE), account=account)
    claims = sandbox.tokens.verify(result["access_token"], [hosts.COMPLIANCE_RESOURCE])
    assert claims["upn"] == sandbox.directory.admin_upn
    search = app.acquire_token_silent(scope(hosts.SEARCH_RESOURCE), account=account)
    assert sandbox.tokens.verify(search["access_token"], [hosts.SEARCH_RESOURCE])


def test_refresh_token_expires_after_90_idle_days(sandbox, public_app):
    app = public_app()
    _sign_in(app, sandbox)
    sandbox.clock.advance(91 * 24 * 3600)
    (account,) = app.get_accounts()
    result = app.acquire_token_silent_with_error(scope(), account=account, force_refresh=True)
    assert result["error"] == "invalid_grant" and result["error_codes"] == [700082]
