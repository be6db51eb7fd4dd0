"""Random valid scripts of local commands and expressions: only ScriptError or ScriptExit escape."""

from __future__ import annotations

import io
import resource
import signal
import traceback
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sccshell.environment import Environment
from sccshell.language import ParseError
from sccshell.runtime.evaluator import ScriptError, ScriptExit
from sccshell.session import Session

from .fuzzing import fuzz

LEAVES = st.sampled_from(
    [
        "0",
        "1",
        "-1",
        "7",
        "2147483647",
        "9223372036854775807",
        "1.5",
        "-0.0",
        "1e300",
        "0x10",
        "1GB",
        "'a'",
        "''",
        "'Abc'",
        "'10'",
        "'x,y'",
        "'2024-02-29'",
        "'1.5'",
        "' '",
        "'%'",
        "$null",
        "$true",
        "$false",
        "$a",
        "$b",
        "$h",
        "$d",
        "$s",
        "@()",
        "@(1, 'b', $null)",
        "@{}",
        "@{ k = 1; K2 = 'v' }",
        "[datetime]'2024-01-31'",
        "(1..3)",
        "[char]65",
        "[timespan]'01:00:00'",
        "[pscustomobject]@{ Name = 'n'; Size = 3 }",
        "'{0}'",
        "'\u00e9\u4e2d'",
        "[int]::MaxValue",
        "[double]::NaN",
    ]
)
BINARY = st.sampled_from(
    [
        "+",
        "-",
        "*",
        "/",
        "%",
        "-eq",
        "-ne",
        "-gt",
        "-lt",
        "-ge",
        "-le",
        "-like",
        "-notlike",
        "-match",
        "-notmatch",
        "-contains",
        "-notcontains",
        "-in",
        "-notin",
        "-replace",
        "-split",
        "-join",
        "-f",
        "-and",
        "-or",
        "-xor",
        "-band",
        "-bor",
        "-bxor",
        "-shl",
        "-shr",
        "-is",
        "-isnot",
        "-as",
        "-ceq",
        "-ilike",
        "-cmatch",
        "..",
    ]
)
UNARY = st.sampled_from(["-not ", "!", "-", "+", "-bnot ", ",", "-join ", "-split "])
CASTS = st.sampled_from(
    [
        "[int]",
        "[long]",
        "[double]",
        "[decimal]",
        "[string]",
        "[bool]",
        "[char]",
        "[datetime]",
        "[array]",
        "[hashtable]",
        "[string[]]",
        "[int[]]",
        "[byte]",
        "[guid]",
        "[timespan]",
        "[regex]",
        "[version]",
        "[pscustomobject]",
        "[math]",
        "[System.Int32]",
        "[object[]]",
    ]
)
MEMBERS = st.sampled_from(
    [
        ".Length",
        ".Count",
        ".Name",
        ".Keys",
        ".Values",
        ".Year",
        ".TotalHours",
        ".ToUpper()",
        ".ToLower()",
        ".Trim()",
        ".Substring(1)",
        ".Substring(1, 100)",
        ".Split(',')",
        ".Replace('a', 'b')",
        ".PadLeft(3)",
        ".IndexOf('b')",
        ".Contains('a')",
        ".StartsWith('A')",
        ".ToString()",
        ".ToString('N2')",
        ".AddDays(1)",
        ".AddMonths(-13)",
        ".GetType()",
        ".Equals(1)",
        ".CompareTo(2)",
        ".Insert(1, 'x')",
        ".Remove(0, 1)",
        ".ContainsKey('k')",
        ".Add('z', 1)",
        ".Remove('k')",
        ".GetEnumerator()",
        "[0]",
        "[-1]",
        "[1..2]",
        "['k']",
        "[$null]",
        "[99]",
        "[1.5]",
        ".Where({ $_ })",
        ".ForEach({ $_ })",
        ".Split()",
        ".ToCharArray()",
        ".Format",
        ".Foo()",
        ".Foo",
    ]
)
STATICS = st.sampled_from(
    [
        "[math]::Round(2.5)",
        "[math]::Pow(10, 400)",
        "[math]::Max(1, 'a')",
        "[math]::Sqrt(-1)",
        "[math]::Floor(1e300)",
        "[math]::Abs([int]::MinValue)",
        "[string]::Join(',', @(1, 2))",
        "[string]::IsNullOrEmpty($null)",
        "[string]::Format('{0} {1}', 1)",
        "[string]::Join()",
        "[datetime]::Now",
        "[datetime]::Parse('x')",
        "[datetime]::ParseExact('1', 'd', $null)",
        "[int]::Parse('q')",
        "[guid]::NewGuid()",
        "[regex]::Escape('a.b')",
        "[regex]::Match('ab', '(')",
        "[convert]::ToBase64String(@(1, 2))",
        "[System.IO.Path]::GetFileName('a/b')",
        "[timespan]::FromMinutes(1e20)",
        "[char]::IsDigit('1')",
        "[int]::MaxValue + [int]::MaxValue",
        "[long]::MaxValue * 2",
    ]
)


@st.composite
def expressions(draw, depth: int) -> str:
    if depth <= 0:
        return draw(st.one_of(LEAVES, STATICS))
    sub = expressions(depth - 1)
    choice = draw(st.integers(0, 8))
    if choice == 0:
        return draw(LEAVES)
    if choice == 1:
        return f"({draw(sub)}) {draw(BINARY)} ({draw(sub)})"
    if choice == 2:
        return f"{draw(UNARY)}({draw(sub)})"
    if choice == 3:
        return f"{draw(CASTS)}({draw(sub)})"
    if choice == 4:
        return f"({draw(sub)}){draw(MEMBERS)}"
    if choice == 5:
        return draw(STATICS)
    if choice == 6:
        return "@(" + ", ".join(draw(st.lists(sub, max_size=3))) + ")"
    if choice == 7:
        return '"x $(' + draw(sub) + ') $a ${b} $($h.k)"'
    return (
        "@{ "
        + "; ".join(f"k{i} = {v}" for i, v in enumerate(draw(st.lists(sub, max_size=3))))
        + " }"
    )


COMMANDS = st.sampled_from(
    [
        "Where-Object { $_ }",
        "Where-Object Name -eq 'n'",
        "Where-Object { $_ -gt 1 }",
        "ForEach-Object { $_ }",
        "ForEach-Object { $_ * 2 }",
        "ForEach-Object Length",
        "ForEach-Object -MemberName ToString",
        "Sort-Object",
        "Sort-Object -Descending",
        "Sort-Object Name, Size -Unique",
        "Sort-Object { $_.Length }",
        "Select-Object -First 2",
        "Select-Object -Last 1 -Skip 1",
        "Select-Object Name, @{ n = 'L'; e = { $_.Length } }",
        "Select-Object -ExpandProperty Name",
        "Select-Object -Unique",
        "Select-Object *",
        "Group-Object",
        "Group-Object Length",
        "Group-Object { $_ } -NoElement",
        "Measure-Object",
        "Measure-Object -Sum -Average -Maximum",
        "Measure-Object Length -Sum",
        "Measure-Object -Line -Word -Character",
        "Get-Unique",
        "Out-String",
        "Out-Null",
        "Format-Table",
        "Format-List",
        "Format-Table -AutoSize Name",
        "Format-Wide",
        "ConvertTo-Json",
        "ConvertTo-Json -Depth 1 -Compress",
        "ConvertTo-Csv",
        "ConvertTo-Csv -NoTypeInformation",
        "Get-Member",
        "Select-String 'a'",
        "Select-String -Pattern '(' -SimpleMatch",
        "Add-Member -NotePropertyName N -NotePropertyValue 1 -PassThru",
        "Write-Output",
        "Tee-Object -Variable t",
        "Out-Host",
    ]
)
HEADS = st.sampled_from(
    [
        "Get-Date",
        "Get-Date -Year 2024 -Month 2 -Day 30",
        "Get-Date -Format 'yyyy'",
        "Get-Random -Minimum 1 -Maximum 3",
        "Get-Random -InputObject 1, 2",
        "New-TimeSpan -Days 1",
        "New-TimeSpan -Start (Get-Date) -End '2000-01-01'",
        "Write-Output 1 2 3",
        "Write-Output -NoEnumerate @(1, 2)",
        "Join-Path 'a' 'b'",
        "Split-Path 'a/b/c' -Leaf",
        "Split-Path '' -Parent",
        "Test-Path ''",
        "Compare-Object @(1, 2) @(2, 3)",
        "Compare-Object $null @(1)",
        'ConvertFrom-Json \'{"a": [1, {"b": null}]}\'',
        "ConvertFrom-Json '{'",
        "ConvertFrom-Csv -InputObject 'a,b', '1,2'",
        "ConvertFrom-Csv 'a,a', '1'",
        "New-Object PSObject -Property @{ a = 1 }",
        "New-Object System.Collections.ArrayList",
        "New-Object -TypeName Nope",
        "Write-Warning 'w'",
        "Write-Error 'e'",
        "Write-Verbose 'v'",
        "Write-Host 'h' -NoNewline",
        "Write-Information 'i'",
        "Write-Debug 'd'",
        "Get-Member -InputObject 1",
    ]
)


@st.composite
def pipelines(draw, depth: int) -> str:
    head = draw(st.one_of(HEADS, expressions(depth)))
    tail = draw(st.lists(COMMANDS, max_size=3))
    return " | ".join([head, *tail])


@st.composite
def statements(draw, depth: int) -> str:
    pipe = draw(pipelines(depth))
    if depth <= 0:
        return pipe
    body = draw(statements(depth - 1))
    cond = draw(expressions(depth - 1))
    return draw(
        st.sampled_from(
            [
                pipe,
                f"$a = {pipe}",
                f"$h.k += {cond}",
                f"$b[0] = {cond}",
                f"$s += {cond}",
                "$a++",
                f"if ({cond}) {{ {body} }} else {{ {body} }}",
                f"foreach ($i in @({cond})) {{ {body} }}",
                f"for ($k{depth} = 0; $k{depth} -lt 3; $k{depth}++) {{ {body} }}",
                f"$n{depth} = 0; while ($n{depth} -lt 2) {{ $n{depth}++; {body} }}",
                f"do {{ {body} }} until ($true)",
                f"switch ({cond}) {{ 1 {{ {body} }} 'a' {{ break }} default {{ {body} }} }}",
                f"switch -regex -casesensitive (@({cond})) {{ '^a' {{ $_ }} }}",
                f"try {{ {body} }} catch {{ $_.Exception.Message }} finally {{ }}",
                f"function F($p) {{ {body}; $p; $args }}; F ({cond}) 2",
                f"function G {{ param([Parameter(Mandatory)][int]$N) $N }}; G -N ({cond})",
                f"& {{ param($x) $x; {body} }} ({cond})",
                f". {{ {body} }}",
                f"{cond} | ForEach-Object {{ {body} }}",
                f"throw {cond}",
                f"return {cond}",
                f"exit {cond}",
                f"$x = {cond}; $x.k = 1; $x[0]",
                f"[void]({cond})",
                f"$null = {pipe}",
                f"{pipe} 2>&1",
                f"@({cond}) -contains {cond}",
            ]
        )
    )


PRELUDE = (
    "$a = 1; $b = @(1, 'two', 3.5); $h = @{ k = 1; Name = 'n' }; $d = Get-Date; "
    "$s = 'Contoso'; $ErrorActionPreference = 'Continue'\n"
)


class Timeout(Exception):
    """A script ran longer than a generated script ever should."""


@contextmanager
def time_limit(seconds: float):
    def expire(signum, frame):
        raise Timeout(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module", autouse=True)
def memory_cap():
    """A runaway script fails with MemoryError here instead of exhausting a shared machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = 4 << 30 if hard == resource.RLIM_INFINITY else min(4 << 30, hard)
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.fixture(scope="module")
def session(schema):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    session = Session(env, schema)
    yield session
    session.close()


# Python's own errors, which the evaluator's safety net turns into ScriptErrors with
# Python's wording ("list index out of range"): a runtime bug, not a message for a person.
ACCIDENTS = (
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
    MemoryError,
    ArithmeticError,
)


def accident(err: BaseException) -> BaseException | None:
    """The Python error behind ERR when it was an accident rather than a deliberate raise."""
    cause = err.__context__
    while cause is not None:
        if isinstance(cause, (ScriptError, ScriptExit)):
            cause = cause.__context__
            continue
        frames = traceback.extract_tb(cause.__traceback__)
        if frames and (frames[-1].line or "").lstrip().startswith("raise"):
            return None  # raised on purpose, with a message written for people
        if type(cause) is ValueError or isinstance(cause, ACCIDENTS):
            return cause
        cause = cause.__context__
    return None


def run(session: Session, text: str) -> None:
    """Run TEXT in a fresh scope; only the errors a script may raise are allowed out."""
    evaluator = session.evaluator
    evaluator.functions.clear()
    session.env.stdout.seek(0)
    session.env.stdout.truncate()
    try:
        with time_limit(10):
            for _ in evaluator.iter_run(_parse(PRELUDE + text)):
                pass
    except ScriptExit:
        pass
    except ScriptError as err:
        cause = accident(err)
        if cause is not None:
            where = traceback.extract_tb(cause.__traceback__)[-1]
            raise AssertionError(
                f"{err} comes from a {type(cause).__name__} at {where.filename}:{where.lineno}"
            ) from cause


def _parse(text: str):
    from sccshell.language import parse

    try:
        return parse(text)
    except ParseError as err:  # the generator writes valid source only
        raise AssertionError(f"generated invalid source: {err}\n{text}") from None


@fuzz(400)
@given(st.lists(statements(2), min_size=1, max_size=3).map("\n".join))
def test_scripts_raise_only_script_errors(session, text):
    run(session, text)


@fuzz(250)
@given(expressions(3))
def test_expressions_raise_only_script_errors(session, text):
    run(session, f'$r = {text}; "$r"; $r | Out-String | Out-Null')


@pytest.mark.parametrize(
    "text",
    [
        "function f { f }; f",
        "function f($n) { f ($n + 1) }; f 0",
        "$b = { & $b }; & $b",
        "function f { 1 | ForEach-Object { f } }; f",
    ],
)
def test_runaway_recursion_is_a_script_error(session, text):
    with pytest.raises(ScriptError, match="call depth overflow"):
        with time_limit(20):
            list(session.evaluator.iter_run(_parse(text)))
