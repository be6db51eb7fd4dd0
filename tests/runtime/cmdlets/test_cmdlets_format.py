"""Format-Table/List/Wide as cmdlets: -View, Format-Wide, script block columns."""

from __future__ import annotations

import pytest
from cmdlet_helpers import FakeBlock, run

from sccshell.runtime.api import CmdletError
from sccshell.runtime.cmdlets.format import render_lines
from sccshell.runtime.objects import PSObject

BOXES = [
    PSObject({"Name": f"User {i}", "Alias": f"u{i}", "Database": "DB1", "ItemCount": i})
    for i in range(1, 6)
]


def lines(cmdlet: str, bound: dict, items=BOXES, width: int = 40) -> list[str]:
    return list(render_lines(run(cmdlet, bound, items), width))


def test_table_view_by_name_in_any_case():
    got = lines("Format-Table", {"View": "mailbox"}, width=80)
    assert got[1].split() == [
        "Name", "Alias", "Database", "ProhibitSendQuota", "ExternalDirectoryObjectId"
    ]  # fmt: skip
    assert got[3].split() == ["User", "1", "u1", "DB1"]


def test_list_view_by_name():
    got = lines("Format-List", {"View": "Mailbox"}, BOXES[:1], width=80)
    assert got[1:3] == ["Name                      : User 1", "Alias                     : u1"]


def test_unknown_view_is_a_clear_error_listing_the_known_ones():
    with pytest.raises(CmdletError) as err:
        run("Format-Table", {"View": "Mailboxes"}, BOXES)
    message = str(err.value)
    assert message.startswith("Format-Table: no view named 'Mailboxes'; known views: ")
    assert "Mailbox, MailboxPermission" in message and "GroupInfo" in message


def test_wide_shows_the_name_property_two_a_row_by_default():
    assert lines("Format-Wide", {}) == [
        "",
        "User 1               User 2",
        "User 3               User 4",
        "User 5",
        "",
    ]


def test_wide_columns_and_autosize():
    assert lines("Format-Wide", {"Property": "Alias", "Column": 4})[1] == (
        "u1         u2        u3        u4"
    )
    autosized = lines("Format-Wide", {"Property": "Alias", "AutoSize": True}, width=20)
    # six 2-cell items fit in 20 cells: the 15 left after separators are shared 3,3,3,2,2,2
    assert autosized[1:3] == ["u1  u2  u3  u4 u5", ""]


def test_script_block_columns_show_their_source_as_label():
    block = FakeBlock(lambda o: o["Alias"].upper(), text="$_.Alias.ToUpper()")
    got = lines("Format-Table", {"Property": ["Name", block]}, BOXES[:2])
    assert got[1:5] == [
        "Name   $_.Alias.ToUpper()",
        "----   ------------------",
        "User 1 U1",
        "User 2 U2",
    ]
