"""The authorization endpoint (auth code + PKCE) and the redemption of its codes.

protocol §1.3: interactive sign-in is the auth code flow with PKCE, answered to the client's
loopback redirect URI (http://localhost[:port]). msal asks for response_mode=form_post and
its listener takes only that; response_mode=query gets the classic 302.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sccshell.sandbox import hosts
from sccshell.sandbox.directory import Account
from sccshell.sandbox.http import Request, Response, redirect
from sccshell.sandbox.identity import pages
from sccshell.sandbox.identity.clients import Client, find_client, redirect_uri_allowed
from sccshell.sandbox.identity.errors import OAuthError, invalid_grant, tenant_label
from sccshell.sandbox.identity.responses import amr_for, client_info
from sccshell.sandbox.identity.scopes import ScopeRequest, parse_scopes

CODE_LIFETIME = 600  # seconds; Entra's codes are short-lived and single-use
# The request parameters the sign-in form carries through its POST back to this endpoint.
_CARRIED = (
    "client_id", "response_type", "redirect_uri", "scope", "state", "nonce", "response_mode",
    "code_challenge", "code_challenge_method", "prompt", "login_hint", "domain_hint",
    "client_info", "claims", "max_age",
)  # fmt: skip


@dataclass
class AuthorizationCode:
    code: str
    client: Client
    redirect_uri: str
    scopes: ScopeRequest
    account: Account
    code_challenge: str | None
    challenge_method: str
    nonce: str | None
    expires_at: float
    amr: tuple[str, ...]
    redeemed: bool = False


class AuthorizationCodes:
    def __init__(self, clock: Any) -> None:
        self._clock = clock
        self._codes: dict[str, AuthorizationCode] = {}
        self._lock = threading.Lock()

    def add(self, code: AuthorizationCode) -> None:
        with self._lock:
            now = self._clock.time()
            # Forget long-dead codes so a long-running sandbox does not grow without bound.
            for stale in [c for c, v in self._codes.items() if v.expires_at + 3600 < now]:
                del self._codes[stale]
            self._codes[code.code] = code

    def redeem(
        self, code: str, client: Client, redirect_uri: str | None, code_verifier: str | None
    ) -> AuthorizationCode:
        """The code's grant, once; OAuthError in Entra's words otherwise."""
        with self._lock:
            grant = self._codes.get(code)
            if grant is None or grant.client.client_id != client.client_id:
                raise invalid_grant(9002313, "Invalid request. Request is malformed or invalid.")
            if grant.redeemed:
                raise invalid_grant(
                    54005,
                    "OAuth2 Authorization code was already redeemed, please retry with a new "
                    "valid code or use an existing refresh token.",
                )
            if self._clock.time() >= grant.expires_at:
                raise invalid_grant(
                    70008,
                    "The provided authorization code or refresh token has expired due to "
                    "inactivity. Send a new interactive authorization request for this user "
                    "and resource.",
                )
            if (redirect_uri or "") != grant.redirect_uri:
                raise invalid_grant(
                    500112,
                    f"The reply address '{redirect_uri}' does not match the reply address "
                    f"'{grant.redirect_uri}' provided when requesting Authorization code.",
                )
            if grant.code_challenge is not None and not _pkce_matches(
                grant.code_challenge, grant.challenge_method, code_verifier
            ):
                raise OAuthError(
                    400,
                    "invalid_grant",
                    501481,
                    "The Code_Verifier does not match the code_challenge supplied in the "
                    "authorization request.",
                )
            grant.redeemed = True
            return grant


def _pkce_matches(challenge: str, method: str, verifier: str | None) -> bool:
    if not verifier:
        return False
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii", errors="replace")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
        return secrets.compare_digest(computed, challenge)
    return secrets.compare_digest(verifier, challenge)  # "plain"


class Authorizer:
    """GET/POST /<tenant>/oauth2/v2.0/authorize."""

    def __init__(self, sandbox: Any, codes: AuthorizationCodes) -> None:
        self._sandbox = sandbox
        self._codes = codes

    def handle(self, request: Request, tenant: str) -> Response:
        params = dict(request.query)
        form: dict[str, str] = {}
        if request.method == "POST":
            form = request.form()
            params.update({k: v for k, v in form.items() if k in _CARRIED})
        directory = self._sandbox.directory
        login_base = self._sandbox.url_for(hosts.LOGIN)
        client = find_client(directory, params.get("client_id", ""))
        if client is None:
            # Errors about the client or its redirect URI are shown, never redirected.
            return pages.error_page(
                700016,
                f"Application with identifier '{params.get('client_id', '')}' was not found in "
                f"the directory '{tenant_label(tenant)}'.",
            )
        redirect_uri = params.get("redirect_uri", "")
        if not redirect_uri_allowed(client, redirect_uri, login_base):
            return pages.error_page(
                50011,
                f"The redirect URI '{redirect_uri}' specified in the request does not match the "
                f"redirect URIs configured for the application '{client.client_id}'.",
            )
        mode = params.get("response_mode") or "query"
        state = params.get("state")
        if "code" not in params.get("response_type", "").split():
            return self._reply_error(
                redirect_uri, mode, state, "unsupported_response_type", 700054,
                "response_type 'code' is required.",
            )  # fmt: skip
        try:
            scopes = parse_scopes(params.get("scope", ""))
        except OAuthError as exc:
            return self._reply_error(redirect_uri, mode, state, exc.error, exc.code, exc.message)
        method = params.get("code_challenge_method") or "plain"
        challenge = params.get("code_challenge") or None
        if challenge is not None and method not in ("S256", "plain"):
            return self._reply_error(
                redirect_uri, mode, state, "invalid_request", 50148,
                "The code_challenge_method must be S256 or plain.",
            )  # fmt: skip

        account = self._signed_in(request, form, params)
        if account is None:
            if params.get("prompt") == "none":
                return self._reply_error(
                    redirect_uri, mode, state, "login_required", 50058,
                    "A silent sign-in request was sent but no user is signed in.",
                )  # fmt: skip
            error = ""
            if request.method == "POST" and "login" in form:
                error = "Your account or password is incorrect. If you don't remember your password, reset it now."
            carried = {k: params[k] for k in _CARRIED if k in params}
            action = f"{login_base}/{tenant}/oauth2/v2.0/authorize"
            return pages.sign_in_form(
                action, carried, form.get("login") or params.get("login_hint", ""), error
            )

        code = AuthorizationCode(
            code=secrets.token_urlsafe(48),
            client=client,
            redirect_uri=redirect_uri,
            scopes=scopes,
            account=account,
            code_challenge=challenge,
            challenge_method=method,
            nonce=params.get("nonce"),
            expires_at=self._sandbox.clock.time() + CODE_LIFETIME,
            amr=amr_for(account, interactive=True),
        )
        self._codes.add(code)
        answer = {"code": code.code}
        if params.get("client_info") == "1":
            answer["client_info"] = client_info(account)
        if state is not None:
            answer["state"] = state
        answer["session_state"] = str(uuid.uuid4())
        return _reply(redirect_uri, mode, answer)

    def _signed_in(
        self, request: Request, form: dict[str, str], params: dict[str, str]
    ) -> Account | None:
        directory = self._sandbox.directory
        if request.method == "POST" and "login" in form:
            account = directory.user(form.get("login", ""))
            if account is not None and directory.check_password(account, form.get("passwd", "")):
                return account
            return None
        if self._sandbox.config.auto_approve:
            # --auto-approve: the hinted user if there is one, else the admin, at once.
            hinted = directory.user(params.get("login_hint", ""))
            return hinted or directory.admin
        return None

    def _reply_error(
        self, redirect_uri: str, mode: str, state: str | None, error: str, code: int, message: str
    ) -> Response:
        answer = {"error": error, "error_description": f"AADSTS{code}: {message}"}
        if state is not None:
            answer["state"] = state
        return _reply(redirect_uri, mode, answer)


def _reply(redirect_uri: str, mode: str, answer: dict[str, str]) -> Response:
    """Send ANSWER to the client as RESPONSE_MODE says (OAuth 2.0 response modes)."""
    if mode == "form_post":
        return pages.form_post(redirect_uri, answer)
    separator = "#" if mode == "fragment" else ("&" if "?" in redirect_uri else "?")
    return redirect(redirect_uri + separator + urlencode(answer))
