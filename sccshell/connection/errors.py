"""Service errors rendered as the module renders them (protocol §3.4, §3.5)."""

from __future__ import annotations

import json
import re
import ssl
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
        text = _one_line(body.decode("utf-8", "replace"))
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


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
MAX_TEXT = 300


def _one_line(text: str) -> str:
    """A body that is not the service's error envelope, as one line: an HTML page by its
    title, any other text with its whitespace folded and cut to a readable length."""
    text = text.strip().strip("\x00")
    if text[:1] == "<":
        found = _TITLE.search(text)
        text = next((g for g in found.groups() if g), "") if found else _TAG.sub(" ", text)
        text = _TAG.sub(" ", text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


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


class NetworkError(ServiceError):
    """No usable answer: the host could not be reached, its certificate was refused, it
    did not answer in time, or the connection was cut."""


# OpenSSL verify codes (X509_V_ERR_*) worth a sentence of their own.
_EXPIRED = 10
_NOT_YET_VALID = 9
_UNTRUSTED = (18, 19, 20, 21, 2)
_HOST_MISMATCH = 62


def describe_network_error(exc: httpx.TransportError, request: httpx.Request, tries: int) -> str:
    """One line that names the host and says what went wrong with the network."""
    host = request.url.netloc.decode("ascii", "replace")
    cmdlet = request.headers.get("X-CmdletName")
    what = f"the answer to {cmdlet}" if cmdlet else "the answer"
    if isinstance(exc, httpx.TimeoutException):
        seconds = _timeout_of(request, exc)
        within = f" within {seconds:g} seconds" if seconds else " in time"
        return f"{host} did not send {what}{within} (the client timeout); the request was stopped."
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        cut = f"The connection to {host} was cut before {what} was complete"
        if tries > 1:
            return f"{cut}, {tries} times in a row."
        if cmdlet:
            return (
                f"{cut}; the service may have carried out {cmdlet}: check before running it again."
            )
        return f"{cut}."
    certificate = _certificate_problem(exc)
    if certificate is not None:
        return f"The certificate of {host} {certificate}; the connection was refused."
    if isinstance(exc, httpx.ProxyError):
        return f"Cannot reach {host} through the proxy: {_reason(exc)}"
    if isinstance(exc, httpx.ConnectError):
        return f"Cannot connect to {host}: {_reason(exc)}"
    return f"The exchange with {host} failed: {_reason(exc)}"


def _timeout_of(request: httpx.Request, exc: httpx.TimeoutException) -> float | None:
    phase = {
        httpx.ConnectTimeout: "connect",
        httpx.WriteTimeout: "write",
        httpx.PoolTimeout: "pool",
    }.get(type(exc), "read")
    value = (request.extensions.get("timeout") or {}).get(phase)
    return float(value) if isinstance(value, (int, float)) else None


def _certificate_problem(exc: BaseException) -> str | None:
    """What is wrong with the server's certificate, if the failure is a verification one."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = cause.verify_code
            reason = cause.verify_message or "verification failed"
            if code == _EXPIRED:
                return "has expired"
            if code == _NOT_YET_VALID:
                return "is not valid yet"
            if code == _HOST_MISMATCH:
                return f"does not match the host name ({reason})"
            if code in _UNTRUSTED:
                return (
                    f"is not trusted ({reason}): no CA in the trust store or the profile's "
                    "ca_bundle issued it"
                )
            return f"was not accepted ({reason})"
        cause = cause.__cause__ or cause.__context__
    return None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused."
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "the host name is not known."
    return text or exc.__class__.__name__
