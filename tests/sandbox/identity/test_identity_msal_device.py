"""msal's device code flow against the sandbox: auto-approval, approval by API and by page."""

from __future__ import annotations

import html
import threading
import time

from identity_helpers import LOGIN, client_for, scope

from sccshell.sandbox import hosts


def test_auto_approve_signs_the_admin_in_at_the_first_poll(sandbox, public_app):
    app = public_app()
    flow = app.initiate_device_flow(scope())
    assert flow["verification_uri"] == f"{LOGIN}/devicelogin"
    assert flow["interval"] == 1 and flow["expires_in"] == 900
    assert flow["message"] == (
        f"To sign in, use a web browser to open the page {LOGIN}/devicelogin and enter the "
        f"code {flow['user_code']} to authenticate."
    )
    started = time.monotonic()
    result = app.acquire_token_by_device_flow(flow)
    assert time.monotonic() - started < 1
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    assert claims["upn"] == sandbox.directory.admin_upn
    assert app.get_accounts()[0]["username"] == sandbox.directory.admin_upn


def test_approval_through_the_api_from_another_thread(make_sandbox, app_for):
    sandbox = make_sandbox(auto_approve=False)
    app = app_for(sandbox)
    flow = app.initiate_device_flow(scope(hosts.COMPLIANCE_RESOURCE))
    polls_before = len(sandbox.log.entries(path_contains="/token"))
    assert polls_before == 0

    def approve() -> None:
        # Wait until msal has polled at least once and been told to keep waiting.
        while not sandbox.log.entries(path_contains="/token"):
            time.sleep(0.05)
        sandbox.identity.approve_device_code(flow["user_code"], sandbox.directory.mfa_user.name)

    approver = threading.Thread(target=approve)
    approver.start()
    result = app.acquire_token_by_device_flow(flow)
    approver.join()
    claims = sandbox.tokens.verify(result["access_token"], [hosts.COMPLIANCE_RESOURCE])
    # The MFA user can sign in where the browser can prompt for the second factor.
    assert claims["upn"] == sandbox.directory.mfa_user.name and "mfa" in claims["amr"]
    statuses = [e.status for e in sandbox.log.entries(path_contains="/token")]
    assert statuses[0] == 400 and statuses[-1] == 200


def test_pending_then_expired(make_sandbox, app_for):
    sandbox = make_sandbox(auto_approve=False)
    app = app_for(sandbox)
    flow = app.initiate_device_flow(scope())
    pending = app.acquire_token_by_device_flow(flow, exit_condition=lambda flow: True)
    assert pending["error"] == "authorization_pending" and pending["error_codes"] == [70016]
    sandbox.clock.advance(901)
    result = app.acquire_token_by_device_flow(flow)
    assert result["error"] == "expired_token"


def test_declined(make_sandbox, app_for):
    sandbox = make_sandbox(auto_approve=False)
    app = app_for(sandbox)
    flow = app.initiate_device_flow(scope())
    sandbox.identity.decline_device_code(flow["user_code"])
    assert app.acquire_token_by_device_flow(flow)["error"] == "authorization_declined"


def test_the_devicelogin_page_approves(make_sandbox, app_for):
    sandbox = make_sandbox(auto_approve=False)
    app = app_for(sandbox)
    flow = app.initiate_device_flow(scope())
    with client_for(sandbox) as browser:
        _approve_on_the_page(sandbox, browser, flow)
    result = app.acquire_token_by_device_flow(flow)
    claims = sandbox.tokens.verify(result["access_token"], [hosts.EXCHANGE_RESOURCE])
    assert claims["upn"] == sandbox.directory.helpdesk.name
    # A device code is good for one sign-in only.
    again = app.acquire_token_by_device_flow(flow, exit_condition=lambda flow: True)
    assert again["error"] == "invalid_grant" and again["error_codes"] == [54005]


def _approve_on_the_page(sandbox, browser, flow):
    page = browser.get(flow["verification_uri"])
    assert page.status_code == 200 and "name='otc'" in page.text
    wrong = browser.post(
        flow["verification_uri"],
        data={"otc": flow["user_code"], "login": sandbox.directory.admin_upn, "passwd": "nope"},
    )
    assert wrong.status_code == 400 and "incorrect" in wrong.text
    unknown = browser.post(flow["verification_uri"], data={"otc": "AAAAAAAAA"})
    assert "didn't work" in html.unescape(unknown.text)
    done = browser.post(
        flow["verification_uri"],
        data={
            "otc": flow["user_code"].lower(),
            "login": sandbox.directory.helpdesk.name,
            "passwd": sandbox.directory.helpdesk_password,
        },
    )
    assert done.status_code == 200 and "You have signed in" in done.text
