"""Results: `Get-Mailbox -ResultSize Unlimited | Export-Csv` over a served sandbox, against
a bare httpx loop that fetches and decodes the same pages; and memory against object count.

Both sides talk to one `sccshell-sandbox serve` over TLS on loopback. The floor signs in
with msal once (not timed), then POSTs the same InvokeCommand body page after page as
protocol §3.3 says and json.loads each page once. sccshell is timed as a user meets it: the
whole `-c` process, start-up and sign-in included. One untimed fetch first lets the
sandbox keep its encoded objects, so both sides see the same, warm server.

Targets (shared/architecture.md): within 1.5x of the floor; memory flat in the number of
objects, judged as peak RSS at N objects over peak RSS at N/10 (within 1.1x).
BENCH_MAILBOXES shrinks the tenant for a quick run (default 100000).
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from pathlib import Path

from report import Target, record
from served import decoded_pages, peak_rss_mb, sandbox, sign_in

NAME = "bench_results"
MAILBOXES = int(os.environ.get("BENCH_MAILBOXES", "100000"))
FLOOR_RUNS = 3
SHELL_RUNS = 1


def bare_loop(served, http, token) -> tuple[float, int]:  # noqa: ANN001 - bench helpers
    """Seconds to fetch and decode every page, and the objects decoded."""
    start = time.perf_counter()
    objects = 0
    for page in decoded_pages(served, http, token, "Get-Mailbox", {"ResultSize": "Unlimited"}):
        objects += len(page["value"])
    return time.perf_counter() - start, objects


def shell(served, folder: Path, size: str) -> tuple[float, float, int]:  # noqa: ANN001
    """Seconds, peak RSS (MB) and CSV rows of one `sccshell -c ... | Export-Csv` process."""
    out = folder / f"out-{size}.csv"
    command = f"Get-Mailbox -ResultSize {size} | Export-Csv -Path '{out}' -NoTypeInformation"
    argv = [sys.executable, "-m", "sccshell", "--sandbox", "-c", command]
    start = time.perf_counter()
    peak, status = peak_rss_mb(argv, served.env(), cwd=str(folder))
    elapsed = time.perf_counter() - start
    if status:
        raise SystemExit(f"sccshell exited {status}")
    with out.open(newline="", encoding="utf-8-sig") as rows:
        count = sum(1 for _ in csv.reader(rows)) - 1  # less the header
    out.unlink()
    return elapsed, peak, count


def main() -> None:
    with sandbox(MAILBOXES) as served, served.http() as http:
        token = sign_in(served, http)
        cold, total = bare_loop(served, http, token)
        print(f"  warm-up: {total} mailboxes fetched in {cold:.1f} s (sandbox formats them once)")
        floor = min(bare_loop(served, http, token)[0] for _ in range(FLOOR_RUNS))
        with tempfile.TemporaryDirectory(prefix="sccshell-bench-") as tmp:
            folder = Path(tmp)
            runs = [shell(served, folder, "Unlimited") for _ in range(SHELL_RUNS)]
            best = min(runs)
            small = max(1, MAILBOXES // 10)
            _, small_peak, small_rows = shell(served, folder, str(small))
    seconds, peak, rows = best
    lost = total - rows
    record(
        NAME,
        f"Get-Mailbox -ResultSize Unlimited | Export-Csv ({rows} rows)",
        seconds,
        "s",
        floor=floor,
        floor_name="httpx loop + json.loads",
        target=Target("within 1.5x of the floor", "ratio", "<=", 1.5),
        note=f"{total} mailboxes; {lost} rows missing; whole process incl. start and sign-in",
    )
    record(NAME, "objects per second (sccshell)", rows / seconds, "obj/s")
    record(NAME, "objects per second (floor)", total / floor, "obj/s")
    if small_rows != small:
        print(f"  warning: {small_rows} rows for -ResultSize {small}")
    record(
        NAME,
        f"peak RSS at {rows} objects vs {small_rows}",
        peak,
        "MB",
        floor=small_peak,
        floor_name=f"peak RSS at {small_rows} objects",
        target=Target("flat: within 1.1x for 10x the objects", "ratio", "<=", 1.1),
    )
    growth = (peak - small_peak) * 1024 * 1024 / max(1, rows - small_rows)
    record(NAME, "RSS growth per extra object", growth, "bytes/obj")
    if lost:
        raise SystemExit(f"{lost} objects lost")


if __name__ == "__main__":
    main()
