"""Small WSGI request and response types shared by every part of the sandbox."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode


class Headers:
    """Case-insensitive request headers."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items: dict[str, tuple[str, str]] = {}
        for name, value in items:
            self._items[name.lower()] = (name, value)

    def get(self, name: str, default: str | None = None) -> str | None:
        item = self._items.get(name.lower())
        return item[1] if item is not None else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def items(self) -> list[tuple[str, str]]:
        return list(self._items.values())


@dataclass
class Request:
    method: str
    vhost: str  # the virtual host this request is for, e.g. outlook.sandbox.test
    base_url: str  # how clients reach that host, e.g. https://outlook.sandbox.test
    path: str
    query: dict[str, str]
    headers: Headers
    body: bytes = b""

    @classmethod
    def from_environ(cls, environ: Mapping[str, Any], vhost: str, base_url: str) -> Request:
        headers = Headers(
            (key[5:].replace("_", "-").title(), value)
            for key, value in environ.items()
            if key.startswith("HTTP_")
        )
        if environ.get("CONTENT_TYPE"):
            headers = Headers([*headers.items(), ("Content-Type", environ["CONTENT_TYPE"])])
        length = int(environ.get("CONTENT_LENGTH") or 0)
        stream = environ.get("wsgi.input")
        body = stream.read(length) if stream is not None and length else b""
        raw_query = environ.get("QUERY_STRING", "")
        query = {k: v[-1] for k, v in parse_qs(raw_query, keep_blank_values=True).items()}
        return cls(
            method=environ.get("REQUEST_METHOD", "GET").upper(),
            vhost=vhost,
            base_url=base_url,
            path=environ.get("PATH_INFO", "/") or "/",
            query=query,
            headers=headers,
            body=body,
        )

    def json(self) -> Any:
        """The body as JSON; raises ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8") or "null")

    def form(self) -> dict[str, str]:
        """The body as an application/x-www-form-urlencoded form."""
        parsed = parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        return {k: v[-1] for k, v in parsed.items()}

    def url(self, path: str | None = None, query: Mapping[str, str] | None = None) -> str:
        """An absolute URL on this request's host, as clients reach it."""
        target = self.base_url + (self.path if path is None else path)
        return target + ("?" + urlencode(query) if query else "")


@dataclass
class Response:
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | Iterable[bytes] = b""

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def set_header(self, name: str, value: str) -> None:
        self.headers = [(k, v) for k, v in self.headers if k.lower() != name.lower()]
        self.headers.append((name, value))


def json_response(
    status: int,
    payload: Any,
    headers: Iterable[tuple[str, str]] = (),
    content_type: str | None = None,
) -> Response:
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    return Response(
        status,
        [("Content-Type", content_type or "application/json; charset=utf-8"), *headers],
        body,
    )


def text_response(
    status: int, text: str, content_type: str = "text/plain; charset=utf-8"
) -> Response:
    return Response(status, [("Content-Type", content_type)], text.encode("utf-8"))


def redirect(location: str, status: int = 302) -> Response:
    return Response(status, [("Location", location), ("Content-Length", "0")], b"")


Handler = Callable[[Request], Response]

STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No Content",
    302: "Found",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
