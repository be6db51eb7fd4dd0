"""The caller's httpx client, shaped for msal's http_client parameter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from sccshell.connection.errors import NetworkError
from sccshell.connection.tokensource import SignInError


class MsalHttpClient:
    """Passes msal's requests to one httpx client (proxy, CA, timeouts set by its owner).

    msal 1.39 hands the certificate client assertion over as bytes in form data, and
    httpx would send a bytes value as the text "b'...'": such values go out decoded.
    It also builds its user-realm URL from the authority's host name alone, so an
    authority on a port of its own (a test tenant on loopback, an on-premises
    authority) gets that port back.
    """

    def __init__(self, client: httpx.Client, authority: str | None = None) -> None:
        self._client = client
        parts = urlsplit(authority or "")
        self._port_host = (
            (parts.hostname, parts.netloc) if parts.hostname and parts.port is not None else None
        )

    def post(
        self, url: str, params: Any = None, data: Any = None, headers: Any = None, **kwargs: Any
    ) -> httpx.Response:
        if isinstance(data, dict):
            data = {k: _text(v) for k, v in data.items()}
        with _sign_in_failure():
            return self._client.post(url, params=params, data=data, headers=headers, **kwargs)

    def get(
        self, url: str, params: Any = None, headers: Any = None, **kwargs: Any
    ) -> httpx.Response:
        with _sign_in_failure():
            return self._client.get(self._with_port(url), params=params, headers=headers, **kwargs)

    def _with_port(self, url: str) -> str:
        if self._port_host is None:
            return url
        parts = urlsplit(url)
        host, netloc = self._port_host
        if parts.netloc.lower() == host.lower():
            return urlunsplit(parts._replace(netloc=netloc))
        return url

    def close(self) -> None:
        """The httpx client belongs to the caller, who closes it."""


@contextmanager
def _sign_in_failure() -> Iterator[None]:
    # A network failure while signing in (or renewing a token) is a sign-in failure.
    try:
        yield
    except NetworkError as exc:
        raise SignInError(f"sign-in failed: {exc.message}") from exc


def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value
