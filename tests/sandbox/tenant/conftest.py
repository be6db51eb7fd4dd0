"""Fixtures for the tenant's own tests: a fresh seeded tenant (cheap) and calling contexts."""

from __future__ import annotations

import pytest

from sccshell.sandbox.clock import Clock
from sccshell.sandbox.tenant import InvocationContext, Tenant

ADMIN = "admin@contoso.onmicrosoft.com"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def tenant(clock: Clock) -> Tenant:
    return Tenant.seeded(clock, mailboxes=500, seed=0)


@pytest.fixture
def ex() -> InvocationContext:
    return InvocationContext(service="exchange", caller=ADMIN, caller_id="admin-id")


@pytest.fixture
def cc() -> InvocationContext:
    return InvocationContext(service="compliance", caller=ADMIN, caller_id="admin-id")


@pytest.fixture
def search_ctx() -> InvocationContext:
    return InvocationContext(
        service="compliance", caller=ADMIN, caller_id="admin-id", search_only=True
    )
