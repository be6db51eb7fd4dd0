"""The corpora: realistic administrator commands must bind; wrong ones must fail where expected."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
GOOD = HERE / "good"


def _single_lines() -> list[tuple[str, int, str]]:
    cases = []
    for path in sorted(GOOD.glob("*.scc")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                cases.append((path.name, number, line))
    return cases


SINGLE = _single_lines()
SCRIPTS = sorted((GOOD / "scripts").glob("*.scc"))
BAD = yaml.safe_load((HERE / "bad.yaml").read_text())


def test_corpus_sizes() -> None:
    assert len(SINGLE) >= 150
    assert len(SCRIPTS) >= 15
    assert len(BAD) >= 40


@pytest.mark.parametrize(("file", "number", "line"), SINGLE, ids=[f"{f}:{n}" for f, n, _ in SINGLE])
def test_good_line_binds(analyzer, file: str, number: int, line: str) -> None:
    assert analyzer.check(line, file) == []


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_good_script_binds(analyzer, path: Path) -> None:
    assert analyzer.check(path.read_text(), path.name) == []


@pytest.mark.parametrize("case", BAD, ids=[c["source"][:40] for c in BAD])
def test_bad_line_reports_at_position(analyzer, case: dict) -> None:
    problems = analyzer.check(case["source"], "<bad>")
    assert problems, "expected a problem"
    at = [p for p in problems if (p.line, p.col) == (case["line"], case["col"])]
    assert at, f"nothing reported at {case['line']}:{case['col']}: {problems}"
    message = at[0].message.lower()
    for fragment in case["contains"]:
        assert fragment.lower() in message, at[0].message
