"""Malformed profile files: ProfileError with FILE:LINE:COL for each problem, never a crash."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sccshell.environment import Environment
from sccshell.profiles import ProfileError, load_profiles

from .fuzzing import fuzz
from .yaml_mutations import alias_bomb, shape_mutations, text_mutations

EXAMPLES = sorted((Path(__file__).parents[2] / "profiles").glob("*.yaml"))
TEXTS = [path.read_text(encoding="utf-8") for path in EXAMPLES]


def _env() -> Environment:
    return Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})


def load(path: Path) -> list[str]:
    """The problems of the file at PATH (none when it loads), checked for their shape."""
    started = time.perf_counter()
    try:
        load_profiles(_env(), str(path))
        problems: list[str] = []
    except ProfileError as err:
        problems = err.lines
        assert problems, "a ProfileError names at least one problem"
    assert time.perf_counter() - started < 2, "loading a small file must stay fast"
    shape = re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): error: \S")
    # YAML also breaks lines at NEL, U+2028 and U+2029; its positions count them.
    text = path.read_bytes().decode("utf-8", errors="replace")
    lines = len(re.findall("\r\n|[\r\n\x85\u2028\u2029]", text)) + 1
    for problem in problems:
        m = shape.match(problem)
        assert m, problem
        assert 1 <= int(m[1]) <= lines + 1 and int(m[2]) >= 1, (problem, lines)
    return problems


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("profiles")


def test_the_examples_load(folder):
    for text in TEXTS:
        path = folder / "example.yaml"
        path.write_text(text, encoding="utf-8")
        assert load(path) == []


@fuzz(200)
@given(st.sampled_from(TEXTS).flatmap(shape_mutations))
def test_wrong_shapes_are_positioned_problems(folder, text):
    path = folder / "shape.yaml"
    path.write_text(text, encoding="utf-8")
    load(path)


@fuzz(250)
@given(st.sampled_from(TEXTS).flatmap(text_mutations))
def test_broken_yaml_is_a_positioned_problem(folder, text):
    path = folder / "broken.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    load(path)


@fuzz(100)
@given(
    st.sampled_from(TEXTS).map(lambda t: t.encode()),
    st.lists(st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=3)), max_size=3),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]),
)
def test_bytes_that_are_not_utf8_are_positioned(folder, data, inserts, bom):
    for at, junk in inserts:
        at = min(at, len(data))
        data = data[:at] + junk + data[at:]
    path = folder / "bytes.yaml"
    path.write_bytes(bom + data)
    load(path)


@pytest.mark.parametrize("where", ["top", "profile", "command_names"])
def test_alias_bombs_are_refused_not_expanded(folder, where):
    bomb = alias_bomb(9, 9)  # 9**9 values if expanded
    if where == "top":
        text = bomb
    elif where == "profile":
        text = f"version: 1\nx:\n{alias_bomb(9, 9, indent='  ')}profiles:\n  p: *l8\n"
    else:
        text = (
            f"version: 1\nx:\n{alias_bomb(9, 9, indent='  ')}profiles:\n  p:\n"
            "    environment: O365Default\n    organization: contoso.onmicrosoft.com\n"
            "    auth: {method: interactive}\n"
            "    connections:\n      - service: exchange\n        command_names: *l8\n"
        )
    path = folder / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    problems = load(path)
    assert any("alias bomb" in p for p in problems), problems


def test_self_referring_alias_is_refused(folder):
    path = folder / "loop.yaml"
    path.write_text("version: 1\nprofiles: &p\n  a: *p\n", encoding="utf-8")
    assert any("refers to a value that contains it" in p for p in load(path))


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000 + "]" * 200_000,  # the C composer crashes the process on this
        "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 400)),
        "version: 1\nprofiles: " + "{a: " * 5000 + "}" * 5000 + "\n",
    ],
)
def test_deep_nesting_is_refused_before_composing(folder, text):
    path = folder / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    problems = load(path)
    assert any("nested more than" in p for p in problems), problems


def test_huge_file_is_refused_quickly(folder):
    path = folder / "huge.yaml"
    path.write_text(TEXTS[0] + "# padding\n" * 400_000, encoding="utf-8")
    problems = load(path)
    assert any("too large" in p for p in problems), problems
