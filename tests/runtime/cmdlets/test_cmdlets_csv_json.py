"""Export-Csv/Import-Csv/ConvertTo-Csv/ConvertFrom-Csv and the JSON pair, on real files."""

from __future__ import annotations

import os
import stat
from datetime import datetime

import pytest
from cmdlet_helpers import FakeHost, ctx, run

from sccshell.runtime.api import CmdletError
from sccshell.runtime.cmdlets import LOCAL_CMDLETS
from sccshell.runtime.cmdlets.csvdata import GATHER
from sccshell.runtime.objects import PSObject


def people():
    return [
        PSObject({"Name": "Ann", "Mail": "ann@x.com", "Tags": ["a", "b"], "Note": None}),
        PSObject({"Name": 'Bo "B"', "Mail": "b,o@x.com", "Tags": [], "Note": ""}),
    ]


def test_export_csv_default_quotes_no_bom(tmp_path):
    path = tmp_path / "out.csv"
    run("Export-Csv", {"Path": str(path)}, people())
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode().splitlines() == [
        '"Name","Mail","Tags","Note"',
        '"Ann","ann@x.com","System.Object[]",',
        '"Bo ""B""","b,o@x.com","System.Object[]",""',
    ]


def test_export_csv_encodings(tmp_path):
    bom = tmp_path / "bom.csv"
    run("Export-Csv", {"Path": str(bom), "Encoding": "utf8BOM"}, people()[:1])
    assert bom.read_bytes().startswith(b'\xef\xbb\xbf"Name"')
    uni = tmp_path / "uni.csv"
    run("Export-Csv", {"Path": str(uni), "Encoding": "unicode"}, people()[:1])
    assert uni.read_bytes().startswith(b'\xff\xfe"\x00N\x00')


def test_export_csv_quote_modes(tmp_path):
    lines = run("ConvertTo-Csv", {"UseQuotes": "AsNeeded"}, people())
    assert lines == [
        "Name,Mail,Tags,Note",
        "Ann,ann@x.com,System.Object[],",
        '"Bo ""B""","b,o@x.com",System.Object[],',
    ]
    assert (
        run("ConvertTo-Csv", {"UseQuotes": "Never", "Delimiter": ";"}, people()[:1])[1]
        == "Ann;ann@x.com;System.Object[];"
    )
    assert run("ConvertTo-Csv", {"QuoteFields": ["Mail"]}, people()[:1]) == [
        'Name,"Mail",Tags,Note',
        'Ann,"ann@x.com",System.Object[],',
    ]
    typed = run("ConvertTo-Csv", {"IncludeTypeInformation": True}, people()[:1])
    assert typed[0] == "#TYPE System.Management.Automation.PSCustomObject"


def test_export_csv_streams_rows(tmp_path):
    path = tmp_path / "s.csv"

    def source():
        for n in range(5000):
            yield PSObject({"A": n, "B": "x" * 100})
        # Rows go to the disk as they come (no more than GATHER characters are held back),
        # in a file beside the target that is renamed over it at the end.
        [partial] = tmp_path.glob(".s.csv.*.partial")
        held = 5001 - len(partial.read_text().splitlines())
        assert 0 <= held <= GATHER // 100
        assert not path.exists()
        yield PSObject({"A": "last", "B": ""})

    c = ctx("Export-Csv", {"Path": str(path)}, source())
    list(LOCAL_CMDLETS["Export-Csv"](c))
    lines = path.read_text().splitlines()
    assert lines[:2] == ['"A","B"', '"0","' + "x" * 100 + '"']
    assert lines[-1] == '"last",""' and len(lines) == 5002


def test_export_csv_stopped_midway_leaves_the_old_file_as_it_was(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text('"A"\n"old"\n')
    os.chmod(path, 0o640)

    def source():
        yield PSObject({"A": 1})
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run("Export-Csv", {"Path": str(path)}, source())
    assert path.read_text() == '"A"\n"old"\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]
    run("Export-Csv", {"Path": str(path)}, [PSObject({"A": 2})])
    assert path.read_text().splitlines() == ['"A"', '"2"']
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640  # the replaced file keeps its mode


def test_export_csv_append_stopped_midway_keeps_whole_rows_only(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('"A"\n"old"\n')

    def source():
        yield PSObject({"A": "x" * 100_000})  # larger than any write buffer
        yield PSObject({"A": 2})
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run("Export-Csv", {"Path": str(path), "Append": True}, source())
    lines = path.read_text().splitlines()
    assert lines == ['"A"', '"old"', '"' + "x" * 100_000 + '"', '"2"']


def test_export_csv_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CmdletError, match="Could not find a part of the path"):
        run("Export-Csv", {"Path": str(tmp_path / "no" / "x.csv")}, [PSObject({"A": 1})])


def test_export_csv_append_uses_existing_header(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('"B","A"\n"x","y"\n')
    run("Export-Csv", {"Path": str(path), "Append": True}, [PSObject({"A": 1, "B": 2, "C": 3})])
    assert path.read_text().splitlines()[-1] == '"2","1"'
    with pytest.raises(CmdletError, match="column: B"):
        run("Export-Csv", {"Path": str(path), "Append": True}, [PSObject({"A": 1})])
    run("Export-Csv", {"Path": str(path), "Append": True, "Force": True}, [PSObject({"A": 5})])
    assert path.read_text().splitlines()[-1] == ',"5"'


def test_export_csv_noclobber(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("x")
    with pytest.raises(CmdletError):
        run("Export-Csv", {"Path": str(path), "NoClobber": True}, people())


def test_import_csv_round_trip(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b'\xef\xbb\xbf#TYPE Foo\n"Name","Text"\n"a","multi\nline"\n\nb,"x,y"\nc\n')
    rows = run("Import-Csv", {"Path": str(path)})
    assert [r["Name"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["Text"] == "multi\nline" and rows[1]["Text"] == "x,y" and rows[2]["Text"] is None
    assert rows[0].type_names == ("CSV:Foo",)
    rows = run("Import-Csv", {"Path": str(path), "Header": ["X", "Y"]})
    assert rows[0].names() == ["X", "Y"] and rows[0]["X"] == "Name"


def test_convertfrom_csv():
    rows = run(
        "ConvertFrom-Csv",
        {},
        ["A;B", "1;2"],
    )
    assert rows[0].names() == ["A;B"]
    rows = run("ConvertFrom-Csv", {"Delimiter": ";"}, ["A;B", "1;2"])
    assert rows == [PSObject({"A": "1", "B": "2"})]


def test_convertto_json_shapes():
    obj = PSObject(
        {"Name": "a", "When": datetime(2026, 1, 31, 9, 5), "N": 1.5, "Ok": True, "X": None}
    )
    text = run("ConvertTo-Json", {}, [obj])[0]
    assert (
        text
        == '{\n  "Name": "a",\n  "When": "2026-01-31T09:05:00",\n  "N": 1.5,\n  "Ok": true,\n  "X": null\n}'
    )
    assert run("ConvertTo-Json", {"Compress": True}, [1, 2]) == ["[1,2]"]
    assert run("ConvertTo-Json", {"Compress": True, "AsArray": True}, [1]) == ["[1]"]


def test_convertto_json_depth_truncates_with_warning():
    host = FakeHost()
    deep = {"a": {"b": {"c": {"d": 1}}}}
    text = run("ConvertTo-Json", {"Compress": True}, [deep], host=host)[0]
    assert text == '{"a":{"b":{"c":"System.Collections.Hashtable"}}}'
    assert "depth of 2" in host.warnings[0]
    assert (
        run("ConvertTo-Json", {"Compress": True, "Depth": 5}, [deep])[0]
        == '{"a":{"b":{"c":{"d":1}}}}'
    )


def test_convertfrom_json():
    out = run(
        "ConvertFrom-Json", {}, ['[{"a": 1, "b": {"c": "2026-01-31T09:05:00"}},', '{"a": 2}]']
    )
    assert len(out) == 2 and isinstance(out[0], PSObject)
    assert out[0]["b"]["c"] == datetime(2026, 1, 31, 9, 5)
    table = run("ConvertFrom-Json", {"AsHashtable": True, "InputObject": '{"a": [1, 2]}'})[0]
    assert table == {"a": [1, 2]}
    with pytest.raises(CmdletError):
        run("ConvertFrom-Json", {"InputObject": "{bad"})
