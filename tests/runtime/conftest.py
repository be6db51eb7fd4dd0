"""Sessions for the runtime tests: a local one, and one connected to the in-process sandbox."""

from __future__ import annotations

import io

import pytest

from sccshell.environment import Environment
from sccshell.session import Session


@pytest.fixture
def session(schema) -> Session:
    """A session with no connection: local commands only."""
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    return Session(env, schema)


@pytest.fixture(scope="module")
def connected(schema):
    from sccshell.modes.connecting import connect_sandbox

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    session = Session(env, schema)
    connect_sandbox(session, mailboxes=20)
    yield session
    session.close()
