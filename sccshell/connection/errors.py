"""Service errors rendered as the module renders them (protocol §3.4, §3.5)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from sccshell.errors import ServiceFailed

GENERIC = "A server side error has occurred because of which the operation could not be completed."
# protocol §3.5: details[0].message naming one of these is worth another attempt.
TRANSIENT = (
    "DCOverloadedException",
    "SuitabilityDirectoryException",
    "ServerInMMException",
    "ADServerSettingsChangedException",
    "StorageTransientException",
)
MAX_RETRIES_TEXT = "Maximum retry count reached."


class ServiceError(ServiceFailed):
    """An InvokeCommand that failed: the rendered message and the error record's facts."""

    def __init__(
        self,
        message: str,
        *,
        exception_type: str | None = None,
        status: int | None = None,
        request_id: str | None = None,
        error_id: str | None = None,
        target: str | None = None,
        category: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exception_type = exception_type
        self.status = status
        self.request_id = request_id
        self.error_id = error_id
        self.target = target
        self.category = category
        self.detail = detail  # details[0].message as sent, for the transient check

    @property
    def transient(self) -> bool:
        return any(name in (self.detail or "") for name in TRANSIENT)


class RedirectRefused(ServiceError):
    """The service redirected to a host that may not receive this connection's token."""


def error_from_response(response: httpx.Response, body: bytes, cmdlet: str) -> ServiceError:
    """The ServiceError for a non-success RESPONSE whose decoded bytes are BODY."""
    headers = response.headers
    request_id = headers.get("request-id")
    server = (headers.get("X-CalculatedBETarget") or "").split(".", 1)[0]
    error_id = f"[Server={server},RequestId={request_id or ''},TimeStamp={headers.get('Date', '')}]"
    common: dict[str, Any] = {
        "status": response.status_code,
        "request_id": request_id,
        "error_id": error_id,
        "exception_type": headers.get("x-ExceptionType"),
    }
    if response.status_code == 403 and not body.strip(b"\x00"):
        # protocol §3.4: a NUL body means an unknown cmdlet or a missing role.
        return ServiceError(
            f"The cmdlet {cmdlet} is not available to this account: it does not exist in this "
            "service or a role is missing.",
            **common,
        )
    if response.status_code == 429:
        # protocol §3.4: the module writes a 429's raw body as the error.
        return ServiceError(body.decode("utf-8", "replace") or "Too many requests.", **common)
    try:
        data = json.loads(body) if body else None
    except ValueError:
        data = None
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        text = body.decode("utf-8", "replace").strip()
        return ServiceError(text or f"HTTP {response.status_code}: {GENERIC}", **common)
    details = error.get("details") if isinstance(error.get("details"), list) else []
    first = details[0] if details and isinstance(details[0], dict) else {}
    detail = first.get("message") if isinstance(first.get("message"), str) else None
    message, exception_type = _parse_detail(detail) if detail else (None, None)
    if message is None:
        inner = (error.get("innererror") or {}).get("internalexception") or {}
        message = inner.get("message") if isinstance(inner, dict) else None
    if message is None and response.status_code != 500:
        message = error.get("message") if isinstance(error.get("message"), str) else None
    common["exception_type"] = exception_type or common["exception_type"]
    return ServiceError(
        message or GENERIC,
        target=first.get("target") or None,
        category=str(first["code"]) if first.get("code") is not None else None,
        detail=detail,
        **common,
    )


def _parse_detail(detail: str) -> tuple[str | None, str | None]:
    """(message, exception type) from the pipe form or the JSON-string form of §3.4."""
    text = detail.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data.get("Message") or data.get("message") or text, data.get("TypeName")
    parts = text.split("|", 2)
    if len(parts) == 3:
        return parts[2], parts[1] or None
    return text, None


def with_retry_notice(error: ServiceError) -> ServiceError:
    """The error after the last attempt: "Maximum retry count reached." + the rendered error."""
    return ServiceError(
        f"{MAX_RETRIES_TEXT} {error.message}",
        exception_type=error.exception_type,
        status=error.status,
        request_id=error.request_id,
        error_id=error.error_id,
        target=error.target,
        category=error.category,
        detail=error.detail,
    )
