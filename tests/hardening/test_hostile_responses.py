"""Malformed answers and redirects from a hostile Exchange host, over TLS: one clear error
line and exit status 1, never a traceback; a token never goes to a foreign host."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from .conftest import Sandbox, assert_one_clear_line, run_shell, shell_env, start_sandbox
from .hostile import Answer, TlsServer, description_with, hostile_exchange, reply, server_context

JSON = {"Content-Type": "application/json; odata.metadata=minimal"}


def _page(value: object, **extra: object) -> Answer:
    return 200, JSON, json.dumps({"value": value, **extra}).encode()


MALFORMED: dict[str, Answer] = {
    "not JSON": (200, JSON, b"Service ready, have a nice day"),
    "truncated JSON": (200, JSON, b'{"value":[{"Name":"a"},{"Name":"b"}'),
    "NUL body": (200, JSON, b"\x00" * 64),
    "empty 200": (200, JSON, b""),
    "value not a list": _page("Mailbox"),
    "objects not dicts": _page([1, "x", None]),
    "nextLink not a string": _page([{"Name": "a"}], **{"@odata.nextLink": 42}),
    "HTML error page": (
        502,
        {"Content-Type": "text/html"},
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
        b"<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
    ),
}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    served = start_sandbox(tmp_path_factory.mktemp("hostile"), "--mailboxes", "30")
    yield served
    served.stop()


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _run_against(sandbox, ca, home, tmp_path: Path, answer, command: str = "Get-Mailbox"):
    server, close = hostile_exchange(sandbox.info, ca, answer)
    with server:
        url = f"https://localhost:{server.port}"
        description = description_with(tmp_path, sandbox.info, ca, exchange=url)
        env = shell_env(None, home, SCCSHELL_SANDBOX=str(description))
        done = run_shell("--sandbox", "-c", command, env=env, timeout=120)
    close()
    return done, server


@pytest.mark.parametrize(
    "kind",
    list(MALFORMED),
)
def test_a_malformed_answer_is_one_clear_error(sandbox, ca, home, tmp_path, kind) -> None:
    done, server = _run_against(
        sandbox, ca, home, tmp_path, lambda: MALFORMED[kind], "Get-Mailbox -ResultSize Unlimited"
    )
    assert any("InvokeCommand" in path for _, path, _ in server.seen.requests)
    assert done.returncode == 1, done.stderr
    line = assert_one_clear_line(done.stderr)
    assert f"localhost:{server.port}" in line or "Get-Mailbox" in line or "502" in line, line


def test_an_html_error_page_is_told_by_its_title(sandbox, ca, home, tmp_path) -> None:
    done, _ = _run_against(sandbox, ca, home, tmp_path, lambda: MALFORMED["HTML error page"])
    assert done.returncode == 1
    assert assert_one_clear_line(done.stderr).endswith("error: 502 Bad Gateway")


def test_a_huge_page_is_read_whole(sandbox, ca, home, tmp_path) -> None:
    # About 50 MB in one page: every object arrives, none twice.
    page = _page([{"Name": f"box{i:05d}", "Notes": "x" * 1000} for i in range(50_000)])
    assert len(page[2]) > 50_000_000
    done, _ = _run_against(
        sandbox, ca, home, tmp_path, lambda: page, "(Get-Mailbox | Sort-Object Name -Unique).Count"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["50000"]


@pytest.mark.parametrize("status", [302, 307])
def test_a_redirect_to_a_foreign_host_never_gets_the_token(
    sandbox, ca, home, tmp_path, status
) -> None:
    def foreign_handle(handler) -> None:
        reply(handler, 200, JSON, json.dumps({"value": [{"Name": "stolen"}]}).encode())

    with TlsServer(server_context(ca, "127.0.0.1", "localhost"), foreign_handle) as foreign:
        target = f"https://localhost:{foreign.port}/adminapi/beta/x/InvokeCommand"
        done, _ = _run_against(
            sandbox, ca, home, tmp_path, lambda: (status, {"Location": target}, b"")
        )
    assert foreign.seen.requests == []  # not even a request without the token
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    assert f"redirected to localhost:{foreign.port}" in line and "token was not sent" in line


def test_a_redirect_to_the_other_service_never_gets_the_token(sandbox, ca, home, tmp_path) -> None:
    # The compliance host is the sandbox's own, but an Exchange token is not for it.
    target = sandbox.info["compliance"] + "/adminapi/beta/x/InvokeCommand"
    done, _ = _run_against(sandbox, ca, home, tmp_path, lambda: (307, {"Location": target}, b""))
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    assert "token was not sent" in line
