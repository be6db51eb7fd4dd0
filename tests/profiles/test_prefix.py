"""-Prefix rules as Connect-ExchangeOnline has them: letters and digits only, EXO reserved."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sccshell.profiles import prefix_problem

SPECIAL = "Use of any special characters in the Prefix string is not supported."
RESERVED = "Prefix 'EXO' is a reserved Prefix, please use a different prefix."


@pytest.mark.parametrize("prefix", ["", "SCC", "scc", "Cn2", "365", "a"])
def test_good(prefix: str) -> None:
    assert prefix_problem(prefix) is None


@pytest.mark.parametrize("prefix", ["a-b", "a b", "a_b", " SCC", "SCC\n", "é", "\u212a", "ſ", "١"])
def test_special_characters(prefix: str) -> None:
    assert prefix_problem(prefix) == SPECIAL


@pytest.mark.parametrize("prefix", ["EXO", "exo", "Exo"])
def test_reserved(prefix: str) -> None:
    assert prefix_problem(prefix) == RESERVED


def _connection(prefix: str) -> str:
    return (
        "version: 1\nprofiles:\n  contoso:\n    connections:\n"
        f"      - service: exchange\n        prefix: {prefix}\n"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("'a.b'", ["6:17: error: prefix 'a.b': " + SPECIAL]),
        ("exo", ["6:17: error: prefix 'exo': " + RESERVED]),
        ("[a]", ["6:17: error: prefix must be a single value, not a list"]),
        ("no", []),  # YAML 1.1 would read a bool; a prefix is the text as written
        ("365", []),
        ("", []),  # empty: no prefix
    ],
)
def test_in_a_profile(
    problems: Callable[[str], list[str]], written: str, expected: list[str]
) -> None:
    assert problems(_connection(written)) == expected
