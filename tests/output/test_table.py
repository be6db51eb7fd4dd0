"""Format-Table golden outputs at fixed widths."""

from __future__ import annotations

from sccshell.output import format_table
from sccshell.runtime.objects import PSObject

from .fixtures import MAILBOXES

COLUMNS = ["Name", "Alias", "ItemCount", "EmailAddresses"]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_table_80_splits_width_cuts_with_ellipsis_and_right_aligns_numbers():
    assert (
        text(format_table(MAILBOXES, COLUMNS, width=80))
        == """
Name                 Alias                         ItemCount EmailAddresses
----                 -----                         --------- --------------
Alice Smith          alice                              1520 {SMTP:alice@contos…
Bob Jones-Mackenzie… bob.jones                             7 {SMTP:bob.jones@co…

"""
    )


def test_table_120():
    assert (
        text(format_table(MAILBOXES, COLUMNS, width=120))
        == """
Name                           Alias                                             ItemCount EmailAddresses
----                           -----                                             --------- --------------
Alice Smith                    alice                                                  1520 {SMTP:alice@contoso.com, smt…
Bob Jones-Mackenzie (Finance … bob.jones                                                 7 {SMTP:bob.jones@contoso.com,…

"""
    )


def test_autosize_fits_content_then_caps_the_widest_column():
    assert (
        text(format_table(MAILBOXES, COLUMNS, width=80, autosize=True))
        == """
Name                           Alias     ItemCount EmailAddresses
----                           -----     --------- --------------
Alice Smith                    alice          1520 {SMTP:alice@contoso.com, smt…
Bob Jones-Mackenzie (Finance … bob.jones         7 {SMTP:bob.jones@contoso.com,…

"""
    )


def test_autosize_with_room_shows_everything():
    lines = format_table(MAILBOXES, ["Name", "Alias"], width=120, autosize=True)
    assert lines == [
        "",
        "Name                                     Alias",
        "----                                     -----",
        "Alice Smith                              alice",
        "Bob Jones-Mackenzie (Finance Department) bob.jones",
        "",
    ]


def test_wrap_wraps_instead_of_cutting():
    assert (
        text(format_table(MAILBOXES, COLUMNS, width=80, wrap=True))
        == """
Name                 Alias                         ItemCount EmailAddresses
----                 -----                         --------- --------------
Alice Smith          alice                              1520 {SMTP:alice@contoso
                                                             .com,
                                                             smtp:alice@contoso.
                                                             onmicrosoft.com}
Bob Jones-Mackenzie  bob.jones                             7 {SMTP:bob.jones@con
(Finance Department)                                         toso.com,
                                                             smtp:bob.jones@cont
                                                             oso.onmicrosoft.com
                                                             }

"""
    )


def test_wildcards_calculated_properties_and_hidden_headers():
    lines = format_table(
        MAILBOXES,
        [
            "Al*",
            ("Quota GB", lambda o: 99),
            {"Label": "Upper", "Expression": lambda o: o["Alias"].upper()},
        ],
        width=40,
        autosize=True,
        hide_headers=True,
    )
    assert lines == ["", "alice           99 ALICE", "bob.jones       99 BOB.JONES", ""]


def test_annotations_are_never_columns():
    lines = format_table(MAILBOXES, width=200, autosize=True)
    assert "@" not in lines[1]
    assert "odata" not in "".join(lines) and "data.type" not in "".join(lines)


def test_group_by_starts_a_table_per_group():
    rows = [PSObject({"Name": "a", "Type": "User"}), PSObject({"Name": "b", "Type": "User"}),
            PSObject({"Name": "c", "Type": "Group"})]  # fmt: skip
    assert format_table(rows, ["Name"], width=20, group_by="Type") == [
        "",
        "   Type: User",
        "",
        "Name",
        "----",
        "a",
        "b",
        "",
        "",
        "   Type: Group",
        "",
        "Name",
        "----",
        "c",
        "",
    ]


def test_scalars_print_as_their_text():
    assert format_table(["one", 2, 2.5, True, None], width=80) == ["one", "2", "2.5", "True", ""]
