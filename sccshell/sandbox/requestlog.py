"""A record of the requests the sandbox answered, for tests to inspect."""

from __future__ import annotations

import re
import threading
from collections import deque
from dataclasses import dataclass

_BEARER = re.compile(r"(?i)^(bearer\s+)(\S{8})\S*")
_SECRET_FIELDS = re.compile(
    r"(?i)((?:password|client_assertion|refresh_token|code_verifier|assertion)=)[^&]*"
)


def mask_header(name: str, value: str) -> str:
    """A header value safe to keep: tokens cut to their first characters."""
    if name.lower() == "authorization":
        return _BEARER.sub(lambda m: m.group(1) + m.group(2) + "…", value)
    return value


def mask_body(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace")
    return _SECRET_FIELDS.sub(lambda m: m.group(1) + "***", text)


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    host: str
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: str
    status: int

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


class RequestLog:
    """The last LIMIT requests, newest last."""

    def __init__(self, limit: int = 10_000) -> None:
        self._entries: deque[LoggedRequest] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def add(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(
        self, host: str | None = None, path_contains: str | None = None
    ) -> list[LoggedRequest]:
        with self._lock:
            items = list(self._entries)
        return [
            e
            for e in items
            if (host is None or e.host == host)
            and (path_contains is None or path_contains.lower() in e.path.lower())
        ]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
