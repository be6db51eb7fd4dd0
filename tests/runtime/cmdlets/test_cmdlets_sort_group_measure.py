"""Sort-Object, Group-Object, Measure-Object, ForEach-Object."""

from __future__ import annotations

from cmdlet_helpers import FakeBlock, run

from sccshell.runtime.objects import PSObject


def rows():
    return [
        PSObject({"Name": "b", "Dept": "IT", "Size": 3}),
        PSObject({"Name": "a", "Dept": "hr", "Size": 1}),
        PSObject({"Name": "c", "Dept": "it", "Size": 2}),
        PSObject({"Name": "d", "Dept": "HR", "Size": 3}),
    ]


def names(objs):
    return [o["Name"] for o in objs]


def test_sort_by_property_and_stable():
    assert names(run("Sort-Object", {"Property": "Size"}, rows())) == ["a", "c", "b", "d"]
    assert names(run("Sort-Object", {"Property": "Size", "Descending": True}, rows())) == [
        "b",
        "d",
        "c",
        "a",
    ]


def test_sort_hashtable_keys_and_blocks():
    spec = [{"Expression": "Dept", "Descending": True}, FakeBlock(lambda r: r["Name"])]
    assert names(run("Sort-Object", {"Property": spec}, rows())) == ["b", "c", "a", "d"]


def test_sort_unique_top_bottom_case():
    assert run("Sort-Object", {"Unique": True}, [3, 1, 3, 2]) == [1, 2, 3]
    assert run("Sort-Object", {"Top": 2}, [5, 1, 4, 2]) == [1, 2]
    assert run("Sort-Object", {"Bottom": 2}, [5, 1, 4, 2]) == [4, 5]
    assert run("Sort-Object", {"Descending": True, "Top": 2}, [5, 1, 4]) == [5, 4]
    assert run("Sort-Object", {"Unique": True}, ["a", "A", "b"]) == ["a", "b"]
    assert len(run("Sort-Object", {"Unique": True, "CaseSensitive": True}, ["a", "A", "b"])) == 3


def test_group_object_shape_and_case():
    groups = run("Group-Object", {"Property": "Dept"}, rows())
    assert [g.names() for g in groups][0] == ["Count", "Name", "Group", "Values"]
    assert [(g["Name"], g["Count"]) for g in groups] == [("IT", 2), ("hr", 2)]
    assert names(groups[0]["Group"]) == ["b", "c"]
    cs = run("Group-Object", {"Property": "Dept", "CaseSensitive": True}, rows())
    assert len(cs) == 4


def test_group_multiple_properties_no_element_hashtable():
    g = run("Group-Object", {"Property": ["Dept", "Size"], "NoElement": True}, rows())
    assert g[0]["Name"] == "IT, 3" and "Group" not in g[0]
    table = run("Group-Object", {"Property": "Size", "AsHashTable": True}, rows())[0]
    assert names(table[3]) == ["b", "d"]
    table = run(
        "Group-Object", {"Property": "Size", "AsHashTable": True, "AsString": True}, rows()
    )[0]
    assert set(table) == {"3", "1", "2"}


def test_measure_object_generic_order():
    m = run(
        "Measure-Object",
        {"Property": "Size", "Sum": True, "Average": True, "Maximum": True, "Minimum": True},
        rows(),
    )[0]
    assert m.names() == [
        "Count",
        "Average",
        "Sum",
        "Maximum",
        "Minimum",
        "StandardDeviation",
        "Property",
    ]
    assert (m["Count"], m["Sum"], m["Average"], m["Maximum"], m["Minimum"]) == (
        4,
        9.0,
        2.25,
        3.0,
        1.0,
    )
    assert m["StandardDeviation"] is None and m["Property"] == "Size"
    assert run("Measure-Object", {}, [1, 2, 3])[0]["Count"] == 3
    sd = run("Measure-Object", {"StandardDeviation": True}, [2, 4, 4, 4, 5, 5, 7, 9])[0]
    assert round(sd["StandardDeviation"], 4) == 2.1381


def test_measure_object_text():
    t = run(
        "Measure-Object",
        {"Line": True, "Word": True, "Character": True},
        ["one two", "three\nfour"],
    )[0]
    assert t.names() == ["Lines", "Words", "Characters", "Property"]
    assert (t["Lines"], t["Words"], t["Characters"]) == (3, 4, 17)


def test_measure_missing_property_reports():
    errors = []
    out = run("Measure-Object", {"Property": "Nope"}, rows(), write_error=errors.append)
    assert out == [] and "Nope" in errors[0]


def test_foreach_blocks_and_members():
    out = run(
        "ForEach-Object",
        {
            "Process": [
                FakeBlock(lambda _: "b"),
                FakeBlock(lambda x: x * 2),
                FakeBlock(lambda _: "e"),
            ]
        },
        [1, 2],
    )
    assert out == ["b", 2, 4, "e"]
    assert run("ForEach-Object", {"MemberName": "Name"}, rows()) == ["b", "a", "c", "d"]
    assert run("ForEach-Object", {"MemberName": "ToUpper"}, ["x"]) == ["X"]
    assert run("ForEach-Object", {"MemberName": "Split", "ArgumentList": [","]}, ["a,b"]) == [
        "a",
        "b",
    ]
