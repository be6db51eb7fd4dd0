"""Whatever is typed, wherever the cursor is, completion answers and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sccshell.repl.completion.context import analyze
from sccshell.repl.completion.engine import complete
from sccshell.repl.completion.model import build_model
from sccshell.runtime.objects import PSObject

from .fixture_schema import fixture_schema

MODEL = build_model(
    fixture_schema(),
    variables=lambda: {"x": [PSObject({"Name": "a", "Sub": {"Deep": 1}})], "s": "text"},
)
MODEL.recent.record("Get-Mailbox", [PSObject({"Name": "a"})])

PIECES = st.sampled_from(
    [
        "Get-Mailbox", "Set-Mailbox", "Select-Object", "-Identity", "-Type:", "-", " ", "|",
        ";", "\n", "{", "}", "(", ")", "@{", "@(", "$(", "$_.", "$x.", "$", "'", '"', "`",
        ",", "=", "# c", "<#", "#>", ". ", "& ", "./", "-eq", "Name", "'a b'", "${", ":",
        "\u2013", "@'", "\t", "Where-Object", "$env:", "10", "-WhatIf:", "Sort-Object",
    ]
)  # fmt: skip


def check(text: str, cursor: int) -> None:
    ctx = analyze(text, cursor)
    clamped = max(0, min(cursor, len(text)))
    assert 0 <= ctx.start <= clamped
    for suggestion in complete(text, cursor, MODEL):
        assert -suggestion.start_position == clamped - ctx.start
        assert suggestion.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=12).map("".join), st.integers(-3, 200))
def test_pieces_of_the_language(text: str, cursor: int) -> None:
    check(text, cursor)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.integers(-3, 80))
def test_any_text(text: str, cursor: int) -> None:
    check(text, cursor)
