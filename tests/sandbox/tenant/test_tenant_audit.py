"""Search-UnifiedAuditLog: filters, result shape, session paging, the admin trail."""

from __future__ import annotations

import json

import pytest
from tenant_helpers import objects, run

from sccshell.sandbox.tenant import CmdletError
from sccshell.sandbox.tenant.values import format_date

WIDE = {"StartDate": "2000-01-01T00:00:00", "EndDate": "2100-01-01T00:00:00"}


def search(tenant, ex, **parameters):
    return objects(tenant, ex, "Search-UnifiedAuditLog", **{**WIDE, **parameters})


def test_default_is_the_newest_hundred(tenant, ex):
    results = search(tenant, ex)
    assert len(results) == 100
    dates = [r["CreationDate"] for r in results]
    assert dates == sorted(dates, reverse=True)
    assert [r["ResultIndex"] for r in results] == list(range(1, 101))
    assert {r["ResultCount"] for r in results} == {len(tenant.audit.records)}


def test_result_shape(tenant, ex):
    record = search(tenant, ex, ResultSize=1)[0]
    assert set(record) >= {
        "RecordType",
        "CreationDate",
        "UserIds",
        "Operations",
        "AuditData",
        "ResultIndex",
        "ResultCount",
        "Identity",
    }
    assert record["CreationDate@data.type"] == "System.DateTime"
    data = json.loads(record["AuditData"])
    assert data["Operation"] == record["Operations"] and data["UserId"] == record["UserIds"]
    assert data["Id"] == record["Identity"] and data["OrganizationId"] == tenant.tenant_id
    assert isinstance(data["RecordType"], int) and "T" in data["CreationTime"]


def test_filters(tenant, ex):
    logons = search(
        tenant,
        ex,
        RecordType="AzureActiveDirectoryStsLogon",
        Operations="UserLoginFailed",
        ResultSize=5000,
    )
    assert logons and {(r["RecordType"], r["Operations"]) for r in logons} == {
        ("AzureActiveDirectoryStsLogon", "UserLoginFailed")
    }
    user = logons[0]["UserIds"]
    mine = search(tenant, ex, UserIds=[user], ResultSize=5000)
    assert mine and {r["UserIds"] for r in mine} == {user}
    two_ops = search(tenant, ex, Operations=["FileAccessed", "FileDownloaded"], ResultSize=5000)
    assert {r["Operations"] for r in two_ops} == {"FileAccessed", "FileDownloaded"}
    text = search(tenant, ex, FreeText="Q3 plan.docx", ResultSize=5000)
    assert text and all("Q3 plan.docx" in r["AuditData"] for r in text)


def test_date_range(tenant, ex):
    end = tenant.anchor
    start = end - 7 * 86400
    week = objects(
        tenant,
        ex,
        "Search-UnifiedAuditLog",
        StartDate=format_date(start),
        EndDate=format_date(end),
        ResultSize=5000,
    )
    assert 0 < len(week) < len(tenant.audit.records)
    assert all(format_date(start) <= r["CreationDate"] < format_date(end) for r in week)
    assert (
        objects(tenant, ex, "Search-UnifiedAuditLog", StartDate="2001-01-01", EndDate="2001-02-01")
        == []
    )


def test_session_paging_return_large_set(tenant, ex):
    total = len(tenant.audit.records)
    seen: list[str] = []
    indexes: list[int] = []
    while True:
        page = search(tenant, ex, SessionId="s-1", SessionCommand="ReturnLargeSet", ResultSize=1000)
        if not page:
            break
        seen += [r["Identity"] for r in page]
        indexes += [r["ResultIndex"] for r in page]
        assert {r["ResultCount"] for r in page} == {total}
    assert len(seen) == total == len(set(seen))
    assert indexes == list(range(1, total + 1))
    # Another session starts from the beginning again.
    assert (
        search(tenant, ex, SessionId="s-2", SessionCommand="ReturnLargeSet", ResultSize=10)[0][
            "ResultIndex"
        ]
        == 1
    )


def test_session_preview_pages_are_newest_first(tenant, ex):
    first = search(tenant, ex, SessionId="p", SessionCommand="ReturnNextPreviewPage", ResultSize=50)
    second = search(
        tenant, ex, SessionId="p", SessionCommand="ReturnNextPreviewPage", ResultSize=50
    )
    dates = [r["CreationDate"] for r in first + second]
    assert dates == sorted(dates, reverse=True)
    assert second[0]["ResultIndex"] == 51


def test_argument_errors(tenant, ex):
    with pytest.raises(CmdletError) as caught:
        search(tenant, ex, ResultSize=5001)
    assert "5000" in caught.value.message and caught.value.status == 400
    with pytest.raises(CmdletError):
        search(tenant, ex, RecordType="NotARecordType")
    with pytest.raises(CmdletError):
        search(tenant, ex, SessionCommand="ReturnEverything")
    with pytest.raises(CmdletError) as caught:
        run(tenant, ex, "Search-UnifiedAuditLog", StartDate="2024-01-01")
    assert "EndDate" in caught.value.message
    with pytest.raises(CmdletError):
        run(tenant, ex, "Search-UnifiedAuditLog", StartDate="2024-02-01", EndDate="2024-01-01")


def test_admin_actions_are_audited(tenant, ex):
    run(tenant, ex, "Set-Mailbox", Identity="helpdesk", CustomAttribute7="audited", Confirm=False)
    found = search(tenant, ex, RecordType="ExchangeAdmin", Operations="Set-Mailbox", ResultSize=1)[
        0
    ]
    data = json.loads(found["AuditData"])
    assert found["UserIds"] == "admin@contoso.onmicrosoft.com" and data["ObjectId"] == "helpdesk"
    assert {"Name": "CustomAttribute7", "Value": "audited"} in data["Parameters"]
    assert all(p["Name"] != "Confirm" for p in data["Parameters"])
