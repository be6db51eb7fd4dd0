"""Encoded objects kept between requests (fragments.py): same bytes, dropped on any change."""

from __future__ import annotations

import json

import pytest
from tenant_helpers import run

from sccshell.sandbox.service.envelope import (
    MORE_RESULTS,
    encode,
    encode_with_values,
    invoke_body,
)
from sccshell.sandbox.tenant import CmdletError
from sccshell.sandbox.tenant.fragments import FragmentCache


def _page(tenant, ex, count: int = 50) -> list[bytes]:
    return run(tenant, ex, "Get-Mailbox", ResultSize="Unlimited").objects[:count].encoded(encode)


def test_a_page_from_fragments_is_byte_for_byte_the_plain_encoding(tenant, ex) -> None:
    objects = run(tenant, ex, "Get-Mailbox", ResultSize="Unlimited").objects[:40]
    _page(tenant, ex, 40)  # fill the cache first: kept fragments must be the same bytes
    assert len(tenant.fragments) == 40
    for next_link in (None, "https://host/InvokeCommand?$skiptoken=x"):
        body = invoke_body(
            "https://host/$metadata", list(objects), warnings=[MORE_RESULTS], next_link=next_link
        )
        values = objects.encoded(encode)
        assert encode_with_values(body, values) == encode(body)
    errors = invoke_body("c", [], errors=["e1"], warnings=[])
    assert encode_with_values(errors, []) == encode(errors)


def test_a_change_to_the_tenant_shows_in_the_next_page(tenant, ex) -> None:
    before = json.loads(_page(tenant, ex, 1)[0])
    assert before["CustomAttribute1"] != "changed-by-test"
    run(tenant, ex, "Set-Mailbox", Identity=before["Identity"], CustomAttribute1="changed-by-test")
    assert len(tenant.fragments) == 0
    after = json.loads(_page(tenant, ex, 1)[0])
    assert after["Identity"] == before["Identity"]
    assert after["CustomAttribute1"] == "changed-by-test"


def test_reads_keep_the_fragments_and_a_failed_change_still_drops_them(tenant, ex) -> None:
    _page(tenant, ex, 10)
    run(tenant, ex, "Get-Recipient", ResultSize=5)
    assert len(tenant.fragments) == 10
    with pytest.raises(CmdletError, match="no-such-mailbox"):
        run(tenant, ex, "Set-Mailbox", Identity="no-such-mailbox", CustomAttribute1="x")
    assert len(tenant.fragments) == 0


def test_a_render_overtaken_by_a_change_is_not_kept() -> None:
    cache = FragmentCache()
    record, shape = object(), object()

    def render(_record: object) -> dict:
        cache.changed()  # another thread changed the tenant meanwhile
        return {"a": 1}

    assert cache.fragment(shape, record, render, encode) == b'{"a":1}'
    assert len(cache) == 0
    assert cache.fragment(shape, record, lambda r: {"a": 2}, encode) == b'{"a":2}'
    assert cache.fragment(shape, record, lambda r: {"a": 3}, encode) == b'{"a":2}'


def test_the_cache_stops_growing_at_its_limit() -> None:
    cache = FragmentCache(limit=2)
    records = [object() for _ in range(3)]
    for record in records:
        cache.fragment("shape", record, lambda r: {}, encode)
    assert len(cache) == 2
