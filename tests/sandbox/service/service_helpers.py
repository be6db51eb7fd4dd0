"""Small fakes of the sandbox's other parts, for testing the REST front end on its own.

FakeTokens, FakeDirectory and FakeTenant follow the contracts core.Sandbox gives RestService
(tokens.verify, directory.account_from_claims / role_cmdlets, tenant/api.py); make_sandbox
puts them into a core.Sandbox without running its constructor, so requests still go through
core's WSGI entry point and fault handling.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from sccshell.sandbox import hosts
from sccshell.sandbox.clock import Clock
from sccshell.sandbox.requestlog import RequestLog
from sccshell.sandbox.service import RestService
from sccshell.sandbox.service.auth import TokenRejected
from sccshell.sandbox.service.envelope import MORE_RESULTS
from sccshell.sandbox.service.rsakey import ConnectionKey
from sccshell.sandbox.tenant.api import CmdletError, CmdletResult, InvocationContext
from sccshell.sandbox.traffic import Traffic

ADMIN_UPN = f"admin@{hosts.TENANT_DOMAIN}"
ADMIN_OID = "11111111-1111-4111-8111-111111111111"
READER_OID = "22222222-2222-4222-8222-222222222222"
NOROLE_OID = "33333333-3333-4333-8333-333333333333"
APP_OID = "44444444-4444-4444-8444-444444444444"
APP_ID = "55555555-5555-4555-8555-555555555555"
SERVICE_HOSTS = (hosts.EXCHANGE, hosts.COMPLIANCE, hosts.COMPLIANCE_REGION)
NOT_FOUND = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
MAILBOXES = 2345

_KEY = ConnectionKey()  # RSA generation is slow: one key for the whole test session


class FakeTokens:
    """Opaque tokens that stand for claims; verify() behaves as the real TokenService's does."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._claims: dict[str, dict] = {}

    def issue(self, **claims: Any) -> str:
        token = "fake." + uuid.uuid4().hex
        claims.setdefault("tid", hosts.TENANT_ID)
        claims.setdefault("exp", self.clock.time() + 3600)
        self._claims[token] = claims
        return token

    def verify(self, token: str, audiences: Sequence[str]) -> dict:
        claims = self._claims.get(token)
        if claims is None:
            raise TokenRejected("invalid_token", "The token could not be validated")
        if claims["aud"] not in audiences:
            raise TokenRejected("wrong_audience", f"The audience {claims['aud']} is not accepted")
        if claims["exp"] < self.clock.time():
            raise TokenRejected("expired", "The token has expired")
        return dict(claims)


@dataclass
class Account:
    object_id: str
    display_name: str
    roles: dict[str, frozenset[str] | None] = field(default_factory=dict)


class FakeDirectory:
    def __init__(self) -> None:
        everything = {"exchange": None, "compliance": None}
        reader = frozenset({"Get-Mailbox", "Get-Recipient", "Get-ComplianceSearch"})
        self.accounts = {
            ADMIN_OID: Account(ADMIN_OID, "Admin", dict(everything)),
            READER_OID: Account(READER_OID, "Reader", {"exchange": reader, "compliance": reader}),
            NOROLE_OID: Account(
                NOROLE_OID, "Nobody", {"exchange": frozenset(), "compliance": frozenset()}
            ),
            APP_OID: Account(APP_OID, "Sandbox Automation", dict(everything)),
        }

    def account_from_claims(self, claims: dict) -> Account | None:
        return self.accounts.get(claims.get("oid", ""))

    def role_cmdlets(self, account: Account, service: str) -> frozenset[str] | None:
        return account.roles.get(service)


class Mailboxes(Sequence):
    """A lazy result: objects are made only when a page asks for them, and counted."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.made = 0

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._make(i) for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self._make(index)

    def _make(self, i: int) -> dict:
        self.made += 1
        return {
            "Identity": f"user{i:04d}",
            "Name": f"user{i:04d}",
            "Guid@odata.type": "#Guid",
            "Guid": str(uuid.UUID(int=i)),
            "RecipientTypeDetails": "UserMailbox",
        }


@dataclass
class Call:
    cmdlet: str
    parameters: dict
    context: InvocationContext


class FakeTenant:
    """A few cmdlets, enough to exercise every path of the REST layer."""

    IMPLEMENTED = frozenset(
        {
            "Get-Mailbox",
            "Set-Mailbox",
            "New-Mailbox",
            "Remove-Mailbox",
            "New-MoveRequest",
            "Get-Recipient",
            "Get-ComplianceSearch",
            "Set-HostedContentFilterPolicy",
        }
    )

    def __init__(self, mailboxes: int = MAILBOXES) -> None:
        self.mailboxes = Mailboxes(mailboxes)
        self.calls: list[Call] = []
        self.described: list[Call] = []

    def implements(self, cmdlet: str) -> bool:
        return cmdlet in self.IMPLEMENTED

    def describe(self, cmdlet: str, parameters: dict, ctx: InvocationContext) -> str:
        self.described.append(Call(cmdlet, parameters, ctx))
        return f'{cmdlet} on target "{parameters.get("Identity", "")}".'

    def invoke(self, cmdlet: str, parameters: dict, ctx: InvocationContext) -> CmdletResult:
        self.calls.append(Call(cmdlet, parameters, ctx))
        if cmdlet not in self.IMPLEMENTED:
            raise CmdletError(
                501, "System.NotImplementedException", f"The sandbox does not implement {cmdlet}."
            )
        if cmdlet == "Get-Mailbox":
            identity = parameters.get("Identity")
            if identity is None:
                return CmdletResult(self.mailboxes)
            if identity.startswith("user") and identity[4:].isdigit():
                return CmdletResult([self.mailboxes[int(identity[4:])]])
            raise CmdletError(
                404,
                NOT_FOUND,
                f"The operation couldn't be performed because object '{identity}' couldn't be found.",
                category="ObjectNotFound",
                target=identity,
            )
        if cmdlet == "Get-Recipient":
            return CmdletResult(
                [{"Identity": "user0001"}],
                warnings=["Recipient user0002 has an invalid address."],
                errors=["The recipient user0003 is corrupt."],
            )
        if cmdlet == "Get-ComplianceSearch":
            return CmdletResult([{"Name": "Search1", "Status": "Completed"}])
        if cmdlet == "New-Mailbox":
            return CmdletResult([{"Name": parameters.get("Name")}])
        return CmdletResult([])


def make_sandbox(tenant: Any = None, directory: Any = None) -> Any:
    """A core.Sandbox holding the fakes and a real RestService."""
    from sccshell.sandbox.core import IDENTITY_HOST, Sandbox, SandboxConfig

    sandbox = Sandbox.__new__(Sandbox)
    sandbox.config = SandboxConfig()
    sandbox.clock = Clock()
    sandbox.faults = sandbox.config.faults
    sandbox.log = RequestLog()
    sandbox.traffic = Traffic()
    sandbox.urls = {host: f"https://{host}" for host in hosts.VHOSTS}
    sandbox.urls[IDENTITY_HOST] = f"http://{IDENTITY_HOST}"
    sandbox.directory = directory or FakeDirectory()
    sandbox.tokens = FakeTokens(sandbox.clock)
    sandbox.tenant = tenant or FakeTenant()
    sandbox.identity = None
    sandbox._in_flight = 0
    sandbox._window = []
    sandbox._lock = threading.Lock()
    sandbox.rest = RestService(sandbox, key=_KEY)
    return sandbox


def http_client(sandbox: Any) -> httpx.Client:
    transport = httpx.WSGITransport(app=sandbox)
    return httpx.Client(mounts={f"https://{h}": transport for h in SERVICE_HOSTS})


def user_token(
    sandbox: Any, oid: str = ADMIN_OID, aud: str = hosts.EXCHANGE_RESOURCE, **extra: Any
) -> str:
    upn = {ADMIN_OID: ADMIN_UPN}.get(oid, f"{oid[:8]}@{hosts.TENANT_DOMAIN}")
    return sandbox.tokens.issue(
        aud=aud, oid=oid, upn=upn, scp="AdminApi.AccessAsUser.All", idtyp="user", **extra
    )


def app_token(
    sandbox: Any, aud: str = hosts.EXCHANGE_RESOURCE, roles: Any = ("Exchange.ManageAsApp",)
) -> str:
    return sandbox.tokens.issue(aud=aud, oid=APP_OID, appid=APP_ID, roles=list(roles), idtyp="app")


def invoke_url(host: str = hosts.EXCHANGE, tenant: str = hosts.TENANT_ID) -> str:
    return f"https://{host}/adminapi/beta/{tenant}/InvokeCommand"


def module_headers(token: str, cmdlet: str | None = None, **more: str) -> dict[str, str]:
    """The header set of protocol §2.2, with X-ResponseFormat: json."""
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "Accept-Charset": "UTF-8",
        "Content-Type": "application/json",
        "X-ResponseFormat": "json",
        "X-SerializationLevel": "Partial",
        "X-ClientModuleVersion": "3.10.1",
        "X-ClientApplication": "ExoManagementModule",
        "client-request-id": str(uuid.uuid4()),
        "connection-id": str(uuid.uuid4()),
        "WarningAction": "",
        "Prefer": "odata.maxpagesize=1000",
        "X-AnchorMailbox": f"UPN:{ADMIN_UPN}",
    }
    if cmdlet is not None:
        headers["X-CmdletName"] = cmdlet
    headers.update(more)
    return headers


def body(cmdlet: str, **parameters: Any) -> dict:
    return {"CmdletInput": {"CmdletName": cmdlet, "Parameters": parameters}}


def raw_body(response: httpx.Response) -> bytes:
    """The bytes on the wire, without httpx's gzip decoding (the NUL 403 is not gzip)."""
    return response.extensions["raw_body"]


def post_raw(client: httpx.Client, url: str, **kwargs: Any) -> httpx.Response:
    """POST and keep the undecoded body in response.extensions['raw_body']."""
    request = client.build_request("POST", url, **kwargs)
    response = client.send(request, stream=True)
    try:
        response.extensions = {**response.extensions, "raw_body": b"".join(response.iter_raw())}
    finally:
        response.close()
    return response


@dataclass
class Fetched:
    identities: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the module would show
    page_sizes: list[int] = field(default_factory=list)  # Prefer sent per request
    requests: int = 0


def reference_client(
    client: httpx.Client,
    token: str,
    result_size: Any = None,
    default_page_size: int = 1000,
    cmdlet: str = "Get-Mailbox",
    url: str | None = None,
    **parameters: Any,
) -> Fetched:
    """The module's paging loop as protocol §3.3 states it (GEN)."""
    unlimited = isinstance(result_size, str) and result_size.lower() == "unlimited"
    remaining = default_page_size if result_size is None else result_size  # absent -> PageSize
    n = default_page_size if unlimited else min(remaining, default_page_size)
    if result_size is not None:
        parameters["ResultSize"] = result_size
    payload = body(cmdlet, **parameters)
    request_id = str(uuid.uuid4())  # one per invocation, reused for every page
    url = url or invoke_url()
    fetched = Fetched()
    while True:
        headers = module_headers(
            token, cmdlet, **{"client-request-id": request_id, "Prefer": f"odata.maxpagesize={n}"}
        )
        response = client.post(url, json=payload, headers=headers)  # the same body every time
        assert response.status_code == 200, response.text
        page = response.json()
        fetched.requests += 1
        fetched.page_sizes.append(n)
        items = page["value"]
        fetched.identities += [item["Identity"] for item in items]
        next_link = page.get("@odata.nextLink")
        more = next_link is not None and (unlimited or (len(items) == n and remaining > n))
        # §3.2: the pagination warning is suppressed while another page will be fetched
        fetched.warnings += [
            w for w in page["@adminapi.warnings"] if not (more and w == MORE_RESULTS)
        ]
        if not more:
            return fetched
        url = next_link
        if not unlimited:
            remaining -= n
            n = min(remaining, default_page_size)
