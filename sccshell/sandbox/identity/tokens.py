"""Access, ID and refresh tokens: issued and signed here, verified for the REST layer."""

from __future__ import annotations

import hashlib
import json
import os
import random
import secrets
import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sccshell.sandbox import hosts
from sccshell.sandbox.directory import Account
from sccshell.sandbox.identity import jws
from sccshell.sandbox.identity.clients import MODULE_CLIENT, Client
from sccshell.sandbox.identity.keys import KeyPair, create, load_or_create

# Access tokens for these resources are v1.0 tokens, whose issuer is the STS, not the
# login host (Entra: https://sts.windows.net/<tid>/). An identifier, never fetched.
ACCESS_TOKEN_ISSUER = f"https://sts.sandbox.test/{hosts.TENANT_ID}/"

# The audiences the sandbox issues tokens for (protocol §1.1, §1.2).
RESOURCES = (hosts.EXCHANGE_RESOURCE, hosts.COMPLIANCE_RESOURCE, hosts.SEARCH_RESOURCE)

# protocol §1.3: the module's delegated token carries AdminApi.AccessAsUser.All and other
# pre-authorised scopes (the full list is unconfirmed; these are the ones known by name).
DELEGATED_SCOPES = (
    "AdminApi.AccessAsUser.All",
    "FfoPowerShell.AccessAsUser.All",
    "RemotePowerShell.AccessAsUser.All",
    "VivaFeatures.AccessAsUser.All",
)

# Entra back-dates iat/nbf by five minutes to absorb clock skew between machines.
_BACKDATE = 300
_REFRESH_TOKEN_IDLE = 90 * 24 * 3600  # refresh tokens die after 90 days unused
_ID_TOKEN_LIFETIME = 3600


class TokenRejected(Exception):
    """verify() refused a token; REASON is one of invalid_token, expired, wrong_audience."""

    REASONS = ("invalid_token", "expired", "wrong_audience")

    def __init__(self, reason: str, description: str) -> None:
        assert reason in self.REASONS, reason
        super().__init__(f"{reason}: {description}")
        self.reason = reason
        self.description = description


class RefreshRejected(Exception):
    """A refresh token that cannot be redeemed, with the AADSTS code and message to send."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"AADSTS{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class IssuedToken:
    token: str
    claims: dict[str, Any]
    expires_in: int
    expires_on: int


class TokenService:
    """The sandbox's security token service: one RSA signing key per Sandbox."""

    def __init__(self, sandbox: Any) -> None:
        self._sandbox = sandbox
        self._keys: KeyPair | None = None
        self._sealer: AESGCM | None = None
        self._lock = threading.Lock()
        self._random = random.Random(sandbox.config.seed)
        self._revoked: dict[str, int] = {}  # object id -> sessions before this time are void

    # --- keys ---------------------------------------------------------------------------

    @property
    def keys(self) -> KeyPair:
        """The signing key pair, made on first use; kept in state_dir so tokens outlive a restart."""
        with self._lock:
            if self._keys is None:
                state_dir = self._sandbox.config.state_dir
                now = self._sandbox.clock.now()
                if state_dir is None:
                    self._keys = create("sts.sandbox.test", now)
                else:
                    folder = Path(state_dir) / "identity"
                    self._keys = load_or_create(folder, "token-signing", "sts.sandbox.test", now)
                secret = hashlib.sha256(
                    b"sccshell sandbox refresh tokens\0"
                    + self._keys.key.private_bytes(
                        serialization.Encoding.DER,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    )
                ).digest()
                self._sealer = AESGCM(secret)
            return self._keys

    @property
    def kid(self) -> str:
        # Entra's kid is the signing certificate's x5t.
        return self.keys.x5t

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set published at the discovery document's jwks_uri."""
        pair = self.keys
        numbers = pair.public_key.public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "kid": self.kid,
                    "x5t": pair.x5t,
                    "n": jws.b64url_encode(
                        numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")
                    ),
                    "e": jws.b64url_encode(
                        numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
                    ),
                    "x5c": [pair.cert_der_b64()],
                    "issuer": f"{self._sandbox.url_for(hosts.LOGIN)}/{hosts.TENANT_ID}/v2.0",
                }
            ]
        }

    def _sign(self, claims: dict[str, Any]) -> str:
        pair = self.keys
        return jws.sign_rs256(claims, pair.key, {"x5t": pair.x5t, "kid": self.kid})

    # --- access tokens ------------------------------------------------------------------

    def lifetime(self) -> int:
        """Seconds an access token lives: the fault setting, else 60 to 90 minutes as Entra."""
        configured = self._sandbox.faults.token_lifetime
        if configured is not None:
            return int(configured)
        with self._lock:
            return self._random.randint(3600, 5400)

    def issue(
        self,
        account: Account,
        resource: str,
        *,
        client: Client | None = None,
        amr: Collection[str] = ("pwd",),
        lifetime: int | None = None,
    ) -> IssuedToken:
        """A v1.0 access token for ACCOUNT to call RESOURCE.

        Users need CLIENT (the public client they signed in with) and get `scp`; apps and
        managed identities get `roles` only when granted Exchange.ManageAsApp.
        """
        now = int(self._sandbox.clock.time())
        seconds = self.lifetime() if lifetime is None else int(lifetime)
        claims: dict[str, Any] = {
            "aud": resource,
            "iss": ACCESS_TOKEN_ISSUER,
            "iat": now - _BACKDATE,
            "nbf": now - _BACKDATE,
            "exp": now + seconds,
        }
        if account.is_app:
            claims.update(
                {
                    "app_displayname": account.display_name,
                    "appid": account.app_id,
                    "appidacr": "2",  # 2: the client proved itself with a certificate / MSI
                    "idp": ACCESS_TOKEN_ISSUER,
                    "idtyp": "app",
                    "oid": account.object_id,
                    "sub": account.object_id,
                }
            )
            # protocol §1.3: the role is present only when the permission was granted.
            if account.app_roles:
                claims["roles"] = list(account.app_roles)
            if account.resource_id:
                claims["xms_mirid"] = account.resource_id
        else:
            client = client or MODULE_CLIENT
            claims.update(
                {
                    "acct": 0,
                    "acr": "1",
                    "amr": list(amr),
                    "app_displayname": client.display_name,
                    "appid": client.client_id,
                    "appidacr": "0" if client.public else "2",
                    "idtyp": "user",
                    "name": account.display_name,
                    "oid": account.object_id,
                    "preferred_username": account.name,
                    "scp": " ".join(DELEGATED_SCOPES),  # protocol §1.3
                    "sub": _pairwise_subject(account.object_id, client.client_id),
                    "unique_name": account.name,
                    "upn": account.name,
                }
            )
        claims.update(
            {
                "tid": hosts.TENANT_ID,
                "uti": secrets.token_urlsafe(16),
                "ver": "1.0",
                "wids": list(account.directory_roles),
            }
        )
        return IssuedToken(self._sign(claims), claims, seconds, now + seconds)

    def mint_for(self, account: Account, resource: str, lifetime: int | None = None) -> str:
        """An access token as a real sign-in would give it (for -AccessToken tests)."""
        return self.issue(account, resource, lifetime=lifetime).token

    def id_token(
        self,
        account: Account,
        client: Client,
        *,
        nonce: str | None = None,
        amr: Collection[str] = ("pwd",),
    ) -> str:
        """A v2.0 ID token for a user who signed in to CLIENT."""
        now = int(self._sandbox.clock.time())
        claims: dict[str, Any] = {
            "aud": client.client_id,
            "iss": f"{self._sandbox.url_for(hosts.LOGIN)}/{hosts.TENANT_ID}/v2.0",
            "iat": now - _BACKDATE,
            "nbf": now - _BACKDATE,
            "exp": now + _ID_TOKEN_LIFETIME,
            "amr": list(amr),
            "name": account.display_name,
            "oid": account.object_id,
            "preferred_username": account.name,
            "sub": _pairwise_subject(account.object_id, client.client_id),
            "tid": hosts.TENANT_ID,
            "uti": secrets.token_urlsafe(16),
            "ver": "2.0",
        }
        if nonce is not None:
            claims["nonce"] = nonce
        return self._sign(claims)

    # --- verification (the REST layer) --------------------------------------------------

    def verify(self, token: str, audiences: Collection[str]) -> dict[str, Any]:
        """The claims of TOKEN if it is ours, current and for one of AUDIENCES; else TokenRejected."""
        try:
            parsed = jws.parse(token)
        except jws.MalformedToken as exc:
            raise TokenRejected("invalid_token", f"The token is malformed: {exc}.") from None
        if parsed.header.get("alg") != "RS256" or parsed.header.get("kid") != self.kid:
            raise TokenRejected(
                "invalid_token", "The token is not signed with a key of this issuer."
            )
        if not parsed.signed_by(self.keys.public_key):
            raise TokenRejected("invalid_token", "The token's signature is invalid.")
        claims = parsed.claims
        if claims.get("iss") != ACCESS_TOKEN_ISSUER or claims.get("tid") != hosts.TENANT_ID:
            raise TokenRejected("invalid_token", "The token was issued for another tenant.")
        if claims.get("aud") not in audiences:
            raise TokenRejected(
                "wrong_audience",
                f"The audience '{claims.get('aud')}' is invalid; expected {', '.join(sorted(audiences))}.",
            )
        now = self._sandbox.clock.time()
        exp = claims.get("exp")
        if not isinstance(exp, (int, float)) or exp <= now:
            raise TokenRejected("expired", "The token is expired.")
        nbf = claims.get("nbf")
        if isinstance(nbf, (int, float)) and nbf > now + _BACKDATE:
            raise TokenRejected("invalid_token", "The token is not yet valid.")
        return claims

    # --- refresh tokens -----------------------------------------------------------------

    def refresh_token(self, account: Account, client: Client) -> str:
        """An opaque refresh token, sealed (AES-GCM) so it needs no server-side store."""
        self.keys  # noqa: B018 (makes the sealing key)
        assert self._sealer is not None
        payload = json.dumps(
            {
                "oid": account.object_id,
                "cid": client.client_id,
                "iat": int(self._sandbox.clock.time()),
            },
            separators=(",", ":"),
        ).encode("utf-8")
        nonce = os.urandom(12)
        return "1." + jws.b64url_encode(nonce + self._sealer.encrypt(nonce, payload, b"rt"))

    def redeem_refresh_token(self, token: str, client: Client, directory: Any) -> Account:
        """The account a refresh token was issued to; RefreshRejected when it cannot be used."""
        self.keys  # noqa: B018 (makes the sealing key)
        assert self._sealer is not None
        try:
            version, _, blob = token.partition(".")
            raw = jws.b64url_decode(blob)
            if version != "1" or len(raw) < 13:
                raise ValueError("not a sandbox refresh token")
            payload = json.loads(self._sealer.decrypt(raw[:12], raw[12:], b"rt"))
        except Exception:  # any failure to open it means the same thing to the client
            raise RefreshRejected(
                9002313, "Invalid request. Request is malformed or invalid."
            ) from None
        if payload.get("cid") != client.client_id:
            raise RefreshRejected(70000, "Provided grant is invalid or malformed.")
        issued = int(payload.get("iat", 0))
        now = int(self._sandbox.clock.time())
        if now - issued > _REFRESH_TOKEN_IDLE:
            raise RefreshRejected(
                700082,
                "The refresh token has expired due to inactivity. The token was issued on "
                f"{_format_time(issued)} and was inactive for 90.00:00:00.",
            )
        account = directory.account_by_oid(str(payload.get("oid", "")))
        if account is None:
            raise RefreshRejected(50173, "The provided grant has expired due to it being revoked.")
        with self._lock:
            revoked_at = self._revoked.get(account.object_id)
        if revoked_at is not None and issued <= revoked_at:
            raise RefreshRejected(
                50173,
                "The provided grant has expired due to it being revoked, a fresh auth token is "
                "needed. The user might have changed or reset their password.",
            )
        return account

    def revoke_sessions(self, account: Account) -> None:
        """Void every refresh token issued to ACCOUNT so far (Revoke-MgUserSignInSession)."""
        with self._lock:
            self._revoked[account.object_id] = int(self._sandbox.clock.time())


def _pairwise_subject(object_id: str, client_id: str) -> str:
    # Entra's `sub` is pairwise: stable per user and app, different between apps.
    digest = hashlib.sha256(f"{object_id}|{client_id}".encode()).digest()
    return jws.b64url_encode(digest)[:43]


def _format_time(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%m/%d/%Y %H:%M:%S")
