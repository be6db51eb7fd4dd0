"""Errors: messages, positions, the `incomplete` flag, and constructs outside the subset."""

from __future__ import annotations

import pickle

import pytest
from language_helpers import error

from sccshell.language import ParseError, parse


class TestErrorObject:
    def test_attributes_and_str(self):
        err = error("Get-X\n  )")
        assert isinstance(err, Exception)
        assert (err.line, err.col, err.offset) == (2, 3, 8)
        assert err.message == "unexpected token ')'"
        assert err.source == "<input>"
        assert str(err) == "2:3: unexpected token ')'"
        assert err.incomplete is False

    def test_source_name_is_kept(self):
        with pytest.raises(ParseError) as info:
            parse("}", source="report.scc")
        assert info.value.source == "report.scc"

    def test_pickles(self):
        err = error("{")
        copy = pickle.loads(pickle.dumps(err))
        assert (copy.message, copy.line, copy.col, copy.incomplete) == (err.message, 1, 1, True)


@pytest.mark.parametrize(
    ("text", "message", "line", "col"),
    [
        ("Get-X {\n  Get-Y\n", "missing closing '}' for the script block opened at 1:7", 1, 7),
        ("if ($a) {\n", "missing closing '}' for the statement block opened at 1:9", 1, 9),
        (
            "$x = (1 +\n 2",
            "missing closing ')' for the parenthesized expression opened at 1:6",
            1,
            6,
        ),
        ("@(1", "missing closing ')' for the array expression opened at 1:1", 1, 1),
        ("$(1", "missing closing ')' for the subexpression opened at 1:1", 1, 1),
        ("@{ a = 1", "missing closing '}' for the hashtable opened at 1:1", 1, 1),
        ("$a[0", "missing closing ']' for the index opened at 1:3", 1, 3),
        ("[int", "missing closing ']' for the type name opened at 1:1", 1, 1),
        ("$s.Foo(1,", "missing closing ')' for the method call opened at 1:7", 1, 7),
        ('Write-Host "abc', "missing closing '\"' for the string opened at 1:12", 1, 12),
        ("'abc\ndef", 'missing closing "\'" for the string opened at 1:1', 1, 1),
        ("@'\nabc\n", 'missing closing "\'@" for the here-string opened at 1:1', 1, 1),
        ('@"\nabc', "missing closing '\"@' for the here-string opened at 1:1", 1, 1),
        ("<# abc", "missing closing '#>' for the block comment opened at 1:1", 1, 1),
        ("${abc", "missing closing '}' for the variable name opened at 1:1", 1, 1),
        ('"$(Get-X', "missing closing ')' for the subexpression opened at 1:2", 1, 2),
        ("Get-X |", "missing command after '|'", 1, 7),
        ("Get-X |\n\n", "missing command after '|'", 1, 7),
        ("Get-X `", "line continuation '`' at end of input", 1, 7),
        ("$a -and", "missing expression after operator '-and'", 1, 8),
        ("1 +", "missing expression after operator '+'", 1, 4),
        ("$x =", "missing value after assignment operator '='", 1, 5),
        ("Get-X -Name:", "missing argument for parameter '-Name:'", 1, 13),
        ("Get-X a,", "missing argument after ','", 1, 9),
        ("if ($x)", "missing '{' after the 'if' condition", 1, 8),
        ("try { }", "the 'try' block is missing its 'catch' or 'finally' block", 1, 8),
        ("do { }", "missing 'while' or 'until' after the 'do' block", 1, 7),
        ("function", "missing name after 'function'", 1, 9),
        ("foreach ($x in", "missing closing ')' for the 'foreach' header opened at 1:9", 1, 9),
        ("switch ($x) {", "missing closing '}' for the switch body opened at 1:13", 1, 13),
    ],
)
def test_incomplete_input(text, message, line, col):
    err = error(text)
    assert err.message == message
    assert (err.line, err.col) == (line, col)
    assert err.incomplete is True


@pytest.mark.parametrize(
    ("text", "message", "line", "col"),
    [
        ("Get-X )", "unexpected token ')'", 1, 7),
        ("}", "unexpected token '}'", 1, 1),
        ("$x = )", "missing value after assignment operator '='; found ')'", 1, 6),
        ("Get-X\n| Get-Y", "an empty pipe element is not allowed", 2, 1),
        ("1 | 2", "expressions are only allowed as the first element of a pipeline", 1, 5),
        ("'a' 'b'", "unexpected token \"'b'\"", 1, 5),
        ("$a -foo $b", "unknown operator '-foo'", 1, 4),
        ("else { }", "'else' must follow the closing '}' of an 'if' statement", 1, 1),
        ("catch { }", "'catch' must follow a 'try' block", 1, 1),
        ("Get-X\nparam($a)", "'param' must come first in a script, function or script block", 2, 1),
        ("foreach { $_ }", "missing '(' after 'foreach'; found '{'", 1, 9),
        ("(if ($x) { 1 })", "the 'if' statement cannot be used inside ( ); use $( ) instead", 1, 2),
        ("(1; 2)", "only one statement is allowed inside ( ); use $( ) for several", 1, 3),
        ("@x", "splatting ('@x') can only be used as a command argument", 1, 1),
        (
            "5 = 3",
            "the left side of an assignment must be a variable, a property or an index",
            1,
            1,
        ),
        (
            '"$x: value"',
            "variable reference '$x:' is not valid: ':' must be followed by a name; use '${x}' to delimit the variable name",
            1,
            2,
        ),
        ("$a == $b", "'==' is not a PowerShell operator; use -eq to compare", 1, 4),
        ("$a != $b", "'!=' is not a PowerShell operator; use -ne to compare", 1, 4),
        (
            "switch ($x) { default {} default {} }",
            "the switch has more than one 'default' clause",
            1,
            26,
        ),
        ("switch -foo ($x) { }", "unknown switch option '-foo'", 1, 8),
        (
            "try {} catch {} catch [X] {}",
            "a 'catch' without a type must be the last catch block",
            1,
            8,
        ),
        (
            ":lbl Get-X",
            "the label ':lbl' must be followed by a loop or switch statement; found 'Get-X'",
            1,
            6,
        ),
        (
            "function f($a) { param($b) }",
            "function 'f' cannot have both a parameter list and a param block",
            1,
            18,
        ),
        (
            "[CmdletBinding()] Get-X",
            "attribute '[CmdletBinding(...)]' is only allowed in a param block or before a parameter",
            1,
            1,
        ),
        ("@'abc\n'@", 'the here-string header "@\'" must be followed by a line break', 1, 1),
        ("$x = 1 +* 2", "missing expression after operator '+'; found '*'", 1, 9),
        ("Get-X\x00", "unexpected NUL character", 1, 6),
        ("$a[1 2]", "unexpected token '2': expected ']' to close the index opened at 1:3", 1, 6),
    ],
)
def test_syntax_errors(text, message, line, col):
    err = error(text)
    assert err.message == message
    assert (err.line, err.col) == (line, col)
    assert err.incomplete is False


@pytest.mark.parametrize(
    ("text", "fragment", "col"),
    [
        ("class Foo { }", "'class' definitions are not supported by sccshell", 1),
        ("enum Color { Red }", "'enum' definitions are not supported", 1),
        ("using namespace System", "'using' statements are not supported", 1),
        ("Configuration Web { }", "DSC 'configuration' blocks are not supported", 1),
        ("workflow W { }", "'workflow' definitions are not supported", 1),
        ("parallel { Get-X }", "workflow 'parallel' blocks are not supported", 1),
        ("sequence { }", "workflow 'sequence' blocks are not supported", 1),
        ("trap { continue }", "'trap' statements are not supported", 1),
        ("data { 'x' }", "'data' sections are not supported", 1),
        ("function f { dynamicparam { } }", "'dynamicparam' blocks are not supported", 14),
        ("foreach -parallel ($a in $b) { }", "'foreach -parallel' (workflows) is not supported", 9),
        ("switch -file log.txt { }", "'switch -file' is not supported", 8),
        ("Get-X 3> x", "redirection '3>' is not supported", 7),
        ("Get-X 1>&2", "redirection '1>&2' is not supported", 7),
        ("Get-X && Get-Y", "the pipeline chain operator '&&' is not supported", 7),
        ("Get-X || Get-Y", "the pipeline chain operator '||' is not supported", 7),
        ("$a ? 1 : 2", "the ternary operator '? :' is not supported", 4),
        ("$a ?? 2", "the null-coalescing operator '??' is not supported", 4),
        ("$a?.Name", "the null-conditional operator '?.' is not supported", 3),
        ("Get-X --% a b", "the stop-parsing token '--%' is not supported", 7),
        ("Get-X &", "the background operator '&' is not supported", 7),
        ("Get-X < in.txt", "'<' is not supported", 7),
        ("CLASS Foo {}", "'class' definitions are not supported", 1),
    ],
)
def test_out_of_subset_constructs_are_named(text, fragment, col):
    err = error(text)
    assert fragment in err.message
    assert (err.line, err.col) == (1, col)
    assert err.incomplete is False


def test_error_columns_count_characters_not_bytes():
    err = error("'é€😀' )")
    assert (err.line, err.col) == (1, 7)


def test_line_numbers_with_crlf_and_cr():
    assert (error("Get-A\r\nGet-B\r\n)").line, error("Get-A\rGet-B\r)").line) == (3, 3)


def test_nesting_too_deep_is_a_parse_error():
    err = error("(" * 500 + "1" + ")" * 500)
    assert "nested too deeply" in err.message
    err = error("{" * 400)
    assert "nested too deeply" in err.message


@pytest.mark.parametrize(
    "text",
    ["Get-X", "if ($a) { 1 } else { 2 }", "Get-X |\n Get-Y", "$a = @(\n1,\n2\n)", "Get-X `\n -Y"],
)
def test_complete_input_parses(text):
    parse(text)


def test_nested_strings_parse_in_linear_time():
    # Each string is lexed in two modes; without memoizing $(...) this is exponential.
    text = '"$(' * 40 + ")" + '"' + ')"' * 39
    parse(text)


def test_internal_errors_surface_as_parse_errors(monkeypatch):
    from sccshell.language import parser as parser_module

    def boom(self):
        raise ValueError("bug")

    monkeypatch.setattr(parser_module.Parser, "parse_script", boom)
    err = error("Get-X")
    assert "internal parser error" in err.message
