"""The caller's httpx client, shaped for msal's http_client parameter."""

from __future__ import annotations

from typing import Any

import httpx


class MsalHttpClient:
    """Passes msal's requests to one httpx client (proxy, CA, timeouts set by its owner).

    msal 1.39 hands the certificate client assertion over as bytes in form data, and
    httpx would send a bytes value as the text "b'...'": such values go out decoded.
    """

    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def post(
        self, url: str, params: Any = None, data: Any = None, headers: Any = None, **kwargs: Any
    ) -> httpx.Response:
        if isinstance(data, dict):
            data = {k: _text(v) for k, v in data.items()}
        return self._client.post(url, params=params, data=data, headers=headers, **kwargs)

    def get(
        self, url: str, params: Any = None, headers: Any = None, **kwargs: Any
    ) -> httpx.Response:
        return self._client.get(url, params=params, headers=headers, **kwargs)

    def close(self) -> None:
        """The httpx client belongs to the caller, who closes it."""


def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value
