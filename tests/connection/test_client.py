"""RestClient against the sandbox tenant: headers, paging, laziness, warnings (protocol §2.2, §3.2, §3.3)."""

from __future__ import annotations

import uuid

import pytest
from test_client_helpers import invoke_entries, make_client, shared_sandbox

from sccshell.connection.client import timeout_for
from sccshell.connection.paging import MORE_RESULTS, ResultSizeError


@pytest.fixture
def sandbox():
    sb = shared_sandbox()
    sb.log.clear()
    return sb


def test_headers_of_one_call(sandbox):
    client, tokens, _ = make_client(sandbox)
    result = client.invoke("Get-Mailbox", {"Identity": sandbox.directory.admin.name})
    objects = list(result)
    assert len(objects) == 1
    (entry,) = invoke_entries(sandbox)
    assert entry.method == "POST"
    assert entry.path == f"/adminapi/beta/{client.tenant}/InvokeCommand"
    expected = {
        "Accept": "application/json",
        "Accept-Charset": "UTF-8",
        "Content-Type": "application/json",
        "Accept-Encoding": "gzip",
        "X-CmdletName": "Get-Mailbox",
        "connection-id": client.connection_id,
        "X-ResponseFormat": "json",
        "X-ClientApplication": "ExoManagementModule",
        "X-ClientModuleVersion": "3.10.1",
        "WarningAction": "",
        "Prefer": "odata.maxpagesize=1000",
        "X-AnchorMailbox": f"UPN:{sandbox.directory.admin.name}",
    }
    for name, value in expected.items():
        assert entry.header(name) == value, name
    assert entry.header("User-Agent").startswith("sccshell/")
    assert entry.header("Authorization").startswith("Bearer ")
    assert uuid.UUID(entry.header("client-request-id"))
    assert entry.header("client-request-id") == result.request_id
    assert entry.body.startswith('{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":')


def test_warning_action_ignore_is_sent_as_silently_continue(sandbox):
    client, _, _ = make_client(sandbox)
    list(client.invoke("Get-AcceptedDomain", {}, warning_action="Ignore"))
    assert invoke_entries(sandbox)[-1].header("WarningAction") == "SilentlyContinue"


@pytest.mark.parametrize(
    ("result_size", "count", "requests", "sizes", "warned"),
    [
        (None, 1000, 1, [1000], True),
        (10, 10, 1, [10], True),
        (1000, 1000, 1, [1000], True),
        (2000, 2000, 2, [1000, 1000], True),
        (2500, 2345, 3, [1000, 1000, 500], False),  # the tenant has 2345 mailboxes
        ("Unlimited", 2345, 3, [1000, 1000, 1000], False),
    ],
)
def test_paging(sandbox, result_size, count, requests, sizes, warned):
    client, _, _ = make_client(sandbox)
    result = client.invoke("Get-Mailbox", {}, result_size=result_size)
    objects = list(result)
    entries = invoke_entries(sandbox)
    assert len(objects) == count
    assert len(entries) == requests
    assert [e.header("Prefer") for e in entries] == [f"odata.maxpagesize={n}" for n in sizes]
    # One client-request-id per invocation, the same body on every page (§3.3).
    assert {e.header("client-request-id") for e in entries} == {result.request_id}
    assert {e.body for e in entries} == {entries[0].body}
    assert all(e.status == 200 for e in entries)
    assert (MORE_RESULTS in result.warnings) is warned
    assert result.warnings.count(MORE_RESULTS) <= 1
    assert len({o["Identity"] for o in objects}) == len(objects)
    if result_size is not None:
        assert f'"ResultSize":{result_size!r}'.replace("'", '"') in entries[0].body


def test_page_size_of_the_connection(sandbox):
    client, _, _ = make_client(sandbox, page_size=100)
    result = client.invoke("Get-Mailbox", {}, result_size=250)
    assert len(list(result)) == 250
    sizes = [e.header("Prefer") for e in invoke_entries(sandbox)]
    assert sizes == ["odata.maxpagesize=100", "odata.maxpagesize=100", "odata.maxpagesize=50"]
    assert result.pages == 3


def test_lazy_first_page_only(sandbox):
    client, tokens, _ = make_client(sandbox)
    result = client.invoke("Get-Mailbox", {}, result_size="Unlimited")
    assert invoke_entries(sandbox) == [] and tokens.calls == []
    first = next(result)
    assert first["Identity"]
    assert len(invoke_entries(sandbox)) == 1
    for _ in range(999):
        next(result)
    assert len(invoke_entries(sandbox)) == 1
    next(result)
    assert len(invoke_entries(sandbox)) == 2


def test_pages_come_out_in_order(sandbox):
    client, _, _ = make_client(sandbox, page_size=100)
    names = [o["Identity"] for o in client.invoke("Get-Mailbox", {}, result_size="Unlimited")]
    again = [o["Identity"] for o in client.invoke("Get-Mailbox", {}, result_size="Unlimited")]
    assert len(names) == 2345 == len(set(names))
    assert names == again


@pytest.mark.parametrize("size", [0, -5, "0"])
def test_result_size_must_be_positive(sandbox, size):
    client, _, _ = make_client(sandbox)
    with pytest.raises(ResultSizeError, match="ResultSize must be greater than 0"):
        client.invoke("Get-Mailbox", {}, result_size=size)
    assert invoke_entries(sandbox) == []


def test_warnings_reach_callbacks(sandbox):
    client, _, _ = make_client(sandbox)
    seen: list[str] = []
    result = client.invoke("Get-Mailbox", {}, result_size=5, on_warning=seen.append)
    assert len(list(result)) == 5
    assert seen == [MORE_RESULTS] == result.warnings


def test_timeouts():
    assert timeout_for("Get-Mailbox") == 960
    assert timeout_for("get-distributiongroupmember") == 3600
    assert timeout_for("Import-TransportRuleCollection") == 3600
    assert timeout_for("Set-UnifiedGroup") == 3600
    assert timeout_for("Update-DistributionGroupMember") == 3600
    assert timeout_for("Set-OrganizationConfig") == 1800
    assert timeout_for("Update-RoleGroupMember") == 1800


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "was empty"),
        (b" \r\n", "was empty"),
        (b"\x00" * 16384, "held only NUL bytes"),
        (b'{"value": [1]}', "has no list of objects"),
        (b'{"value": []', "is not valid JSON"),
    ],
)
def test_a_page_that_is_not_one_says_what_is_wrong(body, says):
    from sccshell.connection.client import checked_page
    from sccshell.connection.errors import ServiceError

    with pytest.raises(ServiceError) as err:
        checked_page(body, "Get-Mailbox", "outlook.office365.com")
    assert str(err.value).startswith("The answer of outlook.office365.com to Get-Mailbox ")
    assert says in str(err.value)
