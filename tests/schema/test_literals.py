"""Parsing of the text forms of numbers, sizes, time spans, dates and GUIDs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sccshell.schema.literals import (
    is_guid,
    parse_byte_size,
    parse_datetime,
    parse_number,
    parse_timespan,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("42", 42),
        (" -7 ", -7),
        ("+3", 3),
        ("1.5", 1.5),
        ("0x1F", 31),
        ("1,000", 1000),
        ("10MB", 10 * 2**20),
        ("1.5GB", 3 * 2**29),
        ("2e3", 2000.0),
    ],
)
def test_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1 2", "5 GB", "1,00", "0x"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("50GB", 50 * 2**30),
        ("50 GB", 50 * 2**30),
        ("50 gb", 50 * 2**30),
        ("1.5 MB", int(1.5 * 2**20)),
        ("1024", 1024),
        ("100 B", 100),
        ("2TB", 2 * 2**40),
        ("50 GB (53,687,091,200 bytes)", 53_687_091_200),
        ("1.999 GB (2,146,409,472 bytes)", 2_146_409_472),
    ],
)
def test_byte_sizes(text, expected):
    assert parse_byte_size(text) == expected


@pytest.mark.parametrize("text", ["", "lots", "-5GB", "50 XB", "GB"])
def test_not_byte_sizes(text):
    assert parse_byte_size(text) is None


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["B", "KB", "MB", "GB", "TB"]))
def test_byte_size_round_trip(number, unit):
    factor = {"B": 1, "KB": 2**10, "MB": 2**20, "GB": 2**30, "TB": 2**40}[unit]
    assert parse_byte_size(f"{number}{unit}") == number * factor
    assert parse_byte_size(f"{number} {unit.lower()}") == number * factor


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.00:00:00", timedelta(days=1)),
        ("00:30:00", timedelta(minutes=30)),
        ("00:30", timedelta(minutes=30)),
        ("30", timedelta(days=30)),
        ("-00:05:00", timedelta(minutes=-5)),
        ("1:02:03:04", timedelta(days=1, hours=2, minutes=3, seconds=4)),
        ("0.00:00:01.5", timedelta(seconds=1.5)),
    ],
)
def test_time_spans(text, expected):
    assert parse_timespan(text) == expected


@pytest.mark.parametrize("text", ["", "25:00:00", "00:61:00", "1 day", "1.2.3", "P1D"])
def test_not_time_spans(text):
    assert parse_timespan(text) is None


@given(st.integers(0, 10_000), st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))
def test_time_span_round_trip(days, hours, minutes, seconds):
    expected = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    assert parse_timespan(f"{days}.{hours:02}:{minutes:02}:{seconds:02}") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-01-31", datetime(2026, 1, 31)),
        ("2026-01-31 09:15", datetime(2026, 1, 31, 9, 15)),
        ("2026-01-31T09:15:30", datetime(2026, 1, 31, 9, 15, 30)),
        ("2026/01/31", datetime(2026, 1, 31)),
        ("01/31/2026", datetime(2026, 1, 31)),
        ("1/31/2026", datetime(2026, 1, 31)),
        ("1/31/26", datetime(2026, 1, 31)),
        ("01/31/2026 09:00", datetime(2026, 1, 31, 9, 0)),
        ("1/1/2026 9:00 AM", datetime(2026, 1, 1, 9, 0)),
        ("1/1/2026 12:30 PM", datetime(2026, 1, 1, 12, 30)),
        ("1/1/2026 12:30 AM", datetime(2026, 1, 1, 0, 30)),
        ("1/1/2026 9:00 p.m.", datetime(2026, 1, 1, 21, 0)),
        ("31/01/2026", datetime(2026, 1, 31)),
        ("31.01.2026 17:30:05", datetime(2026, 1, 31, 17, 30, 5)),
        ("January 31, 2026", datetime(2026, 1, 31)),
        ("Jan 31 2026 10:00", datetime(2026, 1, 31, 10, 0)),
        ("31 Jan 2026", datetime(2026, 1, 31)),
        ("Saturday, January 31, 2026 3:04:05 PM", datetime(2026, 1, 31, 15, 4, 5)),
    ],
)
def test_dates(text, expected):
    assert parse_datetime(text) == expected


def test_dates_with_zones():
    assert parse_datetime("2026-01-31T10:00:00Z") == datetime(2026, 1, 31, 10, tzinfo=timezone.utc)
    offset = timezone(timedelta(hours=-5))
    assert parse_datetime("01/31/2026 10:00 -05:00") == datetime(2026, 1, 31, 10, tzinfo=offset)


def test_time_only_means_today():
    parsed = parse_datetime("9:30 AM")
    assert parsed is not None
    assert (parsed.hour, parsed.minute) == (9, 30)
    assert parsed.date() == datetime.now().date()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "yesterday",
        "2026-02-30",
        "13/13/2026",
        "1/1/2026 13:00 PM",
        "2026-01-31 25:00",
        "Foo 3 2026",
    ],
)
def test_not_dates(text):
    assert parse_datetime(text) is None


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2999, 12, 31)))
def test_date_round_trip(moment):
    moment = moment.replace(microsecond=0)
    assert parse_datetime(moment.strftime("%m/%d/%Y %H:%M:%S")) == moment
    assert parse_datetime(moment.isoformat()) == moment
    assert parse_datetime(moment.strftime("%Y-%m-%d")) == moment.replace(hour=0, minute=0, second=0)


def test_guids():
    assert is_guid("8c2f29b8-4a3d-4f6e-9a4b-1c2d3e4f5a6b")
    assert is_guid("{8C2F29B8-4A3D-4F6E-9A4B-1C2D3E4F5A6B}")
    assert is_guid("8c2f29b84a3d4f6e9a4b1c2d3e4f5a6b")
    assert not is_guid("8c2f29b8-4a3d-4f6e-9a4b")
    assert not is_guid("bob")
