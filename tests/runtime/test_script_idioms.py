"""Idioms administrators' scripts lean on, run as PowerShell runs them."""

from __future__ import annotations

import pytest

from sccshell.language import parse
from sccshell.session import Session


def run(session: Session, text: str) -> list:
    return list(session.evaluator.iter_run(parse(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('$r = foreach ($i in 1..3) { $i * 2 }; $r -join ","', ["2,4,6"]),
        ('$v = if ($false) { "a" } elseif ($true) { "b" } else { "c" }; $v', ["b"]),
        ("$h = @{ P = if ($false) { 1 } else { 2 } }; $h.P", [2]),
        ('$s = switch (3) { 1 { "one" } 3 { "three" } }; $s', ["three"]),
        ("$t = try { 5 } catch { 6 }; $t", [5]),
        ("$w = while ($false) { 1 }; $null -eq $w", [True]),
    ],
)
def test_a_statement_is_a_value(session, text, expected) -> None:
    assert run(session, text) == expected


def test_one_object_indexes_as_a_one_item_array(session) -> None:
    assert run(session, "$o = [pscustomobject]@{A=1}; $o[0].A; $o[-1].A; $null -eq $o[1]") == [
        1,
        1,
        True,
    ]
    assert run(session, "$h = @{0='zero'}; $h[0]") == ["zero"]  # a hashtable key stays a key


def test_lists_scripts_build(session) -> None:
    out = run(
        session,
        "$a = [System.Collections.ArrayList]::new(); [void]$a.Add(1); $a.Add(2)\n"
        "$g = [System.Collections.Generic.List[object]]::new(); $g.Add('x'); $g.Add('y')\n"
        "$n = New-Object System.Collections.Generic.List[string]; $n.Add('z')\n"
        "$a.Count; $g -join ','; $n.Count; ([hashtable]::new()).Count",
    )
    assert out == [1, 2, "x,y", 1, 0]  # ArrayList.Add returns the index, List.Add nothing


def test_foreach_object_and_where_object_share_the_callers_variables(session) -> None:
    out = run(
        session,
        "$n = 0; 1..5 | ForEach-Object { $n++ }; $n\n"
        '1..3 | ForEach-Object -Begin { $t = 0 } -Process { $t += $_ } -End { "t=$t" }\n'
        "$seen = 0; 1..4 | Where-Object { $seen++; $_ -gt 2 } | Out-Null; $seen",
    )
    assert out == [5, "t=6", 4]


def test_an_inner_pipeline_gives_back_the_outer_dollar_under(session) -> None:
    out = run(
        session,
        "function f { param($x) 1..2 | ForEach-Object { $q = $_ }\n"
        '  "x=$x args=$($args.Count) bound=$($PSBoundParameters.Count) q=$q" }\n'
        "f 7 8\n"
        '1..2 | ForEach-Object { "a","b" | ForEach-Object { }; "outer $_" }',
    )
    assert out == ["x=7 args=1 bound=1 q=2", "outer 1", "outer 2"]


def test_an_increment_statement_writes_nothing(session) -> None:
    assert run(session, '$n = 0; $n++; ++$n; $n--; $n; ($n++); $n; "[$($n++)]"') == [
        1,
        1,
        2,
        "[]",
    ]
