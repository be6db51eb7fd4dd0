"""Start-up: `sccshell -c 'Get-Date'`, and the REPL's prompt on screen, against a bare interpreter.

Targets (shared/architecture.md): `-c` within 3x of `python -c pass` plus 100 ms; the
REPL prompt on screen within 0.6 s with the full schema.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

from report import Target, record
from timing import ENV, median_seconds

RUNS = 9
PROMPT_TARGET = 0.6


def prompt_seconds(runs: int) -> float:
    """The median time from spawning `sccshell` on a pseudo-terminal to its prompt on screen."""
    import pexpect

    with tempfile.TemporaryDirectory() as home:
        # Its own config and history folders; the schema cache stays the user's (warm).
        env = dict(
            ENV,
            PROMPT_TOOLKIT_NO_CPR="1",
            TERM="xterm",
            SCCSHELL_CONFIG_DIR=os.path.join(home, "config"),
            SCCSHELL_DATA_DIR=os.path.join(home, "data"),
        )
        argv = ["-m", "sccshell"]
        times = []
        for run in range(runs + 1):  # the first run fills the caches and is not counted
            start = time.perf_counter()
            child = pexpect.spawn(
                sys.executable, argv, env=env, encoding="utf-8", timeout=30, dimensions=(40, 120)
            )
            child.expect_exact("PS>")
            elapsed = time.perf_counter() - start
            child.sendeof()
            child.expect(pexpect.EOF)
            child.close()
            if run:
                times.append(elapsed)
    return statistics.median(times)


def main() -> None:
    floor = median_seconds([sys.executable, "-c", "pass"], RUNS)
    command = median_seconds([sys.executable, "-m", "sccshell", "-c", "Get-Date"], RUNS)
    limit = (3 * floor + 0.1) * 1000
    record(
        "bench_start",
        "sccshell -c 'Get-Date' (median)",
        command * 1000,
        "ms",
        floor=floor * 1000,
        floor_name="python -c pass",
        target=Target(f"3 x floor + 100 ms = {limit:.0f} ms", "figure", "<=", limit),
    )
    prompt = prompt_seconds(RUNS)
    record(
        "bench_start",
        "REPL prompt on screen (median)",
        prompt * 1000,
        "ms",
        floor=floor * 1000,
        floor_name="python -c pass",
        target=Target(
            f"within {PROMPT_TARGET * 1000:.0f} ms", "figure", "<=", PROMPT_TARGET * 1000
        ),
    )


if __name__ == "__main__":
    main()
