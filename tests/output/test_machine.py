"""-o json | jsonl | csv | yaml: parsed back, annotations gone, streamed with flat memory."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
import yaml

from sccshell.output import write_objects
from sccshell.runtime.objects import PSObject

from .fixtures import MAILBOXES

EXPECTED_FIRST = {
    "Name": "Alice Smith",
    "Alias": "alice",
    "Database": "EURPR01DG123-db089",
    "ProhibitSendQuota": "99 GB (106,300,440,576 bytes)",
    "ExternalDirectoryObjectId": "1b9f6b55-6a1c-4f3c-9a51-1c2f0e3b6a7d",
    "EmailAddresses": ["SMTP:alice@contoso.com", "smtp:alice@contoso.onmicrosoft.com"],
    "WhenCreated": "2022-09-21T08:07:47.0000000+00:00",
    "ItemCount": 1520,
}


def write(objects, fmt: str) -> tuple[str, int]:
    out = io.StringIO()
    count = write_objects(objects, out, fmt, width=80)
    return out.getvalue(), count


def test_json_array_of_all_properties_without_annotations():
    text, count = write(MAILBOXES, "json")
    data = json.loads(text)
    assert count == 2 and len(data) == 2
    assert data[0] == EXPECTED_FIRST
    assert "odata" not in text and "data.type" not in text


def test_json_nested_objects_dates_and_empty():
    nested = PSObject(
        {
            "When": datetime(2026, 1, 31, 9, 5, tzinfo=timezone.utc),
            "Hold": timedelta(days=14),
            "Inner": PSObject({"A": [PSObject({"B": 1, "B@odata.type": "#Int32"})]}),
        }
    )
    data = json.loads(write([nested], "json")[0])
    assert data == [
        {"When": "2026-01-31T09:05:00+00:00", "Hold": "14.00:00:00", "Inner": {"A": [{"B": 1}]}}
    ]
    assert write([], "json") == ("[]\n", 0)


def test_jsonl_one_compact_object_per_line():
    text, count = write(MAILBOXES + ["text", 3], "jsonl")
    lines = text.splitlines()
    assert count == 4 and len(lines) == 4
    assert json.loads(lines[0]) == EXPECTED_FIRST
    assert [json.loads(line) for line in lines[2:]] == ["text", 3]


def test_csv_header_from_first_object_missing_empty_extra_dropped():
    later = PSObject({"alias": "carol", "Unknown": "dropped"})
    text, count = write(MAILBOXES + [later], "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == 3 and list(rows[0]) == list(EXPECTED_FIRST)
    assert rows[0]["EmailAddresses"] == "SMTP:alice@contoso.com smtp:alice@contoso.onmicrosoft.com"
    assert rows[0]["ItemCount"] == "1520"
    assert rows[2]["Alias"] == "carol" and rows[2]["Name"] == "" and "Unknown" not in rows[2]


def test_yaml_sequence():
    text, count = write(MAILBOXES, "yaml")
    assert text.startswith("- Name: Alice Smith\n")
    assert yaml.safe_load(text)[0] == EXPECTED_FIRST and count == 2
    assert yaml.safe_load(write([], "yaml")[0]) == []


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown output format"):
        write([], "xml")
