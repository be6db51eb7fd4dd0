"""Run every benchmark in bench/ and print its figures."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.stem}")
        sys.stdout.flush()
        runpy.run_path(str(path), run_name="__main__")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
