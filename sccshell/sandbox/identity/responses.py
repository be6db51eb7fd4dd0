"""Successful token endpoint answers (v2.0 shape)."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.directory import Account
from sccshell.sandbox.identity.clients import Client
from sccshell.sandbox.identity.jws import b64url_encode
from sccshell.sandbox.identity.scopes import ScopeRequest
from sccshell.sandbox.identity.tokens import IssuedToken, TokenService


def client_info(account: Account) -> str:
    """base64url({"uid","utid"}): msal keys its cached accounts on it."""
    payload = {"uid": account.object_id, "utid": hosts.TENANT_ID}
    return b64url_encode(json.dumps(payload, separators=(",", ":")).encode("utf-8"))


def _common(issued: IssuedToken) -> dict[str, Any]:
    return {
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        # Entra's extended lifetime for outages; the sandbox has no outages to bridge.
        "ext_expires_in": issued.expires_in,
        "access_token": issued.token,
    }


def user_tokens(
    tokens: TokenService,
    account: Account,
    client: Client,
    scopes: ScopeRequest,
    *,
    nonce: str | None = None,
    want_client_info: bool = False,
    amr: Collection[str] = ("pwd",),
) -> dict[str, Any]:
    """Access token, and refresh / ID token and client_info as the request asked for them."""
    issued = tokens.issue(account, scopes.resource, client=client, amr=amr)
    body = {"scope": scopes.granted(), **_common(issued)}
    if scopes.wants_refresh_token:
        body["refresh_token"] = tokens.refresh_token(account, client)
    if scopes.wants_id_token:
        body["id_token"] = tokens.id_token(account, client, nonce=nonce, amr=amr)
    if want_client_info:
        body["client_info"] = client_info(account)
    return body


def app_tokens(tokens: TokenService, account: Account, resource: str) -> dict[str, Any]:
    """An app-only answer: an access token and nothing else (no refresh or ID token)."""
    return _common(tokens.issue(account, resource))


def amr_for(account: Account, interactive: bool) -> tuple[str, ...]:
    """How a user proved themselves: a password, plus MFA on interactive pages when required."""
    return ("pwd", "mfa") if interactive and account.mfa_required else ("pwd",)
