"""Token sources: what a connection asks for a bearer token before each request."""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any, Protocol

import msal

from sccshell.connection.tokencache import MemoryTokenCache, PersistentTokenCache
from sccshell.errors import SignInFailed


class SignInError(SignInFailed):
    """A sign-in that failed, with a message a person can act on."""


class TokenSource(Protocol):
    expires_on: float  # epoch seconds of the current token
    tenant_id: str
    account: str  # UPN for users, app (client) id for apps and managed identities
    is_app: bool

    def token(self, force_refresh: bool = False, claims: str | None = None) -> str: ...


def jwt_claims(token: str) -> dict[str, Any]:
    """The claims of a JWT, read without verifying it (the service verifies)."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except (IndexError, ValueError, binascii.Error):
        return {}
    return claims if isinstance(claims, dict) else {}


_HINTS = {
    50034: "the user account does not exist in this tenant; check the user name",
    50053: "the account is locked after too many failed sign-ins; wait and try again",
    50055: "the password has expired; change it in a browser, then sign in again",
    50057: "the account is disabled",
    50076: "this account needs multi-factor authentication, which password sign-in "
    "cannot do; use the interactive or device sign-in method instead",
    50079: "this account must register for multi-factor authentication, which password "
    "sign-in cannot do; use the interactive or device sign-in method instead",
    50126: "wrong user name or password",
    700016: "the application (client) id is not known in this tenant; check app_id",
    700027: "the certificate is not registered for this application; check the certificate",
    700082: "the saved sign-in has expired after a long idle time; sign in again",
    7000215: "the client secret is wrong",
    90002: "the tenant was not found; check the organization name",
}


def describe(result: dict[str, Any], action: str = "sign-in failed") -> str:
    """One message from an msal error result: the AADSTS code, a hint, the service's text."""
    codes = result.get("error_codes") or []
    text = (result.get("error_description") or "").strip().splitlines()
    first = text[0] if text else ""
    error = result.get("error") or "error"
    for code in codes:
        if code in _HINTS:
            return f"{action}: AADSTS{code}: {_HINTS[code]} ({first or error})"
    return f"{action}: {first or error}"


def _failed(result: dict[str, Any] | None) -> bool:
    return not result or "access_token" not in result


class _Source:
    """The bookkeeping shared by all sources: the current token and whose it is."""

    is_app = False

    def __init__(self, cache: PersistentTokenCache | MemoryTokenCache) -> None:
        self._cache = cache
        self._token = ""
        self.expires_on = 0.0
        self.tenant_id = ""
        self.account = ""

    def _take(self, result: dict[str, Any]) -> str:
        token = result["access_token"]
        claims = jwt_claims(token)
        self._token = token
        expires_in = result.get("expires_in")
        if isinstance(expires_in, (int, float)):
            self.expires_on = time.time() + expires_in
        else:
            self.expires_on = float(claims.get("exp", 0))
        id_claims = result.get("id_token_claims") or {}
        self.tenant_id = claims.get("tid") or id_claims.get("tid") or self.tenant_id
        return token

    def _drop_current(self, cache: msal.SerializableTokenCache) -> None:
        # msal has no force_refresh for app tokens: forget the cached one instead.
        for entry in list(cache.search(msal.TokenCache.CredentialType.ACCESS_TOKEN)):
            if entry.get("secret") == self._token:
                cache.remove_at(entry)


class UserTokenSource(_Source):
    """A signed-in user: silent first (msal refreshes with the refresh token)."""

    def __init__(
        self,
        app: msal.PublicClientApplication,
        cache: PersistentTokenCache | MemoryTokenCache,
        scopes: Sequence[str],
        result: dict[str, Any],
        reauthenticate: Callable[[str | None], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(cache)
        self._app = app
        self._scopes = list(scopes)
        self._reauthenticate = reauthenticate
        id_claims = result.get("id_token_claims") or {}
        self.account = id_claims.get("preferred_username") or ""
        self._home_id = _home_account_id(id_claims, result)
        self._take(result)
        if not self.account:
            self.account = jwt_claims(self._token).get("upn", "")

    def _msal_account(self) -> dict[str, Any] | None:
        accounts = self._app.get_accounts(username=self.account or None)
        for account in accounts:
            if self._home_id and account.get("home_account_id") == self._home_id:
                return account
        return accounts[0] if accounts else None

    def token(self, force_refresh: bool = False, claims: str | None = None) -> str:
        with self._cache.session():
            account = self._msal_account()
            result = None
            if account is not None:
                result = self._app.acquire_token_silent_with_error(
                    self._scopes, account, force_refresh=force_refresh, claims_challenge=claims
                )
            if not _failed(result):
                return self._take(result)  # type: ignore[arg-type]
        if self._reauthenticate is not None:
            # Interactive methods ask the person again; the cache is locked only briefly.
            again = self._reauthenticate(claims)
            if _failed(again):
                raise SignInError(describe(again or {}))
            return self._take(again)
        raise SignInError(
            describe(
                result or {"error": "no saved sign-in"},
                f"renewing the token of {self.account} failed",
            )
            + "; sign in again"
        )


def _home_account_id(id_claims: dict[str, Any], result: dict[str, Any]) -> str | None:
    info = result.get("client_info")
    if isinstance(info, str):
        decoded = jwt_claims("x." + info)
        if "uid" in decoded and "utid" in decoded:
            return f"{decoded['uid']}.{decoded['utid']}"
    if id_claims.get("oid") and id_claims.get("tid"):
        return f"{id_claims['oid']}.{id_claims['tid']}"
    return None


class AppTokenSource(_Source):
    """An application signed in with its certificate (client credentials)."""

    is_app = True

    def __init__(
        self,
        app: msal.ConfidentialClientApplication,
        cache: PersistentTokenCache | MemoryTokenCache,
        scopes: Sequence[str],
        app_id: str,
    ) -> None:
        super().__init__(cache)
        self._app = app
        self._scopes = list(scopes)
        self.account = app_id

    def token(self, force_refresh: bool = False, claims: str | None = None) -> str:
        with self._cache.session() as cache:
            if force_refresh:
                self._drop_current(cache)
            result = self._app.acquire_token_for_client(self._scopes, claims_challenge=claims)
        if _failed(result):
            raise SignInError(describe(result or {}, f"sign-in of app {self.account} failed"))
        return self._take(result)


class ManagedIdentityTokenSource(_Source):
    """The Azure managed identity of the machine or service sccshell runs on."""

    is_app = True

    def __init__(
        self,
        client: msal.ManagedIdentityClient,
        cache: PersistentTokenCache | MemoryTokenCache,
        resource: str,
    ) -> None:
        super().__init__(cache)
        self._client = client
        self._resource = resource

    def token(self, force_refresh: bool = False, claims: str | None = None) -> str:
        with self._cache.session() as cache:
            if force_refresh:
                self._drop_current(cache)
            result = self._client.acquire_token_for_client(
                resource=self._resource, claims_challenge=claims
            )
        if _failed(result):
            raise SignInError(describe(result or {}, "managed identity sign-in failed"))
        token = self._take(result)
        claims_of = jwt_claims(token)
        self.account = claims_of.get("appid") or claims_of.get("azp") or claims_of.get("oid", "")
        return token


class AccessTokenSource:
    """A token the caller obtained elsewhere (-AccessToken): used as given, never renewed."""

    def __init__(self, access_token: str) -> None:
        claims = jwt_claims(access_token.strip())
        if not claims:
            raise SignInError("the access token is not a JWT; pass the token itself")
        self._token = access_token.strip()
        self.expires_on = float(claims.get("exp", 0))
        self.tenant_id = claims.get("tid", "")
        user = claims.get("upn") or claims.get("unique_name") or claims.get("preferred_username")
        self.is_app = not user
        self.account = user or claims.get("appid") or claims.get("azp") or ""

    def token(self, force_refresh: bool = False, claims: str | None = None) -> str:
        if self.expires_on and time.time() >= self.expires_on:
            when = datetime.fromtimestamp(self.expires_on, timezone.utc)
            raise SignInError(
                f"the access token expired at {when:%Y-%m-%d %H:%M:%S} UTC; get a new one"
            )
        return self._token
