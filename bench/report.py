"""The results API of the benchmarks: one entry per figure, with its floor, ratio and target.

A benchmark calls `record(...)` for each figure it measures. The entry is printed at once
and, when bench/run.py started the benchmark (it sets BENCH_RESULTS to a file), appended
to that file as one JSON line; run.py gathers them into the table and bench/results.json.
"""

from __future__ import annotations

import json
import operator
import os
from dataclasses import asdict, dataclass
from typing import Any

RESULTS_VARIABLE = "BENCH_RESULTS"
# How a target is checked: the value it is compared on, the comparison, the bound.
OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
SUBJECTS = ("figure", "ratio")


@dataclass(frozen=True)
class Target:
    """A machine-checkable target: SUBJECT (figure or ratio) OP VALUE, and its wording."""

    text: str
    subject: str
    op: str
    value: float

    def __post_init__(self) -> None:
        if self.subject not in SUBJECTS:
            raise ValueError(f"a target is on one of {SUBJECTS}, not {self.subject!r}")
        if self.op not in OPERATORS:
            raise ValueError(f"a target compares with one of {sorted(OPERATORS)}, not {self.op!r}")

    def met(self, figure: float, ratio: float | None) -> bool:
        value = figure if self.subject == "figure" else ratio
        return value is not None and OPERATORS[self.op](value, self.value)


@dataclass(frozen=True)
class Entry:
    benchmark: str
    name: str
    figure: float
    unit: str
    floor: float | None
    floor_name: str
    ratio: float | None
    target: str
    check: dict[str, Any] | None  # {"subject", "op", "value"}; None: a figure without target
    met: bool | None
    note: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def record(
    benchmark: str,
    name: str,
    figure: float,
    unit: str,
    *,
    floor: float | None = None,
    floor_name: str = "",
    ratio: float | None = None,
    target: Target | None = None,
    note: str = "",
) -> Entry:
    """Print and keep one figure. RATIO defaults to FIGURE / FLOOR when there is a floor."""
    if ratio is None and floor:
        ratio = figure / floor
    entry = Entry(
        benchmark=benchmark,
        name=name,
        figure=figure,
        unit=unit,
        floor=floor,
        floor_name=floor_name,
        ratio=ratio,
        target=target.text if target else "",
        check=(
            {"subject": target.subject, "op": target.op, "value": target.value} if target else None
        ),
        met=target.met(figure, ratio) if target else None,
        note=note,
    )
    print(describe(entry), flush=True)
    path = os.environ.get(RESULTS_VARIABLE)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(entry.to_json()) + "\n")
    return entry


def verdict(met: bool | None) -> str:
    return "-" if met is None else ("met" if met else "MISSED")


def number(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0 or abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def describe(entry: Entry) -> str:
    """One line for a benchmark's own output."""
    parts = [f"  {entry.name}: {number(entry.figure)} {entry.unit}"]
    if entry.floor is not None:
        parts.append(f"floor {number(entry.floor)} ({entry.floor_name})")
    if entry.ratio is not None:
        parts.append(f"ratio {number(entry.ratio)}x")
    if entry.target:
        parts.append(f"target {entry.target}: {verdict(entry.met)}")
    return "; ".join(parts)


def read_entries(path: str) -> list[dict[str, Any]]:
    """The entries a benchmark appended to PATH (missing file: none)."""
    try:
        with open(path, encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except FileNotFoundError:
        return []
