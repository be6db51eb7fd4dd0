"""$batch: up to ten InvokeCommand requests in one POST (protocol §2.7)."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sccshell.sandbox.http import Headers, Request, Response
from sccshell.sandbox.service import requestcheck as check
from sccshell.sandbox.service import routes
from sccshell.sandbox.service.auth import Caller
from sccshell.sandbox.service.envelope import odata_response
from sccshell.sandbox.service.errors import bad_request, odata_error, request_error
from sccshell.sandbox.service.headers import stamp
from sccshell.sandbox.service.invoke import Invoker

MAX_REQUESTS = 10  # protocol §2.7
_OUTER_ONLY = frozenset({"authorization", "content-length", "host"})


class Batcher:
    """Answers $batch by answering each member as a single InvokeCommand would be answered."""

    def __init__(self, sandbox: Any, invoker: Invoker) -> None:
        self.sandbox = sandbox
        self.invoker = invoker

    def handle(self, request: Request, service: str, caller: Caller) -> Response:
        check.check_accept(request.headers)
        check.check_content_type(request.headers)
        members = _members(request)
        preferences = check.preferences(request.headers)
        answers = [self._member(request, service, caller, member) for member in members]
        applied = (
            [("Preference-Applied", "odata.continue-on-error")]
            if preferences.continue_on_error
            else []
        )
        return odata_response({"responses": answers}, applied)

    def _member(
        self, outer: Request, service: str, caller: Caller, member: Mapping[str, Any]
    ) -> dict[str, Any]:
        request_or_error = _member_request(outer, member)
        if isinstance(request_or_error, Response):
            response = request_or_error
        else:
            request, route = request_or_error
            response = self.invoker.handle(request, route, service, caller)
            cmdlet = _cmdlet_name(member.get("body"))
            if cmdlet:
                # The module names a batched error's activity after this header (GEN).
                response.headers.append(("Cmdlet-Name", cmdlet))
        stamp(response, service, self.sandbox.clock.now())
        return {
            "id": member["id"],
            "status": response.status,
            "headers": {k: v for k, v in response.headers if k.lower() != "content-length"},
            "body": _body(response),
        }


def _members(request: Request) -> list[Mapping[str, Any]]:
    try:
        body = request.json()
    except (ValueError, UnicodeDecodeError):
        raise bad_request("The batch body is not JSON.") from None
    members = body.get("requests") if isinstance(body, dict) else None
    if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
        raise bad_request(
            'A batch body is {"requests":[{"id","method","url","headers","body"},…]} (§2.7).'
        )
    if len(members) > MAX_REQUESTS:
        raise bad_request(
            f"A batch holds at most {MAX_REQUESTS} requests; this one has {len(members)} (§2.7)."
        )
    ids = [m.get("id") for m in members]
    if not all(isinstance(i, str) and i for i in ids) or len(set(ids)) != len(ids):
        raise bad_request("Each batch request needs an id of its own (a non-empty string).")
    return members


def _member_request(
    outer: Request, member: Mapping[str, Any]
) -> tuple[Request, routes.Route] | Response:
    """The member as a request of its own, or the error response it gets."""
    if str(member.get("method", "")).upper() != "POST":
        return request_error(405, "Batched InvokeCommand requests are POSTs (§2.7).").response
    url = member.get("url")
    if not isinstance(url, str) or not url:
        return bad_request("A batch request needs a url.").response
    parts = urlsplit(url)
    if parts.netloc and parts.netloc.lower() != urlsplit(outer.base_url).netloc.lower():
        return bad_request("A batch request must address the host the batch was sent to.").response
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    route = routes.match(path)
    if route is None or route.kind != routes.INVOKE:
        return odata_error(404, "Microsoft.OData.ODataException", f"No InvokeCommand at '{url}'.")
    if not route.ours:
        return request_error(403, f"The tenant '{route.tenant}' is not this organization.").response
    given = member.get("headers") or {}
    if not isinstance(given, Mapping):
        return bad_request("A batch request's headers must be a JSON object.").response
    items = [(str(k), str(v)) for k, v in given.items() if str(k).lower() not in _OUTER_ONLY]
    if not any(k.lower() == "content-type" for k, _ in items):
        items.append(("Content-Type", "application/json"))
    body = member.get("body")
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    request = Request(
        method="POST",
        vhost=outer.vhost,
        base_url=outer.base_url,
        path=path,
        query=query,
        headers=Headers(items),
        body=json.dumps(body).encode("utf-8") if body is not None else b"",
    )
    return request, route


def _cmdlet_name(body: Any) -> str | None:
    if isinstance(body, Mapping) and isinstance(body.get("CmdletInput"), Mapping):
        name = body["CmdletInput"].get("CmdletName")
        return name if isinstance(name, str) else None
    return None


def _body(response: Response) -> Any:
    """JSON bodies as JSON; anything else base64url, as OData JSON batch writes it."""
    raw = response.body if isinstance(response.body, bytes) else b"".join(response.body)
    content_type = (response.header("Content-Type") or "").lower()
    if content_type.startswith("application/json") and not response.header("Content-Encoding"):
        return json.loads(raw) if raw else None
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
