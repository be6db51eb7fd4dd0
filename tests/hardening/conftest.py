"""The real shell, run as a process, against `sccshell-sandbox serve` over TLS with faults."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Three pages of 1000: every fault gets its chance in the middle of a paged result.
MAILBOXES = 2100
KNOBS = ("SCCSHELL_HTTP_TIMEOUT", "SCCSHELL_RETRY_BASE", "SCCSHELL_SANDBOX")
IDENTITIES = "Get-Mailbox -ResultSize Unlimited | ForEach-Object { [string]$_.ExchangeGuid }"


@dataclass
class Sandbox:
    """One served sandbox: its process, the line it printed, and that line in a file."""

    process: subprocess.Popen
    info: dict
    description: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def start_sandbox(folder: Path, *args: str) -> Sandbox:
    process = subprocess.Popen(
        [sys.executable, "-m", "sccshell.sandbox", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    if not line:
        process.kill()
        raise RuntimeError("the sandbox did not start")
    folder.mkdir(parents=True, exist_ok=True)
    description = folder / f"sandbox-{process.pid}.json"
    description.write_text(line)
    return Sandbox(process, json.loads(line), description)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    """Start a served sandbox with the given arguments; every one is stopped at the end."""
    started: list[Sandbox] = []

    def start(*args: str) -> Sandbox:
        sandbox = start_sandbox(tmp_path / "sandboxes", *args)
        started.append(sandbox)
        return sandbox

    yield start
    for sandbox in started:
        sandbox.stop()


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """Config, cache and data folders of the shell's own, empty at the start."""
    folders = {
        "SCCSHELL_CACHE_DIR": tmp_path / "cache",
        "XDG_CONFIG_HOME": tmp_path / "config",
        "XDG_DATA_HOME": tmp_path / "data",
        "XDG_CACHE_HOME": tmp_path / "xdgcache",
    }
    return {name: str(path) for name, path in folders.items()}


def shell_env(sandbox: Sandbox | None, home: dict[str, str], **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in KNOBS}
    env.update(home)
    env.update(extra)
    if sandbox is not None:
        env["SCCSHELL_SANDBOX"] = str(sandbox.description)
    return env


def run_shell(
    *argv: str, env: dict[str, str], cwd: Path | None = None, timeout: float = 180
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sccshell", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )


def identities(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def expected_identities(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every mailbox of the tenant as an unfaulted sandbox serves it (the data is seeded)."""
    folder = tmp_path_factory.mktemp("unfaulted")
    sandbox = start_sandbox(folder, "--mailboxes", str(MAILBOXES))
    try:
        home = {"SCCSHELL_CACHE_DIR": str(folder / "cache")}
        done = run_shell("--sandbox", "-c", IDENTITIES, env=shell_env(sandbox, home))
    finally:
        sandbox.stop()
    assert done.returncode == 0, done.stderr
    found = identities(done)
    assert len(found) == len(set(found)) >= MAILBOXES
    return found


def assert_one_clear_line(stderr: str) -> str:
    """STDERR is one line of error, with no traceback and no internal error."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]
