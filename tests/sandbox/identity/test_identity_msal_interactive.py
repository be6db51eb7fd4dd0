"""msal's interactive flow (auth code + PKCE, form_post to its loopback listener) and the
authorization endpoint's own rules."""

from __future__ import annotations

import base64
import hashlib
import json
import webbrowser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from identity_helpers import LOGIN, client_for, scope
from sandbox_browser import SandboxBrowser

from sccshell.sandbox import hosts
from sccshell.sandbox.identity.jws import b64url_decode

AUTHORIZE = f"{LOGIN}/organizations/oauth2/v2.0/authorize"
TOKEN = f"{LOGIN}/organizations/oauth2/v2.0/token"


@pytest.fixture
def use_browser(monkeypatch):
    """Make BROWSER the default webbrowser controller for this test only."""

    def install(browser: SandboxBrowser) -> SandboxBrowser:
        monkeypatch.delenv("BROWSER", raising=False)
        monkeypatch.setattr(webbrowser, "_tryorder", [browser.name])
        monkeypatch.setattr(webbrowser, "_browsers", {browser.name.lower(): [None, browser]})
        return browser

    return install


def test_auto_approve_redirects_to_msal_at_once(sandbox, public_app, use_browser):
    browser = use_browser(SandboxBrowser(sandbox))
    app = public_app()
    result = app.acquire_token_interactive(scope(), timeout=20)
    assert not browser.failures, browser.failures
    assert "access_token" in result, result
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    assert claims["upn"] == sandbox.directory.admin_upn
    assert app.get_accounts()[0]["username"] == sandbox.directory.admin_upn
    # The answer went to msal's own listener on localhost (response_mode=form_post).
    assert browser.visited[-1].startswith("http://localhost:")


def test_login_hint_picks_the_user(sandbox, public_app, use_browser):
    use_browser(SandboxBrowser(sandbox))
    helpdesk = sandbox.directory.helpdesk.name
    result = public_app().acquire_token_interactive(scope(), login_hint=helpdesk, timeout=20)
    assert (
        sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])["upn"] == helpdesk
    )


def test_sign_in_form_for_the_mfa_user(make_sandbox, app_for, use_browser):
    sandbox = make_sandbox(auto_approve=False)
    user = sandbox.directory.mfa_user.name
    browser = use_browser(SandboxBrowser(sandbox, (user, sandbox.directory.mfa_password)))
    result = app_for(sandbox).acquire_token_interactive(
        scope(hosts.COMPLIANCE_RESOURCE), timeout=20
    )
    assert not browser.failures, browser.failures
    claims = sandbox.tokens.verify(result["access_token"], [hosts.COMPLIANCE_RESOURCE])
    assert claims["upn"] == user and claims["amr"] == ["pwd", "mfa"]
    assert result["id_token_claims"]["preferred_username"] == user


# --- the endpoint directly ----------------------------------------------------------------


def _pkce() -> tuple[str, str]:
    verifier = "sandbox-verifier-" + "x" * 40
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _authorize(http, **params):
    query = {
        "client_id": hosts.MODULE_CLIENT_ID,
        "response_type": "code",
        "redirect_uri": "http://localhost:8400",
        "scope": f"{hosts.EXCHANGE_RESOURCE}/.default openid offline_access profile",
        "state": "st4te",
        **params,
    }
    return http.get(AUTHORIZE + "?" + urlencode(query))


def _code_of(response) -> str:
    assert response.status_code == 302, response.text
    answer = parse_qs(urlsplit(response.headers["location"]).query)
    assert answer["state"] == ["st4te"]
    return answer["code"][0]


def _redeem(http, code, verifier, redirect_uri="http://localhost:8400"):
    return http.post(
        TOKEN,
        data={
            "client_id": hosts.MODULE_CLIENT_ID,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
            "scope": f"{hosts.EXCHANGE_RESOURCE}/.default openid offline_access profile",
            "client_info": "1",
        },
    )


def test_query_mode_code_redeems_once_with_the_right_verifier(sandbox, http):
    verifier, challenge = _pkce()
    code = _code_of(
        _authorize(http, code_challenge=challenge, code_challenge_method="S256", nonce="n-0S6")
    )
    wrong = _redeem(http, code, "another-verifier-" + "y" * 40)
    assert wrong.status_code == 400 and wrong.json()["error_codes"] == [501481]
    code = _code_of(
        _authorize(http, code_challenge=challenge, code_challenge_method="S256", nonce="n-0S6")
    )
    answer = _redeem(http, code, verifier)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {"access_token", "refresh_token", "id_token", "client_info", "scope"} <= set(body)
    assert f"{hosts.EXCHANGE_RESOURCE}/.default" in body["scope"].split()
    id_token = json.loads(b64url_decode(body["id_token"].split(".")[1]))
    assert id_token["nonce"] == "n-0S6" and id_token["aud"] == hosts.MODULE_CLIENT_ID
    assert id_token["iss"] == f"{LOGIN}/{hosts.TENANT_ID}/v2.0"
    reused = _redeem(http, code, verifier)
    assert reused.json()["error_codes"] == [54005]


def test_redirect_uri_must_match_and_code_expires(sandbox, http):
    verifier, challenge = _pkce()
    code = _code_of(_authorize(http, code_challenge=challenge, code_challenge_method="S256"))
    mismatch = _redeem(http, code, verifier, redirect_uri="http://localhost:9999")
    assert mismatch.json()["error_codes"] == [500112]
    code = _code_of(_authorize(http, code_challenge=challenge, code_challenge_method="S256"))
    sandbox.clock.advance(601)
    assert _redeem(http, code, verifier).json()["error_codes"] == [70008]


def test_errors_shown_rather_than_redirected(http):
    bad_redirect = _authorize(http, redirect_uri="https://evil.example/callback")
    assert bad_redirect.status_code == 400 and "AADSTS50011" in bad_redirect.text
    unknown_client = _authorize(http, client_id="11111111-2222-3333-4444-555555555555")
    assert unknown_client.status_code == 400 and "AADSTS700016" in unknown_client.text
    unknown_tenant = http.get(f"{LOGIN}/fabrikam.com/oauth2/v2.0/authorize")
    assert "AADSTS90002" in unknown_tenant.text


def test_without_auto_approve(make_sandbox):
    sandbox = make_sandbox(auto_approve=False)
    with client_for(sandbox) as http:
        silent = _authorize(http, prompt="none")
        answer = parse_qs(urlsplit(silent.headers["location"]).query)
        assert answer["error"] == ["login_required"]
        form = _authorize(http, login_hint=sandbox.directory.admin_upn)
        assert form.status_code == 200 and "type='password'" in form.text
        assert sandbox.directory.admin_upn in form.text
        bad_scope = _authorize(http, scope="https://graph.microsoft.com/.default")
        assert parse_qs(urlsplit(bad_scope.headers["location"]).query)["error"] == [
            "invalid_resource"
        ]
