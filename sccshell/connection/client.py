"""The REST client of InvokeCommand: headers, retries, paging, confirmation, $batch (protocol §2, §3)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from sccshell import __version__
from sccshell.connection import transport
from sccshell.connection.errors import ServiceError, error_from_response, with_retry_notice
from sccshell.connection.paging import MORE_RESULTS, PagePlan
from sccshell.connection.serialize import public_key_from_module, serialize_parameters

if TYPE_CHECKING:
    from sccshell.connection.fanout import Pacing

Record = dict[str, Any]
ResultSize = int | str | None
TokenCallback = Callable[[bool, str | None], str]  # (force_refresh, claims) -> bearer token

MAX_RETRIES = 5  # protocol §3.5: 6 attempts in all
BATCH_SIZE = 10  # protocol §2.7
CLIENT_APPLICATION = "ExoManagementModule"
DEFAULT_TIMEOUT = 960.0  # protocol §3.6: the server's 15 minutes + 60 s
TIMEOUTS = {
    "get-distributiongroupmember": 3600.0,
    "import-transportrulecollection": 3600.0,
    "set-unifiedgroup": 3600.0,
    "update-distributiongroupmember": 3600.0,
    "set-organizationconfig": 1800.0,
    "update-rolegroupmember": 1800.0,
}
RETRIED_STATUSES = (401, 429, 503, 504)
BANNER_TIMEOUT = 20.0  # seconds for the connect banner, which is not retried


def timeout_for(cmdlet: str) -> float:
    """The client timeout of CMDLET in seconds (§3.6)."""
    return TIMEOUTS.get(cmdlet.lower(), DEFAULT_TIMEOUT)


class Invocation(Iterator[Record]):
    """A lazy cmdlet result: iterate for objects; warnings and errors fill in as pages arrive."""

    def __init__(self, request_id: str) -> None:
        self.request_id = request_id
        self.warnings: list[str] = []
        self.errors: list[str] = []  # non-terminating @adminapi.errors
        self.confirmation_message: str | None = None
        self.confirmed: bool | None = None  # None: no confirmation was asked
        self.pages = 0
        self._objects: Iterator[Record] = iter(())
        self.on_warning: Callable[[str], None] | None = None
        self.on_error: Callable[[str], None] | None = None

    def __iter__(self) -> Invocation:
        return self

    def __next__(self) -> Record:
        return next(self._objects)

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        if self.on_warning is not None:
            self.on_warning(text)

    def error(self, text: str) -> None:
        self.errors.append(text)
        if self.on_error is not None:
            self.on_error(text)


@dataclass
class BatchResult:
    """One $batch member's outcome: its objects, or the error that ended it."""

    parameters: Mapping[str, Any]
    objects: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error: ServiceError | None = None
    confirmation_message: str | None = None  # what -WhatIf would have done (§2.6)


class RestClient:
    """InvokeCommand for one connection; the environment decides which hosts see its token."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        base_url: str,
        tenant: str,
        token: TokenCallback,
        allow: Callable[[str], bool],
        anchor: str,
        connection_id: str,
        module_version: str,
        page_size: int = 1000,
        retry_base: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        public_key: str | None = None,
        language: str | None = None,
        concurrency: int | None = None,
    ) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")  # becomes the regional host after a redirect (§1.2)
        self.tenant = tenant
        self.token = token
        self.allow = allow
        self.anchor = anchor
        self.connection_id = connection_id
        self.module_version = module_version
        self.page_size = page_size
        self.retry_base = retry_base
        self.sleep = sleep
        self.public_key = public_key
        self.language = language
        # cmdlet -> requests outstanding; read by the REPL when Ctrl-C stops a command, to say
        # whether a change may still be carried out by the service.
        self._outstanding: dict[str, int] = {}
        self._outstanding_lock = threading.Lock()
        # Batches of pipelined input in flight at most (None: the fan-out's default).
        self.concurrency = concurrency
        # The fan-out pacing of the calling worker thread, if any (see paced()).
        self._local = threading.local()

    @contextmanager
    def paced(self, pacing: Pacing) -> Iterator[None]:
        """Requests made by this thread inside the block follow PACING (waits, 429s, budget)."""
        previous = getattr(self._local, "pacing", None)
        self._local.pacing = pacing
        try:
            yield
        finally:
            self._local.pacing = previous

    @property
    def in_flight(self) -> str | None:
        """The cmdlet of the latest request still waiting for its answer, or None."""
        with self._outstanding_lock:
            return next(reversed(self._outstanding), None)

    def _begin(self, cmdlet: str) -> None:
        with self._outstanding_lock:
            self._outstanding[cmdlet] = self._outstanding.pop(cmdlet, 0) + 1

    def _end(self, cmdlet: str) -> None:
        with self._outstanding_lock:
            left = self._outstanding.pop(cmdlet, 1) - 1
            if left > 0:
                self._outstanding[cmdlet] = left

    # --- paths -----------------------------------------------------------------------------

    @property
    def _invoke_path(self) -> str:
        return f"/adminapi/beta/{quote(self.tenant)}/InvokeCommand"

    @property
    def _batch_path(self) -> str:
        return f"/adminapi/beta/{quote(self.tenant)}/$batch"

    # --- InvokeCommand ---------------------------------------------------------------------

    def invoke(
        self,
        cmdlet: str,
        parameters: Mapping[str, Any] | None = None,
        *,
        result_size: ResultSize = None,
        public_key: str | None = None,
        warning_action: str | None = None,
        confirm: Callable[[str], bool] | None = None,
        select: Sequence[str] | None = None,
        on_warning: Callable[[str], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> Invocation:
        """Run CMDLET; nothing is sent until the result is iterated (pages are fetched lazily)."""
        params = dict(parameters or {})
        given = _pop_key(params, "ResultSize")
        if result_size is None:
            result_size = given
        plan = PagePlan.start(result_size, self.page_size)  # ResultSize ≤ 0 fails here, at once
        if result_size is not None:
            params["ResultSize"] = result_size  # sent as given, and used for paging (§2.5)
        body = serialize_parameters(params, public_key or self.public_key)
        invocation = Invocation(str(uuid.uuid4()))
        invocation.on_warning, invocation.on_error = on_warning, on_error
        path = self._invoke_path
        if select:
            path += "?$select=" + ",".join(select)
        invocation._objects = self._run(
            cmdlet, body, plan, path, invocation, warning_action, confirm
        )
        return invocation

    def _run(
        self,
        cmdlet: str,
        parameters: dict[str, Any],
        plan: PagePlan,
        path: str,
        invocation: Invocation,
        warning_action: str | None,
        confirm: Callable[[str], bool] | None,
    ) -> Iterator[Record]:
        if confirm is not None:
            # protocol §2.6: a validation call with Confirm=true, then the execution call.
            _pop_key(parameters, "Confirm")
            check = {**parameters, "Confirm": True}
            page = self._post_json(
                cmdlet, path, check, invocation.request_id, plan.n, warning_action
            )
            self._annotations(page, invocation, more=False)
            message = page.get("@adminapi.confirmationmessage") or f"Run {cmdlet}?"
            invocation.confirmation_message = message
            invocation.confirmed = bool(confirm(message))
            if not invocation.confirmed:
                return
            parameters = {**parameters, "Confirm": False}
        yield from self._pages(cmdlet, parameters, plan, path, invocation, warning_action)

    def _pages(
        self,
        cmdlet: str,
        parameters: dict[str, Any],
        plan: PagePlan,
        where: str,
        invocation: Invocation,
        warning_action: str | None,
        first: Mapping[str, Any] | None = None,
    ) -> Iterator[Record]:
        """The paging loop of §3.3, from WHERE (or from an already received FIRST page)."""
        page = first
        while True:
            if page is None:
                page = self._post_json(
                    cmdlet, where, parameters, invocation.request_id, plan.n, warning_action
                )
            invocation.pages += 1
            items = page.get("value") or []
            next_link = page.get("@odata.nextLink")
            more = plan.wants_more(len(items), next_link)
            self._annotations(page, invocation, more)
            page = None  # a page's objects are let go of as the pipeline takes them
            yield from items
            if not more:
                return
            plan.advance()
            where = transport.normalize(str(next_link))

    @staticmethod
    def _annotations(page: Mapping[str, Any], invocation: Invocation, more: bool) -> None:
        message = page.get("@adminapi.confirmationmessage")
        if message and invocation.confirmation_message is None:
            invocation.confirmation_message = str(message)  # -WhatIf's answer (§2.6)
        for text in page.get("@adminapi.warnings") or ():
            # §3.2: the "more results" warning is hidden while another page will be fetched.
            if not (more and text == MORE_RESULTS):
                invocation.warn(str(text))
        for text in page.get("@adminapi.errors") or ():
            invocation.error(str(text))

    def _post_json(
        self,
        cmdlet: str,
        where: str,
        parameters: Mapping[str, Any],
        request_id: str,
        n: int,
        warning_action: str | None,
    ) -> dict[str, Any]:
        """POST one InvokeCommand (the same body for every page, §3.3); the parsed page."""
        payload = {"CmdletInput": {"CmdletName": cmdlet, "Parameters": dict(parameters)}}
        headers = self._headers(cmdlet, request_id, f"odata.maxpagesize={n}", warning_action)
        response, body = self.request(
            "POST", where, lambda _origin: payload, headers, cmdlet, timeout_for(cmdlet)
        )
        if response.status_code == 204:
            return {}
        return checked_page(body, cmdlet, response.url.netloc.decode("ascii", "replace"))

    def _headers(
        self, cmdlet: str, request_id: str, prefer: str, warning_action: str | None
    ) -> dict[str, str]:
        """The module's header set (§2.2) without Authorization, which is added per attempt."""
        action = warning_action or ""
        if action.lower() == "ignore":
            action = "SilentlyContinue"  # as the module sends it
        headers = {
            "Accept": "application/json",
            "Accept-Charset": "UTF-8",
            "Content-Type": "application/json",
            "Accept-Encoding": "gzip",
            "X-CmdletName": cmdlet,
            "client-request-id": request_id,
            "connection-id": self.connection_id,
            "X-ResponseFormat": "json",
            "X-ClientApplication": CLIENT_APPLICATION,
            "X-ClientModuleVersion": self.module_version,
            "WarningAction": action,
            "Prefer": prefer,
            "X-AnchorMailbox": self.anchor,
            "User-Agent": f"sccshell/{__version__}",
        }
        if self.language:
            headers["Accept-Language"] = self.language
        return headers

    # --- $batch ----------------------------------------------------------------------------

    def invoke_batch(
        self,
        cmdlet: str,
        parameter_sets: Sequence[Mapping[str, Any]],
        *,
        result_size: ResultSize = None,
        public_key: str | None = None,
        warning_action: str | None = None,
        request_id: str | None = None,
    ) -> list[BatchResult]:
        """Run CMDLET once per parameter set, up to ten per $batch request (§2.7).

        Never raises a ServiceError: a member that failed, or a batch whose request failed
        after its retries, carries the error in its BatchResult. REQUEST_ID joins the
        batches of one pipelined invocation (§2.2).
        """
        request_id = request_id or str(uuid.uuid4())  # one invocation: members share it
        results = [BatchResult(dict(p)) for p in parameter_sets]
        bodies = []
        for params in parameter_sets:
            params = dict(params)
            if result_size is not None:
                _pop_key(params, "ResultSize")
                params["ResultSize"] = result_size
            bodies.append(serialize_parameters(params, public_key or self.public_key))
        for start in range(0, len(bodies), BATCH_SIZE):
            chunk = list(range(start, min(start + BATCH_SIZE, len(bodies))))
            self._batch(cmdlet, chunk, bodies, results, result_size, request_id, warning_action)
        return results

    def _batch(
        self,
        cmdlet: str,
        chunk: list[int],
        bodies: list[dict[str, Any]],
        results: list[BatchResult],
        result_size: ResultSize,
        request_id: str,
        warning_action: str | None,
    ) -> None:
        n = PagePlan.start(result_size, self.page_size).n
        member_headers = self._headers(
            cmdlet, request_id, f"odata.maxpagesize={n};odata.continue-on-error", warning_action
        )

        def body_for(origin: str) -> dict[str, Any]:
            # Member URLs name the host the batch goes to: rebuilt if a redirect moves it.
            return {
                "requests": [
                    {
                        "id": str(i - chunk[0]),
                        "method": "POST",
                        "url": origin + self._invoke_path,
                        "headers": member_headers,
                        "body": {"CmdletInput": {"CmdletName": cmdlet, "Parameters": bodies[i]}},
                    }
                    for i in chunk
                ]
            }

        outer = {**member_headers, "Prefer": "odata.continue-on-error"}
        try:
            _, raw = self.request(
                "POST", self._batch_path, body_for, outer, cmdlet, timeout_for(cmdlet)
            )
            responses = json.loads(raw).get("responses") or []
        except (ServiceError, httpx.HTTPError, ValueError, AttributeError) as failure:
            # Every member of a batch that never got its answers ends with that error.
            error = _batch_failure(failure, self.base_url)
            for i in chunk:
                results[i].error = error
            return
        answers = {str(a.get("id")): a for a in responses if isinstance(a, dict)}
        pacing = getattr(self._local, "pacing", None)
        for answer in answers.values():
            if pacing is not None and isinstance(answer.get("headers"), dict):
                pacing.observe(answer["headers"])  # members carry the Rate-Limit-* budget
        for i in chunk:
            answer = answers.get(str(i - chunk[0])) or {}
            first = answer.get("body") if answer.get("status") == 200 else None
            # Non-200 members are retried on their own against their url (§2.7).
            self._member(
                cmdlet,
                bodies[i],
                results[i],
                result_size,
                request_id,
                warning_action,
                first if isinstance(first, dict) else None,
            )

    def _member(
        self,
        cmdlet: str,
        parameters: dict[str, Any],
        result: BatchResult,
        result_size: ResultSize,
        request_id: str,
        warning_action: str | None,
        first: dict[str, Any] | None,
    ) -> None:
        invocation = Invocation(request_id)
        plan = PagePlan.start(result_size, self.page_size)
        try:
            for item in self._pages(
                cmdlet, parameters, plan, self._invoke_path, invocation, warning_action, first
            ):
                result.objects.append(item)
        except ServiceError as error:
            result.error = error
        result.warnings, result.errors = invocation.warnings, invocation.errors
        result.confirmation_message = invocation.confirmation_message

    # --- connection metadata ---------------------------------------------------------------

    def _get_headers(self) -> dict[str, str]:
        """The headers of a connection GET (module file, banner), Authorization aside."""
        return {
            "Accept": "application/json",
            "client-request-id": str(uuid.uuid4()),
            "connection-id": self.connection_id,
            "X-AnchorMailbox": self.anchor,
            "User-Agent": f"sccshell/{__version__}",
        }

    def module_file(self, command_name: str = "*") -> dict[str, Any]:
        """GET EXOModuleFile (§4): the generated module and the cmdlets this identity may run."""
        headers = {**self._get_headers(), "Accept-Encoding": "gzip", "CommandName": command_name}
        path = f"/AdminApi/v1.0/{quote(self.tenant)}/EXOModuleFile?Version={quote(self.module_version)}"
        _, body = self.request("GET", path, None, headers, "EXOModuleFile", DEFAULT_TIMEOUT)
        data = json.loads(body)
        for entry in data.get("value") or ():
            key = public_key_from_module(str(entry.get("fileContent") or ""))
            if key:
                self.public_key = key  # later SecureString/PSCredential values use it (§2.5)
                break
        return data

    def banner(self, timeout: float = BANNER_TIMEOUT) -> str:
        """GET EXOBanner (§1.4): the connect banner. On the compliance front door it is also
        the lightest call that moves the session to its regional host (§1.2). One attempt,
        briefly waited for: it is a courtesy at connect, and never worth stalling one."""
        headers = self._get_headers()
        path = (
            f"/adminapi/beta/{quote(self.tenant)}/EXOBanner('AutogenSession')"
            f"?Version={quote(self.module_version)}"
        )
        self._begin("EXOBanner")
        try:
            response, body = self._exchange("GET", path, None, headers, timeout, False, None)
        finally:
            self._end("EXOBanner")
        if not response.is_success:
            raise error_from_response(response, body, "EXOBanner")
        try:
            data = json.loads(body)
        except ValueError:
            return ""
        value = data.get("value") if isinstance(data, dict) else None
        return value if isinstance(value, str) else ""

    # --- one request, retried (§3.5) -------------------------------------------------------

    def request(
        self,
        method: str,
        where: str,
        body_for: Callable[[str], Any] | None,
        headers: Mapping[str, str],
        cmdlet: str,
        timeout: float,
    ) -> tuple[httpx.Response, bytes]:
        """A success response and its body; WHERE is a path under base_url or an absolute URL."""
        self._begin(cmdlet)
        try:
            return self._request(method, where, body_for, headers, cmdlet, timeout)
        finally:
            self._end(cmdlet)

    def _request(
        self,
        method: str,
        where: str,
        body_for: Callable[[str], Any] | None,
        headers: Mapping[str, str],
        cmdlet: str,
        timeout: float,
    ) -> tuple[httpx.Response, bytes]:
        force, claims = False, None
        pacing: Pacing | None = getattr(self._local, "pacing", None)
        for attempt in range(MAX_RETRIES + 1):
            sent = pacing.hold() if pacing is not None else 0.0
            response, body = self._exchange(
                method, where, body_for, headers, timeout, force, claims
            )
            if pacing is not None:
                pacing.observe(response.headers)
            if response.is_success:
                if pacing is not None:
                    pacing.succeeded()
                return response, body
            error = error_from_response(response, body, cmdlet)
            status = response.status_code
            if status not in RETRIED_STATUSES and not error.transient:
                raise error
            if attempt == MAX_RETRIES:
                raise with_retry_notice(error) from error
            force, claims = False, None
            if status == 401:
                # A fresh token, with the claims challenge when the service sent one (§1.3).
                force = True
                claims = transport.claims_challenge(response.headers.get("WWW-Authenticate"))
            delay = self._delay(response, attempt)
            if pacing is None:
                self.sleep(delay)
                continue
            if status == 429:
                pacing.throttled(delay, sent)  # the whole fan-out slows down
            pacing.sleep(delay)
        raise AssertionError("unreachable")

    def _delay(self, response: httpx.Response, attempt: int) -> float:
        if response.status_code == 429:
            try:
                return max(0.0, float(response.headers.get("Retry-After", "")))
            except ValueError:
                pass
        return self.retry_base * 2**attempt

    def _exchange(
        self,
        method: str,
        where: str,
        body_for: Callable[[str], Any] | None,
        headers: Mapping[str, str],
        timeout: float,
        force: bool,
        claims: str | None,
    ) -> tuple[httpx.Response, bytes]:
        """One attempt, redirects followed by hand; the token goes only where allow() says."""
        relative = where.startswith("/")
        url = self.base_url + where if relative else transport.normalize(where)
        if not self.allow(url):
            raise transport.refused(url, redirected=False)
        token = self.token(force, claims)
        for _ in range(transport.MAX_REDIRECTS + 1):
            payload = body_for(transport.origin(url)) if body_for is not None else None
            request = self.http.build_request(
                method,
                url,
                content=None if payload is None else json.dumps(payload, separators=(",", ":")),
                headers={**headers, "Authorization": f"Bearer {token}"},
                timeout=timeout,
            )
            response = self.http.send(request, stream=True, follow_redirects=False)
            body = transport.read_body(response)
            location = response.headers.get("Location")
            if response.status_code not in transport.REDIRECTS or not location:
                return response, body
            target = transport.redirect_target(url, location)
            if not self.allow(target):
                raise transport.refused(target, redirected=True)
            if relative:
                self.base_url = transport.origin(target)  # the regional host, for later calls
            url = target
        raise ServiceError(f"Too many redirects from {transport.host_of(url)}.")


def _batch_failure(failure: Exception, base_url: str) -> ServiceError:
    if isinstance(failure, ServiceError):
        return failure
    if isinstance(failure, httpx.HTTPError):
        reason = str(failure) or type(failure).__name__
        return ServiceError(f"The request to {transport.host_of(base_url)} failed: {reason}")
    return ServiceError(f"The service's answer to a $batch could not be read: {failure}")


def _pop_key(params: dict[str, Any], name: str) -> Any:
    """Remove NAME from PARAMS in any letter case; its value or None."""
    for key in list(params):
        if key.lower() == name.lower():
            return params.pop(key)
    return None


def checked_page(body: bytes, cmdlet: str, host: str) -> dict[str, Any]:
    """BODY parsed as one page of objects (§3.1), or a ServiceError that says what is wrong."""
    answer = f"The answer of {host} to {cmdlet}"
    if not body.strip(b"\x00 \t\r\n"):
        what = "held only NUL bytes" if b"\x00" in body else "was empty"
        raise ServiceError(f"{answer} {what}; try again, the service may be busy.")
    try:
        page = json.loads(body)
    except ValueError as err:  # JSONDecodeError, or bytes that are not UTF-8
        reason = getattr(err, "msg", None) or type(err).__name__
        raise ServiceError(f"{answer} is not valid JSON ({reason}).") from None
    if not isinstance(page, dict):
        raise ServiceError(f"{answer} is not a JSON object.")
    value = page.get("value", [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ServiceError(f"{answer} has no list of objects where one belongs.")
    link = page.get("@odata.nextLink")
    if link is not None and not isinstance(link, str):
        raise ServiceError(f"{answer} has a next-page link that is not an address.")
    return page
