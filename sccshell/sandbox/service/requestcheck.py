"""Checks of the headers the module sends with InvokeCommand (protocol §2.2, §2.3).

The sandbox is stricter than the service is known to be where a value is malformed (a
client-request-id that is no GUID, a page size outside 1..1000): a client bug should show
here, not against the real service. Headers that third-party clients leave out are optional.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sccshell.sandbox.http import Headers
from sccshell.sandbox.service.errors import bad_request, request_error

DEFAULT_PAGE_SIZE = 1000  # protocol §3.3
MAX_PAGE_SIZE = 1000
# protocol §2.3: the routing hint forms seen from the module and third-party clients.
ANCHOR = re.compile(r"(?i)(UPN|SMTP|MBX|APP|TID|OID):\S+")


@dataclass(frozen=True)
class Preferences:
    page_size: int
    applied: tuple[str, ...]  # for Preference-Applied; empty when no Prefer header came
    continue_on_error: bool


def check_accept(headers: Headers) -> None:
    accept = headers.get("Accept")
    if not accept:
        return  # CIPP and other clients send none
    types = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    if not types & {"application/json", "application/*", "*/*"}:
        raise request_error(406, f"The service answers application/json, not '{accept}'.")


def check_content_type(headers: Headers) -> None:
    content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise request_error(
            415, "The request body must be JSON sent as Content-Type: application/json (§2.2)."
        )


def check_response_format(headers: Headers) -> None:
    wanted = headers.get("X-ResponseFormat")
    if wanted is None or wanted.strip().lower() == "json":
        return  # protocol §2.2: the service accepts requests without the header
    if wanted.strip().lower() == "clixml":
        raise bad_request(
            "X-ResponseFormat: clixml is not implemented by the sandbox; "
            "send X-ResponseFormat: json for plain OData JSON (protocol §2.2, §3.1)."
        )
    raise bad_request(f"X-ResponseFormat '{wanted}' is not a response format (json or clixml).")


def check_ids(headers: Headers) -> str:
    """The client-request-id ("" when absent); both it and connection-id must be GUIDs."""
    for name in ("client-request-id", "connection-id"):
        value = headers.get(name)
        if value is not None and not _is_guid(value):
            raise bad_request(f"The {name} header must be a GUID, not '{value}'.")
    return (headers.get("client-request-id") or "").strip().lower()


def check_anchor(headers: Headers) -> None:
    anchor = headers.get("X-AnchorMailbox")
    if anchor is not None and not ANCHOR.fullmatch(anchor.strip()):
        raise bad_request(
            f"X-AnchorMailbox '{anchor}' is not a routing hint the service understands "
            "(UPN:, SMTP:, MBX:, APP:, TID: or OID: followed by a value; §2.3)."
        )


def check_cmdlet_header(headers: Headers, cmdlet: str) -> None:
    named = headers.get("X-CmdletName")
    if named is not None and named.strip().lower() != cmdlet.lower():
        raise bad_request(
            f"The X-CmdletName header names '{named}' but the body invokes '{cmdlet}'."
        )


def preferences(headers: Headers) -> Preferences:
    """Parse Prefer: `odata.maxpagesize=N` and `odata.continue-on-error` (§2.2, §2.7, §3.3)."""
    header = headers.get("Prefer")
    if header is None:
        return Preferences(DEFAULT_PAGE_SIZE, (), False)
    page_size = DEFAULT_PAGE_SIZE
    applied = ['odata.include-annotations="*"']  # protocol §3.1, as seen in the capture
    continue_on_error = False
    # The module joins batch members' preferences with ';' (§2.7); RFC 7240 uses ','.
    for item in re.split(r"[,;]", header):
        name, _, value = item.strip().partition("=")
        name = name.strip().lower()
        if name == "odata.maxpagesize":
            page_size = _page_size(value.strip())
            applied.append(f"odata.maxpagesize={page_size}")
        elif name == "odata.continue-on-error":
            continue_on_error = True
            applied.append("odata.continue-on-error")
    return Preferences(page_size, tuple(applied), continue_on_error)


def _page_size(text: str) -> int:
    if text.isdigit() and 1 <= int(text) <= MAX_PAGE_SIZE:
        return int(text)
    raise bad_request(
        f"Prefer: odata.maxpagesize={text} is not a page size from 1 to {MAX_PAGE_SIZE} (§3.3)."
    )


def _is_guid(text: str) -> bool:
    try:
        uuid.UUID(text.strip())
    except ValueError:
        return False
    return True
