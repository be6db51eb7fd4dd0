"""Sign-in with msal for every method Connect-ExchangeOnline offers (protocol §1.3, §5.1)."""

from __future__ import annotations

import hashlib
import logging
import threading
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import msal

from sccshell.connection.msalhttp import MsalHttpClient
from sccshell.connection.tokencache import MemoryTokenCache, PersistentTokenCache
from sccshell.connection.tokensource import (
    AccessTokenSource,
    AppTokenSource,
    ManagedIdentityTokenSource,
    SignInError,
    TokenSource,
    UserTokenSource,
    describe,
)

__all__ = [
    "MODULE_CLIENT_ID",
    "SignInError",
    "TokenSource",
    "authority_for",
    "sign_in_access_token",
    "sign_in_certificate",
    "sign_in_device",
    "sign_in_interactive",
    "sign_in_managed_identity",
    "sign_in_password",
]

# The module's public client id (protocol §1.3).
MODULE_CLIENT_ID = "fb78d390-0c51-40cd-8e17-fdbfab77341b"

Cache = PersistentTokenCache | MemoryTokenCache

# msal deprecates the password flow; the module still offers it (-Credential). Filtered once,
# here: warnings.catch_warnings() around each sign-in is not safe when a profile signs its
# connections in on threads side by side.
warnings.filterwarnings(
    "ignore",
    message="This API has been deprecated for public client flows",
    category=DeprecationWarning,
)


def scopes_for(resource: str) -> list[str]:
    return [resource.rstrip("/") + "/.default"]


def authority_for(authority: str, organization: str) -> str:
    """AUTHORITY with its tenant segment replaced by ORGANIZATION (app-only sign-in)."""
    base, _, _tenant = authority.rstrip("/").rpartition("/")
    return f"{base}/{organization}"


def _public_app(
    authority: str, http: httpx.Client, cache: Cache, client_id: str
) -> msal.PublicClientApplication:
    try:
        # instance_discovery=False: the authority comes from the environment table or
        # the user's override, so it is trusted as given (and msal cannot vet others).
        return msal.PublicClientApplication(
            client_id,
            authority=authority,
            http_client=MsalHttpClient(http, authority),
            token_cache=cache.cache,
            instance_discovery=False,
        )
    except ValueError as exc:
        raise SignInError(_discovery_message(authority, exc)) from exc


def _discovery_message(authority: str, exc: BaseException) -> str:
    cause = exc.__context__ or exc.__cause__
    detail = f" ({cause})" if cause else ""
    return f"cannot use the sign-in authority {authority}: {exc}{detail}"


@contextmanager
def _network_errors(action: str) -> Iterator[None]:
    try:
        yield
    except httpx.HTTPError as exc:
        raise SignInError(f"{action}: cannot reach the sign-in service: {exc}") from exc


def _silent_first(
    app: msal.PublicClientApplication, scopes: list[str], user: str | None
) -> dict[str, Any] | None:
    """A token from the saved sign-in of USER (or the only saved account), if any."""
    accounts = app.get_accounts(username=user) if user else app.get_accounts()
    if len(accounts) != 1:
        return None
    result = app.acquire_token_silent_with_error(scopes, accounts[0])
    return result if result and "access_token" in result else None


def _user_source(
    app: msal.PublicClientApplication,
    cache: Cache,
    scopes: list[str],
    user: str | None,
    acquire: Callable[[str | None], dict[str, Any]],
    *,
    renew_by_asking: bool,
) -> UserTokenSource:
    with cache.session(), _network_errors("sign-in failed"):
        result = _silent_first(app, scopes, user)
    if result is None:
        result = acquire(None)
    if "access_token" not in result:
        raise SignInError(describe(result))
    return UserTokenSource(app, cache, scopes, result, acquire if renew_by_asking else None)


# --- interactive ------------------------------------------------------------------------


@contextmanager
def _timeout(seconds: float) -> Iterator[None]:
    try:
        yield
    except msal.oauth2cli.oauth2.BrowserInteractionTimeoutError as exc:
        raise SignInError(
            f"interactive sign-in was not completed within {seconds:g} seconds"
        ) from exc


class _NoBrowserWatch(logging.Handler):
    """msal only logs a warning with the sign-in URL when no browser opens, then waits:
    catch it, end the wait through msal's own listener, and report the URL."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.url: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # msal waits in its own thread: records are matched by text, not by thread.
        if self.url is not None:
            return
        message = record.getMessage()
        marker = "Auth URI: "
        if "no browser" not in message.lower() or marker not in message:
            return
        self.url = message.split(marker, 1)[1].strip()
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.url).query)
        redirect = query.get("redirect_uri", [""])[0]
        if redirect.startswith("http://localhost:"):
            answer = {"error": "browser_unavailable", "state": query.get("state", [""])[0]}
            threading.Thread(target=_post_local, args=(redirect, answer), daemon=True).start()


def _post_local(url: str, fields: dict[str, str]) -> None:
    # To msal's loopback listener directly: never through the caller's proxy.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        opener.open(url, data=urllib.parse.urlencode(fields).encode(), timeout=10).close()
    except OSError:
        pass  # the listener answers 400 for an error response; msal has it anyway


def sign_in_interactive(
    authority: str,
    resource: str,
    http: httpx.Client,
    cache: Cache | None = None,
    *,
    user: str | None = None,
    client_id: str = MODULE_CLIENT_ID,
    timeout: float = 300,
) -> TokenSource:
    """Sign in with the system browser (auth code + PKCE to a loopback listener)."""
    cache = cache or MemoryTokenCache()
    app = _public_app(authority, http, cache, client_id)
    scopes = scopes_for(resource)

    def acquire(claims: str | None) -> dict[str, Any]:
        watch = _NoBrowserWatch()
        logger = logging.getLogger("msal.oauth2cli.authcode")
        logger.addHandler(watch)
        try:
            # The person may take minutes: no cache lock while the browser is open.
            with _network_errors("interactive sign-in failed"), _timeout(timeout):
                result = app.acquire_token_interactive(
                    scopes,
                    login_hint=user,
                    prompt=None if user else msal.Prompt.SELECT_ACCOUNT,
                    claims_challenge=claims,
                    port=0,
                    timeout=timeout,
                )
        finally:
            logger.removeHandler(watch)
        if watch.url is not None:
            raise SignInError(
                "interactive sign-in needs a web browser and none could be opened here "
                f"(sign-in page: {watch.url}); use the device sign-in method instead, "
                "or set BROWSER to a browser command"
            )
        if "access_token" in result:
            _save(cache, app, result)
        return result

    return _user_source(app, cache, scopes, user, acquire, renew_by_asking=True)


def _save(cache: Cache, app: msal.PublicClientApplication, result: dict[str, Any]) -> None:
    # A token got outside a cache session: write it back, merged with what is on disk.
    if isinstance(cache, PersistentTokenCache):
        cache.save_merged()


# --- device code ------------------------------------------------------------------------


def sign_in_device(
    authority: str,
    resource: str,
    http: httpx.Client,
    cache: Cache | None = None,
    *,
    prompt: Callable[[str], None] = print,
    user: str | None = None,
    client_id: str = MODULE_CLIENT_ID,
) -> TokenSource:
    """Sign in with a code the person enters at the service's device login page."""
    cache = cache or MemoryTokenCache()
    app = _public_app(authority, http, cache, client_id)
    scopes = scopes_for(resource)

    def acquire(claims: str | None) -> dict[str, Any]:
        with _network_errors("device sign-in failed"):
            flow = app.initiate_device_flow(scopes, claims_challenge=claims)
            if "user_code" not in flow:
                raise SignInError(describe(flow, "device sign-in could not start"))
            prompt(flow["message"])
            result = app.acquire_token_by_device_flow(flow)
        if "access_token" in result:
            _save(cache, app, result)
        return result

    return _user_source(app, cache, scopes, user, acquire, renew_by_asking=True)


# --- username and password --------------------------------------------------------------


def sign_in_password(
    authority: str,
    resource: str,
    http: httpx.Client,
    user: str,
    password: str,
    cache: Cache | None = None,
    *,
    client_id: str = MODULE_CLIENT_ID,
) -> TokenSource:
    """Sign in with a user name and password (ROPC; not for accounts that need MFA)."""
    cache = cache or MemoryTokenCache()
    app = _public_app(authority, http, cache, client_id)
    scopes = scopes_for(resource)

    def acquire(claims: str | None) -> dict[str, Any]:
        with cache.session(), _network_errors("password sign-in failed"):
            result = app.acquire_token_by_username_password(
                user, password, scopes, claims_challenge=claims
            )
        if "access_token" not in result:
            raise SignInError(describe(result, f"password sign-in of {user} failed"))
        return result

    # When the saved sign-in cannot be renewed (revoked, or another tenant instance), sign
    # in again with the same password: no person is asked.
    return _user_source(app, cache, scopes, user, acquire, renew_by_asking=True)


# --- certificate (app-only) -------------------------------------------------------------


def _certificate_credential(
    pfx_path: str | Path | None,
    pfx_password: str | None,
    cert_path: str | Path | None,
    key_path: str | Path | None,
    key_password: str | None,
) -> dict[str, Any]:
    if pfx_path is not None:
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            # Opened here first so a wrong password is named as such.
            pkcs12.load_key_and_certificates(
                Path(pfx_path).read_bytes(), pfx_password.encode() if pfx_password else None
            )
        except OSError as exc:
            raise SignInError(f"cannot read the certificate file {pfx_path}: {exc}") from exc
        except ValueError as exc:
            raise SignInError(
                f"cannot open the certificate file {pfx_path}: wrong password or not a PFX file"
            ) from exc
        return {"private_key_pfx_path": str(pfx_path), "passphrase": pfx_password}
    if cert_path is None:
        raise SignInError("certificate sign-in needs a .pfx file or a PEM certificate and key")
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        cert_pem = Path(cert_path).read_text()
        key_pem = Path(key_path).read_text() if key_path is not None else cert_pem
        cert = x509.load_pem_x509_certificate(cert_pem.encode())
    except (OSError, ValueError) as exc:
        raise SignInError(f"cannot read the certificate: {exc}") from exc
    if "PRIVATE KEY" not in key_pem:
        raise SignInError(f"no private key in {key_path or cert_path}")
    # msal names the key by its certificate's SHA-1 thumbprint (x5t).
    thumbprint = hashlib.sha1(cert.public_bytes(Encoding.DER)).hexdigest()  # noqa: S324
    credential: dict[str, Any] = {"private_key": key_pem, "thumbprint": thumbprint}
    if key_password:
        credential["passphrase"] = key_password
    return credential


def sign_in_certificate(
    authority: str,
    resource: str,
    http: httpx.Client,
    app_id: str,
    organization: str,
    cache: Cache | None = None,
    *,
    pfx_path: str | Path | None = None,
    pfx_password: str | None = None,
    cert_path: str | Path | None = None,
    key_path: str | Path | None = None,
    key_password: str | None = None,
) -> TokenSource:
    """App-only sign-in with a certificate: a PFX file, or a PEM certificate and key."""
    cache = cache or MemoryTokenCache()
    credential = _certificate_credential(pfx_path, pfx_password, cert_path, key_path, key_password)
    tenant_authority = authority_for(authority, organization)
    try:
        app = msal.ConfidentialClientApplication(
            app_id,
            client_credential=credential,
            authority=tenant_authority,
            http_client=MsalHttpClient(http, tenant_authority),
            token_cache=cache.cache,
            instance_discovery=False,
        )
    except ValueError as exc:
        raise SignInError(_discovery_message(tenant_authority, exc)) from exc
    except Exception as exc:  # a wrong PFX password or a damaged key, from cryptography
        raise SignInError(f"cannot use the certificate: {exc}") from exc
    source = AppTokenSource(app, cache, scopes_for(resource), app_id)
    with _network_errors("certificate sign-in failed"):
        source.token()
    return source


# --- access token, managed identity -----------------------------------------------------


def sign_in_access_token(access_token: str) -> TokenSource:
    """Use a token obtained elsewhere as it is; it cannot be renewed."""
    source = AccessTokenSource(access_token)
    source.token()  # fails at once for an expired token
    return source


def sign_in_managed_identity(
    resource: str,
    http: httpx.Client,
    cache: Cache | None = None,
    *,
    client_id: str | None = None,
) -> TokenSource:
    """The system-assigned managed identity, or the user-assigned one with CLIENT_ID."""
    cache = cache or MemoryTokenCache()
    identity: Any = (
        msal.UserAssignedManagedIdentity(client_id=client_id)
        if client_id
        else msal.SystemAssignedManagedIdentity()
    )
    client = msal.ManagedIdentityClient(
        identity, http_client=MsalHttpClient(http), token_cache=cache.cache
    )
    source = ManagedIdentityTokenSource(client, cache, resource)
    try:
        with _network_errors("managed identity sign-in failed"):
            source.token()
    except msal.ManagedIdentityError as exc:
        raise SignInError(f"managed identity sign-in failed: {exc}") from exc
    return source
