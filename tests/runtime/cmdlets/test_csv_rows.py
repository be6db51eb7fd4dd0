"""Export-Csv rows of service objects: the fast row of one shape writes what field by field
would, whatever the values hold."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

from cmdlet_helpers import run
from hypothesis import given, settings
from hypothesis import strategies as st

from sccshell.runtime.remote import to_psobject

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(['"', '""', ",", "\x1e", "\x1f", "\x1e\x1f", '"\x1e"', "a\r\nb", ""]),
    st.lists(st.text(max_size=3), max_size=2),
)


def mailbox(values: list) -> dict:
    record = {f"P{i}": v for i, v in enumerate(values)}
    record["When@data.type"] = "System.DateTime"
    record["When"] = "2026-01-31T21:05:07.0000000+00:00"
    return record


def expected_field(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "True" if value else "False"
    elif isinstance(value, list):
        text = "System.Object[]"
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(VALUES, min_size=4, max_size=4), min_size=1, max_size=5))
def test_rows_of_one_shape(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "out.csv"
    objects = [to_psobject(mailbox(values), "Get-Mailbox") for values in rows]
    run("Export-Csv", {"Path": str(path), "NoTypeInformation": True}, objects)
    data = path.read_bytes().decode("utf-8")
    lines = data.split("\n")  # os.linesep is \n here; fields may hold \r\n themselves
    assert lines[0] == '"P0","P1","P2","P3","When"'
    body = data[len(lines[0]) + 1 :]
    want = "".join(
        ",".join([*map(expected_field, values), '"1/31/2026 9:05:07 PM"']) + "\n" for values in rows
    )
    assert body == want
    # And a CSV reader reads the values back (null and empty both read as empty).
    back = list(csv.reader(io.StringIO(data, newline="")))
    assert len(back) == len(rows) + 1


def test_a_later_object_of_another_shape_fills_the_first_ones_columns(tmp_path):
    path = tmp_path / "mixed.csv"
    first = to_psobject({"A": "1", "B": None}, "Get-Mailbox")
    other = to_psobject({"B": "2", "C": "3"}, "Get-Mailbox")
    same = to_psobject({"A": "4", "B": "5"}, "Get-Mailbox")
    run("Export-Csv", {"Path": str(path)}, [first, other, same])
    assert path.read_text().splitlines() == ['"A","B"', '"1",', ',"2"', '"4","5"']


def test_other_quoting_modes_on_service_objects(tmp_path):
    objects = [to_psobject({"A": 'x"y', "B": None, "C": "p;q"}, "Get-Mailbox")]
    needed = tmp_path / "needed.csv"
    run("Export-Csv", {"Path": str(needed), "UseQuotes": "AsNeeded", "Delimiter": ";"}, objects)
    assert needed.read_text().splitlines() == ["A;B;C", '"x""y";;"p;q"']
    always = tmp_path / "always.csv"
    plain = [to_psobject({"A": "x", "B": None, "C": "p;q"}, "Get-Mailbox")]
    run("Export-Csv", {"Path": str(always), "Delimiter": ";"}, plain + objects)
    assert always.read_text().splitlines() == ['"A";"B";"C"', '"x";;"p;q"', '"x""y";;"p;q"']
    never = tmp_path / "never.csv"
    run("Export-Csv", {"Path": str(never), "UseQuotes": "Never"}, objects)
    assert never.read_text().splitlines() == ["A,B,C", 'x"y,,p;q']


def test_dates_in_rows_are_en_us():
    when = datetime(2026, 1, 31, 21, 5, 7, tzinfo=timezone.utc)
    obj = to_psobject({"When@data.type": "System.DateTime", "When": when.isoformat()}, "Get-X")
    out = run("ConvertTo-Csv", {"NoTypeInformation": True}, [obj])
    assert out == ['"When"', '"1/31/2026 9:05:07 PM"']
