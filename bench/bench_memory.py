"""Memory: the REPL with Exchange and Compliance connected, and over 100 connect/disconnect
cycles in one process.

Both run `sccshell --sandbox` on a pseudo-terminal against a served sandbox (TLS on
loopback), so the sandbox's own memory is not counted. The resident set is read from
/proc when the prompt is back. The floor is a bare `python -c` that imports httpx and
msal and sits idle: what any client of this service holds before doing anything.

Targets (shared/architecture.md): under 120 MB with both connections open; no growth over
100 connect/disconnect cycles, judged as RSS after cycle 100 within 1.05x of RSS after
cycle 10 (the first cycles fill caches that later ones reuse, so cycle 10 is the base).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

import pexpect
from report import Target, record
from served import rss_mb, sandbox
from timing import ENV

NAME = "bench_memory"
PROMPT = r"PS[^\r\n>]*> "  # "PS contoso> " while connected, "PS> " without
CYCLES = (10, 100)


def floor_mb() -> float:
    """RSS of an idle interpreter that has imported httpx and msal."""
    code = "import httpx, msal, sys, time; print('ready', flush=True); time.sleep(30)"
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=ENV
    )
    try:
        assert process.stdout is not None
        process.stdout.readline()
        return rss_mb(process.pid)
    finally:
        process.kill()
        process.wait()


def cycle_line(password: str, count: int) -> str:
    credential = (
        "$c = New-Object System.Management.Automation.PSCredential("
        f"'admin@contoso.onmicrosoft.com', (ConvertTo-SecureString '{password}' "
        "-AsPlainText -Force))"
    )
    loop = (
        f"foreach ($i in 1..{count}) {{ Connect-ExchangeOnline -Credential $c "
        "-ShowBanner:$false; Disconnect-ExchangeOnline -Confirm:$false }"
    )
    return f"{credential}; {loop}; 'cycles-done'"


def main() -> None:
    floor = floor_mb()
    with sandbox(500) as served, tempfile.TemporaryDirectory() as home:
        env = served.env(
            PROMPT_TOOLKIT_NO_CPR="1",
            TERM="xterm",
            SCCSHELL_CONFIG_DIR=os.path.join(home, "config"),
            SCCSHELL_DATA_DIR=os.path.join(home, "data"),
        )
        child = pexpect.spawn(
            sys.executable,
            ["-m", "sccshell", "--sandbox"],
            env=env,
            encoding="utf-8",
            timeout=600,
            dimensions=(40, 200),
        )
        try:
            child.expect(PROMPT)
            time.sleep(0.5)  # let the prompt settle: the figure is the idle REPL's
            connected = rss_mb(child.pid)
            after: dict[int, float] = {}
            done = 0
            for upto in CYCLES:
                child.sendline(cycle_line(served.info["admin_password"], upto - done))
                child.expect_exact("cycles-done\r\n")
                child.expect(PROMPT)
                done = upto
                after[upto] = rss_mb(child.pid)
                print(f"  after cycle {upto}: {after[upto]:.1f} MB", flush=True)
        finally:
            child.sendeof()
            child.close(force=True)
    record(
        NAME,
        "REPL RSS, Exchange + Compliance connected",
        connected,
        "MB",
        floor=floor,
        floor_name="idle python with httpx + msal",
        target=Target("under 120 MB", "figure", "<", 120),
    )
    first, last = after[CYCLES[0]], after[CYCLES[1]]
    record(
        NAME,
        f"RSS after {CYCLES[1]} connect/disconnect cycles",
        last,
        "MB",
        floor=first,
        floor_name=f"RSS after cycle {CYCLES[0]}",
        target=Target("no growth: within 1.05x", "ratio", "<=", 1.05),
        note=f"{(last - first) * 1024 / (CYCLES[1] - CYCLES[0]):.1f} KB per cycle",
    )


if __name__ == "__main__":
    main()
