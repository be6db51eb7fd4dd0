"""Completion latency per keystroke over the full bundled schema.

Inputs are real command lines from the test corpus plus typical interactive lines, cut
at every cursor position (each prefix is one keystroke). Each is completed once, in a
fixed shuffled order, so that first lookups of a cmdlet (building its objects) are
counted where a user would meet them. Then every input again, best of three runs, which
leaves out the moments other processes on the 2 cores took the CPU (the load average is
printed beside). Target (shared/architecture.md): p99 under 10 ms, judged on the latter.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path

from report import Target, record

from sccshell.repl.completion.engine import complete
from sccshell.repl.completion.model import build_model
from sccshell.runtime.objects import PSObject
from sccshell.schema.loader import load_schema

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "good"
TARGET_MS = 10.0
KEYSTROKES = 4000

TYPED = [
    "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.PrimarySmtpAddress -like '*@x' }",
    "Get-Mailbox | Select-Object Name, Alias | Sort-Object Name | Export-Csv -Path ./out.csv",
    "Set-Mailbox -Identity admin -LitigationHoldEnabled $true -WhatIf",
    "gmbx -Ident",
    "Get-RCP -Dist",
    "New-ComplianceSearch -Name x -ExchangeLocation All -ContentMatchQuery 'a'",
    "Connect-ExchangeOnline -ExchangeEnvironmentName O365Default -Prefix EXO2",
    "Get-MessageTrace -StartDate (Get-Date).AddDays(-1) | Group-Object Status",
    "$mbx = Get-EXOMailbox -Properties DisplayName; $mbx.Disp",
    "Set-TransportRule -Identity r -Mode Enforce -Priority 0 -ErrorAction Stop",
]


def lines() -> list[str]:
    found = list(TYPED)
    for path in sorted(CORPUS.glob("**/*.scc")):
        found += [line for line in path.read_text().splitlines() if line.strip()]
    return found


def keystrokes(count: int) -> list[tuple[str, int]]:
    """(text, cursor) pairs: every prefix of each line, cursor at the end, then shuffled."""
    pairs = [(line, cut) for line in lines() for cut in range(1, len(line) + 1)]
    random.Random(7).shuffle(pairs)
    return pairs[:count]


def main() -> None:
    started = time.perf_counter()
    schema = load_schema()
    model = build_model(
        schema,
        variables=lambda: {"mbx": [PSObject({"DisplayName": "a", "Alias": "b"})]},
    )
    build = time.perf_counter() - started
    pairs = keystrokes(KEYSTROKES)
    times = []
    suggestions = 0
    for text, cursor in pairs:
        t0 = time.perf_counter()
        suggestions += len(complete(text, cursor, model))
        times.append(time.perf_counter() - t0)
    warm = []
    for text, cursor in pairs:  # again: every cmdlet built, caches warm
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            complete(text, cursor, model)
            best = min(best, time.perf_counter() - t0)
        warm.append(best)
    times.sort()
    warm.sort()

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, int(len(values) * p))] * 1000

    p99 = pct(warm, 0.99)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load   {load:.2f} (1-minute average, {os.cpu_count()} cores)")
    print(f"schema {len(schema)} cmdlets; model built in {build * 1000:.1f} ms")
    print(f"inputs {len(pairs)} keystrokes from {len(lines())} lines, {suggestions} suggestions")
    print(
        f"single p50 {pct(times, 0.50):7.2f} ms  p99 {pct(times, 0.99):7.2f} ms  "
        f"max {times[-1] * 1000:7.2f} ms  (one run each, first lookups included)"
    )
    print(
        f"best3  p50 {pct(warm, 0.50):7.2f} ms  p99 {p99:7.2f} ms  "
        f"max {warm[-1] * 1000:7.2f} ms  mean {statistics.mean(warm) * 1000:.2f} ms"
    )
    record(
        "bench_complete",
        "completion p99 per keystroke (best of 3)",
        p99,
        "ms",
        floor=pct(warm, 0.50),
        floor_name="p50 of the same run",
        target=Target(f"p99 under {TARGET_MS:.0f} ms", "figure", "<", TARGET_MS),
        note=f"{len(pairs)} keystrokes over {len(schema)} cmdlets; load {load:.2f}",
    )
    record(
        "bench_complete",
        "completion p99 per keystroke (single run, first lookups)",
        pct(times, 0.99),
        "ms",
        floor=pct(times, 0.50),
        floor_name="p50 of the same run",
    )


if __name__ == "__main__":
    main()
