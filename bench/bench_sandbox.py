"""How fast the sandbox serves 1,000-object pages over TLS on loopback.

The sandbox must not be the bottleneck of the results benchmark, whose client fetches
and decodes the same pages. The floor is the client's own decode of those pages
(json.loads) measured in the same run; the ratio is serve time over decode time. The
first fetch formats every mailbox (cold); the second serves the encoded objects the
sandbox kept (warm), which is what the results benchmark measures against.
BENCH_MAILBOXES shrinks the tenant for a quick run (default 100000).
"""

from __future__ import annotations

import json
import os
import time

from report import Target, record
from served import invoke_pages, sandbox, sign_in

NAME = "bench_sandbox"
MAILBOXES = int(os.environ.get("BENCH_MAILBOXES", "100000"))


def fetch_all(served, http, token) -> tuple[float, list[bytes]]:  # noqa: ANN001 - bench helpers
    start = time.perf_counter()
    pages = list(invoke_pages(served, http, token, "Get-Mailbox", {"ResultSize": "Unlimited"}))
    return time.perf_counter() - start, pages


def main() -> None:
    with sandbox(MAILBOXES) as served, served.http() as http:
        token = sign_in(served, http)
        cold, pages = fetch_all(served, http, token)
        warm, pages = fetch_all(served, http, token)
    start = time.perf_counter()
    objects = sum(len(json.loads(page)["value"]) for page in pages)
    decode = time.perf_counter() - start
    size = sum(map(len, pages)) / len(pages)
    print(f"  {objects} objects in {len(pages)} pages of {size / 1024:.0f} KiB")
    rate = len(pages) / decode
    record(
        NAME,
        "pages served per second, first fetch (cold)",
        len(pages) / cold,
        "pages/s",
        floor=rate,
        floor_name="pages/s decoded by json.loads",
        ratio=cold / decode,
    )
    record(
        NAME,
        "pages served per second, again (warm)",
        len(pages) / warm,
        "pages/s",
        floor=rate,
        floor_name="pages/s decoded by json.loads",
        ratio=warm / decode,
        target=Target("serving a page takes no longer than decoding it", "ratio", "<=", 1.0),
    )


if __name__ == "__main__":
    main()
