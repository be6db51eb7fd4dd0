"""Start-up: `sccshell -c 'Get-Date'` against a bare interpreter start.

Target (shared/architecture.md): within 3x of `python -c pass` plus 100 ms.
"""

from __future__ import annotations

import sys

from timing import median_seconds

RUNS = 9


def main() -> None:
    floor = median_seconds([sys.executable, "-c", "pass"], RUNS)
    command = median_seconds([sys.executable, "-m", "sccshell", "-c", "Get-Date"], RUNS)
    target = 3 * floor + 0.1
    print(f"floor   python -c pass            {floor * 1000:8.1f} ms")
    print(f"start   sccshell -c 'Get-Date'     {command * 1000:8.1f} ms")
    print(f"ratio   start / floor              {command / floor:8.2f}x")
    print(
        f"target  3 x floor + 100 ms = {target * 1000:.0f} ms: {'met' if command <= target else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
