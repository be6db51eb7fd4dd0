"""Run every benchmark in bench/, each in its own process, then print and save the table.

`python bench/run.py [NAME ...]` runs the bench_*.py files (or only those whose names
contain a NAME), prints each one's output as it goes, then one table of every figure
with its floor, ratio, target and verdict, and writes it all to bench/results.json.
Exit status 1 when a benchmark crashed (the others still run), else 0: missed targets
are findings, reported in the table, not failures of the run.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from report import RESULTS_VARIABLE, number, read_entries, verdict

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
TIMEOUT = 900  # seconds for one benchmark


def chosen(names: list[str]) -> list[Path]:
    paths = sorted(HERE.glob("bench_*.py"))
    if names:
        paths = [p for p in paths if any(n in p.stem for n in names)]
    return paths


def run_one(path: Path, scratch: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run one benchmark; its entries and how the run went."""
    results = scratch / f"{path.stem}.jsonl"
    env = dict(os.environ, **{RESULTS_VARIABLE: str(results)})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))
    start = time.perf_counter()
    try:
        process = subprocess.run([sys.executable, str(path)], env=env, timeout=TIMEOUT)
        status: int | str = process.returncode
    except subprocess.TimeoutExpired:
        status = f"timed out after {TIMEOUT} s"
    elapsed = time.perf_counter() - start
    entries = read_entries(str(results))
    return entries, {"benchmark": path.stem, "status": status, "seconds": round(elapsed, 1)}


def table(entries: list[dict[str, Any]]) -> str:
    header = ("benchmark", "figure", "value", "floor", "ratio", "target", "verdict")
    rows = [header]
    for e in entries:
        floor = f"{number(e['floor'])} {e['floor_name']}" if e["floor"] is not None else "-"
        rows.append(
            (
                e["benchmark"].removeprefix("bench_"),
                e["name"],
                f"{number(e['figure'])} {e['unit']}",
                floor,
                f"{number(e['ratio'])}x" if e["ratio"] is not None else "-",
                e["target"] or "-",
                verdict(e["met"]),
            )
        )
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = chosen(argv)
    entries: list[dict[str, Any]] = []
    runs: list[dict[str, Any]] = []
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="sccshell-bench-") as scratch:
        for number_, path in enumerate(paths, 1):
            print(f"== [{number_}/{len(paths)}] {path.stem}", flush=True)
            found, run = run_one(path, Path(scratch))
            entries += found
            runs.append(run)
            print(f"-- {path.stem}: exit {run['status']}, {run['seconds']} s", flush=True)
    print()
    print(table(entries))
    failed = [r for r in runs if r["status"] != 0]
    for run in failed:
        print(f"FAILED {run['benchmark']}: exit {run['status']}")
    missed = [e for e in entries if e["met"] is False]
    print(
        f"{len(entries)} figures from {len(runs)} benchmarks; "
        f"{sum(e['met'] is True for e in entries)} targets met, {len(missed)} missed; "
        f"{len(failed)} benchmarks failed"
    )
    document = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        },
        "runs": runs,
        "entries": entries,
    }
    if not argv:  # a partial run does not overwrite the full table
        RESULTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"written {RESULTS.relative_to(HERE.parent)}")
    else:
        partial = HERE / "results-partial.json"
        partial.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"written {partial.relative_to(HERE.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
