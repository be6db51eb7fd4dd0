"""Ctrl-C in the middle of `Get-Mailbox -ResultSize Unlimited | Export-Csv`: the old file as
it was, or (with -Append) whole records only."""

from __future__ import annotations

import csv
import io
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import MAILBOXES, shell_env

OLD = '"Name","Alias"\n"old","kept"\n'


def _interrupt_when(ready: Callable[[], bool], argv: list[str], env, cwd: Path) -> int:
    """Run the shell, send SIGINT once READY() holds, and return its exit status."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sccshell", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the export never got going"
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode


def test_ctrl_c_during_export_leaves_the_old_file_untouched(serve, home, tmp_path: Path) -> None:
    sandbox = serve("--mailboxes", str(MAILBOXES), "--latency", "0.5")
    out = tmp_path / "out.csv"
    out.write_text(OLD)
    command = "Get-Mailbox -ResultSize Unlimited | Export-Csv out.csv"
    status = _interrupt_when(
        lambda: any(tmp_path.glob(".out.csv.*.partial")),  # the first page is being written
        ["--sandbox", "-c", command],
        shell_env(sandbox, home),
        tmp_path,
    )
    assert status == 130
    assert out.read_text() == OLD
    assert not list(tmp_path.glob(".out.csv.*"))  # nothing half-written is left behind


def test_ctrl_c_during_export_append_leaves_whole_records(serve, home, tmp_path: Path) -> None:
    sandbox = serve("--mailboxes", str(MAILBOXES), "--latency", "0.5")
    out = tmp_path / "out.csv"
    out.write_text(OLD)
    command = (
        "Get-Mailbox -ResultSize Unlimited | Select-Object Name,Alias | Export-Csv out.csv -Append"
    )
    status = _interrupt_when(
        lambda: out.stat().st_size > len(OLD),
        ["--sandbox", "-c", command],
        shell_env(sandbox, home),
        tmp_path,
    )
    assert status == 130
    text = out.read_text()
    assert text.startswith(OLD) and text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Name", "Alias"]
    assert all(len(row) == 2 and row[0] for row in rows[1:])
    assert len(rows) < MAILBOXES  # stopped, not finished
