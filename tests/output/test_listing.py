"""Format-List golden outputs."""

from __future__ import annotations

from sccshell.output import iter_format_list

from .fixtures import MAILBOXES


def test_list_80_pads_names_wraps_long_values_and_hides_annotations():
    assert (
        "\n".join(iter_format_list(MAILBOXES[:1], width=80)) + "\n"
        == """
Name                      : Alice Smith
Alias                     : alice
Database                  : EURPR01DG123-db089
ProhibitSendQuota         : 99 GB (106,300,440,576 bytes)
ExternalDirectoryObjectId : 1b9f6b55-6a1c-4f3c-9a51-1c2f0e3b6a7d
EmailAddresses            : {SMTP:alice@contoso.com,
                            smtp:alice@contoso.onmicrosoft.com}
WhenCreated               : 2022-09-21T08:07:47.0000000+00:00
ItemCount                 : 1520

"""
    )


def test_list_120_blank_line_between_objects():
    lines = list(iter_format_list(MAILBOXES, ["Name", "EmailAddresses"], width=120))
    assert lines == [
        "",
        "Name           : Alice Smith",
        "EmailAddresses : {SMTP:alice@contoso.com, smtp:alice@contoso.onmicrosoft.com}",
        "",
        "Name           : Bob Jones-Mackenzie (Finance Department)",
        "EmailAddresses : {SMTP:bob.jones@contoso.com, smtp:bob.jones@contoso.onmicrosoft.com}",
        "",
    ]


def test_list_narrow_wraps_under_the_value():
    lines = list(iter_format_list(MAILBOXES[:1], ["ProhibitSendQuota"], width=40))
    assert lines == [
        "",
        "ProhibitSendQuota : 99 GB",
        "                    (106,300,440,576",
        "                    bytes)",
        "",
    ]


def test_enumeration_limit_is_four():
    lines = list(iter_format_list([{"Many": [1, 2, 3, 4, 5, 6]}], width=80))
    assert lines[1] == "Many : {1, 2, 3, 4…}"
