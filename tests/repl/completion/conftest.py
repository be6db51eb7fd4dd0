"""Fixtures for the completion tests: the small schema and models built over it."""

from __future__ import annotations

import pytest

from sccshell.connection.registry import Connection
from sccshell.repl.completion.model import build_model
from sccshell.schema.model import Schema

from .fixture_schema import fixture_schema


@pytest.fixture(scope="session")
def small() -> Schema:
    return fixture_schema()


@pytest.fixture
def model(small: Schema):
    return build_model(small)


@pytest.fixture
def prefixed(small: Schema):
    """A model with an Exchange connection and a compliance one of prefix SCC."""
    connections = [
        Connection("exchange", small),
        Connection("compliance", small, prefix="SCC"),
    ]
    return build_model(small, connections)
