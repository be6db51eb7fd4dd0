"""A connection's `concurrency:` ($batch requests in flight): read, and every mistake placed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from profile_helpers import make_env, write

from sccshell.config import CONCURRENCY_RANGE, defaults
from sccshell.profiles import load_profiles

Problems = Callable[[str], list[str]]

HEAD = "version: 1\nprofiles:\n  lab:\n    connections:\n"


def test_each_connection_keeps_its_own_concurrency(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.yaml",
        HEAD
        + "      - service: exchange\n        concurrency: 2\n"
        + "      - service: compliance\n        prefix: SCC\n        concurrency: 32\n"
        + "      - service: exchange\n        prefix: B\n",
    )
    profile = load_profiles(make_env(), str(path)).get("lab")
    assert [c.concurrency for c in profile.connections] == [2, 32, None]


def test_the_bounds_are_the_configs() -> None:
    low, high = CONCURRENCY_RANGE
    assert low == 1 and high >= defaults()["fanout"]["concurrency"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "6:22: error: concurrency must be from 1 to 32 $batch requests in flight, not 0"),
        ("33", "6:22: error: concurrency must be from 1 to 32 $batch requests in flight, not 33"),
        ("-4", "6:22: error: concurrency must be from 1 to 32 $batch requests in flight, not -4"),
        ("lots", "6:22: error: concurrency must be a whole number, not 'lots'"),
        ("2.5", "6:22: error: concurrency must be a whole number, not '2.5'"),
        ("true", "6:22: error: concurrency must be a whole number, not 'true'"),
        ("[2]", "6:22: error: concurrency must be a whole number, not a list"),
    ],
)
def test_a_bad_value_is_placed(problems: Problems, value: str, expected: str) -> None:
    text = HEAD + f"      - service: exchange\n        concurrency: {value}\n"
    assert problems(text) == [expected]


def test_a_misspelt_key_gets_a_suggestion(problems: Problems) -> None:
    text = HEAD + "      - service: compliance\n        concurency: 2\n"
    assert problems(text) == [
        "6:9: error: unknown key 'concurency' in connection 1 of profile 'lab' "
        "(did you mean concurrency?)"
    ]


def test_on_the_profile_itself_it_is_placed_and_pointed_at_connections(
    problems: Problems,
) -> None:
    # The key belongs to a connection: one profile may use two services at different paces.
    text = "version: 1\nprofiles:\n  lab:\n    concurrency: 2\n"
    found = problems(text)
    assert len(found) == 1 and found[0].startswith("4:5: error: unknown key 'concurrency'")
