"""InvokeCommand: one cmdlet call, its confirmation, and its pages (protocol §2.1–2.6, §3.1–3.4)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from sccshell.sandbox.http import Request, Response
from sccshell.sandbox.service import requestcheck as check
from sccshell.sandbox.service.auth import Caller
from sccshell.sandbox.service.catalog import Catalog
from sccshell.sandbox.service.envelope import (
    CONTEXT_FRAGMENT,
    MORE_RESULTS,
    encode,
    encode_with_values,
    invoke_body,
    odata_response,
    select,
)
from sccshell.sandbox.service.errors import (
    ServiceError,
    bad_request,
    nul_forbidden,
    odata_error,
)
from sccshell.sandbox.service.paging import InvalidToken, Pager, PageToken, Snapshot, request_digest
from sccshell.sandbox.service.parameters import Bound, bind
from sccshell.sandbox.service.ratelimit import RateLimiter
from sccshell.sandbox.service.routes import Route
from sccshell.sandbox.service.rsakey import ConnectionKey
from sccshell.sandbox.tenant.api import CmdletError, CmdletResult

log = logging.getLogger(__name__)

NOT_RECOGNIZED = "System.Management.Automation.CommandNotFoundException"
# protocol §1.4: the query options clients put on the InvokeCommand URL.
SKIP_TOKEN = "$skiptoken"
SELECT = "$select"


@dataclass(frozen=True)
class Call:
    """One parsed InvokeCommand request."""

    cmdlet: str  # the schema's spelling
    cmdlet_input: Mapping[str, Any]  # as sent: later pages must send the same (§3.3)
    bound: Bound
    preferences: check.Preferences
    request_id: str
    select: tuple[str, ...]


class Invoker:
    """Answers InvokeCommand requests for both services."""

    def __init__(
        self,
        sandbox: Any,
        catalog: Catalog,
        key: ConnectionKey,
        pager: Pager,
        limiter: RateLimiter,
    ) -> None:
        self.sandbox = sandbox
        self.catalog = catalog
        self.key = key
        self.pager = pager
        self.limiter = limiter

    def handle(self, request: Request, route: Route, service: str, caller: Caller) -> Response:
        """The answer to one InvokeCommand (also one $batch member)."""
        faults = self.sandbox.faults
        budget = self.limiter.take(caller.key, faults.budget, faults.budget_window)
        extra = budget.headers()
        if budget.exhausted:
            wait = budget.retry_after(self.sandbox.clock.time())
            return _with(
                odata_error(
                    429,
                    "Microsoft.Exchange.Management.Tasks.ThrottlingException",
                    "The caller has used up its request budget for this window.",
                ),
                [*extra, ("Retry-After", str(wait))],
            )
        with self.limiter.in_flight(caller.key) as concurrency:
            extra.append(("X-ConcurrencyCount", str(concurrency)))
            try:
                return _with(self._answer(request, route, service, caller), extra)
            except ServiceError as error:
                return _with(error.response, extra)

    def _answer(self, request: Request, route: Route, service: str, caller: Caller) -> Response:
        call = self._parse(request, service)
        cmdlet = self.catalog.cmdlet(call.cmdlet, service)
        if cmdlet is None:
            return _unknown(call.cmdlet, service)
        if not caller.may_run(cmdlet.name):
            return nul_forbidden()  # protocol §3.4: a missing role looks like an unknown cmdlet
        bound = bind(call.cmdlet_input.get("Parameters"), cmdlet, service, self.catalog, self.key)
        call = replace(call, cmdlet=cmdlet.name, bound=bound)
        digest = request_digest(
            service, route.tenant.lower(), caller.key, call.cmdlet_input, call.select
        )
        token = self._token(request, digest, call.request_id)
        context_url = (
            f"{self.sandbox.url_for(request.vhost)}/adminapi/beta/{route.tenant}/{CONTEXT_FRAGMENT}"
        )
        applied = (
            [("Preference-Applied", ",".join(call.preferences.applied))]
            if call.preferences.applied
            else []
        )
        if token is None and (bound.confirm or bound.what_if):
            # protocol §2.6: Confirm=true (or WhatIf) validates and describes; nothing runs.
            message = self._tenant(lambda t: t.describe(call.cmdlet, bound.values, caller.context))
            body = invoke_body(context_url, [], confirmation=str(message))
            return odata_response(body, applied)
        return odata_response(
            self._page(request, call, caller, digest, token, context_url), applied
        )

    def _parse(self, request: Request, service: str) -> Call:
        headers = request.headers
        check.check_accept(headers)
        check.check_content_type(headers)
        check.check_response_format(headers)
        request_id = check.check_ids(headers)
        check.check_anchor(headers)
        preferences = check.preferences(headers)
        try:
            body = request.json()
        except (ValueError, UnicodeDecodeError):
            raise bad_request("The request body is not JSON.") from None
        cmdlet_input = body.get("CmdletInput") if isinstance(body, dict) else None
        if not isinstance(cmdlet_input, dict):
            raise bad_request(
                'The body must be {"CmdletInput":{"CmdletName":…,"Parameters":{…}}} (§2.1).'
            )
        name = cmdlet_input.get("CmdletName")
        if not isinstance(name, str) or not name.strip():
            raise bad_request("CmdletInput.CmdletName must name a cmdlet.")
        check.check_cmdlet_header(headers, name.strip())
        fields = request.query.get(SELECT, "")
        chosen = tuple(f.strip() for f in fields.split(",") if f.strip())
        return Call(name.strip(), cmdlet_input, Bound(), preferences, request_id, chosen)

    def _token(self, request: Request, digest: str, request_id: str) -> PageToken | None:
        text = request.query.get(SKIP_TOKEN)
        if text is None:
            return None
        try:
            token = self.pager.decode(text)
        except InvalidToken as error:
            raise bad_request(f"The $skiptoken is not valid: {error}.") from None
        if token.digest != digest:
            raise bad_request(
                "The request does not match the one that started this paged result: POST the "
                "same body to @odata.nextLink (§3.3)."
            )
        if token.request_id and request_id and token.request_id != request_id:
            raise bad_request(
                "The client-request-id differs from the one of the first page; a cmdlet "
                "invocation keeps one client-request-id for all its pages (§2.2, §3.3)."
            )
        return token

    def _page(
        self,
        request: Request,
        call: Call,
        caller: Caller,
        digest: str,
        token: PageToken | None,
        context_url: str,
    ) -> dict[str, Any] | bytes:
        warnings: list[str] = []
        errors: list[str] = []
        snapshot = self.pager.recall(token.result) if token is not None else None
        key = token.result if snapshot is not None and token is not None else None
        if snapshot is None:
            result = self._tenant(
                lambda t: t.invoke(call.cmdlet, call.bound.values, caller.context)
            )
            if not isinstance(result, CmdletResult):
                raise ServiceError(
                    odata_error(
                        500, "Sandbox.TypeError", "The sandbox tenant returned no CmdletResult."
                    )
                )
            snapshot = _snapshot(result, call.bound)
            if token is None:
                warnings, errors = list(result.warnings), list(result.errors)
        start = token.offset if token is not None else 0
        stop = min(start + call.preferences.page_size, snapshot.limit)
        # Only this page is formatted: the tenant's sequence may be lazy.
        page = snapshot.objects[start:stop] if start < stop else []
        encoded = None
        if not call.select and hasattr(page, "encoded"):
            encoded = page.encoded(encode)  # each object encoded alone, kept ones reused
            objects: list[Any] = []
        else:
            objects = list(page)
            if call.select:
                objects = select(objects, call.select)
        if snapshot.truncated and MORE_RESULTS not in warnings:
            # protocol §3.2/§3.3: the service warns on each page; the module hides it while
            # it still fetches pages and shows it at the end.
            warnings.append(MORE_RESULTS)
        next_link = None
        if stop < snapshot.limit:
            if key is None:
                key = self.pager.keep(snapshot)
            next_token = self.pager.encode(PageToken(stop, digest, call.request_id, key))
            next_link = _next_link(self.sandbox.url_for(request.vhost), request, next_token)
        elif key is not None:
            self.pager.forget(key)
        body = invoke_body(
            context_url, objects, warnings=warnings, errors=errors, next_link=next_link
        )
        return body if encoded is None else encode_with_values(body, encoded)

    def _tenant(self, action: Any) -> Any:
        """Run ACTION on the tenant; its CmdletError becomes the §3.4 error response."""
        try:
            return action(self.sandbox.tenant)
        except CmdletError as error:
            raise ServiceError(
                odata_error(error.status, error.exception_type, error.message, target=error.target)
            ) from None
        except ServiceError:
            raise
        except Exception as error:  # a tenant bug: answer as the service does for a backend fault
            log.exception("the sandbox tenant failed")
            raise ServiceError(
                odata_error(
                    500, f"Sandbox.{type(error).__name__}", f"The sandbox tenant failed: {error}"
                )
            ) from None


def _snapshot(result: CmdletResult, bound: Bound) -> Snapshot:
    total = len(result.objects)
    limit = total if bound.result_size is None else min(total, bound.result_size)
    return Snapshot(result.objects, limit, total > limit)


def _next_link(base: str, request: Request, token: str) -> str:
    # protocol §3.3: the same InvokeCommand URL (with its $select) plus the skip token.
    query = {k: v for k, v in request.query.items() if k != SKIP_TOKEN}
    query[SKIP_TOKEN] = token
    return f"{base}{request.path}?{urlencode(query, safe='$,')}"


def _unknown(cmdlet: str, service: str) -> Response:
    if service == "exchange":
        return nul_forbidden()  # protocol §3.4
    # protocol §3.4: S&C answers 403 Forbidden with a JSON body naming the cmdlet.
    return odata_error(
        403,
        NOT_RECOGNIZED,
        f"The term '{cmdlet}' is not recognized as a name of a cmdlet, function, script file, "
        "or executable program.",
        target=cmdlet,
    )


def _with(response: Response, headers: list[tuple[str, str]]) -> Response:
    response.headers.extend(headers)
    return response
