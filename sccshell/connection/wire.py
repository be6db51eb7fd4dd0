"""The HTTP client every connection and sign-in goes through: whole answers or a clear error.

An answer is read whole before anyone sees it, so a connection cut in the middle of a page
is noticed here. A read that is safe to repeat (a GET, or a cmdlet that only reads) is sent
again, the same request to the same URL, so paging neither skips nor repeats a page; any
other failure of the network becomes a NetworkError that names the host and says what went
wrong (certificate not trusted, expired or for another name, no answer in time, reset).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from sccshell.connection.errors import NetworkError, describe_network_error

# Repeats of a read whose connection was cut, and the first pause between them (doubled).
RESET_RETRIES = 5
RESET_PAUSE = 0.25
# No page of the service comes near this; a bigger answer is refused, not held in memory.
MAX_BODY_BYTES = 256 * 1024 * 1024
# Verbs of cmdlets that change nothing (as read_only profiles define them): safe to repeat.
READ_VERBS = ("get", "search", "test")
# Knobs for slow links and for tests, read in this one place: an upper bound in seconds on
# the wait for an answer, and the first pause of the service's back-off (protocol §3.5).
TIMEOUT_VARIABLE = "SCCSHELL_HTTP_TIMEOUT"
RETRY_BASE_VARIABLE = "SCCSHELL_RETRY_BASE"
DEFAULT_RETRY_BASE = 2.0
_RETRIED = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


def _seconds(name: str, environ: Mapping[str, str] | None) -> float | None:
    value = (os.environ if environ is None else environ).get(name, "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def timeout_cap(environ: Mapping[str, str] | None = None) -> float | None:
    """The $SCCSHELL_HTTP_TIMEOUT bound in seconds, or None when unset or not a number > 0."""
    seconds = _seconds(TIMEOUT_VARIABLE, environ)
    return seconds if seconds else None


def retry_base(environ: Mapping[str, str] | None = None) -> float:
    """The first back-off pause in seconds: $SCCSHELL_RETRY_BASE, else protocol §3.5's 2 s."""
    seconds = _seconds(RETRY_BASE_VARIABLE, environ)
    return DEFAULT_RETRY_BASE if seconds is None else seconds


def repeatable(request: httpx.Request) -> bool:
    """True if sending REQUEST twice cannot change anything on the service."""
    if request.method in ("GET", "HEAD"):
        return True
    cmdlet = request.headers.get("X-CmdletName", "")
    verb = cmdlet.partition("-")[0].lower()
    return request.method == "POST" and bool(cmdlet) and verb in READ_VERBS


class WireClient(httpx.Client):
    """httpx.Client whose answers arrive whole (retrying cut reads) or as a NetworkError."""

    def __init__(
        self,
        *args: Any,
        max_timeout: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_timeout = max_timeout
        self._sleep = sleep

    def send(
        self, request: httpx.Request, *, stream: bool = False, **kwargs: Any
    ) -> httpx.Response:
        self._cap_timeout(request)
        attempts = RESET_RETRIES + 1 if repeatable(request) else 1
        for attempt in range(attempts):
            try:
                response = super().send(request, stream=True, **kwargs)
                body = _read_whole(response)
            except _RETRIED as exc:
                if attempt + 1 < attempts:
                    self._sleep(RESET_PAUSE * 2**attempt)
                    continue
                raise NetworkError(describe_network_error(exc, request, attempts)) from exc
            except httpx.TransportError as exc:
                raise NetworkError(describe_network_error(exc, request, attempt + 1)) from exc
            whole = httpx.Response(
                response.status_code,
                headers=response.headers,
                stream=httpx.ByteStream(body),
                request=request,
                extensions=response.extensions,
            )
            whole.history = response.history
            if not stream:
                whole.read()
            return whole
        raise AssertionError("unreachable")

    def _cap_timeout(self, request: httpx.Request) -> None:
        if self.max_timeout is None:
            return
        given = dict(request.extensions.get("timeout") or {})
        for phase in ("connect", "read", "write", "pool"):
            current = given.get(phase)
            given[phase] = self.max_timeout if current is None else min(current, self.max_timeout)
        request.extensions["timeout"] = given


def _read_whole(response: httpx.Response) -> bytes:
    """The raw (still encoded) body; a body over MAX_BODY_BYTES is refused as it arrives."""
    try:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise NetworkError(_too_big(response.request))
        chunks, size = [], 0
        for chunk in response.iter_raw():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise NetworkError(_too_big(response.request))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        response.close()


def _too_big(request: httpx.Request) -> str:
    return (
        f"The answer from {request.url.netloc.decode('ascii', 'replace')} is larger than "
        f"{MAX_BODY_BYTES // (1024 * 1024)} MB; it was not read."
    )
