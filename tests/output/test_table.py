"""Format-Table golden outputs at fixed widths."""

from __future__ import annotations

from sccshell.output import iter_format_table
from sccshell.runtime.objects import PSObject

from .fixtures import MAILBOXES

COLUMNS = ["Name", "Alias", "ItemCount", "EmailAddresses"]


def text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def test_columns_fit_their_contents_and_the_last_one_gives_way():
    lines = list(iter_format_table(MAILBOXES, COLUMNS, width=80))
    assert lines[:3] == [
        "",
        "Name                                     Alias     ItemCount EmailAddresses",
        "----                                     -----     --------- --------------",
    ]
    # the table takes the whole width: the last column is cut to what is left, with "…"
    assert lines[3] == (
        "Alice Smith                              alice          1520 {SMTP:alice@contos…"
    )
    assert all(len(line) <= 80 for line in lines) and len(lines[3]) == 80


def test_a_column_that_cannot_keep_one_cell_is_hidden():
    lines = list(iter_format_table(MAILBOXES, ["Name", "Alias", "ItemCount"], width=45))
    assert lines[3] == "Alice Smith                              ali…"  # Alias gave 5 cells
    lines = list(iter_format_table(MAILBOXES, ["Name", "Alias", "ItemCount"], width=41))
    assert lines[1:4] == ["Name", "----", "Alice Smith"]  # neither could keep a cell


def test_fixed_widths_share_the_rest_equally():
    spec = [{"Label": "Name", "Expression": "Name", "Width": 12}, "Alias", "ItemCount"]
    lines = list(iter_format_table(MAILBOXES, spec, width=40))
    # Name keeps 12; Alias and ItemCount share 40 - 12 - 2 separators = 26 cells
    assert lines[1] == "Name         Alias             ItemCount"
    assert lines[4] == "Bob Jones-M… bob.jones                 7"


def test_autosize_with_room_shows_everything():
    lines = list(iter_format_table(MAILBOXES, ["Name", "Alias"], width=120, autosize=True))
    assert lines == [
        "",
        "Name                                     Alias",
        "----                                     -----",
        "Alice Smith                              alice",
        "Bob Jones-Mackenzie (Finance Department) bob.jones",
        "",
    ]


def test_wrap_wraps_instead_of_cutting():
    lines = list(iter_format_table(MAILBOXES, ["Alias", "EmailAddresses"], width=40, wrap=True))
    assert lines == [
        "",
        "Alias     EmailAddresses",
        "-----     --------------",
        "alice     {SMTP:alice@contoso.com,",
        "          smtp:alice@contoso.onmicrosoft",
        "          .com}",
        "bob.jones {SMTP:bob.jones@contoso.com,",
        "          smtp:bob.jones@contoso.onmicro",
        "          soft.com}",
        "",
    ]


def test_wildcards_calculated_properties_and_hidden_headers():
    lines = list(
        iter_format_table(
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
    )
    assert lines == ["", "alice           99 ALICE", "bob.jones       99 BOB.JONES", ""]


def test_annotations_are_never_columns():
    lines = list(iter_format_table(MAILBOXES, width=200, autosize=True))
    assert "@" not in lines[1]
    assert "odata" not in "".join(lines) and "data.type" not in "".join(lines)


def test_group_by_starts_a_table_per_group():
    rows = [PSObject({"Name": "a", "Type": "User"}), PSObject({"Name": "b", "Type": "User"}),
            PSObject({"Name": "c", "Type": "Group"})]  # fmt: skip
    assert list(iter_format_table(rows, ["Name"], width=20, group_by="Type")) == [
        "",
        "   Type: User",
        "",
        "Name",
        "----",
        "a",
        "b",
        "",
        "   Type: Group",
        "",
        "Name",
        "----",
        "c",
        "",
    ]


def test_scalars_print_as_their_text():
    assert list(iter_format_table(["one", 2, 2.5, True, None], width=80)) == [
        "one",
        "2",
        "2.5",
        "True",
        "",
    ]
