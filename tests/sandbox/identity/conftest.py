"""Fixtures for the sign-in half of the sandbox: a tenant, an httpx client, msal apps."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import msal
import pytest
from identity_helpers import AUTHORITY, build_sandbox, client_for

from sccshell.sandbox import hosts
from sccshell.sandbox.faults import Faults


@pytest.fixture
def make_sandbox() -> Callable[..., Any]:
    def make(auto_approve: bool = True, token_lifetime: int | None = None, **config: Any) -> Any:
        return build_sandbox(
            auto_approve=auto_approve, faults=Faults(token_lifetime=token_lifetime), **config
        )

    return make


@pytest.fixture
def sandbox(make_sandbox: Callable[..., Any]) -> Any:
    return make_sandbox()


@pytest.fixture
def http(sandbox: Any) -> Iterator[httpx.Client]:
    with client_for(sandbox) as client:
        yield client


@pytest.fixture
def public_app(http: httpx.Client) -> Callable[..., msal.PublicClientApplication]:
    """msal's public client with the module's client id (protocol §1.3)."""

    def make(authority: str = AUTHORITY, **kwargs: Any) -> msal.PublicClientApplication:
        return msal.PublicClientApplication(
            hosts.MODULE_CLIENT_ID,
            authority=authority,
            http_client=http,
            instance_discovery=False,
            **kwargs,
        )

    return make


@pytest.fixture
def app_for() -> Iterator[Callable[..., msal.PublicClientApplication]]:
    """msal's public client bound to a sandbox of the test's own making."""
    clients: list[httpx.Client] = []

    def make(sandbox: Any, authority: str = AUTHORITY) -> msal.PublicClientApplication:
        clients.append(client_for(sandbox))
        return msal.PublicClientApplication(
            hosts.MODULE_CLIENT_ID,
            authority=authority,
            http_client=clients[-1],
            instance_discovery=False,
        )

    yield make
    for client in clients:
        client.close()
