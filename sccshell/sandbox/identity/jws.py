"""Compact JWS: sign with RS256, read and check RS256 or PS256 signatures."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey


class MalformedToken(ValueError):
    """The text is not a compact JWS with JSON header and claims."""


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise MalformedToken("not base64url") from exc


def _json_part(data: dict[str, Any]) -> str:
    return b64url_encode(json.dumps(data, separators=(",", ":")).encode("utf-8"))


def sign_rs256(claims: dict[str, Any], key: RSAPrivateKey, header: dict[str, Any]) -> str:
    """A compact JWS of CLAIMS signed with KEY; HEADER adds fields such as kid and x5t."""
    head = {"typ": "JWT", "alg": "RS256", **header}
    signing_input = f"{_json_part(head)}.{_json_part(claims)}"
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url_encode(signature)}"


@dataclass(frozen=True)
class ParsedToken:
    header: dict[str, Any]
    claims: dict[str, Any]
    signing_input: bytes
    signature: bytes

    def signed_by(self, public_key: RSAPublicKey) -> bool:
        """True when the signature is a valid RS256 or PS256 signature of PUBLIC_KEY."""
        alg = self.header.get("alg")
        if alg == "RS256":
            pad: padding.AsymmetricPadding = padding.PKCS1v15()
        elif alg == "PS256":
            # RFC 7518 §3.5: MGF1 with SHA-256 and a salt as long as the hash.
            pad = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
        else:
            return False
        try:
            public_key.verify(self.signature, self.signing_input, pad, hashes.SHA256())
        except InvalidSignature:
            return False
        return True


def parse(token: str) -> ParsedToken:
    """Split and decode a compact JWS without checking its signature."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts[:2]):
        raise MalformedToken("a JWS has three dot-separated parts")
    try:
        header = json.loads(b64url_decode(parts[0]))
        claims = json.loads(b64url_decode(parts[1]))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedToken("header or claims are not JSON") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise MalformedToken("header and claims must be JSON objects")
    return ParsedToken(
        header=header,
        claims=claims,
        signing_input=f"{parts[0]}.{parts[1]}".encode("ascii"),
        signature=b64url_decode(parts[2]),
    )
