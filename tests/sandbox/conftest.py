"""Fixtures for the sandbox: an in-process tenant behind httpx, and one served on loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


class Served:
    """A `sccshell-sandbox serve` process and the JSON line it printed."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sccshell.sandbox", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("sandbox did not start: " + self.process.stderr.read())
        self.info: dict = json.loads(line)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        finally:
            if not self.process.stdout.closed:
                self.process.stdout.close()
                self.process.stderr.close()


@pytest.fixture
def serve() -> Iterator:
    started: list[Served] = []

    def start(*args: str) -> Served:
        served = Served(list(args), env=dict(os.environ))
        started.append(served)
        return served

    start.started = started  # type: ignore[attr-defined]
    yield start
    for served in started:
        served.stop()


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"
