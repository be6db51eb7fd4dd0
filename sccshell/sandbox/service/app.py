"""The REST front end of both services: routing, the compliance redirect, auth, dispatch."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from sccshell.sandbox import hosts
from sccshell.sandbox.http import Request, Response, json_response, redirect
from sccshell.sandbox.service import routes
from sccshell.sandbox.service.auth import authenticate
from sccshell.sandbox.service.banner import banner_response, metadata_response
from sccshell.sandbox.service.batch import Batcher
from sccshell.sandbox.service.catalog import Catalog
from sccshell.sandbox.service.errors import ServiceError, request_error
from sccshell.sandbox.service.headers import stamp
from sccshell.sandbox.service.invoke import Invoker
from sccshell.sandbox.service.modulefile import ModuleFiles
from sccshell.sandbox.service.paging import Pager
from sccshell.sandbox.service.ratelimit import RateLimiter
from sccshell.sandbox.service.rsakey import ConnectionKey
from sccshell.schema.model import Schema


class RestService:
    """Answers every request core.Sandbox routes to outlook.sandbox.test and the compliance hosts.

    Uses sandbox.tokens, sandbox.directory, sandbox.tenant, sandbox.clock and sandbox.url_for;
    latency, 503 and 429 faults are applied by the sandbox before a request gets here.
    """

    def __init__(
        self, sandbox: Any, *, schema: Schema | None = None, key: ConnectionKey | None = None
    ) -> None:
        if schema is None:
            from sccshell.schema.loader import get_schema

            schema = get_schema()
        self.sandbox = sandbox
        self.catalog = Catalog(schema)
        self.key = key or ConnectionKey()  # one RSA key per sandbox (protocol §2.5, §4)
        now = lambda: sandbox.clock.time()  # noqa: E731 - tests may swap the clock
        self.pager = Pager(now)
        self.limiter = RateLimiter(now)
        self.invoker = Invoker(sandbox, self.catalog, self.key, self.pager, self.limiter)
        self.batcher = Batcher(sandbox, self.invoker)
        self.modules = ModuleFiles(self.catalog, self.key)

    def handle(self, request: Request) -> Response:
        """The response to REQUEST, for one of the three service hosts."""
        service = hosts.service_of(request.vhost)
        if service is None:
            return json_response(404, {"error": {"code": "NotFound", "message": "No such host."}})
        if request.vhost == hosts.COMPLIANCE:
            return self._to_region(request)
        try:
            response = self._dispatch(request, service)
        except ServiceError as error:
            response = error.response
        return stamp(response, service, self.sandbox.clock.now())

    def _to_region(self, request: Request) -> Response:
        # protocol §1.2: the generic host answers every request with 302 to the region. The
        # real Location names <region>.admin.protection.outlook.com (sometimes :446) and
        # clients rewrite it to <region>.ps.compliance...; the sandbox names the regional
        # compliance host itself, so a client that follows Location as given still works.
        location = self.sandbox.url_for(hosts.COMPLIANCE_REGION) + quote(
            request.path, safe="/$'(),=:@"
        )
        if request.query:
            location += "?" + urlencode(request.query, safe="$,'()*:/")
        return redirect(location, 302)

    def _dispatch(self, request: Request, service: str) -> Response:
        route = routes.match(request.path)
        if route is None:
            raise request_error(404, f"No resource at '{request.path}'.")
        allowed = routes.METHODS[route.kind]
        if request.method not in allowed:
            # protocol §1.1: only adminapi/beta serves InvokeCommand; v1.0 answers 405.
            raise request_error(
                405,
                f"{request.method} is not supported on this resource.",
                [("Allow", ", ".join(allowed))],
            )
        caller = authenticate(request, service, self.sandbox)
        if not route.ours:
            # protocol §1.1/§2.4: the sandbox is one organization; no delegated access to others.
            raise request_error(
                403, f"The caller has no access to the organization '{route.tenant}'."
            )
        if route.kind == routes.INVOKE:
            return self.invoker.handle(request, route, service, caller)
        if route.kind == routes.BATCH:
            return self.batcher.handle(request, service, caller)
        if route.kind == routes.MODULE_FILE:
            return self.modules.handle(request, service, caller)
        if route.kind == routes.BANNER:
            return banner_response(self.sandbox.url_for(request.vhost), route.tenant)
        return metadata_response()
