"""Operators with PowerShell's semantics."""

from datetime import datetime, timedelta

import pytest

from sccshell.runtime.conversions import TypeRef
from sccshell.runtime.operators import OperatorError, binary, match, step, unary


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"),
    [
        ("+", 1, 2, 3), ("+", "a", 1, "a1"), ("+", 1, "2", 3), ("+", [1], 2, [1, 2]),
        ("+", [1], [2, 3], [1, 2, 3]), ("*", "ab", 3, "ababab"), ("*", [1], 2, [1, 1]),
        ("/", 6, 3, 2), ("/", 7, 2, 3.5), ("%", 7, 3, 1), ("%", -7, 3, -1), ("-", 5, "2", 3),
        ("..", 1, 3, [1, 2, 3]), ("..", 3, 1, [3, 2, 1]),
        ("-eq", "Abc", "abc", True), ("-ceq", "Abc", "abc", False), ("-ne", 1, 2, True),
        ("-gt", [1, 2, 3], 1, [2, 3]), ("-eq", [1, 2, 1], 1, [1, 1]), ("-ieq", "A", "a", True),
        ("-like", "alice@contoso.com", "*@CONTOSO.com", True), ("-notlike", "a", "b*", True),
        ("-like", ["ab", "cd", "ae"], "a*", ["ab", "ae"]),
        ("-contains", [1, 2], "2", True), ("-notcontains", ["a"], "A", False),
        ("-ccontains", ["a"], "A", False), ("-in", "b", ["a", "B"], True), ("-notin", 3, [1], True),
        ("-replace", "John Smith", [r"(\w+) (\w+)", "$2, $1"], "Smith, John"),
        ("-replace", "a.b", [r"\.", ""], "ab"), ("-replace", "aAa", "a", ""),
        ("-creplace", "aAa", "a", "A"), ("-replace", ["x1", "x2"], ["x", "y"], ["y1", "y2"]),
        ("-replace", "user@old.com", ["(?<u>.+)@old", "${u}@new"], "user@new.com"),
        ("-split", "a,b,,c", ",", ["a", "b", "", "c"]), ("-split", "a1b2c", [r"\d", 2], ["a", "b2c"]),
        ("-join", [1, 2, 3], ", ", "1, 2, 3"),
        ("-is", "x", TypeRef("string"), True), ("-is", 1, TypeRef("int"), True),
        ("-isnot", 1, TypeRef("string"), True), ("-as", "5", TypeRef("int"), 5),
        ("-as", "x", TypeRef("int"), None), ("-is", [1], TypeRef("array"), True),
        ("-xor", True, False, True), ("-band", 6, 3, 2), ("-bor", 4, 1, 5),
        ("-gt", "99 GB (106,300,440,576 bytes)", "49.5 GB (53,150,220,288 bytes)", True),
    ],
)  # fmt: skip
def test_binary(op, left, right, expected):
    assert binary(op, left, right) == expected


@pytest.mark.parametrize(
    ("fmt", "args", "expected"),
    [
        ("{0}", [1], "1"), ("{0:N1}", [1234.56], "1,234.6"), ("{0:N0}", [1234.5], "1,235"),
        ("{0:N2}", [0.125], "0.13"), ("[{0,-6}]", ["ab"], "[ab    ]"), ("[{0,5}]", ["ab"], "[   ab]"),
        ("{0:yyyy-MM-dd}", [datetime(2026, 1, 31)], "2026-01-31"), ("{0:P1}", [0.1234], "12.3%"),
        ("{0:X}", [255], "FF"), ("{0:x4}", [255], "00ff"), ("{0:D5}", [42], "00042"),
        ("{0:F2}", [2], "2.00"), ("{{{0}}}", [1], "{1}"), ("{0:0.00}", [3.14159], "3.14"),
        ("{0:#,##0}", [1234567], "1,234,567"), ("{0} of {1}", ["a", 2], "a of 2"),
        ("{0:MMM d, yyyy HH:mm}", [datetime(2026, 3, 5, 14, 7)], "Mar 5, 2026 14:07"),
        ("{0:N2} GB", [106300440576 / 1024**3], "99.00 GB"),
    ],
)  # fmt: skip
def test_format(fmt, args, expected):
    assert binary("-f", fmt, args) == expected


def test_format_index_out_of_range():
    with pytest.raises(OperatorError, match="Index"):
        binary("-f", "{1}", [1])


def test_match_returns_matches():
    result, found = match("user@contoso.com", r"@(?<domain>.+)$")
    assert result is True
    assert (
        found[0] == "@contoso.com"
        and found[1] == "contoso.com"
        and found["Domain"] == "contoso.com"
    )
    assert match("abc", "x") == (False, None)
    assert match(["a1", "b", "c2"], r"\d") == (["a1", "c2"], None)
    assert binary("-notmatch", "abc", "B") is False
    assert binary("-cmatch", "abc", "B") is False


def test_unary():
    assert unary("-not", 0) is True and unary("!", "x") is False
    assert unary("-", "3") == -3
    assert unary("-split", " a  b ") == ["a", "b"]
    assert unary("-join", [1, 2]) == "12"


def test_dates_arithmetic():
    d = datetime(2026, 1, 31)
    assert binary("-", d, datetime(2026, 1, 30)) == timedelta(days=1)
    assert binary("+", d, timedelta(days=1)) == datetime(2026, 2, 1)
    assert binary("-lt", datetime(2025, 1, 1), d) is True


def test_errors():
    with pytest.raises(OperatorError, match="divide by zero"):
        binary("/", 1, 0)
    with pytest.raises(OperatorError):
        binary("*", 2, "abc")
    with pytest.raises(OperatorError, match="hash table"):
        binary("+", {"a": 1}, 1)


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [("++", 1, 2), ("--", 1, 0), ("++", None, 1), ("--", None, -1), ("++", 1.5, 2.5)],
)
def test_increment_and_decrement_of_numbers_and_null(op, value, expected):
    assert step(op, value) == expected


@pytest.mark.parametrize(
    ("op", "value", "type_name"),
    [
        ("++", "x", "System.String"),
        ("--", "x", "System.String"),
        ("++", "5", "System.String"),  # no conversion, unlike `+`
        ("++", True, "System.Boolean"),
        ("--", [1], "System.Object[]"),
        ("++", {"a": 1}, "System.Collections.Hashtable"),
    ],
)
def test_increment_works_only_on_numbers(op, value, type_name):
    message = f"The '{op}' operator works only on numbers. The operand is a '{type_name}'."
    with pytest.raises(OperatorError) as info:
        step(op, value)
    assert str(info.value) == message


def test_increment_in_scripts():
    from sccshell.runtime.evaluator import ScriptError, run_source

    assert run_source("$n = $null; $n++; $n; [int]$i = '5'; $i++; $i; $s = 'x'; $s += 1; $s") == [
        1,
        6,
        "x1",
    ]
    with pytest.raises(ScriptError) as info:
        run_source("$s = 'x'\n$s++")
    assert (info.value.line, info.value.col) == (2, 1)
    assert "The '++' operator works only on numbers. The operand is a 'System.String'." in str(
        info.value
    )
    caught = run_source("$s = 'x'; try { --$s } catch { 'caught' }; $s")
    assert caught == ["caught", "x"]  # the variable is left as it was
