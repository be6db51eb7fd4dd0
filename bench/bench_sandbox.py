"""How many 1,000-object pages per second the sandbox serves over TLS on loopback.

The sandbox must not become the bottleneck of the result-streaming benchmark, whose
client fetches and decodes the same pages. The floor is the client's own decode of
those pages (json.loads) measured in the same run: the ratio says how many times
longer the sandbox takes to serve a page than a client takes to decode it.
"""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
import time
import uuid

import httpx
import msal

MAILBOXES = int(os.environ.get("BENCH_MAILBOXES", "100000"))
PAGE = 1000


def start_sandbox() -> tuple[subprocess.Popen, dict]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sccshell.sandbox",
            "serve",
            "--mailboxes",
            str(MAILBOXES),
            "--auto-approve",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, json.loads(process.stdout.readline())


def sign_in(info: dict, http: httpx.Client) -> str:
    app = msal.PublicClientApplication(
        "fb78d390-0c51-40cd-8e17-fdbfab77341b",
        authority=f"{info['login']}/organizations",
        instance_discovery=False,
        http_client=http,
    )
    flow = app.initiate_device_flow(scopes=[f"{info['exchange_resource']}/.default"])
    result = app.acquire_token_by_device_flow(flow)
    return result["access_token"]


def fetch_all(info: dict, http: httpx.Client, token: str) -> tuple[float, list[bytes]]:
    url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
    body = {"CmdletInput": {"CmdletName": "Get-Mailbox", "Parameters": {"ResultSize": "Unlimited"}}}
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "X-ResponseFormat": "json",
        "client-request-id": str(uuid.uuid4()),
        "connection-id": str(uuid.uuid4()),
        "X-CmdletName": "Get-Mailbox",
        "Prefer": f"odata.maxpagesize={PAGE}",
        "X-AnchorMailbox": f"UPN:{info['admin_user']}",
    }
    pages: list[bytes] = []
    start = time.perf_counter()
    while url:
        response = http.post(url, json=body, headers=headers)
        response.raise_for_status()
        pages.append(response.content)
        url = json.loads(response.content).get("@odata.nextLink")
    return time.perf_counter() - start, pages


def main() -> None:
    process, info = start_sandbox()
    try:
        with httpx.Client(
            verify=ssl.create_default_context(cafile=info["ca_file"]), timeout=120
        ) as http:
            token = sign_in(info, http)
            served, pages = fetch_all(info, http, token)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait()
    start = time.perf_counter()
    objects = sum(len(json.loads(page)["value"]) for page in pages)
    decode = time.perf_counter() - start
    size = sum(map(len, pages)) / len(pages)
    print(
        f"tenant  {MAILBOXES} mailboxes, {len(pages)} pages, {objects} objects, {size / 1024:.0f} KiB a page"
    )
    print(f"served  {len(pages) / served:8.1f} pages/s   {objects / served:10.0f} objects/s")
    print(f"floor   {len(pages) / decode:8.1f} pages/s decoded by json.loads")
    print(f"ratio   serve / decode  {served / decode:6.2f}x")


if __name__ == "__main__":
    main()
