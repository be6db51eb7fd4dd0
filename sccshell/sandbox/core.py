"""The sandbox tenant as one object: its parts, its hosts, and the WSGI entry point."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.clock import Clock
from sccshell.sandbox.faults import Faults
from sccshell.sandbox.http import STATUS_TEXT, Request, Response, json_response
from sccshell.sandbox.malformed import spoil
from sccshell.sandbox.requestlog import LoggedRequest, RequestLog, mask_body, mask_header
from sccshell.sandbox.traffic import BATCH, SERVICE, STATS_PATH, Traffic

IDENTITY_HOST = "identity.sandbox.test"  # the managed identity endpoint, plain http


@dataclass
class SandboxConfig:
    mailboxes: int = 500
    auto_approve: bool = False  # device code and browser sign-ins approve themselves (admin)
    state_dir: Path | None = None  # keep the tenant between runs
    faults: Faults = field(default_factory=Faults)
    seed: int = 0


class Sandbox:
    """Directory, token service, tenant data and the two front ends (sign-in and REST)."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        from sccshell.sandbox.directory import Directory
        from sccshell.sandbox.identity import IdentityService
        from sccshell.sandbox.identity.tokens import TokenService
        from sccshell.sandbox.service import RestService
        from sccshell.sandbox.tenant import Tenant

        self.config = config or SandboxConfig()
        self.clock = Clock()
        self.faults = self.config.faults
        self.log = RequestLog()
        self.traffic = Traffic()
        self.urls: dict[str, str] = {host: f"https://{host}" for host in hosts.VHOSTS}
        self.urls[IDENTITY_HOST] = f"http://{IDENTITY_HOST}"
        self.directory = Directory(self)
        self.tokens = TokenService(self)
        self.tenant = self._load_tenant(Tenant)
        self.identity = IdentityService(self)
        self.rest = RestService(self)
        self._in_flight = 0
        self._window: list[float] = []
        self._lock = threading.Lock()

    # --- state ------------------------------------------------------------------

    def _load_tenant(self, tenant_class: Any) -> Any:
        state = self.tenant_file
        if state is not None and state.exists():
            return tenant_class.load(state, self.clock)
        return tenant_class.seeded(
            self.clock, mailboxes=self.config.mailboxes, seed=self.config.seed
        )

    @property
    def tenant_file(self) -> Path | None:
        if self.config.state_dir is None:
            return None
        return Path(self.config.state_dir) / "tenant.json"

    def save(self) -> None:
        """Write the tenant to the state directory, when there is one."""
        path = self.tenant_file
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.tenant.save(path)

    # --- addresses ----------------------------------------------------------------

    def url_for(self, vhost: str) -> str:
        """How clients reach VHOST: https://vhost in-process, https://localhost:PORT on loopback."""
        return self.urls[vhost]

    def vhost_for(self, host_header: str) -> str | None:
        host = host_header.lower()
        for vhost, url in self.urls.items():
            if url.split("://", 1)[1].lower() == host:
                return vhost
        return host.split(":", 1)[0] if host.split(":", 1)[0] in self.urls else None

    # --- WSGI ---------------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Any) -> Iterable[bytes]:
        vhost = environ.get("sandbox.vhost") or self.vhost_for(environ.get("HTTP_HOST", ""))
        if vhost is None:
            response = json_response(404, {"error": "unknown host"})
            request = None
        else:
            request = Request.from_environ(environ, vhost, self.url_for(vhost))
            response = self.handle(request)
        headers = [(k, v) for k, v in response.headers if k.lower() != "content-length"]
        body = response.body
        cut = False
        if isinstance(body, bytes):
            if request is not None and self._spoil_this(request, response):
                body = spoil(self.faults.malformed, body)  # type: ignore[arg-type]
            headers.append(("Content-Length", str(len(body))))
            cut = request is not None and self._cut_this(request, response)
        start_response(f"{response.status} {STATUS_TEXT.get(response.status, 'Status')}", headers)
        if request is not None:
            self._record(request, response)
        if cut:
            return _cut_midway(body)  # type: ignore[arg-type]
        return [body] if isinstance(body, bytes) else body

    def handle(self, request: Request) -> Response:
        if request.vhost == hosts.LOGIN and request.path.rstrip("/").startswith(STATS_PATH):
            return self._stats(request)
        if request.vhost in (hosts.LOGIN, IDENTITY_HOST):
            return self.identity.handle(request)
        kinds = (SERVICE, BATCH) if request.path.endswith("/$batch") else (SERVICE,)
        with self.traffic.track(*kinds):
            return self._service(request)

    def _stats(self, request: Request) -> Response:
        """GET: requests in flight (now, at most) and budget refusals; POST .../reset: afresh."""
        asked = (request.method, request.path.rstrip("/"))
        if asked == ("POST", STATS_PATH + "/reset"):
            self.traffic.reset()
            self.rest.limiter.refused = 0
        elif asked != ("GET", STATS_PATH):
            return json_response(404, {"error": "GET /sandbox/stats or POST /sandbox/stats/reset"})
        stats = self.traffic.snapshot()
        stats["budget_refusals"] = self.rest.limiter.refused
        return json_response(200, stats, [("Cache-Control", "no-store")])

    def _service(self, request: Request) -> Response:
        faults = self.faults
        if faults.latency:
            time.sleep(faults.latency)
        if faults.roll(faults.error_rate):
            return json_response(
                503,
                {"error": {"code": "ServiceUnavailable", "message": "The service is unavailable."}},
            )
        throttled = self._admit()
        if throttled is not None:
            return throttled
        try:
            return self.rest.handle(request)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _admit(self) -> Response | None:
        """429 with Retry-After past the concurrency or rate budget (protocol §3.5)."""
        faults = self.faults
        now = time.monotonic()
        with self._lock:
            self._window = [t for t in self._window if now - t < 1.0]
            over_rate = faults.rate_limit is not None and len(self._window) >= faults.rate_limit
            over_concurrency = (
                faults.max_concurrency is not None and self._in_flight >= faults.max_concurrency
            )
            if over_rate or over_concurrency:
                return json_response(
                    429,
                    {"error": {"code": "TooManyRequests", "message": "Too many requests."}},
                    [("Retry-After", f"{faults.retry_after:g}")],
                )
            if faults.rate_limit is not None:
                # Counted only while the fault is on: a limit set later starts from nothing.
                self._window.append(now)
            self._in_flight += 1
        return None

    def _spoil_this(self, request: Request, response: Response) -> bool:
        return (
            self.faults.malformed is not None
            and request.vhost not in (hosts.LOGIN, IDENTITY_HOST)
            and request.path.endswith("/InvokeCommand")
            and response.status == 200
            and self.faults.roll(self.faults.malformed_rate)
        )

    def _cut_this(self, request: Request, response: Response) -> bool:
        return (
            request.vhost not in (hosts.LOGIN, IDENTITY_HOST)
            and response.status == 200
            and b'"value"' in response.body  # type: ignore[operator]
            and self.faults.roll(self.faults.reset_rate)
        )

    def _record(self, request: Request, response: Response) -> None:
        self.log.add(
            LoggedRequest(
                method=request.method,
                host=request.vhost,
                path=request.path,
                query="&".join(f"{k}={v}" for k, v in request.query.items()),
                headers=tuple((k, mask_header(k, v)) for k, v in request.headers.items()),
                body=mask_body(request.body),
                status=response.status,
            )
        )


class PageCut(ConnectionResetError):
    """The reset fault, raised by a page's body half way (the server drops the connection)."""


def _cut_midway(body: bytes) -> Iterator[bytes]:
    """Send half the body, then drop the connection as a reset mid-page would."""
    yield body[: len(body) // 2]
    raise PageCut("sandbox fault: connection reset in the middle of a page")
