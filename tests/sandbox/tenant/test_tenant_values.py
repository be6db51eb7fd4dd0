"""Value formats of the service (§3.1) and the parsers of what admins type."""

from __future__ import annotations

import uuid

import pytest

from sccshell.sandbox.tenant.values import (
    derived_guid,
    format_date,
    format_date_utc,
    format_size,
    format_timespan,
    is_guid,
    parse_date,
    parse_size,
    parse_timespan,
    utc,
    wildcard,
)

GB = 1 << 30


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (99 * GB, "99 GB (106,300,440,576 bytes)"),
        (100 * GB, "100 GB (107,374,182,400 bytes)"),
        (256 * 1024, "256 KB (262,144 bytes)"),
        (35 * (1 << 20), "35 MB (36,700,160 bytes)"),
        (1_325_000_000, "1.234 GB (1,325,000,000 bytes)"),
        (int(49.5 * GB), "49.5 GB (53,150,220,288 bytes)"),
        (0, "0 B (0 bytes)"),
        (None, "Unlimited"),
    ],
)
def test_size_format(size, text):
    assert format_size(size) == text


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("50GB", 50 * GB),
        ("50 GB", 50 * GB),
        ("50 gb", 50 * GB),
        ("1.5GB", int(1.5 * GB)),
        ("300MB", 300 << 20),
        ("52428800", 52428800),
        (52428800, 52428800),
        ("99 GB (106,300,440,576 bytes)", 106_300_440_576),
        ("Unlimited", None),
        ("unlimited", None),
    ],
)
def test_size_parse(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["fifty", "50 XB", "", True])
def test_size_parse_rejects(bad):
    with pytest.raises(ValueError):
        parse_size(bad)


def test_dates_in_the_service_format():
    ts = utc(2022, 9, 21, 8, 7, 47)
    assert format_date(ts) == "2022-09-21T08:07:47.0000000+00:00"
    assert format_date_utc(ts) == "2022-09-21T08:07:47.0000000Z"
    assert format_date(None) is None


@pytest.mark.parametrize(
    "text",
    [
        "2022-09-21T08:07:47",  # what the client sends (§2.5)
        "2022-09-21T08:07:47Z",
        "2022-09-21T08:07:47.0000000+00:00",
        "2022-09-21T10:07:47+02:00",
        "09/21/2022 08:07:47",
        "9/21/2022 8:07:47 AM",
    ],
)
def test_date_parse(text):
    assert parse_date(text) == utc(2022, 9, 21, 8, 7, 47)


def test_date_parse_day_only_and_bad():
    assert parse_date("2024-01-02") == utc(2024, 1, 2)
    with pytest.raises(ValueError):
        parse_date("yesterday")


def test_timespans():
    assert format_timespan(14 * 86400) == "14.00:00:00"
    assert format_timespan(0) == "00:00:00"
    assert format_timespan(90 * 86400 + 3600 * 6 + 61) == "90.06:01:01"
    assert parse_timespan("14.00:00:00") == 14 * 86400
    assert parse_timespan("00:30:00") == 1800
    assert parse_timespan("30") == 30 * 86400
    assert parse_timespan(7) == 7 * 86400
    with pytest.raises(ValueError):
        parse_timespan("soon")


def test_derived_guids_are_stable_version_4():
    first = derived_guid(0, 1, "mailbox")
    assert first == derived_guid(0, 1, "mailbox")
    assert first != derived_guid(1, 1, "mailbox")
    assert uuid.UUID(first).version == 4
    assert is_guid(first) and not is_guid("anab")


def test_wildcards():
    assert wildcard("ana*").match("Ana Bowman")
    assert wildcard("*@contoso.com").match("x@CONTOSO.com")
    assert wildcard("a?b").match("aXb") and not wildcard("a?b").match("ab")
    assert not wildcard("ana").match("anab")
