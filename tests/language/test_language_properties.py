"""Property tests: the parser never crashes, and printing round-trips."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sccshell.language import ParseError, to_source
from sccshell.language.parser import parse_unguarded
from sccshell.language.printer import double_quoted, single_quoted

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = [
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "$",
    "@",
    "'",
    '"',
    "`",
    "|",
    ";",
    ",",
    "-",
    "=",
    ".",
    ":",
    "#",
    "<",
    ">",
    "\n",
    "\r\n",
    " ",
    "\t",
    "a",
    "Get-X",
    "-Name",
    "-Name:",
    "$x",
    "$_",
    "@{",
    "@(",
    "$(",
    "${",
    "1",
    "0x1F",
    "10GB",
    "-5",
    ".5",
    "if",
    "else",
    "elseif",
    "foreach",
    "in",
    "function",
    "param",
    "switch",
    "default",
    "try",
    "catch",
    "finally",
    "do",
    "while",
    "until",
    "for",
    "break",
    ":lbl",
    "return",
    "throw",
    "begin",
    "process",
    "end",
    "class",
    "-eq",
    "-not",
    "!",
    "+",
    "*",
    "/",
    "%",
    "?",
    "++",
    "--",
    "..",
    "::",
    "&",
    "&&",
    "||",
    "2>&1",
    ">>",
    "<#",
    "#>",
    "@'\n",
    "\n'@",
    '@"\n',
    '\n"@',
    "[int]",
    "[string[]]",
    "\x00",
    "\ud800",
    "\u2013",
    "\u201c",
    "\u2019",
    "`n",
    "\\",
    "*.txt",
    "john@contoso.com",
]


def check_no_crash(text: str) -> None:
    try:
        tree = parse_unguarded(text)
    except ParseError as err:
        assert 1 <= err.line and 1 <= err.col and 0 <= err.offset <= len(text)
        assert isinstance(err.incomplete, bool)
        return
    printed = to_source(tree)
    assert parse_unguarded(printed) == tree, printed


@SETTINGS
@given(st.text())
def test_any_text_raises_only_parse_error(text):
    check_no_crash(text)


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_token_soup_raises_only_parse_error(text):
    check_no_crash(text)


# --- a small grammar of valid source ---------------------------------------------------

NAMES = st.sampled_from(["x", "_", "Mailbox", "env:USERNAME", "script:n", "true", "null", "a1"])
WORDS = st.sampled_from(
    [
        "contoso.com",
        "john@contoso.com",
        "C:\\Reports\\out.csv",
        "Unlimited",
        "*@contoso.com",
        "bob",
        "a-b",
        "[ab]",
        "2+2",
        "x=y",
        "%",
    ]
)
COMMANDS = st.sampled_from(
    ["Get-Mailbox", "Set-Mailbox", "Where-Object", "%", "?", "Export-Csv", "foreach"]
)
NUMBERS = st.sampled_from(["1", "42", "0x1F", "1.5", "10GB", "500mb", "1e3", ".5", "7"])
TEXT = st.text(st.sampled_from("ab '\"`$\n\t{}()x-"), max_size=8)
BINARY = st.sampled_from(
    [
        "+",
        "-",
        "*",
        "/",
        "%",
        "-eq",
        "-ne",
        "-like",
        "-cmatch",
        "-and",
        "-or",
        "-f",
        "..",
        "-contains",
        "-in",
        "-replace",
        "-is",
        "-band",
        "-join",
        "-split",
    ]
)


def variable():
    return NAMES.map(lambda n: "$" + n)


def string():
    plain = TEXT.map(single_quoted) | TEXT.map(double_quoted)
    expandable = st.tuples(TEXT, NAMES).map(lambda t: double_quoted(t[0])[:-1] + " $" + t[1] + '"')
    return plain | expandable


def expressions(depth: int):
    leaves = variable() | NUMBERS | string()
    if depth <= 0:
        return leaves
    sub = st.deferred(lambda: expressions(depth - 1))
    stmt = st.deferred(lambda: statements(depth - 1))
    return (
        leaves
        | st.tuples(sub, BINARY, sub).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
        | sub.map(lambda e: f"({e})")
        | st.tuples(sub, st.sampled_from(["-not ", "!", "-", "[int]", ","])).map(
            lambda t: t[1] + t[0]
        )
        | st.tuples(
            variable(), st.sampled_from([".Name", ".Trim()", "[0]", "::Now", ".Split(',', 2)"])
        ).map("".join)
        | st.lists(sub, min_size=2, max_size=3).map(", ".join)
        | st.lists(st.tuples(st.sampled_from(["a", "Name", "'k'", "1"]), sub), max_size=3).map(
            lambda pairs: "@{" + "; ".join(f"{k} = {v}" for k, v in pairs) + "}"
        )
        | stmt.map(lambda s: "@(" + s + ")")
        | stmt.map(lambda s: '"x $(' + s + ') y"')
        | stmt.map(lambda s: "{ " + s + " }")
    )


def arguments(depth: int):
    sub = st.deferred(lambda: expressions(depth - 1)) if depth > 0 else variable()
    single = (
        WORDS
        | NUMBERS
        | st.sampled_from(["-Name", "-Confirm:$false", "-Force", "-Days:-7", "@params", "-5"])
        | variable()
        | string()
        | sub.map(lambda e: f"({e})")
        | st.deferred(lambda: statements(depth - 1)).map(lambda s: "{ " + s + " }")
        if depth > 0
        else WORDS
    )
    return single | st.lists(WORDS | NUMBERS | variable(), min_size=2, max_size=3).map(",".join)


def commands(depth: int):
    return st.tuples(COMMANDS, st.lists(arguments(depth), max_size=3)).map(
        lambda t: (
            " ".join([t[0], *t[1]]).replace("foreach", "ForEach-Object", 1)
            if t[0] == "foreach"
            else " ".join([t[0], *t[1]])
        )
    )


def pipelines(depth: int):
    head = commands(depth) | expressions(depth)
    tail = st.lists(commands(depth), max_size=2)
    redirect = st.sampled_from(["", " > out.txt", " 2>&1", " >> log.txt"])
    return st.tuples(head, tail, redirect).map(lambda t: " | ".join([t[0], *t[1]]) + t[2])


def statements(depth: int):
    pipe = pipelines(depth)
    if depth <= 0:
        return pipe
    body = st.deferred(lambda: statements(depth - 1))
    cond = expressions(depth - 1)
    return (
        pipe
        | st.tuples(variable(), st.sampled_from(["=", "+=", "-="]), pipe).map(lambda t: " ".join(t))
        | st.tuples(cond, body, body).map(lambda t: f"if ({t[0]}) {{ {t[1]} }} else {{ {t[2]} }}")
        | st.tuples(variable(), cond, body).map(
            lambda t: f"foreach ({t[0]} in {t[1]}) {{\n{t[2]}\n}}"
        )
        | st.tuples(cond, body).map(lambda t: f"while ({t[0]}) {{ {t[1]}; break }}")
        | st.tuples(body, cond).map(lambda t: f"do {{ {t[0]} }} until ({t[1]})")
        | st.tuples(body, body).map(
            lambda t: f"try {{ {t[0]} }} catch [Exception] {{ {t[1]} }} finally {{ }}"
        )
        | st.tuples(cond, WORDS, body).map(
            lambda t: f"switch -wildcard ({t[0]}) {{ '{t[1]}' {{ {t[2]} }} default {{ }} }}"
        )
        | body.map(
            lambda b: (
                f"function Get-Thing {{ param([Parameter(Mandatory)][string]$Name, $n = 1) process {{ {b} }} }}"
            )
        )
        | cond.map(lambda c: f"return {c}")
    )


@SETTINGS
@given(st.lists(statements(2), min_size=1, max_size=3).map("\n".join))
def test_generated_scripts_parse_and_round_trip(text):
    tree = parse_unguarded(text)
    printed = to_source(tree)
    assert parse_unguarded(printed) == tree, printed
    assert to_source(parse_unguarded(printed)) == printed
