"""Hostile source text: the parser raises ParseError with a sane position, nothing else."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sccshell.language import ParseError, parse, to_source, walk
from sccshell.language.ast import BinaryAst
from sccshell.language.parser import parse_unguarded

from .fuzzing import fuzz

NAMES = st.sampled_from(
    ["x", "_", "Mailbox", "env:USERNAME", "script:n", "null", "a1", "{odd name}"]
)
DASHES = st.sampled_from(["-", "\u2013", "\u2014", "\u2015"])
QUOTES = st.sampled_from(["'", '"', "\u2018", "\u2019", "\u201c", "\u201d", "\u201a", "\u201e"])
NASTY = st.sampled_from(
    ["\x00", "\ud800", "\ufeff", "\u00a0", "\u2028", "\r", "\r\n", "`", "`\n", "\t", "\x1b[31m"]
)
CMDLETS = st.sampled_from(
    ["Get-Mailbox", "Set-Mailbox", "Where-Object", "ForEach-Object", "%", "?", "Get-X", "foo"]
)
PARAMS = st.sampled_from(["Identity", "Name", "ResultSize", "Confirm", "WhatIf", "ea", "i"])
TYPES = st.sampled_from(["int", "string[]", "datetime", "hashtable", "System.Int32", "x[", "a]b"])
OPS = st.sampled_from(
    [
        "+",
        "-",
        "*",
        "/",
        "%",
        "-eq",
        "-like",
        "-f",
        "..",
        "-and",
        "-join",
        "-split",
        "=",
        "+=",
        "-replace",
        "-is",
        "-as",
        "-bnot",
        "!",
        ",",
        "::",
        ".",
        "|",
        ";",
        "2>&1",
        ">",
        "-shl",
    ]
)


def _join(parts: list[str]) -> str:
    return "".join(parts)


@st.composite
def strings(draw, depth: int) -> str:
    """Quoted strings of every kind, some broken on purpose."""
    body = draw(st.text(st.sampled_from("ab '\"`$\n{}()\u2019\u201d@#-"), max_size=10))
    kind = draw(st.sampled_from(["sq", "dq", "here-sq", "here-dq", "sub", "smart", "var"]))
    if kind == "sq":
        return "'" + body + draw(st.sampled_from(["'", ""]))
    if kind == "dq":
        return '"' + body + draw(st.sampled_from(['"', ""]))
    if kind == "here-sq":
        return "@'\n" + body + draw(st.sampled_from(["\n'@", "'@", ""]))
    if kind == "here-dq":
        return '@"\n' + body + draw(st.sampled_from(['\n"@', '"@', ""]))
    if kind == "sub":
        inner = draw(statements(depth - 1)) if depth > 0 else "1"
        return '"' + body + "$(" + inner + draw(st.sampled_from([')"', ")", '"', ""]))
    if kind == "smart":
        return draw(QUOTES) + body + draw(QUOTES)
    return '"' + body + "$" + draw(NAMES) + draw(st.sampled_from(['"', '.Name"', '[0]"', ""]))


@st.composite
def expressions(draw, depth: int) -> str:
    leaf = st.one_of(
        NAMES.map(lambda n: "$" + n),
        st.sampled_from(["1", "0x1F", "10GB", "1e309", "9" * 40, ".5", "-1", "1d", "0xZZ"]),
        strings(depth),
    )
    if depth <= 0:
        return draw(leaf)
    sub = expressions(depth - 1)
    choice = draw(st.integers(0, 11))
    if choice == 0:
        return draw(leaf)
    if choice == 1:
        return f"{draw(sub)} {draw(OPS)} {draw(sub)}"
    if choice == 2:
        return f"[{draw(TYPES)}]{draw(sub)}"
    if choice == 3:
        return "(" + draw(sub) + draw(st.sampled_from([")", ""]))
    if choice == 4:
        pairs = draw(
            st.lists(st.tuples(st.sampled_from(["a", "'k'", "1", "$x", ""]), sub), max_size=3)
        )
        return "@{" + "; ".join(f"{k} = {v}" for k, v in pairs) + draw(st.sampled_from(["}", ""]))
    if choice == 5:
        return "@(" + draw(statements(depth - 1)) + ")"
    if choice == 6:
        return "{ " + draw(statements(depth - 1)) + draw(st.sampled_from([" }", ""]))
    if choice == 7:
        member = draw(
            st.sampled_from([".Name", ".Trim()", "[0]", "::Now", ".Split(',', 2)", ".(", "."])
        )
        return draw(sub) + member
    if choice == 8:
        return draw(DASHES) + draw(st.sampled_from(["not ", "eq ", "", "bnot "])) + draw(sub)
    if choice == 9:
        return ", ".join(draw(st.lists(sub, min_size=1, max_size=3)))
    if choice == 10:
        return "$(" + draw(statements(depth - 1)) + ")"
    return draw(sub) + draw(NASTY) + draw(sub)


@st.composite
def commands(draw, depth: int) -> str:
    parts = [draw(CMDLETS)]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(draw(DASHES) + draw(PARAMS))
        elif kind == 1:
            parts.append(draw(DASHES) + draw(PARAMS) + ":" + draw(expressions(max(depth - 1, 0))))
        elif kind == 2:
            parts.append("@" + draw(NAMES))
        elif kind == 3:
            parts.append(
                draw(st.sampled_from(["contoso.com", "*.txt", "a,b", "C:\\x", "--%", "-"]))
            )
        else:
            parts.append(draw(expressions(max(depth - 1, 0))))
    return " ".join(parts)


STATEMENT_TEMPLATES = [
    "{pipe}",
    "$x = {pipe}",
    "if ({cond}) {{ {body} }} elseif ({cond}) {{ }} else {{ {body} }}",
    "foreach ($i in {cond}) {{\n{body}\n}}",
    "for ($i = 0; {cond}; $i++) {{ {body} }}",
    "while ({cond}) {{ {body} }}",
    "do {{ {body} }} until ({cond})",
    "try {{ {body} }} catch [Exception] {{ {body} }} finally {{ }}",
    "switch -regex ({cond}) {{ 'a' {{ {body} }} default {{ }} }}",
    "function F {{ param([Parameter(Mandatory)][string]$Name, $n = {cond}) {body} }}",
    "trap {{ {body} }}",
    ":lbl foreach ($i in 1) {{ break lbl }}",
    "return {cond}",
    "throw {cond}",
    "<# {body} #> {pipe} # {body}",
    "{pipe} `\n | Out-Null",
]


@st.composite
def pipelines(draw, depth: int) -> str:
    head = draw(st.one_of(commands(depth), expressions(depth)))
    return " | ".join([head, *draw(st.lists(commands(depth), max_size=2))])


@st.composite
def statements(draw, depth: int) -> str:
    if depth <= 0:
        return draw(pipelines(0))
    template = draw(st.sampled_from(STATEMENT_TEMPLATES))
    # Draw only what the template uses: generating is the slow part of these tests.
    parts = {
        "pipe": pipelines(depth),
        "cond": expressions(depth - 1),
        "body": statements(depth - 1),
    }
    return template.format(**{k: draw(v) for k, v in parts.items() if "{" + k + "}" in template})


def scripts() -> st.SearchStrategy[str]:
    """Plausible scripts, then cut, spliced and sprinkled with hostile characters."""
    whole = st.lists(statements(2), min_size=1, max_size=4).map("\n".join)

    @st.composite
    def mangled(draw) -> str:
        text = draw(whole)
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(text)))
            op = draw(st.integers(0, 2))
            if op == 0:
                text = text[:at]
            elif op == 1:
                text = (
                    text[:at]
                    + draw(st.one_of(NASTY, QUOTES, DASHES, st.text(max_size=3)))
                    + text[at:]
                )
            else:
                end = draw(st.integers(at, len(text)))
                text = text[:at] + text[end:]
        return text

    return st.one_of(whole, mangled())


def check(text: str) -> None:
    """Only ParseError, at a place inside the text (or just past its last line)."""
    try:
        tree = parse_unguarded(text)
    except ParseError as err:
        lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
        assert 1 <= err.line <= lines + 1, (err.line, lines, str(err))
        assert err.col >= 1, str(err)
        assert 0 <= err.offset <= len(text)
        assert err.message and "internal" not in err.message
        assert str(err).startswith(f"{err.line}:{err.col}: ")
        return
    # Whatever parses also prints to source that parses to the same tree.
    printed = to_source(tree)
    assert parse_unguarded(printed) == tree, printed


@fuzz(300)
@given(scripts())
def test_grammar_shaped_scripts_raise_only_parse_errors(text):
    check(text)


@fuzz(300)
@given(st.lists(st.text(max_size=8) | NASTY | QUOTES | DASHES, max_size=40).map("".join))
def test_random_text_raises_only_parse_errors(text):
    check(text)


OPENERS = [
    "(",
    "$(",
    "@(",
    "{",
    "@{a=",
    "[int]",
    "-not ",
    "!",
    ",",
    "& {",
    "if(1){",
    "1+(",
    "$x.",
    "$x[",
    '"$(',
    "foreach($i in 1){",
    "switch(1){1{",
    "$a=",
    "[a[",
    "function f{",
]


@fuzz(120)
@given(st.lists(st.sampled_from(OPENERS), min_size=1, max_size=4), st.integers(100, 5000))
def test_deep_nesting_is_a_clear_error(openers, depth):
    text = "".join(openers) * depth
    with pytest.raises(ParseError) as info:
        parse_unguarded(text)
    check(text)
    assert info.value.line == 1


@pytest.mark.parametrize("opener", OPENERS)
def test_nesting_limit_is_reported_as_such(opener):
    with pytest.raises(ParseError, match="nested too deeply"):
        parse_unguarded(opener * 3000)


@pytest.mark.parametrize(
    "text",
    [
        "$a" + ".b" * 5000,
        "$a" + "[0]" * 5000,
        "$a" + ".b()" * 5000,
        '"$(' * 500 + ')"' * 500,
        "1" + " + (1" * 500 + ")" * 500,
        "-" * 3000 + "1",
    ],
)
def test_long_chains_are_refused_before_they_overflow_the_stack(text):
    # These parse into trees as deep as the chain is long, and what walks those trees
    # recurses on them, so the parser must refuse them.
    with pytest.raises(ParseError, match="nested too deeply"):
        parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "1" + " + 1" * 5000,
        "$s = 'a'" + " + 'b'" * 5000,
        "1" + "..1" * 5000,
        "$true" + " -and $true -or $false" * 3000,
        "10" + " - 1 * 2 / 1" * 3000,
    ],
)
def test_flat_operator_chains_are_not_nesting(text):
    # A chain of binary operators is flat in the source, as PowerShell reads it; the printer
    # walks the tree it makes without recursing along the chain.
    script = parse(text)
    printed = to_source(script)
    assert to_source(parse(printed)) == printed
    assert sum(isinstance(node, BinaryAst) for node in walk(script)) >= 3000


def test_very_long_lines_parse_in_linear_time():
    text = "Get-Mailbox " + " ".join(f"-P{i} v{i}" for i in range(20000))
    started = time.perf_counter()
    parse(text)
    parse("'" + "x" * 2_000_000 + "'")
    parse("$a = @(" + ",".join(["1"] * 50000) + ")")
    parse("\n".join(["$x = 1 | Where-Object { $_ -gt 0 }"] * 5000))
    assert time.perf_counter() - started < 10
