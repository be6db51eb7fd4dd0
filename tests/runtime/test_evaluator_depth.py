"""Deep scripts: long operator chains, deep recursion, and PowerShell's call depth limit."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from sccshell.language import parse
from sccshell.runtime.evaluator import MAX_CALL_DEPTH, ScriptError, run_source

COUNT_DOWN = "function f($n) { if ($n -le 0) { return 0 }; (f ($n - 1)) + 1 }\n"


def _deep_threads() -> list[threading.Thread]:
    """The threads deep calls run on (the suite's other tests have threads of their own)."""
    return [t for t in threading.enumerate() if t.name == "sccshell-deep"]


def _run(session, text: str) -> list:
    return list(session.evaluator.iter_run(parse(text)))


def test_a_long_chain_of_operators_evaluates_left_to_right() -> None:
    terms = [f"'{i % 10}'" for i in range(4000)]
    [joined] = run_source("$s = " + " + ".join(terms) + "; $s")
    assert joined == "".join(str(i % 10) for i in range(4000))
    assert run_source("1" + " + 1" * 9999) == [10000]
    assert run_source("100" + " - 1" * 150 + " * 2") == [-51]  # `*` binds tighter
    # -and / -or stay short-circuit along the chain: 1/0 is never worked out.
    assert run_source("$false" + " -and (1/0)" * 500) == [False]
    assert run_source("$true" + " -or (1/0)" * 500) == [True]


def test_a_long_chain_inside_a_script_block_prints_and_runs() -> None:
    [text, value] = run_source("$b = { 0" + " + 2" * 3000 + " }; $b.ToString(); & $b")
    assert value == 6000 and text.strip() == "0" + " + 2" * 3000


@pytest.mark.parametrize("depth", [100, 500, MAX_CALL_DEPTH - 1])
def test_recursion_reaches_powershell_depths(session, depth: int) -> None:
    assert _run(session, COUNT_DOWN + f"f {depth}") == [depth]
    assert session.evaluator.call_depth == 0


def test_nesting_inside_deep_recursion_still_works(session) -> None:
    # Each level holds nested parentheses, a sub-expression and a hashtable as well.
    inner = "(" * 40 + "$n" + ")" * 40
    script = (
        "function g($n) { if ($n -le 0) { return @{ v = $(0) } }; "
        f"@{{ v = $((g ({inner} - 1)).v + 1) }} }}\n(g 400).v"
    )
    assert _run(session, script) == [400]


def test_pipelines_through_deep_recursion_stay_lazy(session) -> None:
    script = (
        "$global:made = 0\n"
        "function deep($n) { if ($n -gt 0) { deep ($n - 1) } else { "
        "foreach ($i in 1..100000) { $global:made++; $i } } }\n"
        "deep 300 | Select-Object -First 3\n$global:made"
    )
    out = _run(session, script)
    assert out[:3] == [1, 2, 3] and out[3] < 100
    assert session.evaluator.call_depth == 0
    assert _deep_threads() == []  # the threads of the deep levels are gone


def test_break_exit_and_errors_cross_deep_levels(session) -> None:
    script = (
        "function dive($n) { if ($n -gt 0) { dive ($n - 1) } else { break } }\n"
        "foreach ($i in 1..3) { $i; dive 300; 'never' }; 'after'"
    )
    assert _run(session, script) == [1, "after"]
    script = "function dive($n) { if ($n -gt 0) { dive ($n - 1) } else { throw 'bottom' } }\n"
    out = _run(session, script + "try { dive 400 } catch { \"caught $_\" } finally { 'done' }")
    assert out == ["caught bottom", "done"]


def test_runaway_recursion_is_powershells_call_depth_overflow(session) -> None:
    script = "$global:deepest = 0\nfunction f($n) {\n  $global:deepest = $n\n  f ($n + 1)\n}\nf 1"
    with pytest.raises(ScriptError) as info:
        _run(session, script)
    assert info.value.message == "The script failed due to call depth overflow."
    assert (info.value.line, info.value.col) == (4, 3)  # the call that went one too deep
    assert session.evaluator.get_var("deepest") == MAX_CALL_DEPTH
    assert session.evaluator.call_depth == 0


def test_call_depth_overflow_can_be_caught(session) -> None:
    script = (
        "function f { f }\n"
        "try { f } catch { 'caught: ' + $_.Exception.Message }\n"
        "function g { 'fine' }; g"
    )
    out = _run(session, script)
    assert out == ["caught: The script failed due to call depth overflow.", "fine"]


def test_ctrl_c_stops_a_deep_script_and_runs_its_finally_blocks(session) -> None:
    script = (
        "$global:cleaned = 0\n"
        "function spin($n) { if ($n -gt 0) { try { spin ($n - 1) } finally { "
        "$global:cleaned++ } } else { while ($true) { } } }\nspin 300"
    )
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _run(session, script)
    finally:
        timer.cancel()
    assert time.monotonic() - started < 10
    assert session.evaluator.get_var("cleaned") == 300
    assert session.evaluator.call_depth == 0
    assert _deep_threads() == []
