"""The crashes the fuzz tests found, each pinned by its smallest script."""

from __future__ import annotations

import pytest

from sccshell.modes.check import decode_script
from sccshell.runtime.evaluator import ScriptError, run_source


@pytest.mark.parametrize(
    "text, message",
    [
        ("[string]::Join()", 'Cannot find an overload for "Join" and the argument count: "0".'),
        ("'abc'.Substring()", 'Cannot find an overload for "Substring"'),
        ("[datetime]::new(2024, 2, 30)", "un-representable DateTime"),
        ("[timespan]::FromMinutes(1e20)", "TimeSpan overflowed"),
        ("[char]99999999", "too large or too small for a character"),
        ("'a' * 1e12", "The string would be too large"),
        ("@(1) * 1e10", "The array would be too large"),
        ("$r = 1..9223372036854775807", "is too large to hold"),
        ("-bnot [math]::Sqrt(-1)", 'Cannot convert value "NaN"'),
        ("$a = @{}; $a++", "The '++' operator works only on numbers."),
        ("$a = @{}; $a += 1", "A hash table can only be added"),
        ("function f { f }; f", "call depth overflow"),
        ("$h = @{}; $h[[pscustomobject]@{ a = 1 }] = 1", "cannot be a hashtable key"),
        ("[regex]'{0}'", "The regular expression pattern {0} is not valid"),
        ("[regex]::IsMatch('a', '(')", "The regular expression pattern ( is not valid"),
        ("[regex]::Replace('a', 'a', '\\9')", "invalid group reference"),
    ],
)
def test_runtime_crashes_are_script_errors(text, message):
    with pytest.raises(ScriptError) as info:
        run_source(text)
    assert message in str(info.value)
    assert info.value.line >= 1 and info.value.col >= 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[math]::Pow(10, 400)", [float("inf")]),
        ("[math]::Log(0)", [float("-inf")]),
        ("(1e300).ToString('N0').Length", [401]),
        ("'{0:N1}' -f [math]::Pow(10, 400)", ["Infinity"]),
        ("1 -shl 33", [2]),
        ("6 -band 1e15", [0]),  # once computed 6 << 1e15 on the way, and ran out of memory
        ("1 -bxor -1", [-2]),
        ("'ab' * -1e300", [""]),
        ("@{}.ContainsKey(@(1))", [False]),
        ("[long]::MaxValue * 4", [float(2**65)]),
        ('$b = @(1, 2); $b[0] = $b; "$b"', ["System.Object[] 2"]),
    ],
)
def test_edge_values_give_dotnet_answers(text, expected):
    result = run_source(text)
    assert len(result) == len(expected)
    for got, want in zip(result, expected, strict=True):
        assert got == want or (got != got and want != want)


@pytest.mark.parametrize(
    "text",
    [
        "'abc' | Select-String -Pattern '('",
        "[pscustomobject]@{ Name = 'a' } | Where-Object Name -match '('",
    ],
)
def test_bad_patterns_in_local_cmdlets_are_script_errors(schema, text):
    import io

    from sccshell.environment import Environment
    from sccshell.session import Session

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    session = Session(env, schema)
    with pytest.raises(ScriptError, match="is not valid"):
        session.evaluator.run(text)


def test_bom_with_broken_bytes_decodes_with_replacement_characters():
    assert decode_script(b"\xef\xbb\xbf\xffGet-Mailbox") == "\ufffdGet-Mailbox"
    assert decode_script(b"\xff\xfe\x00\x00" + "Get".encode("utf-32-le")) == "Get"
