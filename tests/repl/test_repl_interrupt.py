"""Running commands in the shell: Ctrl-C stops them (and says when a change may still happen),
errors and lost connections print and the shell goes on, exit and Ctrl-D leave and disconnect."""

from __future__ import annotations

import argparse
import io
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from sccshell.cli import build_parser
from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.environment import Environment
from sccshell.repl.app import run_shell
from sccshell.repl.running import Finished, run_line
from sccshell.sandbox.inprocess import start
from sccshell.session import Session


def _env() -> Environment:
    return Environment(
        stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ=dict(os.environ)
    )


@pytest.fixture
def local(schema) -> Session:
    return Session(_env(), schema)


@pytest.fixture
def tenant(schema) -> Iterator[tuple[Session, object]]:
    """A session connected to an in-process sandbox (Exchange only), and that sandbox."""
    sandbox = start(20)
    session = Session(_env(), schema)
    session.http = build_http(mounts=sandbox.mounts)
    env = sandbox_environment()
    source = sign_in_password(
        env.authority, env.resource("exchange"), session.http, sandbox.user, sandbox.password
    )
    session.registry.add(
        open_connection(
            env,
            "exchange",
            source,
            session.http,
            schema,
            organization="contoso.onmicrosoft.com",
            use_cache=False,
        )
    )
    yield session, sandbox.sandbox
    session.close()


def _ctrl_c_after(seconds: float, client=None) -> threading.Thread:
    """Ctrl-C after SECONDS, and once CLIENT (if given) has a request on the wire."""

    def press() -> None:
        time.sleep(seconds)
        deadline = time.monotonic() + 10
        while client is not None and client.in_flight is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=press)
    thread.start()
    return thread


def _err(session: Session) -> str:
    return session.env.stderr.getvalue()


def test_ctrl_c_stops_a_local_command_and_the_shell_goes_on(local: Session) -> None:
    before = signal.getsignal(signal.SIGINT)
    started = time.monotonic()
    timer = _ctrl_c_after(0.3)
    run_line(local, local.env, "Start-Sleep 20")
    timer.join()
    assert time.monotonic() - started < 10
    assert "^C (stopped)" in _err(local)
    assert "WARNING" not in _err(local)
    assert signal.getsignal(signal.SIGINT) is before
    run_line(local, local.env, "6 * 7")
    assert local.env.stdout.getvalue().strip().endswith("42")


def test_ctrl_c_during_a_change_warns_that_it_may_still_run(tenant) -> None:
    session, sandbox = tenant
    sandbox.faults.latency = 20.0
    client = next(iter(session.registry)).client
    started = time.monotonic()
    timer = _ctrl_c_after(0.2, client)
    run_line(session, session.env, "Set-Mailbox -Identity admin -Office 'Building 7'")
    timer.join()
    assert time.monotonic() - started < 10
    err = _err(session)
    assert "^C (stopped)" in err
    assert "WARNING: Set-Mailbox was sent and the service may still carry it out" in err
    assert client.in_flight is None
    # A read is only stopped, with no warning.
    timer = _ctrl_c_after(0.2, client)
    run_line(session, session.env, "Get-Mailbox -ResultSize 3")
    timer.join()
    assert _err(session).count("WARNING") == 1
    sandbox.faults.latency = 0.0
    run_line(session, session.env, "(Get-Mailbox -ResultSize 3).Count")
    assert session.env.stdout.getvalue().strip().endswith("3")


def test_the_client_tells_which_cmdlet_is_on_the_wire(tenant) -> None:
    session, sandbox = tenant
    client = next(iter(session.registry)).client
    assert client.in_flight is None
    sandbox.faults.latency = 1.0
    worker = threading.Thread(target=lambda: list(client.invoke("Get-Recipient", {})))
    worker.start()
    deadline = time.monotonic() + 5
    while client.in_flight is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.in_flight == "Get-Recipient"
    worker.join()
    assert client.in_flight is None


def test_errors_print_and_the_shell_goes_on(tenant) -> None:
    session, sandbox = tenant
    run_line(session, session.env, "Get-Mailbox -Identity nobody-here")
    run_line(session, session.env, "Get-Mailbox -Identity)")
    run_line(session, session.env, "throw 'boom'")
    err = _err(session)
    assert "nobody-here" in err
    assert "1:22: error: unexpected token ')'" in err
    assert "boom" in err
    # The connection is cut in the middle of every answer: an error, never a way out.
    sandbox.faults.reset_rate = 1.0
    run_line(session, session.env, "Get-Mailbox -ResultSize Unlimited")
    assert "Traceback" not in _err(session)
    assert _err(session).count("error") >= 4
    sandbox.faults.reset_rate = 0.0
    run_line(session, session.env, "(Get-Mailbox -ResultSize 2).Count")
    assert session.env.stdout.getvalue().strip().endswith("2")


def test_exit_with_a_code_leaves(local: Session) -> None:
    with pytest.raises(Finished) as done:
        run_line(local, local.env, "exit 4")
    assert done.value.code == 4


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


@pytest.mark.parametrize("leave", ["exit\r", "\x04"])
def test_the_shell_clears_on_ctrl_c_and_disconnects_when_it_leaves(tmp_path, leave) -> None:
    env = _env()
    env.environ.update(
        SCCSHELL_CONFIG_DIR=str(tmp_path / "cfg"), SCCSHELL_DATA_DIR=str(tmp_path / "data")
    )
    sessions: list[Session] = []
    with create_pipe_input() as pipe:

        def feed() -> None:
            for keys in ["Get-Mailbox -Identity half-typed", "\x03", "(Get-Mailbox).Count\r"]:
                time.sleep(0.4)
                pipe.send_text(keys)
            time.sleep(1.5)
            pipe.send_text(leave)

        feeder = threading.Thread(target=feed)
        feeder.start()
        status = run_shell(
            _args("--sandbox"), env, input=pipe, output=DummyOutput(), opened=sessions.append
        )
        feeder.join()
    assert status == 0
    out = env.stdout.getvalue()
    assert out.splitlines()[-1].strip() == "500"
    assert "half-typed" not in env.stderr.getvalue()  # cleared, never run
    assert len(sessions[0].registry) == 0  # disconnected on the way out
