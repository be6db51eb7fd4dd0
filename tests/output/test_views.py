"""Default rendering: views, the four-property rule, objects of another type."""

from __future__ import annotations

import io

from sccshell.output import view_for, write_objects
from sccshell.output.formats import person_lines
from sccshell.runtime.objects import PSObject

from .fixtures import MAILBOXES


def render(objects, width=80, cmdlet=None, fmt=None) -> list[str]:
    out = io.StringIO()
    write_objects(objects, out, fmt, width=width, cmdlet=cmdlet)
    return out.getvalue().split("\n")[:-1]


def test_get_mailbox_view_fits_the_sample_and_the_last_column_gives_way():
    lines = render(MAILBOXES, width=120, cmdlet="Get-Mailbox")
    assert lines[1] == (
        "Name                                     Alias     Database           "
        "ProhibitSendQuota             ExternalDirectoryOb…"
    )
    assert lines[3].endswith(" 1b9f6b55-6a1c-4f3c-…") and len(lines[3]) == 120


def test_mailbox_view_by_type_name_hides_what_does_not_fit_at_80():
    lines = render(MAILBOXES, width=80)
    assert (
        lines[1]
        == "Name                                     Alias     Database           ProhibitS…"
    )
    assert "ExternalDirectoryObjectId" not in "".join(lines)


def test_service_objects_take_the_view_of_the_cmdlet_that_returned_them():
    got = PSObject(dict(MAILBOXES[0].items()), type_names=("Deserialized.Get-Mailbox",))
    assert render([got], width=200)[1].split() == [
        "Name", "Alias", "Database", "ProhibitSendQuota", "ExternalDirectoryObjectId"
    ]  # fmt: skip


def test_group_object_view_fixed_widths():
    group = PSObject(
        {"Count": 2, "Name": "UserMailbox", "Group": MAILBOXES, "Values": ["UserMailbox"]},
        type_names=("Microsoft.PowerShell.Commands.GroupInfo",),
    )
    lines = render([group], width=80, cmdlet="Group-Object")
    assert lines[:4] == [
        "",
        "Count Name                      Group",
        "----- ----                      -----",
        "    2 UserMailbox               {@{Name=Alice Smith; Alias=alice; Database=EURP…",
    ]
    assert len(lines[3]) == 80


def test_four_or_fewer_properties_make_a_table_more_a_list():
    small = PSObject({"A": 1, "B": "x", "C": None, "D": True, "D@odata.type": "#Boolean"})
    # numbers and booleans are right-aligned, header and dashes too
    assert render([small]) == ["", "A B C    D", "- - -    -", "1 x   True", ""]
    big = PSObject({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5})
    assert render([big]) == ["", "A : 1", "B : 2", "C : 3", "D : 4", "E : 5", ""]


def test_another_type_after_a_table_is_a_list():
    first = PSObject({"Name": "a"})
    other = PSObject({"Id": 7}, type_names=("Other",))
    assert render([first, other, "done"]) == ["", "Name", "----", "a", "", "", "Id : 7", "", "done"]


def test_forced_list_and_table():
    assert (
        render(MAILBOXES[:1], fmt="list", cmdlet="Get-Mailbox")[1]
        == "Name                      : Alice Smith"
    )
    assert (
        render([PSObject({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5})], fmt="table")[1] == "A B C D E"
    )


def test_measure_object_is_a_list_and_unknown_cmdlets_have_no_view():
    assert view_for("measure-object").kind == "list"
    assert view_for("Get-DistributionGroup").columns[3] == ("PrimarySmtpAddress", None)
    assert view_for("Get-Nothing") is None


def test_default_table_streams_after_its_sample():
    def endless():
        i = 0
        while True:
            i += 1
            yield PSObject({"N": i})

    lines = person_lines(endless(), width=80)
    head = [
        next(lines) for _ in range(3 + 50 + 10)
    ]  # would never return if the table waited for the end
    assert head[:4] == ["", " N", " -", " 1"]  # sized on the first 50: two digits, right-aligned
    assert head[-1] == "60"


def test_member_definitions_are_grouped_by_type_name():
    from sccshell.output.formats import person_lines
    from sccshell.runtime.objects import PSObject

    def member(type_name: str, name: str, kind: str, definition: str) -> PSObject:
        return PSObject(
            {"TypeName": type_name, "Name": name, "MemberType": kind, "Definition": definition},
            type_names=("Microsoft.PowerShell.Commands.MemberDefinition",),
        )

    lines = list(
        person_lines(
            [
                member("System.String", "Length", "Property", "int Length {get;}"),
                member("System.String", "Trim", "Method", "string Trim()"),
                member("System.Int32", "CompareTo", "Method", "int CompareTo(int value)"),
            ],
            width=80,
        )
    )
    assert lines == [
        "",
        "   TypeName: System.String",
        "",
        "Name      MemberType Definition",
        "----      ---------- ----------",
        "Length    Property   int Length {get;}",
        "Trim      Method     string Trim()",
        "",
        "   TypeName: System.Int32",
        "",
        "Name      MemberType Definition",
        "----      ---------- ----------",
        "CompareTo Method     int CompareTo(int value)",
        "",
    ]
