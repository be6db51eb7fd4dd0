"""`--sandbox` against a served sandbox: both connections or neither, Exchange first."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from sandbox.conftest import Served  # tests/sandbox: a `sccshell-sandbox serve` process

from sccshell.cli import run
from sccshell.connection.tokensource import SignInError
from sccshell.environment import Environment
from sccshell.modes.connecting import connect_sandbox
from sccshell.session import Session
from sccshell.status import ExitStatus


@pytest.fixture(scope="module")
def served() -> Iterator[dict[str, Any]]:
    server = Served(["--mailboxes", "20"], env=dict(os.environ))
    yield server.info
    server.stop()


def _env(description: dict[str, Any]) -> Environment:
    environ = {"SCCSHELL_SANDBOX": json.dumps(description)}
    return Environment(
        stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ=environ
    )


def test_both_connections_in_the_registry_exchange_first(served: dict[str, Any]) -> None:
    env = _env(served)
    assert run(["--sandbox", "-c", "Get-ConnectionInformation | % Name"], env) == 0
    assert env.stdout.getvalue().split() == ["ExchangeOnline_1", "ExchangeOnlineProtection_2"]


@pytest.mark.parametrize("broken", ["exchange", "compliance"])
def test_a_side_that_cannot_sign_in_leaves_no_connection_open(
    served: dict[str, Any], schema: Any, broken: str
) -> None:
    # The sandbox issues tokens for its own two resources only: this side's sign-in fails.
    env = _env({**served, f"{broken}_resource": "https://elsewhere.sandbox.test"})
    session = Session(env, schema)
    try:
        with pytest.raises(SignInError):
            connect_sandbox(session)
        assert list(session.registry) == []  # Exchange too, when Compliance fails after it
    finally:
        session.close()


def test_the_command_line_says_why_and_exits_with_the_connection_status(
    served: dict[str, Any],
) -> None:
    env = _env({**served, "compliance_resource": "https://elsewhere.sandbox.test"})
    assert run(["--sandbox", "-c", "Get-Date"], env) == ExitStatus.CONNECTION
    err = env.stderr.getvalue()
    assert err.startswith("sccshell: error: password sign-in") and "Traceback" not in err
    assert "https://elsewhere.sandbox.test was not found" in err
    assert env.stdout.getvalue() == ""
