"""A session connected to the in-process sandbox, shared by a module's tests."""

from __future__ import annotations

import io

import pytest

from sccshell.environment import Environment
from sccshell.session import Session


@pytest.fixture(scope="module")
def connected(schema):
    from sccshell.modes.connecting import connect_sandbox

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    session = Session(env, schema)
    connect_sandbox(session, mailboxes=20)
    yield session
    session.close()
