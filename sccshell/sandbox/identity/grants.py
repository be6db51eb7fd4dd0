"""POST /<tenant>/oauth2/v2.0/token: client authentication and the five grants."""

from __future__ import annotations

import uuid
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.directory import Account
from sccshell.sandbox.http import Request
from sccshell.sandbox.identity.assertion import check_client_assertion
from sccshell.sandbox.identity.authority import token_endpoint_aliases
from sccshell.sandbox.identity.authorize import AuthorizationCodes
from sccshell.sandbox.identity.clients import Client, find_client
from sccshell.sandbox.identity.devicecode import DeviceCodes
from sccshell.sandbox.identity.errors import (
    OAuthError,
    invalid_client,
    invalid_grant,
    missing_parameter,
    tenant_label,
    unknown_client,
)
from sccshell.sandbox.identity.responses import amr_for, app_tokens, user_tokens
from sccshell.sandbox.identity.scopes import parse_scopes
from sccshell.sandbox.identity.tokens import RefreshRejected

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"

# The first-party app id behind each resource, as AADSTS50076 names it (protocol §1.3).
_RESOURCE_APP_IDS = {
    hosts.EXCHANGE_RESOURCE: "00000002-0000-0ff1-ce00-000000000000",
    hosts.COMPLIANCE_RESOURCE: "00000007-0000-0ff1-ce00-000000000000",
}
# The Conditional Access policy that demands MFA of mfa.user (its id as Entra would cite it).
_MFA_POLICY_ID = str(uuid.uuid5(uuid.UUID(hosts.TENANT_ID), "policy/require-mfa"))


class TokenEndpoint:
    def __init__(
        self, sandbox: Any, device_codes: DeviceCodes, auth_codes: AuthorizationCodes
    ) -> None:
        self._sandbox = sandbox
        self._device_codes = device_codes
        self._auth_codes = auth_codes

    def handle(self, request: Request, tenant: str) -> dict[str, Any]:
        """The success body for a token request; OAuthError for every failure."""
        if request.method != "POST":
            raise OAuthError(
                400,
                "invalid_request",
                900561,
                f"The endpoint only accepts POST, OPTIONS requests. Received a {request.method} request.",
            )
        form = request.form()
        grant_type = form.get("grant_type") or ""
        if not grant_type:
            raise missing_parameter("grant_type")
        client_id = form.get("client_id") or ""
        if not client_id:
            raise missing_parameter("client_id")
        client = find_client(self._sandbox.directory, client_id)
        if client is None:
            raise unknown_client(client_id, tenant_label(tenant))
        self._authenticate(client, form, grant_type)

        if grant_type == "client_credentials":
            return self._client_credentials(client, form)
        if not client.public:
            # The sandbox's apps are daemon apps: app-only, no user sign-in.
            raise OAuthError(
                400,
                "unauthorized_client",
                70003,
                f"The app requested an unsupported grant type '{grant_type}'.",
            )
        if grant_type == "password":
            return self._password(client, form)
        if grant_type == "refresh_token":
            return self._refresh(client, form)
        if grant_type == DEVICE_CODE_GRANT:
            return self._device_code(client, form)
        if grant_type == "authorization_code":
            return self._authorization_code(client, form)
        raise OAuthError(
            400,
            "unsupported_grant_type",
            70003,
            f"The app requested an unsupported grant type '{grant_type}'.",
        )

    # --- client authentication ------------------------------------------------------------

    def _authenticate(self, client: Client, form: dict[str, str], grant_type: str) -> None:
        assertion = form.get("client_assertion")
        if client.public:
            if assertion or form.get("client_secret"):
                raise invalid_client(
                    700025,
                    "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
                )
            if grant_type == "client_credentials":
                raise invalid_client(
                    7000218,
                    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
                )
            return
        if form.get("client_secret"):
            # The apps have certificates only; any secret is a wrong one.
            raise invalid_client(
                7000215,
                "Invalid client secret provided. Ensure the secret being sent in the request is "
                f"the client secret value, not the client secret ID, for a secret added to app '{client.client_id}'.",
            )
        if not assertion:
            raise invalid_client(
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            )
        if form.get("client_assertion_type") != JWT_BEARER:
            raise OAuthError(
                400,
                "invalid_request",
                50027,
                "Invalid client_assertion_type; expected " + JWT_BEARER + ".",
            )
        certificate = self._sandbox.directory.app_certificate()
        audiences = token_endpoint_aliases(self._sandbox.url_for(hosts.LOGIN))
        check_client_assertion(assertion, client, [certificate], audiences)

    # --- the grants -------------------------------------------------------------------------

    def _client_credentials(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        # protocol §1.3: -Certificate* + -AppId + -Organization = client credentials with a
        # certificate assertion.
        scopes = parse_scopes(_required(form, "scope"), app_only=True)
        assert client.service_principal is not None
        # An app without Exchange.ManageAsApp still gets a token, with no `roles` claim:
        # Entra does not know what Exchange requires. Exchange refuses that token later
        # (401/403 from the REST layer), as the real service does (protocol §1.3).
        return app_tokens(self._sandbox.tokens, client.service_principal, scopes.resource)

    def _password(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        # protocol §1.3: -Credential / -InlineCredential = the password grant (ROPC).
        username = _required(form, "username")
        password = _required(form, "password")
        scopes = parse_scopes(_required(form, "scope"))
        directory = self._sandbox.directory
        account = directory.user(username)
        if account is None:
            domain = username.rpartition("@")[2].lower()
            where = hosts.TENANT_ID if domain == hosts.TENANT_DOMAIN else domain
            raise invalid_grant(
                50034,
                f"The user account {{EUII Hidden}} does not exist in the {where} directory. To "
                "sign into this application, the account must be added to the directory.",
            )
        if not directory.check_password(account, password):
            raise invalid_grant(
                50126, "Error validating credentials due to invalid username or password."
            )
        if account.mfa_required:
            # protocol §5.1: -Credential is not for MFA accounts; Entra answers with the
            # claims challenge of the Conditional Access policy that wants MFA.
            target = _RESOURCE_APP_IDS.get(scopes.resource, scopes.resource)
            raise invalid_grant(
                50076,
                "Due to a configuration change made by your administrator, or because you moved "
                f"to a new location, you must use multi-factor authentication to access '{target}'.",
                suberror="basic_action",
                claims='{"access_token":{"capolids":{"essential":true,"values":["'
                + _MFA_POLICY_ID
                + '"]}}}',
            )
        return self._user_answer(account, client, form, scopes, amr=("pwd",))

    def _refresh(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        token = _required(form, "refresh_token")
        scopes = parse_scopes(_required(form, "scope"))
        try:
            account = self._sandbox.tokens.redeem_refresh_token(
                token, client, self._sandbox.directory
            )
        except RefreshRejected as exc:
            raise invalid_grant(exc.code, exc.message) from None
        # Rotation: a new refresh token comes with every answer; like Entra, the old one
        # stays valid until it idles out.
        return self._user_answer(account, client, form, scopes, amr=("pwd",))

    def _device_code(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        device_code = form.get("device_code") or form.get("code") or ""
        if not device_code:
            raise missing_parameter("device_code")
        auto = self._sandbox.directory.admin if self._sandbox.config.auto_approve else None
        auth = self._device_codes.redeem(device_code, client, auto)
        assert auth.account is not None
        amr = amr_for(auth.account, interactive=True)
        return self._user_answer(auth.account, client, form, auth.scopes, amr=amr)

    def _authorization_code(self, client: Client, form: dict[str, str]) -> dict[str, Any]:
        code = _required(form, "code")
        grant = self._auth_codes.redeem(
            code, client, form.get("redirect_uri"), form.get("code_verifier")
        )
        scopes = parse_scopes(form["scope"]) if form.get("scope") else grant.scopes
        return self._user_answer(
            grant.account, client, form, scopes, amr=grant.amr, nonce=grant.nonce
        )

    def _user_answer(
        self,
        account: Account,
        client: Client,
        form: dict[str, str],
        scopes: Any,
        *,
        amr: tuple[str, ...],
        nonce: str | None = None,
    ) -> dict[str, Any]:
        return user_tokens(
            self._sandbox.tokens,
            account,
            client,
            scopes,
            nonce=nonce,
            want_client_info=form.get("client_info") == "1",
            amr=amr,
        )


def _required(form: dict[str, str], name: str) -> str:
    value = form.get(name)
    if not value:
        raise missing_parameter(name)
    return value
