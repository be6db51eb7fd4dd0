"""Issue 7's faults against the served sandbox: the exact set of mailboxes, or one clear error."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from .conftest import (
    IDENTITIES,
    MAILBOXES,
    assert_one_clear_line,
    identities,
    run_shell,
    shell_env,
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
