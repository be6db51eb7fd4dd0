"""The lexer on its own: token kinds in both modes."""

from __future__ import annotations

import pytest

from sccshell.language import ParseError
from sccshell.language.lexer import tokenize
from sccshell.language.tokens import TokenKind as T


def kinds(text: str, mode: str = "expression") -> list:
    return [(tok.kind, tok.value) for tok in tokenize(text, mode)[:-1]]


class TestExpressionMode:
    def test_operators(self):
        assert kinds("$a -eq 1 -and !$b") == [
            (T.VARIABLE, "a"),
            (T.OPERATOR, "-eq"),
            (T.NUMBER, 1),
            (T.OPERATOR, "-and"),
            (T.OPERATOR, "!"),
            (T.VARIABLE, "b"),
        ]

    def test_operator_words_are_case_insensitive_and_canonical(self):
        assert kinds("-IEQ -CLike -F") == [
            (T.OPERATOR, "-eq"),
            (T.OPERATOR, "-clike"),
            (T.OPERATOR, "-f"),
        ]

    def test_unknown_operator_word_has_no_value(self):
        assert kinds("-bogus") == [(T.OPERATOR, None)]

    def test_compound_operators(self):
        assert [v for _, v in kinds("+= -= *= /= %= ++ -- .. = + - * / %")] == [
            "+=",
            "-=",
            "*=",
            "/=",
            "%=",
            "++",
            "--",
            "..",
            "=",
            "+",
            "-",
            "*",
            "/",
            "%",
        ]

    def test_punctuation(self):
        assert [k for k, _ in kinds("( ) { } [ ] , ; | & @( @{ $( ::")] == [
            T.LPAREN,
            T.RPAREN,
            T.LBRACE,
            T.RBRACE,
            T.LBRACKET,
            T.RBRACKET,
            T.COMMA,
            T.SEMI,
            T.PIPE,
            T.AMP,
            T.AT_PAREN,
            T.AT_BRACE,
            T.DOLLAR_PAREN,
            T.COLONCOLON,
        ]

    def test_numbers_stop_at_operators(self):
        assert kinds("1..10") == [(T.NUMBER, 1), (T.OPERATOR, ".."), (T.NUMBER, 10)]
        assert kinds("2+2") == [(T.NUMBER, 2), (T.OPERATOR, "+"), (T.NUMBER, 2)]

    def test_number_followed_by_letters_is_a_word(self):
        assert kinds("7z") == [(T.WORD, "7z")]

    def test_newlines_collapse_and_comments_vanish(self):
        toks = tokenize("1 # c\n\n  <# x #>\n2")
        assert [(t.kind, t.text) for t in toks[:-1]] == [
            (T.NUMBER, "1"),
            (T.NEWLINE, "\n\n  <# x #>\n"),
            (T.NUMBER, "2"),
        ]
        assert [t.kind for t in tokenize("1\n\n2")] == [T.NUMBER, T.NEWLINE, T.NUMBER, T.EOF]

    def test_line_continuation_is_whitespace(self):
        assert kinds("1 `\n+ 2") == [(T.NUMBER, 1), (T.OPERATOR, "+"), (T.NUMBER, 2)]

    def test_variables(self):
        assert kinds("$x ${a b} $env:PATH @splat $_") == [
            (T.VARIABLE, "x"),
            (T.VARIABLE, "a b"),
            (T.VARIABLE, "env:PATH"),
            (T.SPLAT, "splat"),
            (T.VARIABLE, "_"),
        ]

    def test_strings(self):
        toks = tokenize("'a' \"b\" \"c$d\" @'\ne\n'@")
        assert [(t.kind, t.quote) for t in toks[:-1]] == [
            (T.STRING, "'"),
            (T.STRING, '"'),
            (T.EXPANDABLE, '"'),
            (T.STRING, "@'"),
        ]
        assert toks[2].value == "c$d"

    def test_redirections(self):
        assert kinds("> >> 2>&1 2> *>") == [
            (T.REDIRECTION, op) for op in [">", ">>", "2>&1", "2>", "*>"]
        ]

    def test_token_offsets(self):
        tok = tokenize("  $abc + 1")[0]
        assert (tok.start, tok.end, tok.text) == (2, 6, "$abc")


class TestCommandMode:
    def test_words_parameters_and_numbers(self):
        assert kinds("Get-X -Name:a -5 10GB b,c", "command") == [
            (T.WORD, "Get-X"),
            (T.PARAMETER, "Name"),
            (T.WORD, "a"),
            (T.NUMBER, -5),
            (T.NUMBER, 10 * 1024**3),
            (T.WORD, "b"),
            (T.COMMA, None),
            (T.WORD, "c"),
        ]
        assert tokenize("-Name:a", "command")[0].colon is True

    def test_operator_characters_are_word_text(self):
        assert kinds("2+2 a=b !x *.txt [ab]", "command") == [
            (T.WORD, "2+2"),
            (T.WORD, "a=b"),
            (T.WORD, "!x"),
            (T.WORD, "*.txt"),
            (T.WORD, "[ab]"),
        ]

    def test_word_ends_at_special_characters(self):
        assert [t.text for t in tokenize("a(b)c{d}e;f|g", "command")[:-1]] == [
            "a",
            "(",
            "b",
            ")",
            "c",
            "{",
            "d",
            "}",
            "e",
            ";",
            "f",
            "|",
            "g",
        ]

    def test_expandable_word_has_parts(self):
        tok = tokenize("pre$x", "command")[0]
        assert tok.kind is T.WORD and tok.parts is not None and len(tok.parts) == 2


@pytest.mark.parametrize("text", ["'abc", '"abc', "<# x", "`", "@'\nabc", "${x"])
def test_unterminated_tokens_are_incomplete(text):
    with pytest.raises(ParseError) as info:
        tokenize(text)
    assert info.value.incomplete


def test_string_with_subexpression_lexes_standalone():
    tok = tokenize('"a $(1 + 2) b"')[0]
    assert tok.kind is T.EXPANDABLE
    assert type(tok.parts[1]).__name__ == "SubExpressionAst"
