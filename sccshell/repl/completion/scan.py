"""A tolerant tokenizer for text being typed: never raises, whatever the input.

The language's own lexer (sccshell.language.lexer) is driven by the parser's modes and
reports unclosed quotes and braces as errors, which is right for running code but not
for completing half a line. This one shares its character tables, keeps going past
anything unfinished, and leaves the command/expression distinction to context.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from sccshell.language.tokens import DASHES, DQUOTES, SQUOTES, WHITESPACE


class Kind(Enum):
    NEWLINE = "newline"
    SEMI = ";"
    PIPE = "|"
    AMP = "&"
    DOT = "."  # the dot-source operator: a lone '.' followed by a space
    COMMA = ","
    LBRACE = "{"
    AT_BRACE = "@{"
    LPAREN = "("  # also $( and @(
    RPAREN = ")"
    RBRACE = "}"
    STRING = "string"
    VARIABLE = "variable"  # $name, with any .member chain that follows
    DASHWORD = "dashword"  # -Name or -Name:value (parameter or operator: context decides)
    WORD = "word"
    OPERATOR = "operator"  # =, +=, ... and the other expression punctuation
    COMMENT = "comment"


@dataclass(frozen=True, slots=True)
class Tok:
    kind: Kind
    start: int
    end: int
    text: str
    closed: bool = True  # False for a string or comment cut off by the end of the text


_PUNCT = {
    ";": Kind.SEMI,
    ",": Kind.COMMA,
    "{": Kind.LBRACE,
    "}": Kind.RBRACE,
    "(": Kind.LPAREN,
    ")": Kind.RPAREN,
}
_SPACE = frozenset(WHITESPACE)
# Where a bare word ends (PowerShell's argument-mode word end, as in the lexer).
_WORD_END = frozenset(WHITESPACE + "\r\n&(),;{|}<>")
_VAR_NAME = re.compile(r"(?:[A-Za-z_][\w]*:)?[\w?]*")
_MEMBER = re.compile(r"\.[\w]*")
_PARAM = re.compile(r"[^\s&(),;{|}<>:]*")
_ASSIGN = re.compile(r"[-+*/%]?=")
_EXPR_PUNCT = frozenset("=+*/%!<>[].")


def scan(text: str) -> list[Tok]:
    """TEXT as tokens; whitespace and line continuations are dropped."""
    out: list[Tok] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in _SPACE:
            i += 1
            continue
        if c == "`" and text.startswith(("`\n", "`\r"), i):
            i += 2
            continue
        start = i
        if c in "\r\n":
            while i < n and text[i] in "\r\n":
                i += 1
            out.append(Tok(Kind.NEWLINE, start, i, text[start:i]))
            continue
        kind = _PUNCT.get(c)
        if kind is not None:
            out.append(Tok(kind, i, i + 1, c))
            i += 1
            continue
        if c == "|":
            i += 2 if text.startswith("||", i) else 1
            out.append(Tok(Kind.PIPE if i - start == 1 else Kind.SEMI, start, i, text[start:i]))
            continue
        if c == "&":
            i += 2 if text.startswith("&&", i) else 1
            out.append(Tok(Kind.AMP if i - start == 1 else Kind.SEMI, start, i, text[start:i]))
            continue
        if c == "#":
            end = _line_end(text, i)
            out.append(Tok(Kind.COMMENT, i, end, text[i:end], closed=end < n))
            i = end
            continue
        if c == "<" and text.startswith("<#", i):
            close = text.find("#>", i + 2)
            end = n if close < 0 else close + 2
            out.append(Tok(Kind.COMMENT, i, end, text[i:end], closed=close >= 0))
            i = end
            continue
        if c in SQUOTES or c in DQUOTES:
            end, closed = _string_end(text, i)
            out.append(Tok(Kind.STRING, i, end, text[i:end], closed))
            i = end
            continue
        if c == "@" and i + 1 < n and text[i + 1] in "{(":
            kind = Kind.AT_BRACE if text[i + 1] == "{" else Kind.LPAREN
            out.append(Tok(kind, i, i + 2, text[i : i + 2]))
            i += 2
            continue
        if c == "@" and i + 1 < n and (text[i + 1] in SQUOTES or text[i + 1] in DQUOTES):
            end, closed = _here_string_end(text, i)
            out.append(Tok(Kind.STRING, i, end, text[i:end], closed))
            i = end
            continue
        if c == "$":
            if text.startswith("(", i + 1):
                out.append(Tok(Kind.LPAREN, i, i + 2, "$("))
                i += 2
                continue
            i = _variable_end(text, i)
            out.append(Tok(Kind.VARIABLE, start, i, text[start:i]))
            continue
        if c == "." and (i + 1 == n or text[i + 1] in _SPACE) and _at_command_start(out):
            out.append(Tok(Kind.DOT, i, i + 1, "."))
            i += 1
            continue
        if c in DASHES and i + 1 < n and (text[i + 1].isalpha() or text[i + 1] in "_?"):
            i = _PARAM.match(text, i + 1).end()
            if i < n and text[i] == ":":
                i = _word_end(text, i + 1)
            out.append(Tok(Kind.DASHWORD, start, i, text[start:i]))
            continue
        if c in DASHES and i + 1 == n:
            out.append(Tok(Kind.DASHWORD, start, n, text[start:n]))
            i = n
            continue
        assign = _ASSIGN.match(text, i)
        if assign is not None and (c == "=" or _after_space(text, i)):
            i = assign.end()
            out.append(Tok(Kind.OPERATOR, start, i, text[start:i]))
            continue
        if c in _EXPR_PUNCT and c not in ".[" and (i + 1 == n or text[i + 1] in _SPACE):
            # Only a lone operator character: `/tmp/x` and `*.csv` are words.
            out.append(Tok(Kind.OPERATOR, i, i + 1, c))
            i += 1
            continue
        i = _word_end(text, i)
        out.append(Tok(Kind.WORD, start, i, text[start:i]))
    return out


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _at_command_start(out: list[Tok]) -> bool:
    return not out or out[-1].kind in (
        Kind.NEWLINE,
        Kind.SEMI,
        Kind.PIPE,
        Kind.LBRACE,
        Kind.LPAREN,
    )


def _after_space(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in _SPACE


def _string_end(text: str, i: int) -> tuple[int, bool]:
    """The end of the quoted string at I, and whether its closing quote was found."""
    single = text[i] in SQUOTES
    quotes = SQUOTES if single else DQUOTES
    n = len(text)
    k = i + 1
    while k < n:
        ch = text[k]
        if ch == "`" and not single:
            k += 2
            continue
        if ch in quotes:
            if k + 1 < n and text[k + 1] in quotes:
                k += 2  # a doubled quote is a literal quote
                continue
            return k + 1, True
        k += 1
    return n, False


def _here_string_end(text: str, i: int) -> tuple[int, bool]:
    closer = "\n" + text[i + 1] + "@"
    close = text.find(closer, i + 2)
    if close < 0:
        return len(text), False
    return close + len(closer), True


def _variable_end(text: str, i: int) -> int:
    """The end of `$name` (or `${...}`) at I and of the `.member` chain after it."""
    n = len(text)
    if text.startswith("{", i + 1):
        close = text.find("}", i + 2)
        k = n if close < 0 else close + 1
    else:
        k = _VAR_NAME.match(text, i + 1).end()
        if k > i + 1 and text[k - 1] == ":" and k < n:
            k -= 1  # `$a: ` without a name after it: the colon is not part of the name
        if k == i + 1 and k < n and text[k] in "$^":
            k += 1
    while k < n and text[k] == ".":
        k = _MEMBER.match(text, k).end()
    return k


def _word_end(text: str, i: int) -> int:
    n = len(text)
    k = i
    while k < n:
        ch = text[k]
        if ch in _WORD_END:
            break
        if ch == "`":
            k += 2
            continue
        if ch in SQUOTES or ch in DQUOTES:
            k, closed = _string_end(text, k)
            continue
        k += 1
    return min(max(k, i + 1), n)
