"""A long pipeline streams: memory stays flat as the number of objects grows tenfold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Each run in a process of its own, measured by its peak resident size after a small
# run and after a ten times larger one: holding the objects would add tens of MB.
MEASURE = r"""
import io, os, resource, sys
from sccshell.environment import Environment
from sccshell.language import parse
from sccshell.schema import load_schema
from sccshell.session import Session

mode, out, sizes = sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3:]]
env = Environment(
    stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ=dict(os.environ)
)
session = Session(env, load_schema())
if mode == "remote":
    from sccshell.modes.connecting import connect_sandbox

    connect_sandbox(session, mailboxes=max(sizes))
    warm = "Get-Mailbox -ResultSize 2000 | Select-Object -First 1 | Export-Csv -Path '{out}'"
    list(session.evaluator.iter_run(parse(warm.format(out=out))))
    pipeline = (
        "Get-Mailbox -ResultSize {n} | Where-Object {{ $_.Alias -notlike 'x*' }} |"
        " Select-Object Name, Alias, PrimarySmtpAddress | Export-Csv -Path '{out}' -NoTypeInformation"
    )
elif mode == "format":
    pipeline = (
        "1..{n} | ForEach-Object {{ [pscustomobject]@{{ Name = \"user$_\"; Size = $_ * 3 }} }} |"
        " Where-Object {{ $_.Size % 2 -eq 0 }} | Format-Table Name, Size | Out-File -FilePath '{out}'"
    )
else:
    pipeline = (
        "1..{n} | ForEach-Object {{ [pscustomobject]@{{ Name = \"user$_\"; Size = $_ * 3 }} }} |"
        " Where-Object {{ $_.Size % 2 -eq 0 }} | Select-Object Name, Size |"
        " Export-Csv -Path '{out}' -NoTypeInformation"
    )
list(session.evaluator.iter_run(parse(pipeline.format(n=10, out=out))))  # imports, caches
for n in sizes:
    list(session.evaluator.iter_run(parse(pipeline.format(n=n, out=out))))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with open(out, encoding="utf-8") as f:
        if mode == "format":  # the table's rows, not its header and blank lines
            rows = sum(1 for line in f if line.startswith("user"))
        else:
            rows = sum(1 for _ in f) - 1  # the CSV's records, after its header
    print(peak, rows)
"""


def measure(mode: str, out: Path, *sizes: int, sandbox: str | None = None) -> list[tuple[int, int]]:
    environ = {k: v for k, v in os.environ.items() if k != "SCCSHELL_SANDBOX"}
    if sandbox is not None:
        environ["SCCSHELL_SANDBOX"] = sandbox
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, mode, str(out), *map(str, sizes)],
        capture_output=True,
        text=True,
        timeout=600,
        env=environ,
    )
    assert done.returncode == 0, done.stderr
    return [tuple(int(x) for x in line.split()) for line in done.stdout.splitlines()]


def test_a_local_pipeline_of_100000_objects_streams(tmp_path: Path) -> None:
    (small, small_rows), (large, large_rows) = measure("local", tmp_path / "o.csv", 10_000, 100_000)
    assert (small_rows, large_rows) == (5_000, 50_000)
    # 50,000 objects kept would be about 40 MB
    assert large - small < 8 * 2**20, (small, large)


def test_format_table_and_out_file_stream(tmp_path: Path) -> None:
    (small, small_rows), (large, large_rows) = measure(
        "format", tmp_path / "t.txt", 10_000, 100_000
    )
    assert (small_rows, large_rows) == (5_000, 50_000)
    assert large - small < 8 * 2**20, (small, large)


def test_a_paged_remote_result_streams_into_export_csv(tmp_path: Path) -> None:
    # The sandbox runs in a process of its own: only the shell's memory is measured.
    server = subprocess.Popen(
        [sys.executable, "-m", "sccshell.sandbox", "serve", "--mailboxes", "12000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        description = server.stdout.readline()
        assert description, "the sandbox did not start"
        (small, small_rows), (large, large_rows) = measure(
            "remote", tmp_path / "m.csv", 2_000, 12_000, sandbox=description
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stdout.close()
    assert (small_rows, large_rows) == (2_000, 12_000)
    # a page (1,000 objects) is held at a time, whatever the total; 10,000 more mailboxes
    # kept would be well over 50 MB
    assert large - small < 16 * 2**20, (small, large)
