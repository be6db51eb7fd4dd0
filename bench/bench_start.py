"""Start-up: `sccshell -c 'Get-Date'` against a bare interpreter start.

Target (shared/architecture.md): within 3x of `python -c pass` plus 100 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

RUNS = 9


# Measured as a user's machine runs it: with bytecode caches (some CI images turn them off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(argv: list[str]) -> float:
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    floor = median_seconds([sys.executable, "-c", "pass"])
    command = median_seconds([sys.executable, "-m", "sccshell", "-c", "Get-Date"])
    target = 3 * floor + 0.1
    print(f"floor   python -c pass            {floor * 1000:8.1f} ms")
    print(f"start   sccshell -c 'Get-Date'     {command * 1000:8.1f} ms")
    print(f"ratio   start / floor              {command / floor:8.2f}x")
    print(
        f"target  3 x floor + 100 ms = {target * 1000:.0f} ms: {'met' if command <= target else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
