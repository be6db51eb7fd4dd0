"""One HTTP exchange with the service: token only to allowed hosts, redirects followed by hand (§1.2)."""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import re
from urllib.parse import urljoin, urlsplit

import httpx

from sccshell.connection.errors import ServiceError

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
BACKEND_PORT = 446  # protocol §1.2/§3.3: the backend port clients rewrite to 443
# protocol §1.2: <region>.admin.protection.<domain> is reached as <region>.ps.compliance.protection.<domain>.
_ADMIN_PROTECTION = re.compile(r"^([^.]+)\.admin\.protection\.(.+)$", re.IGNORECASE)
_CLAIMS = re.compile(r'claims="([^"]*)"', re.IGNORECASE)


class ForeignHostError(ServiceError):
    """A token would have gone to a host that is not one of this service's hosts."""


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


def normalize(url: str) -> str:
    """Drop the backend port 446, as third-party clients do for nextLinks and redirects."""
    parts = urlsplit(url)
    if parts.port == BACKEND_PORT and parts.hostname:
        return parts._replace(netloc=parts.hostname).geturl()
    return url


def redirect_target(current: str, location: str) -> str:
    """Where a redirect leads: the admin.protection host rewritten as §1.2 says, else Location."""
    target = urljoin(current, location)
    parts = urlsplit(target)
    found = _ADMIN_PROTECTION.match(parts.hostname or "")
    if found is not None:
        host = f"{found.group(1)}.ps.compliance.protection.{found.group(2)}"
        return parts._replace(scheme="https", netloc=host).geturl()
    return normalize(target)


def claims_challenge(header: str | None) -> str | None:
    """The claims of a 401's WWW-Authenticate (base64 JSON decoded when it is that), else None."""
    found = _CLAIMS.search(header or "")
    if found is None or not found.group(1):
        return None
    text = found.group(1)
    try:
        decoded = base64.b64decode(text + "=" * (-len(text) % 4), validate=False).decode("utf-8")
        json.loads(decoded)
        return decoded
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return text


def read_body(response: httpx.Response) -> bytes:
    """The body, gunzipped only when it really is gzip (the NUL 403 claims gzip and is not, §3.4)."""
    try:
        raw = b"".join(response.iter_raw())
    finally:
        response.close()
    encoding = (response.headers.get("Content-Encoding") or "").lower()
    if "gzip" in encoding and raw[:2] == b"\x1f\x8b":
        return gzip.decompress(raw)
    return raw


def refused(url: str, redirected: bool) -> ForeignHostError:
    host = urlsplit(url).netloc or url
    if redirected:
        text = (
            f"The service redirected to {host}, which is not a host of this service; "
            "the token was not sent."
        )
    else:
        text = f"{host} is not a host of this service; the token was not sent."
    return ForeignHostError(text)
