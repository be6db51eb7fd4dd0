"""`sccshell --check` of a 1,000-line script, against the floor of a bare interpreter start.

Target (shared/architecture.md): under 1 s on the project's 2-core machines.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Target, record
from timing import ENV, median_seconds

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "good"
LINES = 1000
RUNS = 7


def corpus_units() -> list[list[str]]:
    """Single-line commands and whole scripts from the corpus, each as its source lines."""
    units = [
        [line]
        for path in sorted(CORPUS.glob("*.scc"))
        for line in path.read_text().splitlines()
        if line.strip()
    ]
    for number, path in enumerate(sorted((CORPUS / "scripts").glob("*.scc"))):
        lines = path.read_text().splitlines()
        # A param() block must open its script, so scripts become functions when concatenated.
        units.append([f"function Invoke-Corpus{number} {{", *lines, "}"])
    return units


def build_script(target: int) -> str:
    """At least TARGET lines made of whole corpus units, so the script stays valid."""
    units = corpus_units()
    out: list[str] = []
    index = 0
    while len(out) < target:
        out.extend(units[index % len(units)])
        index += 1
    return "\n".join(out) + "\n"


def main() -> None:
    script = build_script(LINES)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.scc"
        path.write_text(script)
        lines = script.count("\n")
        check = [sys.executable, "-m", "sccshell", "--check", str(path)]
        # A cache directory of its own: the first run builds the schema index (cold).
        os.environ["SCCSHELL_CACHE_DIR"] = ENV["SCCSHELL_CACHE_DIR"] = str(Path(tmp) / "cache")
        start = time.perf_counter()
        result = subprocess.run(check, capture_output=True, text=True)
        cold = time.perf_counter() - start
        problems = result.stdout.count("\n")
        floor = median_seconds([sys.executable, "-c", "pass"], RUNS)
        measured = median_seconds(check, RUNS)
    print(f"  script: {lines} lines, {problems} problems reported (exit {result.returncode})")
    record(
        "bench_check",
        "--check, 1,000 lines, first run (no cache)",
        cold * 1000,
        "ms",
        floor=floor * 1000,
        floor_name="python -c pass",
    )
    record(
        "bench_check",
        f"--check, {lines} lines (median)",
        measured * 1000,
        "ms",
        floor=floor * 1000,
        floor_name="python -c pass",
        target=Target("under 1000 ms", "figure", "<", 1000),
    )


if __name__ == "__main__":
    main()
