"""Every sign-in method against the in-process sandbox tenant."""

from __future__ import annotations

import subprocess
import sys
import time
import webbrowser
from pathlib import Path

import httpx
import pytest

from sccshell.connection.auth import (
    SignInError,
    authority_for,
    sign_in_access_token,
    sign_in_certificate,
    sign_in_device,
    sign_in_interactive,
    sign_in_managed_identity,
    sign_in_password,
)
from sccshell.connection.environments import sandbox_environment
from sccshell.connection.msalhttp import MsalHttpClient
from sccshell.sandbox import hosts
from sccshell.sandbox.core import IDENTITY_HOST, Sandbox, SandboxConfig
from sccshell.sandbox.faults import Faults

sys.path.insert(0, str(Path(__file__).parents[1] / "sandbox" / "identity"))
from sandbox_browser import SandboxBrowser  # noqa: E402

ENV = sandbox_environment()
EXO = hosts.EXCHANGE_RESOURCE


def _sandbox(**config) -> Sandbox:
    return Sandbox(SandboxConfig(mailboxes=10, auto_approve=True, **config))


def _client(sb: Sandbox) -> httpx.Client:
    transport = httpx.WSGITransport(app=sb)
    mounts = {f"https://{h}": transport for h in hosts.VHOSTS}
    mounts[f"http://{IDENTITY_HOST}"] = transport
    return httpx.Client(mounts=mounts, trust_env=False, timeout=10)


@pytest.fixture
def sb() -> Sandbox:
    return _sandbox()


@pytest.fixture
def http(sb):
    with _client(sb) as client:
        yield client


def _verify(sb, source, resource=EXO):
    return sb.tokens.verify(source.token(), {resource})


def test_password(sb, http):
    upn = sb.directory.admin_upn
    source = sign_in_password(ENV.authority, EXO, http, upn, sb.directory.password_of(upn))
    assert _verify(sb, source)["upn"] == upn
    assert source.account == upn and not source.is_app
    assert source.tenant_id == hosts.TENANT_ID
    assert time.time() + 3000 < source.expires_on < time.time() + 5500


def test_password_sign_ins_side_by_side_warn_nothing_and_leave_the_filters_alone(sb, http):
    import threading
    import warnings

    upn = sb.directory.admin_upn
    failures: list[BaseException] = []

    def sign_in() -> None:
        try:
            sign_in_password(ENV.authority, EXO, http, upn, sb.directory.password_of(upn))
        except BaseException as err:  # noqa: BLE001 - reported by the test thread
            failures.append(err)

    before = list(warnings.filters)
    threads = [threading.Thread(target=sign_in) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert warnings.filters == before  # nothing left behind by a sign-in on another thread
    # And msal's deprecation of the flow is not shown to the user, even with warnings on.
    code = (
        "import warnings, sccshell.connection.auth\n"
        "warnings.warn('This API has been deprecated for public client flows, please use"
        " a more secure flow.', DeprecationWarning)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-W", "default", "-c", code], capture_output=True, text=True
    )
    assert shown.returncode == 0 and "deprecated" not in shown.stderr


def test_password_of_an_mfa_user(sb, http):
    user = sb.directory.mfa_user.name
    with pytest.raises(SignInError) as caught:
        sign_in_password(ENV.authority, EXO, http, user, sb.directory.mfa_password)
    text = str(caught.value)
    assert "AADSTS50076" in text and "interactive or device" in text


def test_wrong_password(sb, http):
    with pytest.raises(SignInError) as caught:
        sign_in_password(ENV.authority, EXO, http, sb.directory.admin_upn, "nope")
    assert "AADSTS50126" in str(caught.value)
    assert "wrong user name or password" in str(caught.value)


def test_unknown_authority_tenant(sb, http):
    with pytest.raises(SignInError, match="AADSTS90002"):
        sign_in_password(f"https://{hosts.LOGIN}/fabrikam.example", EXO, http, "a@b", "c")


def test_device_code_prints_url_and_code(sb, http):
    shown: list[str] = []
    source = sign_in_device(ENV.authority, EXO, http, prompt=shown.append)
    assert _verify(sb, source)["upn"] == sb.directory.admin_upn
    (message,) = shown
    assert f"https://{hosts.LOGIN}/devicelogin" in message and "enter the code" in message


@pytest.fixture
def browser(sb, monkeypatch):
    chosen = SandboxBrowser(sb)
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", [chosen.name])
    monkeypatch.setattr(webbrowser, "_browsers", {chosen.name.lower(): [None, chosen]})
    return chosen


def test_interactive(sb, http, browser):
    source = sign_in_interactive(ENV.authority, EXO, http, timeout=20)
    assert not browser.failures, browser.failures
    assert _verify(sb, source)["upn"] == sb.directory.admin_upn
    assert source.account == sb.directory.admin_upn


def test_interactive_without_a_browser(sb, http, monkeypatch):
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", [])
    monkeypatch.setattr(webbrowser, "_browsers", {})
    started = time.monotonic()
    with pytest.raises(SignInError) as caught:
        sign_in_interactive(ENV.authority, EXO, http, timeout=20)
    assert time.monotonic() - started < 5
    text = str(caught.value)
    assert f"https://{hosts.LOGIN}/organizations/oauth2/v2.0/authorize?" in text
    assert "device" in text


def _certificate(sb, http, **credential):
    app_id = sb.directory.automation_app.app_id
    return sign_in_certificate(ENV.authority, EXO, http, app_id, hosts.TENANT_DOMAIN, **credential)


def test_certificate_pfx_and_pem(sb, http):
    paths = sb.directory.app_certificate_paths()
    for credential in (
        {"pfx_path": paths["pfx"], "pfx_password": paths["pfx_password"]},
        {"cert_path": paths["pem_cert"], "key_path": paths["pem_key"]},
    ):
        source = _certificate(sb, http, **credential)
        claims = _verify(sb, source)
        assert claims["roles"] == ["Exchange.ManageAsApp"]
        assert source.is_app and source.account == sb.directory.automation_app.app_id
        assert source.tenant_id == hosts.TENANT_ID
        first = source.token()
        assert source.token() == first  # from msal's cache
        assert source.token(force_refresh=True) != first


def test_certificate_wrong_pfx_password(sb, http):
    paths = sb.directory.app_certificate_paths()
    with pytest.raises(SignInError, match="certificate"):
        _certificate(sb, http, pfx_path=paths["pfx"], pfx_password="wrong")


def test_authority_for_organization():
    assert authority_for(ENV.authority, "contoso.onmicrosoft.com") == (
        "https://login.sandbox.test/contoso.onmicrosoft.com"
    )


def test_access_token(sb):
    admin = sb.directory.admin
    source = sign_in_access_token(sb.tokens.mint_for(admin, EXO))
    assert _verify(sb, source)["upn"] == admin.name
    assert source.account == admin.name and not source.is_app
    assert source.tenant_id == hosts.TENANT_ID
    app = sb.directory.automation_app
    app_source = sign_in_access_token(sb.tokens.mint_for(app, EXO))
    assert app_source.is_app and app_source.account == app.app_id


def test_access_token_expiry(sb):
    source = sign_in_access_token(sb.tokens.mint_for(sb.directory.admin, EXO, lifetime=2))
    source.token()
    source.expires_on = time.time() - 1  # as if two seconds had passed
    with pytest.raises(SignInError, match=r"the access token expired at .*; get a new one"):
        source.token()
    with pytest.raises(SignInError, match="expired"):
        sign_in_access_token(sb.tokens.mint_for(sb.directory.admin, EXO, lifetime=-600))
    with pytest.raises(SignInError, match="not a JWT"):
        sign_in_access_token("not-a-token")


@pytest.fixture
def app_service(sb, monkeypatch):
    for name in ("IDENTITY_SERVER_THUMBPRINT", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("IDENTITY_ENDPOINT", f"http://{IDENTITY_HOST}/msi/token")
    monkeypatch.setenv("IDENTITY_HEADER", sb.directory.identity_header)


def test_managed_identity(sb, http, app_service):
    system = sign_in_managed_identity(EXO, http)
    claims = _verify(sb, system)
    assert claims["oid"] == sb.directory.system_identity.object_id and system.is_app
    user_identity = sb.directory.user_identity
    user = sign_in_managed_identity(hosts.COMPLIANCE_RESOURCE, http, client_id=user_identity.app_id)
    assert _verify(sb, user, hosts.COMPLIANCE_RESOURCE)["appid"] == user_identity.app_id
    assert user.account == user_identity.app_id


def test_managed_identity_wrong_header(sb, http, app_service, monkeypatch):
    monkeypatch.setenv("IDENTITY_HEADER", "wrong")
    with pytest.raises(SignInError, match="managed identity"):
        sign_in_managed_identity(EXO, http)


def test_silent_refresh_after_expiry():
    sb = _sandbox(faults=Faults(token_lifetime=60))
    with _client(sb) as http:
        upn = sb.directory.admin_upn
        source = sign_in_password(ENV.authority, EXO, http, upn, sb.directory.password_of(upn))
        first = source.token()
        sb.clock.advance(61)
        second = source.token()
        assert second != first
        assert sb.tokens.verify(second, {EXO})["upn"] == upn
        refreshed = sb.log.entries(path_contains="/oauth2/v2.0/token")
        assert "grant_type=refresh_token" in refreshed[-1].body


def test_password_sign_in_renews_with_its_password_when_the_refresh_token_expired(sb, http):
    upn = sb.directory.admin_upn
    source = sign_in_password(ENV.authority, EXO, http, upn, sb.directory.password_of(upn))
    first = source.token()
    sb.clock.advance(91 * 24 * 3600)  # past the refresh token's 90 idle days (AADSTS700082)
    sb.log.clear()
    renewed = source.token(force_refresh=True)
    assert renewed != first
    assert sb.tokens.verify(renewed, {EXO})["upn"] == upn
    grants = [e.body for e in sb.log.entries(path_contains="/token")]
    assert any("grant_type=password" in body for body in grants)


def test_wrapper_sends_bytes_form_values_decoded():
    seen: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.content)
        return httpx.Response(200, json={})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        wrapped = MsalHttpClient(client)
        wrapped.post("https://x.example/token", data={"client_assertion": b"eyJ.a.b", "n": "1"})
        wrapped.get("https://x.example/", params={"a": "b"}, headers={"h": "v"})
        wrapped.close()
        assert not client.is_closed
    assert seen[0] == b"client_assertion=eyJ.a.b&n=1"
