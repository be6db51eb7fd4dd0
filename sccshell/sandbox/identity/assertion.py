"""Client assertions (RFC 7523 private_key_jwt): how an app proves it holds its certificate."""

from __future__ import annotations

import time
from collections.abc import Collection
from datetime import datetime, timezone

from sccshell.sandbox.identity import jws
from sccshell.sandbox.identity.clients import Client
from sccshell.sandbox.identity.errors import OAuthError, invalid_client
from sccshell.sandbox.identity.keys import KeyPair

_SKEW = 300  # Entra tolerates five minutes between the client's clock and its own
_DOCS = "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials ."


def check_client_assertion(
    assertion: str, client: Client, certificates: Collection[KeyPair], audiences: Collection[str]
) -> None:
    """Accept ASSERTION as CLIENT's proof, or raise the OAuthError Entra would answer.

    AUDIENCES are the token endpoint URLs (lower case) the `aud` claim may name.
    """
    try:
        parsed = jws.parse(assertion)
    except jws.MalformedToken:
        raise OAuthError(
            400, "invalid_request", 50027, "JWT token is invalid or malformed."
        ) from None
    claims = parsed.claims
    if claims.get("iss") != client.client_id or claims.get("sub") != client.client_id:
        raise invalid_client(
            700021,
            f"Client assertion application identifier doesn't match 'client_id' parameter. {_DOCS}",
        )
    if str(claims.get("aud", "")).lower() not in audiences:
        raise invalid_client(
            700023, f"Client assertion audience claim does not match Realm issuer. {_DOCS}"
        )
    _check_time(claims)

    # msal names the key by x5t#S256 (PS256) or x5t (RS256); Entra looks the key up by it.
    # msal keeps base64 padding on the thumbprint ("…="); compare without it.
    used = str(parsed.header.get("x5t#S256") or parsed.header.get("x5t") or "").rstrip("=")
    certificate = next((c for c in certificates if used in (c.x5t, c.x5t_s256)), None)
    shown = _thumbprint_hex(used)
    if certificate is None:
        raise invalid_client(
            700027,
            "The certificate with identifier used to sign the client assertion is not registered "
            f"on application. [Reason - The key was not found., Thumbprint of key used by client: "
            f"'{shown}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to "
            f"see configured keys for app Id '{client.client_id}'.]",
        )
    if not parsed.signed_by(certificate.public_key):
        raise invalid_client(
            700027,
            "Client assertion failed signature validation. [Reason - The provided signature value "
            f"did not match the expected signature value., Thumbprint of key used by client: '{shown}']",
        )


def _check_time(claims: dict) -> None:
    # Compared with the real clock, not the sandbox clock: the client minted the assertion
    # with its own clock, which a test cannot move, so a moved sandbox clock would invent a
    # skew that does not exist between real machines.
    now = time.time()
    exp = claims.get("exp")
    nbf = claims.get("nbf", claims.get("iat"))
    if (
        not isinstance(exp, (int, float))
        or exp + _SKEW < now
        or (isinstance(nbf, (int, float)) and nbf - _SKEW > now)
    ):
        raise invalid_client(
            700024,
            f"Client assertion is not within its valid time range. Current time: {_iso(now)}, "
            f"assertion valid from {_iso(nbf)}, expiry time of assertion {_iso(exp)}. {_DOCS}",
        )


def _iso(value: object) -> str:
    if not isinstance(value, (int, float)):
        return "(none)"
    return datetime.fromtimestamp(value, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.0000000Z")


def _thumbprint_hex(x5t: str) -> str:
    try:
        return jws.b64url_decode(x5t).hex().upper()
    except jws.MalformedToken:
        return x5t
