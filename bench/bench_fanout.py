"""Fan-out: `Get-Mailbox -ResultSize 5000 | Get-MailboxPermission` with 200 ms of service
latency, against the same calls made one at a time.

The sandbox is served over TLS on loopback with `--latency 0.2` (every service request
waits 200 ms). The floor is a bare httpx loop calling Get-MailboxPermission for one
mailbox after another: measured on a sample of SAMPLE mailboxes and extrapolated
linearly to all of them (each call costs the same latency plus a small, flat service
time, so the extrapolation is close; the sample's own time is printed too). No call may
be lost: the shell's results must cover every mailbox and match the count the sandbox
gives for them.

Target (shared/architecture.md): at least 10x faster than one call at a time.
BENCH_FANOUT_MAILBOXES shrinks the run (default 5000).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from report import Target, record
from served import decoded_pages, sandbox, sign_in

NAME = "bench_fanout"
MAILBOXES = int(os.environ.get("BENCH_FANOUT_MAILBOXES", "5000"))
LATENCY = 0.2
SAMPLE = 100
TIMEOUT = 420  # seconds for the shell; a pipeline that does not fan out takes ~17 minutes


def one_at_a_time(served, http, token, identities: list[str]) -> tuple[float, int]:  # noqa: ANN001
    """Seconds for one Get-MailboxPermission after another, and the permissions returned."""
    found = 0
    start = time.perf_counter()
    for identity in identities:
        for page in decoded_pages(
            served, http, token, "Get-MailboxPermission", {"Identity": identity}
        ):
            found += len(page["value"])
    return time.perf_counter() - start, found


def main() -> None:
    with sandbox(MAILBOXES + 10, "--latency", str(LATENCY)) as served, served.http() as http:
        token = sign_in(served, http)
        mailboxes = [
            item["Identity"]
            for page in decoded_pages(served, http, token, "Get-Mailbox", {"ResultSize": MAILBOXES})
            for item in page["value"]
        ]
        sample = mailboxes[:: max(1, len(mailboxes) // SAMPLE)][:SAMPLE]
        sample_seconds, sample_found = one_at_a_time(served, http, token, sample)
        floor = sample_seconds * len(mailboxes) / len(sample)
        expected = sample_found * len(mailboxes) / len(sample)
        print(
            f"  one at a time: {len(sample)} calls in {sample_seconds:.1f} s, "
            f"{sample_found} permissions; x{len(mailboxes) / len(sample):.0f} = {floor:.0f} s"
        )
        command = (
            f"$p = Get-Mailbox -ResultSize {MAILBOXES} | Get-MailboxPermission; "
            "$p.Count; ($p | Group-Object Identity).Count"
        )
        argv = [sys.executable, "-m", "sccshell", "--sandbox", "-c", command]
        start = time.perf_counter()
        try:
            done = subprocess.run(
                argv, env=served.env(), capture_output=True, text=True, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired:
            done = None
        seconds = time.perf_counter() - start
    if done is None or done.returncode:
        why = "timed out" if done is None else f"exit {done.returncode}: {done.stderr[-800:]}"
        print(f"  sccshell {why}")
        record(
            NAME,
            f"Get-Mailbox -ResultSize {MAILBOXES} | Get-MailboxPermission (did not finish)",
            seconds,
            "s",
            floor=floor,
            floor_name="one call at a time (extrapolated)",
            ratio=floor / seconds,
            target=Target("at least 10x faster, no call lost", "ratio", ">=", 10),
            note=f"sccshell {why}; the figure is a lower bound",
        )
        return
    permissions, covered = (int(x) for x in done.stdout.split()[-2:])
    lost = len(mailboxes) - covered
    record(
        NAME,
        f"Get-Mailbox -ResultSize {len(mailboxes)} | Get-MailboxPermission",
        seconds,
        "s",
        floor=floor,
        floor_name=f"one call at a time ({SAMPLE} measured, extrapolated)",
        ratio=floor / seconds,
        target=Target("speed-up at least 10x", "ratio", ">=", 10),
        note=f"whole process; {permissions} permissions for {covered} mailboxes",
    )
    record(
        NAME,
        "mailboxes without their permissions (calls lost)",
        lost,
        "calls",
        target=Target("none lost", "figure", "<=", 0),
        note=f"{permissions} permissions returned, ~{expected:.0f} expected from the sample",
    )


if __name__ == "__main__":
    main()
