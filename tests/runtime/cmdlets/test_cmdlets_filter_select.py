"""Where-Object and Select-Object."""

from __future__ import annotations

from cmdlet_helpers import Counting, FakeBlock, run

from sccshell.runtime.objects import PSObject


def users():
    return [
        PSObject({"Name": "alice", "Size": 5, "Tags": ["a", "b"]}),
        PSObject({"Name": "Bob", "Size": 12, "Tags": ["c"]}),
        PSObject({"Name": "carol", "Size": 7, "Tags": []}),
    ]


def names(objs):
    return [o["Name"] for o in objs]


def test_where_script_block():
    out = run("Where-Object", {"FilterScript": FakeBlock(lambda u: u["Size"] > 6)}, users())
    assert names(out) == ["Bob", "carol"]


def test_where_comparison_forms():
    assert names(
        run("Where-Object", {"Property": "Name", "Value": "bob", "EQ": True}, users())
    ) == ["Bob"]
    assert run("Where-Object", {"Property": "Name", "Value": "bob", "CEQ": True}, users()) == []
    assert names(run("Where-Object", {"Property": "Size", "Value": 6, "GT": True}, users())) == [
        "Bob",
        "carol",
    ]
    assert names(
        run("Where-Object", {"Property": "Name", "Value": "?o*", "Like": True}, users())
    ) == ["Bob"]
    assert names(
        run("Where-Object", {"Property": "Name", "Value": "^c", "Match": True}, users())
    ) == ["carol"]
    assert names(
        run("Where-Object", {"Property": "Tags", "Value": "c", "Contains": True}, users())
    ) == ["Bob"]
    assert names(
        run("Where-Object", {"Property": "Size", "Value": [5, 7], "In": True}, users())
    ) == ["alice", "carol"]
    assert names(run("Where-Object", {"Property": "Tags", "Not": True}, users())) == ["carol"]
    assert names(
        run("Where-Object", {"Property": "Size", "Value": "int", "Is": True}, users())
    ) == names(users())
    assert names(
        run("Where-Object", {"Property": "Name", "Value": "A*", "CNotLike": True}, users())
    ) == names(users())


def test_select_properties_and_calculated():
    out = run(
        "Select-Object",
        {
            "Property": [
                "Name",
                {"n": "Big", "e": FakeBlock(lambda u: u["Size"] > 6)},
                {"Label": "S", "Expression": "Size"},
            ]
        },
        users(),
    )
    assert out[1].names() == ["Name", "Big", "S"]
    assert out[1]["Big"] is True and out[1]["S"] == 12


def test_select_wildcard_and_exclude():
    out = run("Select-Object", {"Property": "*", "ExcludeProperty": "T*"}, users())
    assert out[0].names() == ["Name", "Size"]


def test_select_expand_property_unrolls():
    assert run("Select-Object", {"ExpandProperty": "Tags"}, users()) == ["a", "b", "c"]
    assert run("Select-Object", {"ExpandProperty": "Name"}, users()) == ["alice", "Bob", "carol"]


def test_select_first_streams():
    src = Counting(range(100))
    assert run("Select-Object", {"First": 3}, src) == [0, 1, 2]
    assert src.pulled == 3


def test_select_windows():
    data = list(range(10))
    assert run("Select-Object", {"Last": 2}, data) == [8, 9]
    assert run("Select-Object", {"Skip": 2, "First": 2}, data) == [2, 3]
    assert run("Select-Object", {"SkipLast": 7}, data) == [0, 1, 2]
    assert run("Select-Object", {"Index": [1, 3]}, data) == [1, 3]
    assert run("Select-Object", {"Unique": True}, [1, 1, 2, "a", "A"]) == [1, 2, "a", "A"]
