"""Errors of the Microsoft identity platform: AADSTS codes in the v2.0 JSON error shape."""

from __future__ import annotations

import uuid
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.http import Request, Response, json_response


class OAuthError(Exception):
    """An error the token or device code endpoint answers as JSON (RFC 6749 §5.2 + Entra)."""

    def __init__(self, status: int, error: str, code: int, message: str, **extra: Any) -> None:
        super().__init__(f"AADSTS{code}: {message}")
        self.status = status
        self.error = error
        self.code = code
        self.message = message
        self.extra = extra  # e.g. suberror and claims of AADSTS50076


def invalid_request(code: int, message: str) -> OAuthError:
    return OAuthError(400, "invalid_request", code, message)


def missing_parameter(name: str) -> OAuthError:
    return invalid_request(
        900144, f"The request body must contain the following parameter: '{name}'."
    )


def invalid_grant(code: int, message: str, **extra: Any) -> OAuthError:
    return OAuthError(400, "invalid_grant", code, message, **extra)


def invalid_client(code: int, message: str) -> OAuthError:
    # Entra answers client authentication failures with 401 (RFC 6749 §5.2).
    return OAuthError(401, "invalid_client", code, message)


def unknown_client(client_id: str, tenant_label: str) -> OAuthError:
    return OAuthError(
        400,
        "unauthorized_client",
        700016,
        f"Application with identifier '{client_id}' was not found in the directory "
        f"'{tenant_label}'. This can happen if the application has not been installed by "
        "the administrator of the tenant or consented to by any user in the tenant. You may "
        "have sent your authentication request to the wrong tenant.",
    )


def tenant_not_found(tenant: str) -> OAuthError:
    return OAuthError(
        400,
        "invalid_tenant",
        90002,
        f"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and "
        "are signing into the correct cloud. Check with your subscription administrator, this "
        "may happen if there are no active subscriptions for the tenant.",
    )


def error_response(request: Request, login_base: str, now: str, err: OAuthError) -> Response:
    """The JSON body Entra sends for ERR; NOW is the timestamp as 'YYYY-MM-DD HH:MM:SSZ'."""
    trace_id = str(uuid.uuid4())
    # Entra echoes the client's client-request-id as the correlation id.
    correlation_id = request.headers.get("client-request-id") or str(uuid.uuid4())
    description = (
        f"AADSTS{err.code}: {err.message}\r\nTrace ID: {trace_id}\r\n"
        f"Correlation ID: {correlation_id}\r\nTimestamp: {now}"
    )
    body = {
        "error": err.error,
        "error_description": description,
        "error_codes": [err.code],
        "timestamp": now,
        "trace_id": trace_id,
        "correlation_id": correlation_id,
        "error_uri": f"{login_base}/error?code={err.code}",
        **err.extra,
    }
    return json_response(err.status, body, no_store_headers(correlation_id))


def no_store_headers(correlation_id: str | None = None) -> list[tuple[str, str]]:
    """The caching and tracing headers every token endpoint answer carries."""
    headers = [
        ("Cache-Control", "no-store, no-cache"),
        ("Pragma", "no-cache"),
        ("x-ms-request-id", str(uuid.uuid4())),
    ]
    if correlation_id:
        headers.append(("client-request-id", correlation_id))
    return headers


def tenant_label(tenant: str) -> str:
    """How an error message names the directory a request was for."""
    return tenant if tenant.lower() in ("organizations", "common") else hosts.TENANT_ID
