"""Issue 7's faults against the served sandbox: the exact set of mailboxes, or one clear error."""

from __future__ import annotations

import json
import os
import ssl
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from sccshell.connection.fanout import DEFAULT_CONCURRENCY

from .conftest import (
    IDENTITIES,
    MAILBOXES,
    assert_one_clear_line,
    identities,
    run_shell,
    shell_env,
    start_sandbox,
)

PROFILES = """\
version: 1
profiles:
  shared:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    auth:
      method: password
      user: admin@contoso.onmicrosoft.com
      password_env: ADMIN_PASSWORD
    connections:
      - service: exchange
"""


def _warm(sandbox, home) -> None:
    """One clean run first, so the cmdlet list is cached and the fault hits the command."""
    done = run_shell("--sandbox", "-c", "Get-Date", env=shell_env(sandbox, home))
    assert done.returncode == 0, done.stderr


def test_a_429_storm_still_gives_every_mailbox_once(serve, home, expected_identities) -> None:
    sandbox = serve("--mailboxes", str(MAILBOXES), "--rate-limit", "2", "--retry-after", "0.5")
    start = time.monotonic()
    done = run_shell("--sandbox", "-c", IDENTITIES, env=shell_env(sandbox, home))
    assert done.returncode == 0, done.stderr
    assert identities(done) == expected_identities
    # Two requests a second: connects and pages could only pass by waiting out 429s.
    assert time.monotonic() - start > 1.0


def test_429s_past_the_retries_end_in_the_module_s_error(serve, home) -> None:
    sandbox = serve("--mailboxes", "30", "--rate-limit", "1", "--retry-after", "0.01")
    _warm(serve("--mailboxes", "30"), home)
    done = run_shell(
        "--sandbox", "-c", "Get-Mailbox; Get-Mailbox; Get-Mailbox", env=shell_env(sandbox, home)
    )
    assert done.returncode == 1, done.stderr
    assert "Maximum retry count reached." in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_503s_with_a_short_back_off_still_give_every_mailbox_once(
    serve, home, expected_identities
) -> None:
    sandbox = serve("--mailboxes", str(MAILBOXES), "--error-rate", "0.4")
    env = shell_env(sandbox, home, SCCSHELL_RETRY_BASE="0.01")
    done = run_shell("--sandbox", "-c", IDENTITIES, env=env)
    assert done.returncode == 0, done.stderr
    assert identities(done) == expected_identities


def test_a_503_storm_ends_in_maximum_retry_count_reached(serve, home) -> None:
    sandbox = serve("--mailboxes", "30", "--error-rate", "1.0")
    # The cmdlet list of an earlier, healthy run, so that the storm hits the command itself.
    healthy = serve("--mailboxes", "30")
    _warm(healthy, home)
    env = shell_env(sandbox, home, SCCSHELL_RETRY_BASE="0.01")
    done = run_shell("--sandbox", "-c", "Get-Mailbox -ResultSize 5", env=env)
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    assert "Maximum retry count reached. The service is unavailable." in line
    assert done.stdout == ""


def test_resets_in_the_middle_of_pages_lose_and_repeat_nothing(
    serve, home, expected_identities
) -> None:
    sandbox = serve("--mailboxes", str(MAILBOXES), "--reset-rate", "0.4")
    done = run_shell("--sandbox", "-c", IDENTITIES, env=shell_env(sandbox, home))
    assert done.returncode == 0, done.stderr
    # The cut page is asked for again, as it was: never skipped, never counted twice.
    assert identities(done) == expected_identities


def test_a_reset_during_a_change_is_not_repeated_and_says_so(serve, home) -> None:
    sandbox = serve("--mailboxes", "30", "--reset-rate", "1.0")
    healthy = serve("--mailboxes", "30")
    _warm(healthy, home)
    done = run_shell(
        "--sandbox",
        "-c",
        "Set-Mailbox -Identity admin -CustomAttribute1 hardening",
        env=shell_env(sandbox, home),
    )
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    assert "was cut before the answer to Set-Mailbox was complete" in line
    assert "may have carried out Set-Mailbox" in line


def test_resets_on_every_try_of_a_read_end_in_a_clear_error(serve, home) -> None:
    sandbox = serve("--mailboxes", "30", "--reset-rate", "1.0")
    healthy = serve("--mailboxes", "30")
    _warm(healthy, home)
    done = run_shell("--sandbox", "-c", "Get-Mailbox", env=shell_env(sandbox, home))
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    assert "was cut before the answer to Get-Mailbox was complete, 6 times in a row." in line


def test_tokens_that_expire_in_the_middle_of_paging_are_renewed(
    serve, home, expected_identities
) -> None:
    # Tokens live one second, each page takes over 0.4 s: later pages need renewed tokens.
    sandbox = serve("--mailboxes", str(MAILBOXES), "--token-lifetime", "1", "--latency", "0.4")
    # A 401 for a token that ran out on the way is retried with a fresh one (§1.3).
    env = shell_env(sandbox, home, SCCSHELL_RETRY_BASE="0.05")
    done = run_shell("--sandbox", "-c", IDENTITIES, env=env)
    assert done.returncode == 0, done.stderr
    assert identities(done) == expected_identities


def test_an_answer_slower_than_the_client_timeout_is_a_clear_error(serve, home) -> None:
    slow = serve("--mailboxes", "30", "--latency", "3")
    _warm(serve("--mailboxes", "30"), home)
    start = time.monotonic()
    env = shell_env(slow, home, SCCSHELL_HTTP_TIMEOUT="1")
    done = run_shell("--sandbox", "-c", "Get-Mailbox", env=env)
    assert done.returncode == 1
    line = assert_one_clear_line(done.stderr)
    port = slow.info["exchange"].rsplit(":", 1)[1]
    assert f"localhost:{port} did not send the answer to Get-Mailbox within 1 seconds" in line
    assert time.monotonic() - start < 20


def test_a_slow_answer_within_the_timeout_is_waited_for(serve, home) -> None:
    slow = serve("--mailboxes", "30", "--latency", "0.5")
    env = shell_env(slow, home, SCCSHELL_HTTP_TIMEOUT="3")
    done = run_shell("--sandbox", "-c", "(Get-Mailbox -ResultSize 3).Count", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3"]


def test_two_shells_share_one_token_cache_at_once(serve, home, tmp_path: Path) -> None:
    sandbox = serve("--mailboxes", "30", "--token-lifetime", "2", "--latency", "0.2")
    config = Path(home["XDG_CONFIG_HOME"]) / "sccshell"
    config.mkdir(parents=True)
    (config / "profiles.yaml").write_text(PROFILES)
    env = shell_env(sandbox, home, ADMIN_PASSWORD=sandbox.info["admin_password"])
    # Ten commands each, tokens of two seconds: both shells renew while the other reads.
    script = "1..10 | ForEach-Object { (Get-Mailbox -ResultSize 2).Count }"
    shells = [
        subprocess.Popen(
            [sys.executable, "-m", "sccshell", "--profile", "shared", "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180) for p in shells]
    for process, (out, err) in zip(shells, outputs, strict=True):
        assert process.returncode == 0, err
        assert out.split() == ["2"] * 10
    tokens = Path(home["SCCSHELL_CACHE_DIR"]) / "tokens"
    cache = tokens / "shared.json"
    data = json.loads(cache.read_text())
    assert data["AccessToken"] and data["RefreshToken"]
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tokens).st_mode) == 0o700
    assert not list(tokens.glob(".tmp-*"))


# --- the Rate-Limit budget, requests in flight, malformed pages -------------------------------

PERMISSIONS = "Get-Mailbox -ResultSize 300 | Get-MailboxPermission"


def _stats(sandbox) -> dict:
    """What the served sandbox counted: GET /sandbox/stats on its login host."""
    verify = ssl.create_default_context(cafile=sandbox.info["ca_file"])
    with httpx.Client(verify=verify, timeout=30) as http:
        answer = http.get(sandbox.info["login"] + "/sandbox/stats")
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture(scope="module")
def expected_permissions(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The permissions of the first 300 mailboxes, from an unfaulted sandbox, one per line."""
    folder = tmp_path_factory.mktemp("permissions")
    sandbox = start_sandbox(folder, "--mailboxes", "320")
    try:
        home = {"SCCSHELL_CACHE_DIR": str(folder / "cache")}
        done = run_shell(
            "--sandbox", "-c", PERMISSIONS, "-o", "jsonl", env=shell_env(sandbox, home)
        )
    finally:
        sandbox.stop()
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len({json.loads(line)["Identity"] for line in lines}) == 300
    return lines


def test_a_budget_that_runs_out_still_gives_every_permission_once(
    serve, home, expected_permissions
) -> None:
    # 100 calls per two-second window: the 301 calls need four windows at least.
    sandbox = serve("--mailboxes", "320", "--budget", "100", "--budget-window", "2")
    _warm(sandbox, home)
    start = time.monotonic()
    done = run_shell("--sandbox", "-c", PERMISSIONS, "-o", "jsonl", env=shell_env(sandbox, home))
    took = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # Every mailbox's permissions, in the input's order: none lost, none twice.
    assert done.stdout.splitlines() == expected_permissions
    # Four windows of two seconds, aligned to the clock: over four seconds from first to last.
    assert took > 4.0, took


def test_calls_past_a_small_budget_are_refused_and_asked_again(serve, home) -> None:
    # Four calls a second, ten in the one $batch: over at most two windows, two or more of
    # them are refused (429, Retry-After until the reset) and are asked again on their own.
    sandbox = serve("--mailboxes", "30", "--budget", "4", "--budget-window", "1")
    _warm(sandbox, home)
    script = "Get-Mailbox -ResultSize 10 | Get-MailboxPermission | ForEach-Object { $_.Identity }"
    done = run_shell("--sandbox", "-c", script, env=shell_env(sandbox, home))
    assert done.returncode == 0, done.stderr
    healthy = serve("--mailboxes", "30")
    expected = run_shell("--sandbox", "-c", script, env=shell_env(healthy, home))
    assert expected.returncode == 0, expected.stderr
    assert identities(done) == identities(expected)
    assert len(set(identities(done))) == 10
    assert _stats(sandbox)["budget_refusals"] > 0


def test_a_fan_out_over_tls_stays_within_the_shell_s_concurrency(serve, home) -> None:
    # Each call takes a second, so batches can only overlap; 30 of them, six at most at once.
    sandbox = serve("--mailboxes", "320", "--latency", "1")
    _warm(sandbox, home)
    verify = ssl.create_default_context(cafile=sandbox.info["ca_file"])
    with httpx.Client(verify=verify, timeout=30) as http:
        assert http.post(sandbox.info["login"] + "/sandbox/stats/reset").status_code == 200
    done = run_shell(
        "--sandbox", "-c", f"({PERMISSIONS}).Count", env=shell_env(sandbox, home), timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[0]) >= 300
    stats = _stats(sandbox)
    assert stats["requests"]["batch"] == 30  # ten to a batch, none sent twice
    assert 1 < stats["peak_in_flight"]["batch"] <= DEFAULT_CONCURRENCY
    assert stats["in_flight"] == {"service": 0, "batch": 0}


@pytest.mark.parametrize("kind", ["not-json", "truncated", "nul", "wrong-type"])
def test_a_malformed_page_is_a_clear_error_naming_the_host(serve, home, kind) -> None:
    sandbox = serve("--mailboxes", "30", "--malformed", kind)
    _warm(serve("--mailboxes", "30"), home)
    done = run_shell("--sandbox", "-c", "Get-Mailbox", env=shell_env(sandbox, home))
    assert done.returncode != 0
    line = assert_one_clear_line(done.stderr)
    port = sandbox.info["exchange"].rsplit(":", 1)[1]
    assert f"localhost:{port}" in line, line
    assert done.stdout == ""
