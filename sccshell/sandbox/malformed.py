"""The malformed-page fault: an InvokeCommand page spoiled the ways a broken proxy or a
broken service spoils it, with status 200 and a Content-Length that matches."""

from __future__ import annotations

import json

NOT_JSON = "not-json"  # a text that is no JSON at all
TRUNCATED = "truncated"  # the page cut half way, yet complete as far as HTTP can tell
NUL = "nul"  # as many NUL bytes as the page had
WRONG_TYPE = "wrong-type"  # valid JSON whose `value` is a string, not a list of objects
KINDS = (NOT_JSON, TRUNCATED, NUL, WRONG_TYPE)


def spoil(kind: str, body: bytes) -> bytes:
    """BODY (a JSON page) made malformed the KIND way."""
    if kind == NOT_JSON:
        return b"Service ready. The request was received and will be processed.\r\n"
    if kind == TRUNCATED:
        return body[: len(body) // 2]
    if kind == NUL:
        return b"\x00" * max(len(body), 1)
    if kind == WRONG_TYPE:
        page = json.loads(body)
        page["value"] = json.dumps(page.get("value"))  # encoded twice: a string
        return json.dumps(page, separators=(",", ":")).encode("utf-8")
    raise ValueError(f"unknown kind of malformed page: {kind!r}; one of {', '.join(KINDS)}")
