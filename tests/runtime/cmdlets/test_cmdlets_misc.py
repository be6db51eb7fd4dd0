"""Get-Date, New-TimeSpan, Get-Random, Compare-Object, paths, Select-String, members, format."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from cmdlet_helpers import run

from sccshell.runtime.api import CmdletError
from sccshell.runtime.cmdlets import FormatRequest
from sccshell.runtime.objects import PSObject
from sccshell.runtime.values import SecureString

WHEN = datetime(2026, 1, 31, 9, 5, 7)


def test_get_date_formats_and_parts():
    assert run("Get-Date", {"Date": WHEN, "Format": "yyyy-MM-dd HH:mm"}) == ["2026-01-31 09:05"]
    assert run("Get-Date", {"Date": "2026-01-31", "Year": 2025, "Hour": 3})[0] == datetime(
        2025, 1, 31, 3
    )
    assert run("Get-Date", {"Date": WHEN, "UFormat": "%Y/%m/%d %A %j"}) == [
        "2026/01/31 Saturday 031"
    ]
    assert run("Get-Date", {"Date": WHEN, "Format": "s"}) == ["2026-01-31T09:05:07"]
    assert isinstance(run("Get-Date")[0], datetime)
    with pytest.raises(CmdletError):
        run("Get-Date", {"Date": "not a date"})


def test_new_timespan_and_sleep():
    assert run("New-TimeSpan", {"Hours": 1, "Minutes": 30}) == [timedelta(hours=1, minutes=30)]
    assert run("New-TimeSpan", {"Start": datetime(2026, 1, 1), "End": WHEN})[0].days == 30
    assert run("Start-Sleep", {"Milliseconds": 1}) == []


def test_securestring():
    s = run("ConvertTo-SecureString", {"String": "pw", "AsPlainText": True, "Force": True})[0]
    assert isinstance(s, SecureString) and s.reveal() == "pw" and "pw" not in str(s)
    with pytest.raises(CmdletError, match="AsPlainText"):
        run("ConvertTo-SecureString", {"String": "01000000d08c"})


def test_get_random_seeded():
    a = run("Get-Random", {"SetSeed": 7, "Maximum": 100, "Count": 3})
    b = run("Get-Random", {"SetSeed": 7, "Maximum": 100, "Count": 3})
    assert a == b and all(0 <= n < 100 for n in a)
    picked = run("Get-Random", {"SetSeed": 1, "Count": 2}, ["a", "b", "c"])
    assert len(picked) == 2 and set(picked) <= {"a", "b", "c"}
    assert sorted(run("Get-Random", {"Shuffle": True}, [1, 2, 3])) == [1, 2, 3]


def test_get_unique_is_adjacent_and_case_sensitive():
    assert run("Get-Unique", {}, ["a", "a", "A", "b", "a"]) == ["a", "A", "b", "a"]


def test_compare_object():
    out = run(
        "Compare-Object",
        {"ReferenceObject": [1, 2, 3], "DifferenceObject": [2, 3, 4], "IncludeEqual": True},
    )
    assert [(o["InputObject"], o["SideIndicator"]) for o in out] == [
        (2, "=="),
        (3, "=="),
        (4, "=>"),
        (1, "<="),
    ]
    a = [PSObject({"N": "x"}), PSObject({"N": "y"})]
    out = run("Compare-Object", {"ReferenceObject": a, "DifferenceObject": a[:1], "Property": "N"})
    assert out == [PSObject({"N": "y", "SideIndicator": "<="})]


def test_paths(tmp_path):
    assert run("Join-Path", {"Path": "a/", "ChildPath": "b", "AdditionalChildPath": ["c"]}) == [
        f"a{os.sep}b{os.sep}c"
    ]
    assert run("Split-Path", {"Path": "/x/y/file.txt"}) == ["/x/y"]
    assert run("Split-Path", {"Path": "C:\\x\\file.txt", "Leaf": True}) == ["file.txt"]
    assert run("Split-Path", {"Path": "/x/file.txt", "LeafBase": True}) == ["file"]
    assert run("Split-Path", {"Path": "/x/file.txt", "Extension": True}) == [".txt"]
    f = tmp_path / "f.txt"
    f.write_text("x")
    assert run("Test-Path", {"Path": [str(f), str(tmp_path / "no")]}) == [True, False]
    assert run("Test-Path", {"Path": str(f), "PathType": "Container"}) == [False]
    assert run("Test-Path", {"Path": str(tmp_path / "*.txt")}) == [True]


def test_select_string(tmp_path):
    out = run("Select-String", {"Pattern": "b."}, ["abc", "xyz", "ABD"])
    assert [o["Line"] for o in out] == ["abc", "ABD"] and out[0]["LineNumber"] == 1
    assert run(
        "Select-String", {"Pattern": "b", "CaseSensitive": True, "Raw": True}, ["abc", "ABD"]
    ) == ["abc"]
    assert run("Select-String", {"Pattern": "q", "Quiet": True}, ["abc"]) == [False]
    f = tmp_path / "log.txt"
    f.write_text("ok\nerror here\n")
    hit = run("Select-String", {"Pattern": "error", "Path": str(f)})[0]
    assert hit["LineNumber"] == 2 and hit["Filename"] == "log.txt"


def test_new_object_and_get_member():
    obj = run("New-Object", {"TypeName": "PSObject", "Property": {"Name": "a", "N": 3, "L": [1]}})[
        0
    ]
    assert obj == PSObject({"Name": "a", "N": 3, "L": [1]})
    rows = run("Get-Member", {}, [obj, obj])
    assert [r["Name"] for r in rows] == [
        "Equals",
        "GetHashCode",
        "GetType",
        "ToString",
        "L",
        "N",
        "Name",
    ]
    assert rows[0].names() == ["TypeName", "Name", "MemberType", "Definition"]
    assert rows[0]["TypeName"] == "System.Management.Automation.PSCustomObject"
    assert [r["Definition"] for r in rows[4:]] == [
        "Object[] L=System.Object[]",
        "int N=3",
        "string Name=a",
    ]
    assert [
        r["Name"] for r in run("Get-Member", {"MemberType": "NoteProperty", "Name": "N*"}, [obj])
    ] == ["N", "Name"]
    with pytest.raises(CmdletError):
        run("New-Object", {"TypeName": "System.Net.WebClient"})


def test_add_member():
    obj = PSObject({"A": 1})
    out = run(
        "Add-Member", {"NotePropertyName": "B", "NotePropertyValue": 2, "PassThru": True}, [obj]
    )
    assert out[0].names() == ["A", "B"]


def test_format_requests_and_out_string():
    req = run("Format-Table", {"Property": ["A"], "AutoSize": True}, [PSObject({"A": 1})])[0]
    assert isinstance(req, FormatRequest) and req.kind == "table" and req.properties == ["A"]
    # Format-Table streams: its request holds the input as a one-pass iterator
    assert req.options == {"AutoSize": True} and list(req.objects) == [PSObject({"A": 1})]
    assert run("Format-List", {}, [1])[0].kind == "list"
    assert run("Out-String", {}, ["a", "b"]) == ["a\nb\n"]
    assert run("Out-String", {"Stream": True}, ["a", "b"]) == ["a", "b"]
    req = run("Format-Table", {"Property": ["A"], "AutoSize": True}, [PSObject({"A": 1})])[0]
    text = run("Out-String", {}, [req])[0]
    assert "A" in text and "1" in text
