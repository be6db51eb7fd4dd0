"""The sign-in front end: routes login.sandbox.test and the managed identity endpoint."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.core import IDENTITY_HOST
from sccshell.sandbox.http import Request, Response, json_response, text_response
from sccshell.sandbox.identity import discovery, pages
from sccshell.sandbox.identity.authority import resolve_tenant
from sccshell.sandbox.identity.authorize import AuthorizationCodes, Authorizer
from sccshell.sandbox.identity.clients import find_client
from sccshell.sandbox.identity.devicecode import DeviceCodes, device_code_answer, device_login
from sccshell.sandbox.identity.errors import (
    OAuthError,
    error_response,
    missing_parameter,
    no_store_headers,
    tenant_label,
    unknown_client,
)
from sccshell.sandbox.identity.grants import TokenEndpoint
from sccshell.sandbox.identity.managed import managed_identity_token
from sccshell.sandbox.identity.scopes import parse_scopes


class IdentityService:
    """The Microsoft identity platform (v2.0 endpoints) as far as sccshell's clients use it."""

    def __init__(self, sandbox: Any) -> None:
        self._sandbox = sandbox
        self.device_codes = DeviceCodes(sandbox.clock)
        self.auth_codes = AuthorizationCodes(sandbox.clock)
        self._token_endpoint = TokenEndpoint(sandbox, self.device_codes, self.auth_codes)
        self._authorizer = Authorizer(sandbox, self.auth_codes)

    # --- for tests ------------------------------------------------------------------------

    def approve_device_code(self, user_code: str, upn: str) -> None:
        """Approve a pending device code as the user UPN (what the devicelogin page does)."""
        account = self._sandbox.directory.user(upn)
        if account is None:
            raise KeyError(upn)
        self.device_codes.approve(user_code, account)

    def decline_device_code(self, user_code: str) -> None:
        self.device_codes.decline(user_code)

    # --- routing --------------------------------------------------------------------------

    @property
    def login_base(self) -> str:
        return self._sandbox.url_for(hosts.LOGIN)

    def handle(self, request: Request) -> Response:
        if request.vhost == IDENTITY_HOST:
            if request.path.rstrip("/").lower() == "/msi/token":
                return managed_identity_token(request, self._sandbox)
            return text_response(404, "Not Found")
        parts = [p for p in request.path.split("/") if p]
        lowered = [p.lower() for p in parts]
        if lowered == ["devicelogin"]:
            return device_login(
                request,
                self.device_codes,
                self._sandbox.directory,
                f"{self.login_base}/devicelogin",
            )
        if lowered[:2] == ["common", "userrealm"]:
            login = "/".join(parts[2:]) or request.query.get("user", "")
            return json_response(
                200, discovery.user_realm(login, request.query.get("api-version", "1.0"))
            )
        if lowered == ["error"]:
            return pages.error_page(
                int(request.query.get("code", "0") or 0), "See the error description.", 200
            )
        if len(parts) < 2:
            return text_response(404, "Not Found")
        return self._tenant_endpoint(request, parts[0], lowered[1:])

    def _tenant_endpoint(self, request: Request, segment: str, rest: list[str]) -> Response:
        try:
            tenant = resolve_tenant(segment)
        except OAuthError as exc:
            if rest[:3] == ["oauth2", "v2.0", "authorize"]:
                return pages.error_page(exc.code, exc.message)
            return self._error(request, exc)
        base = self.login_base
        if rest == ["v2.0", ".well-known", "openid-configuration"]:
            return json_response(200, discovery.openid_configuration(base, tenant))
        if rest == [".well-known", "openid-configuration"]:
            return json_response(200, discovery.openid_configuration_v1(base, tenant))
        if rest in (["discovery", "v2.0", "keys"], ["discovery", "keys"]):
            return json_response(200, self._sandbox.tokens.jwks())
        if rest == ["oauth2", "v2.0", "token"]:
            return self._token(request, tenant)
        if rest == ["oauth2", "v2.0", "devicecode"]:
            return self._device_code(request, tenant)
        if rest == ["oauth2", "v2.0", "authorize"]:
            return self._authorizer.handle(request, tenant)
        if rest == ["oauth2", "v2.0", "logout"]:
            return pages.signed_out()
        if rest == ["oauth2", "nativeclient"]:
            # protocol §1.3: the embedded browser's redirect target; Entra serves a blank page.
            return text_response(200, "", "text/html; charset=utf-8")
        return text_response(404, "Not Found")

    def _token(self, request: Request, tenant: str) -> Response:
        try:
            body = self._token_endpoint.handle(request, tenant)
        except OAuthError as exc:
            return self._error(request, exc)
        return json_response(200, body, no_store_headers(request.headers.get("client-request-id")))

    def _device_code(self, request: Request, tenant: str) -> Response:
        try:
            if request.method != "POST":
                raise OAuthError(
                    400, "invalid_request", 900561, "The endpoint only accepts POST requests."
                )
            form = request.form()
            client_id = form.get("client_id") or ""
            if not client_id:
                raise missing_parameter("client_id")
            client = find_client(self._sandbox.directory, client_id)
            if client is None:
                raise unknown_client(client_id, tenant_label(tenant))
            if not client.public:
                raise OAuthError(
                    401,
                    "invalid_client",
                    7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                )
            scopes = parse_scopes(form.get("scope") or "")
        except OAuthError as exc:
            return self._error(request, exc)
        auth = self.device_codes.start(client, scopes)
        answer = device_code_answer(auth, f"{self.login_base}/devicelogin")
        return json_response(
            200, answer, no_store_headers(request.headers.get("client-request-id"))
        )

    def _error(self, request: Request, exc: OAuthError) -> Response:
        now = self._sandbox.clock.now().strftime("%Y-%m-%d %H:%M:%SZ")
        return error_response(request, self.login_base, now, exc)
