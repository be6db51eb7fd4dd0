"""The OPATH filter parser and evaluator, on their own (records are plain dicts here)."""

from __future__ import annotations

import pytest

from sccshell.sandbox.tenant.opath import (
    And,
    Compare,
    Field,
    Not,
    OpathError,
    Or,
    compile_filter,
    parse,
    tokenize,
)
from sccshell.sandbox.tenant.values import utc

GB = 1 << 30
KINDS = {
    "Name": "str",
    "Department": "str",
    "RecipientTypeDetails": "str",
    "HiddenFromAddressListsEnabled": "bool",
    "ResourceCapacity": "int",
    "WhenCreated": "date",
    "ProhibitSendQuota": "size",
    "EmailAddresses": "coll",
    "ForwardingSmtpAddress": "str",
    "RetainDeletedItemsFor": "timespan",
}

RECORDS = [
    {
        "Name": "anab",
        "Department": "Sales",
        "RecipientTypeDetails": "UserMailbox",
        "HiddenFromAddressListsEnabled": False,
        "ResourceCapacity": None,
        "WhenCreated": utc(2021, 5, 1),
        "ProhibitSendQuota": 99 * GB,
        "EmailAddresses": ["SMTP:ana.bowman@contoso.com", "smtp:anab@contoso.onmicrosoft.com"],
        "ForwardingSmtpAddress": None,
        "RetainDeletedItemsFor": 14 * 86400,
    },
    {
        "Name": "confroomadams",
        "Department": "",
        "RecipientTypeDetails": "RoomMailbox",
        "HiddenFromAddressListsEnabled": True,
        "ResourceCapacity": 12,
        "WhenCreated": utc(2023, 1, 10),
        "ProhibitSendQuota": None,  # Unlimited
        "EmailAddresses": ["SMTP:confroomadams@contoso.com"],
        "ForwardingSmtpAddress": "smtp:x@outlook.com",
        "RetainDeletedItemsFor": 30 * 86400,
    },
    {
        "Name": "info",
        "Department": "Marketing",
        "RecipientTypeDetails": "SharedMailbox",
        "HiddenFromAddressListsEnabled": False,
        "ResourceCapacity": None,
        "WhenCreated": utc(2019, 12, 31),
        "ProhibitSendQuota": int(49.5 * GB),
        "EmailAddresses": ["SMTP:info@contoso.com"],
        "ForwardingSmtpAddress": None,
        "RetainDeletedItemsFor": 14 * 86400,
    },
]


def resolve(name: str) -> Field | None:
    for prop, kind in KINDS.items():
        if prop.lower() == name.lower():
            return Field(prop, kind, lambda record, prop=prop: record[prop])
    return None


def names(text: str) -> list[str]:
    predicate = compile_filter(text, resolve)
    return [r["Name"] for r in RECORDS if predicate(r)]


# --- parsing --------------------------------------------------------------------------------


def test_tokens_carry_one_based_positions():
    tokens = tokenize("Name -eq 'x'")
    assert [(t.kind, t.position) for t in tokens] == [
        ("word", 1),
        ("op", 6),
        ("string", 10),
        ("end", 13),
    ]


def test_precedence_and_binds_tighter_than_or():
    tree = parse("A -eq 1 -or B -eq 2 -and C -eq 3")
    assert isinstance(tree, Or)
    assert isinstance(tree.right, And)


def test_not_and_parentheses():
    tree = parse("-not (A -eq 1 -or B -eq 2)")
    assert isinstance(tree, Not) and isinstance(tree.operand, Or)


def test_quotes_and_escapes():
    assert parse("Name -eq 'O''Brien'").value == "O'Brien"
    assert parse('Name -eq "say ""hi"""').value == 'say "hi"'
    assert parse('Name -eq "a`"b"').value == 'a"b'


def test_variables_and_bare_values():
    tree = parse("X -eq $True")
    assert isinstance(tree, Compare) and tree.value is True and not tree.quoted
    assert parse("X -eq $null").value is None
    assert parse("X -eq UserMailbox").value == "UserMailbox"
    assert parse("X -gt -5").value == "-5"


def test_script_block_braces_are_accepted():
    assert parse("{ Name -like 'a*' }").op == "like"


def test_operators_are_case_insensitive():
    assert parse("Name -EQ 'x' -AND Name -NotLike 'y*'").right.op == "notlike"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("X -eqq 1", 3),  # the example of the service's own message
        ("Name 'x'", 6),
        ("Name -eq", 9),
        ("Name -eq 'x' -and", 18),
        ("(Name -eq 'x'", 14),
        ("Name -eq 'x')", 13),
        ("Name -eq 'unterminated", 10),
        ("", 1),
        ("-and Name -eq 1", 1),
        ("Name -eq $foo", 10),
        ("Name -eq 'x' Name -eq 'y'", 14),
        ("Name -contains 'x'", 6),
    ],
)
def test_syntax_errors_name_the_position(text, position):
    with pytest.raises(OpathError) as caught:
        parse(text)
    assert caught.value.position == position
    assert caught.value.message == (
        "Invalid filter syntax. For a description of the filter parameter syntax see the command help. "
        f'"{text}" at position {position}.'
    )


def test_unknown_property_is_an_error_at_its_position():
    with pytest.raises(OpathError) as caught:
        names("Name -eq 'x' -and Colour -eq 'blue'")
    assert caught.value.position == 19
    assert "'Colour' is not a recognized filterable property" in caught.value.message


def test_value_of_the_wrong_type_is_an_error():
    with pytest.raises(OpathError) as caught:
        names("WhenCreated -gt 'last tuesday'")
    assert caught.value.position == 17
    assert "System.DateTime" in caught.value.message
    with pytest.raises(OpathError):
        names("ResourceCapacity -gt 'many'")
    with pytest.raises(OpathError):
        names("HiddenFromAddressListsEnabled -eq 'perhaps'")


# --- evaluation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name -eq 'anab'", ["anab"]),
        ("name -EQ 'ANAB'", ["anab"]),  # names and values are case-insensitive
        ("Name -ne 'anab'", ["confroomadams", "info"]),
        ("Name -like 'a*'", ["anab"]),
        ("Name -like '*o*'", ["confroomadams", "info"]),
        ("Name -notlike 'a*'", ["confroomadams", "info"]),
        ("Name -eq 'a*'", []),  # -eq takes * literally
        ("RecipientTypeDetails -eq UserMailbox", ["anab"]),
        ("Department -eq 'Sales' -or Department -eq 'Marketing'", ["anab", "info"]),
        ("Department -ne 'Sales' -and Name -like '*n*'", ["confroomadams", "info"]),
        ("-not (Department -eq 'Sales')", ["confroomadams", "info"]),
        ("-not Department -eq 'Sales'", ["confroomadams", "info"]),
        ("(Name -eq 'anab' -or Name -eq 'info') -and Department -eq 'Marketing'", ["info"]),
        ("Name -eq 'anab' -or Name -eq 'info' -and Department -eq 'Marketing'", ["anab", "info"]),
    ],
)
def test_strings(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HiddenFromAddressListsEnabled -eq $true", ["confroomadams"]),
        ("HiddenFromAddressListsEnabled -eq $false", ["anab", "info"]),
        (
            "HiddenFromAddressListsEnabled -eq 'True'",
            ["confroomadams"],
        ),  # the client's $true (§2.5)
        ("HiddenFromAddressListsEnabled -ne 'False'", ["confroomadams"]),
    ],
)
def test_booleans(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ForwardingSmtpAddress -eq $null", ["anab", "info"]),
        ("ForwardingSmtpAddress -ne $null", ["confroomadams"]),
        ("Department -eq $null", ["confroomadams"]),  # empty string counts as null
        ("ResourceCapacity -gt $null", []),
        ("ForwardingSmtpAddress -eq '$null'", []),  # quoted: the literal text
    ],
)
def test_null(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ResourceCapacity -gt 10", ["confroomadams"]),
        ("ResourceCapacity -ge 12", ["confroomadams"]),
        ("ResourceCapacity -lt 12", []),
        ("ResourceCapacity -eq 12", ["confroomadams"]),
        ("ResourceCapacity -eq '12'", ["confroomadams"]),
    ],
)
def test_numbers(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WhenCreated -gt '2022-01-01'", ["confroomadams"]),
        ("WhenCreated -lt '01/01/2020'", ["info"]),
        ("WhenCreated -ge '2021-05-01T00:00:00'", ["anab", "confroomadams"]),
        ("WhenCreated -le '5/1/2021'", ["anab", "info"]),
    ],
)
def test_dates(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ProhibitSendQuota -lt '50GB'", ["info"]),
        ("ProhibitSendQuota -gt '50 GB'", ["anab", "confroomadams"]),  # Unlimited is the largest
        ("ProhibitSendQuota -eq 'Unlimited'", ["confroomadams"]),
        ("ProhibitSendQuota -eq '99 GB (106,300,440,576 bytes)'", ["anab"]),
        ("RetainDeletedItemsFor -gt '14.00:00:00'", ["confroomadams"]),
    ],
)
def test_sizes_and_spans(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EmailAddresses -like '*@contoso.onmicrosoft.com'", ["anab"]),
        ("EmailAddresses -eq 'info@contoso.com'", ["info"]),  # with or without the prefix
        ("EmailAddresses -eq 'smtp:ana.bowman@contoso.com'", ["anab"]),
        ("EmailAddresses -ne 'info@contoso.com'", ["anab", "confroomadams"]),
        ("EmailAddresses -notlike '*onmicrosoft*'", ["confroomadams", "info"]),
    ],
)
def test_multi_valued(text, expected):
    assert names(text) == expected
