"""What a profile may say: names, choices and the pure checks on single values."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from sccshell.config import CONCURRENCY_RANGE

# ExchangeEnvironmentName values (protocol §5.1) plus the built-in sandbox tenant.
ENVIRONMENTS = (
    "O365Default",
    "O365USGovGCCHigh",
    "O365USGovDoD",
    "O365GermanyCloud",
    "O365China",
    "Sandbox",
)
DEFAULT_ENVIRONMENT = "O365Default"
SERVICES = ("exchange", "compliance")

METHODS = ("interactive", "device", "password", "certificate", "access_token", "managed_identity")
# The auth keys each sign-in method reads; client_id names the profile's own app for
# delegated sign-in (instead of the module's public client) and the user-assigned
# identity for managed_identity.
METHOD_KEYS: dict[str, tuple[str, ...]] = {
    "interactive": ("user", "client_id"),
    "device": ("user", "client_id"),
    "password": ("user", "client_id", "password_env", "password_file"),
    "certificate": (
        "app_id",
        "certificate_path",
        "key_path",
        "certificate_password_env",
        "certificate_password_file",
    ),
    "access_token": ("user", "token_env", "token_file"),
    "managed_identity": ("client_id",),
}
METHOD_REQUIRES: dict[str, tuple[str, ...]] = {
    "password": ("user",),
    "certificate": ("app_id", "certificate_path"),
}
# App-only sign-in has no user to name the tenant (Connect-ExchangeOnline -Organization).
METHODS_NEEDING_ORGANIZATION = ("certificate", "managed_identity")
AUTH_KEYS = ("method", *sorted({key for keys in METHOD_KEYS.values() for key in keys}))

TOP_KEYS = ("version", "profiles")
PROFILE_KEYS = (
    "environment",
    "organization",
    "auth",
    "delegated_organization",
    "proxy",
    "ca_bundle",
    "read_only",
    "connections",
    "color",
    "production",
)
CONNECTION_KEYS = (
    "service",
    "prefix",
    "command_names",
    "page_size",
    "connection_uri",
    "authority",
    "search_only",
    "concurrency",
)
PAGE_SIZE_RANGE = (1, 1000)

# Keys that would hold a secret, refused wherever they appear, with what to write instead.
_PROMPT = "or leave it out to be prompted"
SECRET_KEYS: dict[str, str] = {
    "password": f"use password_env: NAME or password_file: PATH, {_PROMPT}",
    "certificate_password": (
        f"use certificate_password_env: NAME or certificate_password_file: PATH, {_PROMPT}"
    ),
    "token": f"use token_env: NAME or token_file: PATH, {_PROMPT}",
    "access_token": f"use token_env: NAME or token_file: PATH, {_PROMPT}",
    "secret": "sign in with a certificate (method: certificate) or pass a token (token_env: NAME)",
    "client_secret": (
        "sign in with a certificate (method: certificate) or pass a token (token_env: NAME)"
    ),
}

_BASIC_COLORS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
COLORS = (*_BASIC_COLORS, "gray", "grey", *(f"bright{name}" for name in _BASIC_COLORS))

_PREFIX = re.compile(r"[a-z0-9]+", re.IGNORECASE | re.ASCII)
_PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*", re.ASCII)
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_HEX_COLOR = re.compile(r"#[0-9a-f]{6}", re.I)


def suggestion(word: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest choice, or '' when none is close."""
    choices = list(choices)
    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[close[0]]}?)" if close else ""


def choice(value: str, choices: Iterable[str]) -> str | None:
    """VALUE spelled as in CHOICES (any case), or None."""
    for known in choices:
        if known.lower() == value.strip().lower():
            return known
    return None


def prefix_problem(prefix: str) -> str | None:
    """The module's own error text for an unusable -Prefix, or None; "" means no prefix."""
    if prefix == "":
        return None
    if not _PREFIX.fullmatch(prefix):
        return "Use of any special characters in the Prefix string is not supported."
    if prefix.lower() == "exo":
        return "Prefix 'EXO' is a reserved Prefix, please use a different prefix."
    return None


def concurrency_problem(value: int) -> str | None:
    """Why VALUE cannot be a connection's concurrency (the range of fanout.concurrency)."""
    low, high = CONCURRENCY_RANGE
    if low <= value <= high:
        return None
    return f"concurrency must be from {low} to {high} $batch requests in flight, not {value}"


def https_problem(value: str, parameter: str) -> str | None:
    """ "Invalid PARAMETER parameter 'VALUE'" unless VALUE is an https URL with a host."""
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() != "https" or not parts.hostname:
        return f"Invalid {parameter} parameter '{value}'"
    return None


def proxy_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"proxy '{value}' is not an http:// or https:// URL (e.g. http://proxy.contoso.com:8080)"
    if parts.password is not None:
        return (
            "the proxy URL holds a password; secrets are never stored in the profile file: "
            "leave proxy out and set HTTPS_PROXY in the environment instead"
        )
    return None


def is_profile_name(name: str) -> bool:
    return bool(_PROFILE_NAME.fullmatch(name))


def is_env_name(name: str) -> bool:
    return bool(_ENV_NAME.fullmatch(name))


def is_guid(value: str) -> bool:
    return bool(_GUID.fullmatch(value))


def color(value: str) -> str | None:
    """The colour VALUE names (lower case), or None if it is not one."""
    lowered = value.strip().lower()
    return lowered if lowered in COLORS or _HEX_COLOR.fullmatch(lowered) else None
