"""The REPL config file, broken every way: positioned problems and the defaults, never a crash."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sccshell.config import ConfigError, default_text, defaults, load_config, merge_text

from .fuzzing import fuzz
from .yaml_mutations import alias_bomb, shape_mutations, text_mutations

DEFAULT = default_text()
# The packaged file is mostly comments: uncomment a few settings so there is more to break.
SAMPLE = """edit_mode: vi
tab_cycling: true
completion:
  menu_rows: 8
history:
  size: 500
  secret_patterns: ['(?i)password', 'token=\\S+']
colors:
  prompt: 'ansigreen bold'
"""


def merged_problems(text: str) -> list:
    started = time.perf_counter()
    try:
        merge_text(defaults(), text, "c.yaml")
        problems = []
    except ConfigError as err:
        problems = err.problems
        assert problems
    assert time.perf_counter() - started < 2
    lines = len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 1  # YAML's line breaks
    for problem in problems:
        assert problem.file == "c.yaml"
        assert 1 <= problem.line <= lines + 1 and problem.col >= 1, problem
        assert problem.message and str(problem).startswith(f"c.yaml:{problem.line}:{problem.col}: ")
    return problems


def test_the_sample_and_the_defaults_merge():
    assert merged_problems(SAMPLE) == []
    assert merged_problems(DEFAULT) == []


@fuzz(200)
@given(st.sampled_from([SAMPLE]).flatmap(shape_mutations))
def test_wrong_shapes_are_positioned_problems(text):
    merged_problems(text)


@fuzz(250)
@given(st.sampled_from([SAMPLE, DEFAULT]).flatmap(text_mutations))
def test_broken_yaml_is_a_positioned_problem(text):
    merged_problems(text)


@fuzz(60)
@given(st.binary(max_size=60), st.integers(0, 200))
def test_a_config_file_of_any_bytes_falls_back_to_the_defaults(tmp_path_factory, junk, at):
    folder = tmp_path_factory.mktemp("cfg")
    data = SAMPLE.encode()
    (folder / "config.yaml").write_bytes(data[:at] + junk + data[at:])
    config = load_config({"SCCSHELL_CONFIG_DIR": str(folder)}, install=False)
    if config.problems:
        assert config.data == defaults()
        for problem in config.problems:
            assert problem.line >= 1 and problem.col >= 1, problem


def test_not_utf8_is_reported_where_it_is(tmp_path: Path):
    (tmp_path / "config.yaml").write_bytes(b"edit_mode: vi\nhistory:\n  size: \xff12\n")
    config = load_config({"SCCSHELL_CONFIG_DIR": str(tmp_path)}, install=False)
    assert [(p.line, p.col) for p in config.problems] == [(3, 9)]
    assert "not UTF-8" in config.problems[0].message


@pytest.mark.parametrize(
    "text, expected",
    [
        (alias_bomb(9, 9), "alias bomb"),
        ("colors: &c\n  prompt: *c\n", "contains it"),
        ("[" * 200_000 + "]" * 200_000, "nested more than"),
        (SAMPLE + "#\n" * 600_000, "too large"),
        ("edit_mode: \x00vi\n", "U+0000"),
    ],
)
def test_hostile_config_is_refused_with_a_position(text, expected):
    problems = merged_problems(text)
    assert any(expected in p.message for p in problems), problems
