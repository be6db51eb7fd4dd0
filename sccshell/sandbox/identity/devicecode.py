"""The device code flow (RFC 8628 as Entra serves it): codes, the devicelogin page, polling.

protocol §1.3: -Device signs in with it; the user opens the devicelogin page (Entra's is
https://microsoft.com/devicelogin, the sandbox's is on its login host).
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Any

from sccshell.sandbox.directory import Account
from sccshell.sandbox.http import Request, Response
from sccshell.sandbox.identity import pages
from sccshell.sandbox.identity.clients import Client
from sccshell.sandbox.identity.errors import OAuthError, invalid_grant
from sccshell.sandbox.identity.scopes import ScopeRequest

LIFETIME = 900  # seconds a device code lives, as Entra's
# Entra asks for 5 s between polls; the sandbox asks for 1 s so tests finish quickly.
# Clients must honour whatever interval they are given (RFC 8628 §3.5).
POLL_INTERVAL = 1
_USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class DeviceAuthorization:
    device_code: str
    user_code: str
    client: Client
    scopes: ScopeRequest
    expires_at: float
    account: Account | None = None  # set when a user approves it
    declined: bool = False
    redeemed: bool = False


class DeviceCodes:
    """Pending device authorizations, by device code and by user code."""

    def __init__(self, clock: Any) -> None:
        self._clock = clock
        self._by_device: dict[str, DeviceAuthorization] = {}
        self._by_user: dict[str, DeviceAuthorization] = {}
        self._lock = threading.Lock()

    def start(self, client: Client, scopes: ScopeRequest) -> DeviceAuthorization:
        with self._lock:
            while True:
                user_code = "".join(secrets.choice(_USER_CODE_ALPHABET) for _ in range(9))
                if user_code not in self._by_user:
                    break
            auth = DeviceAuthorization(
                device_code=secrets.token_urlsafe(48),
                user_code=user_code,
                client=client,
                scopes=scopes,
                expires_at=self._clock.time() + LIFETIME,
            )
            self._by_device[auth.device_code] = auth
            self._by_user[user_code] = auth
            return auth

    def expired(self, auth: DeviceAuthorization) -> bool:
        return self._clock.time() >= auth.expires_at

    def by_user_code(self, user_code: str) -> DeviceAuthorization | None:
        normalized = user_code.replace("-", "").replace(" ", "").upper()
        with self._lock:
            return self._by_user.get(normalized)

    def approve(self, user_code: str, account: Account) -> None:
        """Approve USER_CODE as ACCOUNT; KeyError if unknown, ValueError if expired or used."""
        auth = self.by_user_code(user_code)
        if auth is None:
            raise KeyError(user_code)
        with self._lock:
            if self.expired(auth) or auth.redeemed:
                raise ValueError(f"device code {user_code} has expired or was used")
            auth.account = account

    def decline(self, user_code: str) -> None:
        auth = self.by_user_code(user_code)
        if auth is None:
            raise KeyError(user_code)
        with self._lock:
            auth.declined = True

    def redeem(
        self, device_code: str, client: Client, auto_approver: Account | None
    ) -> DeviceAuthorization:
        """The approved authorization for a poll; OAuthError while pending or when it cannot be."""
        with self._lock:
            auth = self._by_device.get(device_code)
            if auth is None or auth.client.client_id != client.client_id:
                raise invalid_grant(
                    70000, "The provided value for the input parameter 'device_code' is not valid."
                )
            if auth.redeemed:
                raise invalid_grant(
                    54005,
                    "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
                )
            if self.expired(auth):
                raise OAuthError(
                    400,
                    "expired_token",
                    70020,
                    "The provided value for the input parameter 'device_code' is not valid. "
                    "This device code has expired.",
                )
            if auth.declined:
                raise OAuthError(
                    400,
                    "authorization_declined",
                    70000,
                    "The user has declined the authorization request.",
                )
            if auth.account is None and auto_approver is not None:
                auth.account = auto_approver  # --auto-approve: the admin approves at once
            if auth.account is None:
                raise OAuthError(
                    400,
                    "authorization_pending",
                    70016,
                    "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
                )
            auth.redeemed = True
            return auth


def device_code_answer(auth: DeviceAuthorization, verification_uri: str) -> dict[str, Any]:
    """The devicecode endpoint's answer, worded as Entra's."""
    return {
        "user_code": auth.user_code,
        "device_code": auth.device_code,
        "verification_uri": verification_uri,
        "expires_in": LIFETIME,
        "interval": POLL_INTERVAL,
        "message": (
            f"To sign in, use a web browser to open the page {verification_uri} and enter the "
            f"code {auth.user_code} to authenticate."
        ),
    }


def device_login(request: Request, codes: DeviceCodes, directory: Any, action: str) -> Response:
    """GET shows the page; POST takes the code, the account and its password, and approves."""
    if request.method != "POST":
        return pages.device_login_form(action, request.query.get("otc", ""))
    form = request.form()
    code = form.get("otc", "").strip()
    auth = codes.by_user_code(code)
    if auth is None:
        return pages.device_login_form(
            action, code, "That code didn't work. Check the code and try again."
        )
    if codes.expired(auth) or auth.redeemed:
        return pages.device_login_form(
            action,
            code,
            "The code that you entered has expired. Get a new code from the device you're "
            "trying to sign in to and try again.",
        )
    account = directory.user(form.get("login", ""))
    if account is None or not directory.check_password(account, form.get("passwd", "")):
        return pages.device_login_form(
            action,
            code,
            "Your account or password is incorrect. If you don't remember your password, reset it now.",
        )
    # The page stands in for the whole browser sign-in, MFA prompt included.
    codes.approve(code, account)
    return pages.device_login_done(auth.client.display_name)
