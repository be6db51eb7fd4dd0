"""analyze(text, cursor): what is being completed, from text alone."""

from __future__ import annotations

import pytest

from sccshell.repl.completion.context import EXPRESSION, Arg, Expect, analyze


def at_end(text: str):
    return analyze(text, len(text))


@pytest.mark.parametrize(
    ("text", "expect", "word"),
    [
        ("", Expect.COMMAND, ""),
        ("Get-Ma", Expect.COMMAND, "Get-Ma"),
        ("Get-Mailbox | Sel", Expect.COMMAND, "Sel"),
        ("Get-Mailbox; Get-Re", Expect.COMMAND, "Get-Re"),
        ("$x = Get-Ma", Expect.COMMAND, "Get-Ma"),
        ("Get-Mailbox -Identity (Get-Re", Expect.COMMAND, "Get-Re"),
        ("if ($a) { Get-Ma", Expect.COMMAND, "Get-Ma"),
        ("Get-Mailbox -Id", Expect.ARGUMENT, "-Id"),
        ("Get-Mailbox -Identity ", Expect.ARGUMENT, ""),
        ("Get-Mailbox x", Expect.ARGUMENT, "x"),
        ("$ma", Expect.VARIABLE, "$ma"),
        ("Get-Mailbox -Identity $m", Expect.VARIABLE, "$m"),
        ("if ($a -e", Expect.OPERATOR, "-e"),
        ("# Get-Ma", Expect.NOTHING, "# Get-Ma"),
        ("Get-Mailbox 'closed'", Expect.NOTHING, "'closed'"),
        ("@{Name = 1; Al", Expect.NOTHING, "Al"),
        ("function Get-", Expect.NOTHING, "Get-"),
    ],
)
def test_what_is_expected(text: str, expect: Expect, word: str) -> None:
    ctx = at_end(text)
    assert (ctx.expect, ctx.word) == (expect, word)
    assert text[ctx.start :] == word


def test_the_element_and_its_arguments() -> None:
    ctx = at_end("Get-Mailbox -ResultSize 10 -Archive -Filter:x Ali, ")
    assert ctx.command == "Get-Mailbox"
    assert ctx.element is not None and ctx.element.args == (
        Arg("parameter", "ResultSize"),
        Arg("value", "10"),
        Arg("parameter", "Archive"),
        Arg("parameter", "Filter", "x"),
        Arg("value", "Ali"),
        Arg("comma", ","),
    )
    assert ctx.parameters == ("ResultSize", "Archive", "Filter")


def test_colon_value() -> None:
    ctx = at_end("Get-Mailbox -ResultSize:Unl")
    assert (ctx.expect, ctx.colon_parameter, ctx.word, ctx.start) == (
        Expect.ARGUMENT,
        "ResultSize",
        "Unl",
        24,
    )


def test_earlier_pipeline_elements() -> None:
    ctx = at_end("Get-Mailbox -ResultSize 5 | Sort-Object Name | Select-Object ")
    assert [e.command for e in ctx.pipeline] == ["Get-Mailbox", "Sort-Object"]
    assert ctx.pipeline[1].values_of("Property") == []
    assert ctx.command == "Select-Object"
    # A new statement forgets the pipeline.
    assert at_end("Get-Mailbox | Sort-Object\nSelect-Object ").pipeline == ()


def test_script_block_sees_its_pipeline_input() -> None:
    ctx = at_end("Get-Mailbox | Where-Object { $_.Na")
    assert (ctx.expect, ctx.member_base, ctx.word) == (Expect.MEMBER, "_", "Na")
    assert [e.command for e in ctx.pipe_input] == ["Get-Mailbox"]
    nested = at_end("Get-Mailbox | ForEach-Object { $_ | Select-Object ")
    assert nested.pipeline[0].invocation == EXPRESSION and nested.pipeline[0].command == "$_"
    assert [e.command for e in nested.pipe_input] == ["Get-Mailbox"]


def test_member_chain() -> None:
    ctx = at_end("$x.Manager.Dis")
    assert (ctx.member_base, ctx.member_path, ctx.word, ctx.start) == ("x", ("Manager",), "Dis", 11)


def test_unclosed_quote_is_the_word() -> None:
    ctx = at_end("Export-Csv -Path 'my fi")
    assert (ctx.expect, ctx.quote, ctx.word) == (Expect.ARGUMENT, "'", "'my fi")


def test_dot_source_and_call_operator() -> None:
    assert (at_end(". ./scr").invocation, at_end(". ./scr").word) == (".", "./scr")
    assert at_end("& ").invocation == "&"
    assert at_end("& ").expect is Expect.COMMAND


def test_cursor_in_the_middle_completes_what_is_before_it() -> None:
    text = "Get-Mailbox -Ident | Select-Object Name"
    ctx = analyze(text, len("Get-Mailbox -Ident"))
    assert (ctx.expect, ctx.word, ctx.command) == (Expect.ARGUMENT, "-Ident", "Get-Mailbox")
    assert analyze(text, 999).word == "Name" and analyze(text, -5).word == ""


def test_functions_and_variables_of_the_text() -> None:
    ctx = at_end("function Get-Report { param($Top) }\n$list = 1\nGet-Rep")
    assert ctx.functions == ("Get-Report",)
    assert set(ctx.variables) == {"Top", "list"}
