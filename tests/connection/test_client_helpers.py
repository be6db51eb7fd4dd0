"""Shared set-up for the client tests: a real sandbox behind httpx, and a RestClient on it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from sccshell.connection.client import RestClient
from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox, SandboxConfig

SERVICE_HOSTS = (hosts.EXCHANGE, hosts.COMPLIANCE, hosts.COMPLIANCE_REGION)
_SANDBOXES: dict[int, Sandbox] = {}


def shared_sandbox(mailboxes: int = 2345) -> Sandbox:
    """One read-only sandbox per size for the session (tests that change it make their own)."""
    if mailboxes not in _SANDBOXES:
        _SANDBOXES[mailboxes] = Sandbox(SandboxConfig(mailboxes=mailboxes))
    return _SANDBOXES[mailboxes]


@dataclass
class Tokens:
    """The token callback: records each call, mints with the sandbox."""

    sandbox: Sandbox
    resource: str = hosts.EXCHANGE_RESOURCE
    lifetime: int | None = None
    calls: list[tuple[bool, str | None]] = field(default_factory=list)
    current: str | None = None

    def __call__(self, force: bool, claims: str | None) -> str:
        self.calls.append((force, claims))
        if self.current is None or force:
            self.current = self.sandbox.tokens.mint_for(
                self.sandbox.directory.admin, self.resource, lifetime=self.lifetime
            )
            self.lifetime = None  # only the first token is short-lived
        return self.current


def http_for(sandbox: Sandbox, extra: dict[str, Any] | None = None) -> httpx.Client:
    transport = httpx.WSGITransport(app=sandbox)
    mounts: dict[str, Any] = {f"https://{h}": transport for h in SERVICE_HOSTS}
    mounts.update(extra or {})
    return httpx.Client(mounts=mounts, follow_redirects=False)


def allow_sandbox(url: str) -> bool:
    host = httpx.URL(url).host
    return host.endswith(".sandbox.test") and url.startswith("https://")


def make_client(
    sandbox: Sandbox,
    *,
    base_url: str = f"https://{hosts.EXCHANGE}",
    tokens: Tokens | None = None,
    http: httpx.Client | None = None,
    **options: Any,
) -> tuple[RestClient, Tokens, list[float]]:
    tokens = tokens or Tokens(sandbox)
    slept: list[float] = []
    client = RestClient(
        http or http_for(sandbox),
        base_url=base_url,
        tenant=options.pop("tenant", hosts.TENANT_ID),
        token=tokens,
        allow=options.pop("allow", allow_sandbox),
        anchor=f"UPN:{sandbox.directory.admin.name}",
        connection_id=str(uuid.uuid4()),
        module_version="3.10.1",
        retry_base=options.pop("retry_base", 0.001),
        sleep=options.pop("sleep", slept.append),
        **options,
    )
    return client, tokens, slept


def invoke_entries(sandbox: Sandbox) -> list:
    return sandbox.log.entries(path_contains="/InvokeCommand")
