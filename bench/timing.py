"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import subprocess
import time

# Measured as a user's machine runs it: with bytecode caches (some CI images turn them off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(argv: list[str], runs: int = 7) -> float:
    """The median wall time of RUNS runs of ARGV, after one warm-up run."""
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)
