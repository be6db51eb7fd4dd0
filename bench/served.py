"""A served sandbox for the benchmarks: started over TLS on loopback, signed in with msal."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import msal
from timing import ENV

CLIENT_ID = "fb78d390-0c51-40cd-8e17-fdbfab77341b"  # the module's public client (protocol §1.3)
PAGE = 1000


@dataclass
class Served:
    info: dict[str, Any]
    file: Path  # the JSON line, for SCCSHELL_SANDBOX
    pid: int

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a `sccshell --sandbox` that uses this sandbox."""
        return dict(ENV, SCCSHELL_SANDBOX=str(self.file), **extra)

    def http(self) -> httpx.Client:
        context = ssl.create_default_context(cafile=self.info["ca_file"])
        return httpx.Client(verify=context, timeout=300)


@contextmanager
def sandbox(mailboxes: int, *options: str) -> Iterator[Served]:
    """`sccshell-sandbox serve` with MAILBOXES and OPTIONS, until the block ends."""
    argv = [sys.executable, "-m", "sccshell.sandbox", "serve", "--mailboxes", str(mailboxes)]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*argv, "--auto-approve", *options], stdout=subprocess.PIPE, text=True, env=ENV
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the sandbox did not start (exit {process.wait()})")
        print(
            f"  sandbox: {mailboxes} mailboxes {' '.join(options)} "
            f"up in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        with tempfile.TemporaryDirectory(prefix="sccshell-bench-") as scratch:
            file = Path(scratch) / "sandbox.json"
            file.write_text(line, encoding="utf-8")
            yield Served(json.loads(line), file, process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in(served: Served, http: httpx.Client, service: str = "exchange") -> str:
    """An access token for SERVICE, by the admin's password (one msal sign-in)."""
    info = served.info
    app = msal.PublicClientApplication(
        CLIENT_ID,
        authority=f"{info['login']}/organizations",
        instance_discovery=False,
        http_client=http,
    )
    flow = app.initiate_device_flow(scopes=[f"{info[service + '_resource']}/.default"])
    result = app.acquire_token_by_device_flow(flow)
    if "access_token" not in result:
        raise RuntimeError(f"sign-in failed: {result.get('error_description', result)}")
    return result["access_token"]


def invoke_pages(
    served: Served,
    http: httpx.Client,
    token: str,
    cmdlet: str,
    parameters: dict[str, Any],
) -> Iterator[bytes]:
    """The raw pages of one cmdlet call, paged as protocol §3.3 says (POST of the same body).

    Pages are not decoded here (a benchmark of serving must not pay for decoding): the
    next link is read where the sandbox writes it, after the objects."""
    info = served.info
    url: str | None = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
    body = {"CmdletInput": {"CmdletName": cmdlet, "Parameters": parameters}}
    headers = _headers(info, token, cmdlet)
    content = json.dumps(body).encode("utf-8")
    while url:
        response = http.post(url, content=content, headers=headers)
        response.raise_for_status()
        yield response.content
        url = next_link(response.content)


def next_link(page: bytes) -> str | None:
    """The page's @odata.nextLink, read from the key's last occurrence to the end."""
    at = page.rfind(b'"@odata.nextLink"')
    if at < 0:
        return None
    tail = page[at:].decode("utf-8")
    value, _ = json.JSONDecoder().raw_decode(tail, tail.index(":") + 1 + _spaces(tail))
    return value if isinstance(value, str) else None


def _spaces(tail: str) -> int:
    after = tail[tail.index(":") + 1 :]
    return len(after) - len(after.lstrip())


def _headers(info: dict[str, Any], token: str, cmdlet: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "Content-Type": "application/json",
        "X-ResponseFormat": "json",
        "client-request-id": str(uuid.uuid4()),
        "connection-id": str(uuid.uuid4()),
        "X-CmdletName": cmdlet,
        "Prefer": f"odata.maxpagesize={PAGE}",
        "X-AnchorMailbox": f"UPN:{info['admin_user']}",
    }


def decoded_pages(
    served: Served,
    http: httpx.Client,
    token: str,
    cmdlet: str,
    parameters: dict[str, Any],
) -> Iterator[dict[str, Any]]:
    """The pages of one cmdlet call, each decoded once (json.loads), as a bare client would."""
    info = served.info
    url: str | None = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
    body = {"CmdletInput": {"CmdletName": cmdlet, "Parameters": parameters}}
    content = json.dumps(body).encode("utf-8")
    headers = _headers(info, token, cmdlet)
    while url:
        response = http.post(url, content=content, headers=headers)
        response.raise_for_status()
        page = json.loads(response.content)
        yield page
        url = page.get("@odata.nextLink")


def peak_rss_mb(argv: list[str], env: dict[str, str], cwd: str | None = None) -> tuple[float, int]:
    """Run ARGV; its peak resident set in MB (its own, from wait4) and its exit status."""
    process = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        assert process.stderr is not None
        print(process.stderr.read().decode(errors="replace")[-2000:], file=sys.stderr)
    return usage.ru_maxrss / 1024, process.returncode


def rss_mb(pid: int) -> float:
    """The current resident set of process PID in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
