"""The evaluator: statements, expressions, scopes, functions, lazy pipelines."""

from types import SimpleNamespace

import pytest

from sccshell.runtime.evaluator import ScriptError, run_source
from sccshell.runtime.values import to_string


def run(text, **kw):
    return run_source(text, **kw)


def make_resolver(counter):
    def source(bound, input, expecting, ev):
        for i in range(1, 1000):
            counter.append(i)
            yield i

    def first(bound, input, expecting, ev):
        n = int(bound["args"][0]) if bound["args"] else 1
        for i, item in enumerate(input):
            if i >= n:
                return
            yield item

    def echo(bound, input, expecting, ev):
        yield from bound["args"]

    table = {"numbers": source, "first": first, "echo": echo}

    def resolve(name):
        fn = table.get(name.lower())
        return SimpleNamespace(cmdlet=None, run=fn) if fn else None

    return resolve


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("1 + 2", [3]), ("$a = 5; $a * 2", [10]), ("$a = 1,2,3; $a[-1]", [3]), ("$a = 1..5; $a[0..2]", [1, 2, 3]),
        ('$n = "x"; "a $n $($n + 1) ${n}"', ["a x x1 x"]), ("'a $n'", ["a $n"]),
        ("if (0) { 1 } elseif ('') { 2 } else { 3 }", [3]), ("foreach ($i in 1..3) { $i * 2 }", [2, 4, 6]),
        ("for ($i = 0; $i -lt 3; $i++) { $i }", [0, 1, 2]), ("$i = 0; while ($i -lt 2) { $i; $i += 1 }", [0, 1]),
        ("$i = 0; do { $i++ } until ($i -ge 2); $i", [2]),  # `$i++` as a statement writes nothing
        ("foreach ($i in 1..5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }", [1, 3]),
        ("$h = @{Name='a'}; $h.name; $h['NAME']; $h.Count", ["a", "a", 1]),
        ("$h = @{}; $h.X = 1; $h.x += 1; $h.X", [2]), ("$o = [pscustomobject]@{A=1}; $o.A = 2; $o.a", [2]),
        ("'{0:N1}' -f 1234.56", ["1,234.6"]), ("[int]'42' + 1", [43]), ("[string]1 + 1", ["11"]),
        ("'Hello'.ToUpper()", ["HELLO"]), ("'a,b'.Split(',')", ["a", "b"]), ("'abc'.Length", [3]),
        ("[math]::Round(2.567, 2)", [2.57]), ("[string]::IsNullOrEmpty($null)", [True]), ("[int]::MaxValue", [2147483647]),
        ("@(1,2,3) -gt 1", [2, 3]), ("'user@contoso.com' -match '@(.+)$'; $Matches[1]", [True, "contoso.com"]),
        ("$x = @(); $x.Count", [0]), ("$x = @(1); $x += 2; $x.Count", [2]),
        ("$a, $b = 1, 2; $b", [2]), ("$script:s = 1; $s", [1]), ("-not $false", [True]),
        ("switch (2) { 1 {'one'} 2 {'two'} default {'other'} }", ["two"]),
        ("switch ('abc') { 'a*' {'w'} default {'d'} }", ["d"]),
        ("switch -wildcard ('abc') { 'a*' {'w'} 'x' {'x'} }", ["w"]),
        ("switch -regex ('a1') { '\\d' { $_ } }", ["a1"]),
        ("switch (1, 2, 3) { {$_ -gt 1} { $_ } }", [2, 3]),
        ("switch (1, 2) { 1 { 'a'; break } 2 { 'b' } }", ["a"]),
        ("$env:USERNAME", ["admin"]),
        ("$sb = { param($x) $x * 2 }; & $sb 4", [8]), ("$sb = { $_ + 1 }; $sb.Invoke(1)", [1]),
        ("$d = [datetime]'2026-01-31'; $d.AddDays(1).ToString('yyyy-MM-dd')", ["2026-02-01"]),
        (":outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; \"$i$j\" } }", ["11", "21", "31"]),
        ("$null -eq $x", [True]),
    ],
)  # fmt: skip
def test_script(src, expected):
    assert run(src, environ={"USERNAME": "admin"}) == expected


def test_functions_and_scopes():
    src = """
    $g = 'global'
    function Get-Double { param([int]$Value, [switch]$Loud) $r = $Value * 2; if ($Loud) { "$r!" } else { $r } }
    function Set-G { $g = 'local'; $script:t = 'set' }
    Get-Double 3
    Get-Double -Value 4 -Loud
    Set-G
    $g
    $t
    function f { $args.Count }
    f 1 2 3
    """
    assert run(src) == [6, "8!", "global", "set", 3]


def test_pipeline_function_process_block():
    src = """
    function Add-One { param([Parameter(ValueFromPipeline)]$X) process { $X + 1 } }
    function Sum { begin { $t = 0 } process { $t += $_ } end { $t } }
    1..3 | Add-One
    1..4 | Sum
    """
    assert run(src) == [2, 3, 4, 10]


def test_pipelines_are_lazy():
    pulls: list[int] = []
    assert run("numbers | first 2", resolver=make_resolver(pulls)) == [1, 2]
    assert len(pulls) <= 3


def test_resolver_and_unknown_command():
    assert run("echo a 1", resolver=make_resolver([])) == ["a", 1]
    with pytest.raises(ScriptError, match="'Get-Nothing' is not recognized") as info:
        run("\n  Get-Nothing")
    assert (info.value.line, info.value.col) == (2, 3)


def test_try_catch_finally_throw():
    src = """
    try { throw 'boom' } catch { "caught: $($_.Exception.Message)" } finally { 'finally' }
    try { 1 / 0 } catch [System.Exception] { 'div' }
    """
    assert run(src) == ["caught: boom", "finally", "div"]


def test_uncaught_throw_has_position():
    with pytest.raises(ScriptError) as info:
        run('$x = 1\n  throw "bad $x"')
    assert info.value.message == "bad 1" and info.value.line == 2


def test_return_from_function():
    assert run("function f { 1; return 2; 3 }; f") == [1, 2]


def test_redirection(tmp_path):
    target = tmp_path / "out.txt"
    run(f"1..2 > '{target}'; 'x' >> '{target}'")
    assert target.read_text().splitlines() == ["1", "2", "x"]


def test_hashtable_and_ordered():
    (h,) = run("[ordered]@{b=1;a=2}")
    assert list(h) == ["b", "a"]
    assert to_string(h) == "System.Collections.Specialized.OrderedDictionary"
