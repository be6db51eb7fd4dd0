"""Service records as PSObjects: annotations dropped, dates typed, one name table per shape."""

from __future__ import annotations

from datetime import datetime, timezone

from sccshell.runtime.objects import PSObject
from sccshell.runtime.remote import to_psobject


def record(n: int) -> dict:
    return {
        "Name": f"user{n}",
        "WhenCreated@data.type": "System.DateTime",
        "WhenCreated@odata.type": "#DateTimeOffset",
        "WhenCreated": "2022-09-21T08:07:47.1234567+00:00",
        "Guid@data.type": "System.Guid",
        "Guid": "83fa653c-f7e9-4fce-bba0-0226b571a6e1",
        "Note": "2022-09-21T08:07:47Z",  # text that looks like a date stays text
        "Enabled": n % 2 == 0,
    }


def test_annotations_go_and_dates_are_typed():
    obj = to_psobject(record(1), "Get-Mailbox")
    assert obj.names() == ["Name", "WhenCreated", "Guid", "Note", "Enabled"]
    assert obj["WhenCreated"] == datetime(2022, 9, 21, 8, 7, 47, 123456, tzinfo=timezone.utc)
    assert obj["Guid"] == "83fa653c-f7e9-4fce-bba0-0226b571a6e1"
    assert obj["Note"] == "2022-09-21T08:07:47Z"
    assert obj.type_names == ("Deserialized.Get-Mailbox", "Deserialized.System.Object")


def test_a_date_the_parser_refuses_stays_text():
    bad = dict(record(1), WhenCreated="not a date")
    assert to_psobject(bad, "Get-Mailbox")["WhenCreated"] == "not a date"


def test_objects_of_one_shape_share_names_until_one_changes():
    first, second = (to_psobject(record(n), "Get-Mailbox") for n in (1, 2))
    assert first.shape is not None and first.shape is second.shape
    first["Extra"] = 1  # Add-Member, Select-Object: the change is the first object's only
    first["name"] = "renamed"
    del first["Guid"]
    assert first.shape is None and second.shape is not None
    assert "Extra" not in second and second["Guid"] and second["Name"] == "user2"
    assert first.names() == ["Name", "WhenCreated", "Note", "Enabled", "Extra"]
    assert first["NAME"] == "renamed"


def test_setting_a_known_property_keeps_the_shape():
    obj = to_psobject(record(3), "Get-Mailbox")
    obj["enabled"] = True
    assert obj.shape is not None and obj["Enabled"] is True
    assert obj.values() == [obj[n] for n in obj.names()]


def test_keys_differing_only_in_case_make_one_property():
    obj = to_psobject({"Name": "a", "name": "b", "Size": 1}, "Get-Thing")
    assert isinstance(obj, PSObject)
    assert obj.names() == ["Name", "Size"]  # the first spelling, the last value
    assert obj["NAME"] == "b"
