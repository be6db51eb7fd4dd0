"""PowerShell value semantics: properties, text, truth, numbers, comparison, wildcards."""

from datetime import datetime

import pytest

from sccshell.runtime.objects import PSObject
from sccshell.runtime.values import (
    SecureString,
    compare,
    enumerate_items,
    equals,
    get_property,
    is_collection,
    like,
    to_bool,
    to_number,
    to_string,
)

QUOTA_99 = "99 GB (106,300,440,576 bytes)"
QUOTA_49 = "49.5 GB (53,150,220,288 bytes)"


def test_get_property_psobject_and_dict_any_case():
    assert get_property(PSObject({"DisplayName": "Ann"}), "displayname") == "Ann"
    assert get_property({"Name": 1}, "NAME") == 1
    assert get_property({"Name": 1}, "Count") == 1
    assert get_property(PSObject({"A": 1}), "Missing") is None


def test_get_property_python_values():
    d = datetime(2026, 1, 31, 9, 5, 7)
    assert get_property(d, "Year") == 2026
    assert get_property(d, "DayOfWeek") == "Saturday"
    assert get_property(d, "Date") == datetime(2026, 1, 31)
    assert get_property("abc", "Length") == 3
    assert get_property([1, 2], "Count") == 2
    assert get_property(5, "Count") == 1
    assert get_property(None, "Count") == 0
    assert get_property(None, "Name") is None


def test_member_enumeration_on_lists():
    items = [PSObject({"Name": "a"}), PSObject({"Name": "b"})]
    assert get_property(items, "Name") == ["a", "b"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "True"),
        (False, "False"),
        ([1, "a", 2.5], "1 a 2.5"),
        (3.0, "3"),
        (2.5, "2.5"),
        # "$date" is the invariant culture's form; cells and Export-Csv use en-US's
        (datetime(2026, 1, 31, 9, 5), "01/31/2026 09:05:00"),
        (datetime(2026, 1, 31, 21, 5), "01/31/2026 21:05:00"),
        (datetime(2026, 1, 31, 0, 0), "01/31/2026 00:00:00"),
        (PSObject({"A": 1, "B": "x"}), "@{A=1; B=x}"),
        ({"a": 1}, "System.Collections.Hashtable"),
    ],
)
def test_to_string(value, text):
    assert to_string(value) == text


@pytest.mark.parametrize(
    ("value", "truth"),
    [("", False), (0, False), (None, False), ([], False), ([0], False), ([1], True),
     ([0, 0], True), ("False", True), ("0", True), (0.0, False), (PSObject(), True)],
)  # fmt: skip
def test_to_bool(value, truth):
    assert to_bool(value) is truth


def test_to_number():
    assert to_number("42") == 42
    assert to_number(" 2.5 ") == 2.5
    assert to_number("0x10") == 16
    assert to_number("1GB") == 1024**3
    assert to_number(True) == 1
    assert to_number(None) == 0
    with pytest.raises(ValueError, match="abc"):
        to_number("abc")


def test_compare_left_type_decides():
    assert compare(10, "9") == 1  # number: "9" becomes 9
    assert compare("10", 9) == -1  # string: "10" < "9" as text
    assert compare("abc", "ABD") == -1
    assert equals("ABC", "abc")
    assert not equals("ABC", "abc", case_sensitive=True)
    assert equals(1, "1") and equals("1", 1)
    assert equals(True, "yes") and not equals(False, "x")


def test_compare_quota_strings():
    assert compare(QUOTA_99, QUOTA_49) == 1
    assert compare(QUOTA_49, 60_000_000_000) == -1
    assert compare(60_000_000_000, QUOTA_49) == 1
    assert equals(QUOTA_99, 106300440576)


def test_compare_dates_and_null():
    assert compare(datetime(2026, 1, 2), "2026-01-01") == 1
    assert equals(datetime(2026, 1, 1), "1/1/2026")
    assert compare(None, 1) == -1 and compare(1, None) == 1
    assert equals(None, None) and not equals(None, "") and not equals(0, None)


@pytest.mark.parametrize(
    ("value", "pattern", "expected"),
    [("alice@contoso.com", "*@contoso.com", True), ("Alice", "a*", True), ("abc", "a?c", True),
     ("abc", "a[a-c]c", True), ("adc", "a[a-c]c", False), ("a*c", "a`*c", True), ("abc", "a`*c", False),
     ("", "*", True), ("x.y", "x.y", True), ("xay", "x.y", False)],
)  # fmt: skip
def test_like(value, pattern, expected):
    assert like(value, pattern) is expected


def test_like_case_sensitive():
    assert not like("Alice", "a*", case_sensitive=True)


def test_enumerate_items():
    assert list(enumerate_items([1, [2, 3]])) == [1, [2, 3]]
    assert list(enumerate_items(None)) == []
    assert list(enumerate_items("ab")) == ["ab"]
    assert list(enumerate_items({"a": 1})) == [{"a": 1}]
    assert list(enumerate_items(x for x in (1, 2))) == [1, 2]
    assert is_collection((1,)) and not is_collection(PSObject())


def test_secure_string_never_reveals():
    s = SecureString("p@ss")
    assert str(s) == repr(s) == "System.Security.SecureString"
    assert to_string(s) == "System.Security.SecureString"
    assert "p@ss" not in repr(vars(s) if hasattr(s, "__dict__") else s)
    assert s.reveal() == "p@ss"


def test_a_date_reads_three_ways() -> None:
    from sccshell.runtime.values import culture_string, long_datetime

    moment = datetime(2026, 1, 31, 21, 5, 7)
    assert to_string(moment) == "01/31/2026 21:05:07"
    assert culture_string(moment) == "1/31/2026 9:05:07 PM"
    assert long_datetime(moment) == "Saturday, January 31, 2026 9:05:07 PM"
