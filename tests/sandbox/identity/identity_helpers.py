"""Helpers for the sign-in tests: a tenant, an httpx client that reaches it in-process."""

from __future__ import annotations

from typing import Any

import httpx

from sccshell.sandbox import hosts
from sccshell.sandbox.core import IDENTITY_HOST, Sandbox, SandboxConfig

LOGIN = f"https://{hosts.LOGIN}"
AUTHORITY = f"{LOGIN}/organizations"
MSI_ENDPOINT = f"http://{IDENTITY_HOST}/msi/token"


def build_sandbox(**config: Any) -> Sandbox:
    return Sandbox(SandboxConfig(mailboxes=20, **config))


class FormBytesClient(httpx.Client):
    """httpx form-encodes a bytes value as the text "b'…'", and msal 1.39 hands its client
    assertion over as bytes: decode such values first, as a client of msal must."""

    def post(self, url: Any, *, data: Any = None, **kwargs: Any) -> httpx.Response:
        if isinstance(data, dict):
            data = {k: v.decode("utf-8") if isinstance(v, bytes) else v for k, v in data.items()}
        return super().post(url, data=data, **kwargs)


def client_for(sandbox: Any, client_class: type[httpx.Client] = httpx.Client) -> httpx.Client:
    """An httpx client that reaches the sandbox's sign-in hosts in-process (no socket)."""
    transport = httpx.WSGITransport(app=sandbox)
    return client_class(
        mounts={LOGIN: transport, f"http://{IDENTITY_HOST}": transport},
        trust_env=False,
        timeout=10,
    )


def scope(resource: str = hosts.EXCHANGE_RESOURCE) -> list[str]:
    return [f"{resource}/.default"]
