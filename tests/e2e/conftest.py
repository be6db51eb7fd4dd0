"""The oracle fixture: one seeded tenant, read through the sandbox API, for all e2e tests."""

from __future__ import annotations

import pytest

from .admin import Oracle


@pytest.fixture(scope="session")
def oracle() -> Oracle:
    return Oracle()
