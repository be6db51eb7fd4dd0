"""Fixtures for the REST front end: a sandbox with fake tokens, directory and tenant, behind httpx."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from service_helpers import http_client, make_sandbox, user_token  # noqa: E402


@pytest.fixture
def sandbox():
    return make_sandbox()


@pytest.fixture
def client(sandbox) -> Iterator[httpx.Client]:
    with http_client(sandbox) as client:
        yield client


@pytest.fixture
def token(sandbox) -> str:
    return user_token(sandbox)
