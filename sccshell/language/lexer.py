"""Turns source text into tokens on demand.

PowerShell has two tokenizing modes: expression mode (operators, quoted strings) and
argument ("command") mode, where most text is a bare word. The parser knows which one
applies, so it asks for the next token at an offset in a given mode.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .ast import StringConstantAst, SubExpressionAst, VariableAst
from .errors import ParseError
from .position import SourceText
from .tokens import (
    DASH_OPERATORS,
    DASHES,
    DQUOTES,
    ESCAPES,
    NUMBER_END_CMD,
    NUMBER_END_EXPR,
    SQUOTES,
    WHITESPACE,
    WORD_END,
    Token,
    TokenKind,
)

EXPR = 0
CMD = 1

_WS = re.escape(WHITESPACE)
_TRIVIA_PATTERN = rf"(?:[{_WS}]+|<#.*?#>|#[^\r\n]*|`(?:\r\n|\r|\n))*"
_TRIVIA = re.compile(_TRIVIA_PATTERN, re.S)
_NEWLINE_RUN = re.compile(rf"(?:(?:\r\n|\r|\n){_TRIVIA_PATTERN})+", re.S)
_NUMBER = re.compile(
    r"(?:0[xX](?P<hex>[0-9a-fA-F]+)|(?P<dec>(?:\d+(?:\.(?!\.)\d*)?|\.\d+)(?:[eE][+-]?\d+)?))"
    r"(?P<type>[lLdD])?(?P<mult>[kKmMgGtTpP][bB])?"
)
_MULTIPLIERS = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4, "p": 1024**5}
_REDIRECTION = re.compile(r"[1-6*]?(?:>>|>)(?:&[1-6])?")
_NAME_CHARS = re.compile(r"\w+")
_DASH_WORD = re.compile(rf"[{DASHES}][A-Za-z]+")
_SPECIAL = rf"{_WS}\r\n&(),;{{|}}<>\x00`{SQUOTES}{DQUOTES}$"
_PLAIN_WORD = re.compile(rf"[^{_SPECIAL}]+")
_PARAM_NAME = re.compile(rf"[^{_SPECIAL}:]*")
_DQ_PLAIN = re.compile(rf"[^{DQUOTES}`$]+")
_HERE_DQ_PLAIN = re.compile(r"[^\r\n`$]+")
_HEADER_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)")
_SQ_CLOSER = re.compile(rf"(?:\r\n|\r|\n)[{SQUOTES}]@")
_ANY_SQUOTE = re.compile(rf"[{SQUOTES}]")

_PUNCT = {
    ";": TokenKind.SEMI,
    "(": TokenKind.LPAREN,
    ")": TokenKind.RPAREN,
    "{": TokenKind.LBRACE,
    "}": TokenKind.RBRACE,
    ",": TokenKind.COMMA,
}


class _Parts:
    """Collects the literal text and embedded expressions of an expandable string."""

    __slots__ = ("src", "chunks", "lit_start", "parts")

    def __init__(self, src: SourceText) -> None:
        self.src = src
        self.chunks: list[str] = []
        self.lit_start = -1
        self.parts: list | None = None

    def add(self, text: str, at: int) -> None:
        if self.lit_start < 0:
            self.lit_start = at
        self.chunks.append(text)

    def add_expr(self, node: object, at: int) -> None:
        if self.parts is None:
            self.parts = []
        self._flush(at)
        self.parts.append(node)

    def _flush(self, at: int) -> None:
        if self.chunks:
            text = "".join(self.chunks)
            self.parts.append(
                StringConstantAst(text, "", pos=self.src.position(self.lit_start, at))
            )
            self.chunks = []
        self.lit_start = -1

    def text(self) -> str:
        return "".join(self.chunks)

    def finish(self, at: int) -> list:
        self._flush(at)
        return self.parts


class Lexer:
    """Scans tokens from a SourceText; `subexpression` parses `$(...)` inside strings."""

    def __init__(
        self,
        src: SourceText,
        subexpression: Callable[[int], tuple[SubExpressionAst, int]] | None = None,
    ) -> None:
        self.src = src
        self.text = src.text
        self.n = len(src.text)
        self._subexpression = subexpression

    # --- errors -------------------------------------------------------------

    def error(self, message: str, offset: int, incomplete: bool = False) -> ParseError:
        return self.src.error(message, offset, incomplete)

    def unclosed(self, what: str, closer: str, offset: int) -> ParseError:
        where = self.src.describe(offset)
        return self.error(
            f"missing closing {_quoted(closer)} for {what} opened at {where}", offset, True
        )

    # --- trivia -------------------------------------------------------------

    def skip_trivia(self, pos: int) -> int:
        """Skip whitespace, comments and line continuations (not newlines)."""
        i = _TRIVIA.match(self.text, pos).end()
        if i < self.n:
            c = self.text[i]
            if c == "<" and self.text.startswith("<#", i):
                raise self.unclosed("the block comment", "#>", i)
            if c == "`" and i + 1 == self.n:
                raise self.error("line continuation '`' at end of input", i, True)
        return i

    def skip_newlines(self, pos: int) -> int:
        """Skip trivia and any newlines after it."""
        i = self.skip_trivia(pos)
        if i < self.n and self.text[i] in "\r\n":
            i = self.skip_trivia(_NEWLINE_RUN.match(self.text, i).end())
        return i

    # --- tokens -------------------------------------------------------------

    def next_token(self, pos: int, mode: int) -> Token:
        """The token that starts at or after `pos` in the given mode."""
        text = self.text
        i = self.skip_trivia(pos)
        if i >= self.n:
            return Token(TokenKind.EOF, i, i, "")
        c = text[i]
        kind = _PUNCT.get(c)
        if kind is not None:
            return Token(kind, i, i + 1, c)
        if c == "\n" or c == "\r":
            end = _NEWLINE_RUN.match(text, i).end()
            return Token(TokenKind.NEWLINE, i, end, text[i:end])
        if c == "|":
            if text.startswith("|", i + 1):
                raise self.error("the pipeline chain operator '||' is not supported by sccshell", i)
            return Token(TokenKind.PIPE, i, i + 1, c)
        if c == "&":
            if text.startswith("&", i + 1):
                raise self.error("the pipeline chain operator '&&' is not supported by sccshell", i)
            return Token(TokenKind.AMP, i, i + 1, c)
        if c in SQUOTES:
            return self.scan_single(i)
        if c in DQUOTES:
            return self.scan_double(i)
        if c == "$":
            return self._dollar(i, mode)
        if c == "@":
            return self._at(i, mode)
        if c == "<":
            raise self.error("'<' is not supported: PowerShell reserves it (use -lt to compare)", i)
        if c == ">" or (c in "123456*" and text.startswith(">", i + 1)):
            m = _REDIRECTION.match(text, i)
            return Token(TokenKind.REDIRECTION, i, m.end(), m.group(), m.group())
        if c == "\x00":
            raise self.error("unexpected NUL character", i)
        if mode == CMD:
            return self._command_token(i, c)
        return self._expression_token(i, c)

    def _dollar(self, i: int, mode: int) -> Token:
        if self.text.startswith("(", i + 1):
            return Token(TokenKind.DOLLAR_PAREN, i, i + 2, "$(")
        found = self.scan_variable(i)
        if found is None:
            return self.scan_word(i)
        name, end = found
        return Token(TokenKind.VARIABLE, i, end, self.text[i:end], name)

    def _at(self, i: int, mode: int) -> Token:
        nxt = self.text[i + 1 : i + 2]
        if nxt == "(":
            return Token(TokenKind.AT_PAREN, i, i + 2, "@(")
        if nxt == "{":
            return Token(TokenKind.AT_BRACE, i, i + 2, "@{")
        if nxt and (nxt in SQUOTES or nxt in DQUOTES):
            return self.scan_here_string(i)
        m = _NAME_CHARS.match(self.text, i + 1)
        if m:
            return Token(TokenKind.SPLAT, i, m.end(), self.text[i : m.end()], m.group())
        return self.scan_word(i)

    def _command_token(self, i: int, c: str) -> Token:
        text = self.text
        nxt = text[i + 1 : i + 2]
        if c in DASHES:
            if nxt and nxt in DASHES:
                if text.startswith("%", i + 2):
                    raise self.error("the stop-parsing token '--%' is not supported by sccshell", i)
                return self.scan_word(i)
            if nxt.isdigit() or (nxt == "." and text[i + 2 : i + 3].isdigit()):
                return self.scan_number(i, True, CMD) or self.scan_word(i)
            if nxt and (nxt.isalpha() or nxt in "_?"):
                end = _PARAM_NAME.match(text, i + 1).end()
                colon = text.startswith(":", end)
                return Token(
                    TokenKind.PARAMETER,
                    i,
                    end + colon,
                    text[i : end + colon],
                    text[i + 1 : end],
                    colon=colon,
                )
            return self.scan_word(i)
        if c.isdigit() or (c == "." and nxt.isdigit()):
            return self.scan_number(i, False, CMD) or self.scan_word(i)
        return self.scan_word(i)

    def _expression_token(self, i: int, c: str) -> Token:
        text = self.text
        nxt = text[i + 1 : i + 2]
        if c in DASHES:
            m = _DASH_WORD.match(text, i)
            if m:
                word = m.group()
                return Token(
                    TokenKind.OPERATOR, i, m.end(), word, DASH_OPERATORS.get(word[1:].lower())
                )
            if nxt and nxt in DASHES:
                return Token(TokenKind.OPERATOR, i, i + 2, text[i : i + 2], "--")
            if nxt == "=":
                return Token(TokenKind.OPERATOR, i, i + 2, text[i : i + 2], "-=")
            return Token(TokenKind.OPERATOR, i, i + 1, c, "-")
        if c in "+*/%":
            if nxt == "=":
                return Token(TokenKind.OPERATOR, i, i + 2, c + "=", c + "=")
            if c == "+" and nxt == "+":
                return Token(TokenKind.OPERATOR, i, i + 2, "++", "++")
            return Token(TokenKind.OPERATOR, i, i + 1, c, c)
        if c == "=":
            if nxt == "=":
                raise self.error("'==' is not a PowerShell operator; use -eq to compare", i)
            return Token(TokenKind.OPERATOR, i, i + 1, c, c)
        if c == "!":
            if nxt == "=":
                raise self.error("'!=' is not a PowerShell operator; use -ne to compare", i)
            return Token(TokenKind.OPERATOR, i, i + 1, c, c)
        if c == "[":
            return Token(TokenKind.LBRACKET, i, i + 1, c)
        if c == "]":
            return Token(TokenKind.RBRACKET, i, i + 1, c)
        if c == ".":
            if nxt == ".":
                return Token(TokenKind.OPERATOR, i, i + 2, "..", "..")
            if nxt.isdigit():
                number = self.scan_number(i, False, EXPR)
                if number is not None:
                    return number
            return Token(TokenKind.DOT, i, i + 1, c)
        if c.isdigit():
            return self.scan_number(i, False, EXPR) or self.scan_word(i)
        if c == ":" and nxt == ":":
            return Token(TokenKind.COLONCOLON, i, i + 2, "::")
        if c == "?":
            if nxt == "?":
                raise self.error(
                    "the null-coalescing operator '??' is not supported by sccshell", i
                )
            if nxt in (".", "["):
                raise self.error(
                    f"the null-conditional operator '?{nxt}' is not supported by sccshell", i
                )
            raise self.error("the ternary operator '? :' is not supported by sccshell", i)
        return self.scan_word(i)

    # --- numbers ------------------------------------------------------------

    def scan_number(self, i: int, signed: bool, mode: int) -> Token | None:
        """A number literal at `i` (after a dash when signed), or None if the text is no number."""
        text = self.text
        m = _NUMBER.match(text, i + 1 if signed else i)
        if m is None:
            return None
        end = m.end()
        if end < self.n and text[end] not in (NUMBER_END_EXPR if mode == EXPR else NUMBER_END_CMD):
            return None
        value = number_value(m)
        if signed:
            value = -value
        return Token(TokenKind.NUMBER, i, end, text[i:end], value)

    # --- variables and expansions -------------------------------------------

    def scan_variable(self, i: int) -> tuple[str, int] | None:
        """The name and end of a `$name` / `${name}` reference at `i`, or None."""
        text = self.text
        j = i + 1
        if j >= self.n:
            return None
        c = text[j]
        if c == "{":
            return self._braced_variable(i)
        m = _NAME_CHARS.match(text, j)
        if m is None:
            if c in "?$^":
                return c, j + 1
            return None
        end = m.end()
        if text.startswith(":", end) and not text.startswith("::", end):
            qualified = _NAME_CHARS.match(text, end + 1)
            if qualified is None:
                name = text[j:end]
                raise self.error(
                    f"variable reference '${name}:' is not valid: ':' must be followed by a "
                    f"name; use '${{{name}}}' to delimit the variable name",
                    i,
                )
            end = qualified.end()
        return text[j:end], end

    def _braced_variable(self, i: int) -> tuple[str, int]:
        text = self.text
        k = i + 2
        chars: list[str] = []
        while k < self.n:
            ch = text[k]
            if ch == "}":
                if not chars:
                    raise self.error("empty variable name '${}'", i)
                return "".join(chars), k + 1
            if ch == "`" and k + 1 < self.n:
                chars.append(text[k + 1])
                k += 2
                continue
            chars.append(ch)
            k += 1
        raise self.unclosed("the variable name", "}", i)

    def _expand_dollar(self, k: int, parts: _Parts) -> int:
        """Expand `$...` at `k` into `parts`; return the new offset, or -1 for a literal '$'."""
        if self.text.startswith("(", k + 1):
            node, end = self.subexpression(k)
            parts.add_expr(node, k)
            return end
        found = self.scan_variable(k)
        if found is None:
            return -1
        name, end = found
        parts.add_expr(VariableAst(name, pos=self.src.position(k, end)), k)
        return end

    def subexpression(self, k: int) -> tuple[SubExpressionAst, int]:
        if self._subexpression is None:
            from .parser import Parser  # a lexer used on its own needs a parser for $(...)

            self._subexpression = Parser(self.src.text, self.src.name).subexpression_at
        return self._subexpression(k)

    # --- strings ------------------------------------------------------------

    def scan_single_body(self, i: int) -> tuple[str, int]:
        """The value of the single-quoted string opened at `i`, and its end offset."""
        text = self.text
        chunks: list[str] = []
        k = i + 1
        while True:
            m = _ANY_SQUOTE.search(text, k)
            if m is None:
                raise self.unclosed("the string", "'", i)
            j = m.start()
            chunks.append(text[k:j])
            if j + 1 < self.n and text[j + 1] in SQUOTES:
                chunks.append(text[j + 1])
                k = j + 2
                continue
            return "".join(chunks), j + 1

    def scan_single(self, i: int) -> Token:
        value, end = self.scan_single_body(i)
        return Token(TokenKind.STRING, i, end, self.text[i:end], value, quote="'")

    def _double_body(self, i: int, parts: _Parts) -> int:
        """Scan the double-quoted string opened at `i` into `parts`; return the closing quote's offset."""
        text = self.text
        k = i + 1
        while True:
            if k >= self.n:
                raise self.unclosed("the string", '"', i)
            m = _DQ_PLAIN.match(text, k)
            if m is not None:
                parts.add(m.group(), k)
                k = m.end()
                continue
            ch = text[k]
            if ch == "`":
                if k + 1 >= self.n:
                    raise self.unclosed("the string", '"', i)
                esc = text[k + 1]
                parts.add(ESCAPES.get(esc, esc), k)
                k += 2
            elif ch == "$":
                end = self._expand_dollar(k, parts)
                if end < 0:
                    parts.add("$", k)
                    k += 1
                else:
                    k = end
            elif k + 1 < self.n and text[k + 1] in DQUOTES:
                parts.add(text[k + 1], k)
                k += 2
            else:
                return k

    def scan_double(self, i: int) -> Token:
        parts = _Parts(self.src)
        close = self._double_body(i, parts)
        end = close + 1
        if parts.parts is None:
            return Token(TokenKind.STRING, i, end, self.text[i:end], parts.text(), quote='"')
        return Token(
            TokenKind.EXPANDABLE,
            i,
            end,
            self.text[i:end],
            self.text[i + 1 : close],
            quote='"',
            parts=parts.finish(close),
        )

    def scan_here_string(self, i: int) -> Token:
        text = self.text
        single = text[i + 1] in SQUOTES
        opener = "@'" if single else '@"'
        header = _HEADER_END.match(text, i + 2)
        if header is None:
            rest = text[i + 2 :].strip(" \t")
            if not rest:
                raise self.unclosed("the here-string", opener[::-1], i)
            raise self.error(
                f"the here-string header {_quoted(opener)} must be followed by a line break", i
            )
        start = header.end()
        quotes = SQUOTES if single else DQUOTES
        if text[start : start + 1] in tuple(quotes) and text.startswith("@", start + 1):
            content_end, end = start, start + 2
            parts = _Parts(self.src)
        elif single:
            m = _SQ_CLOSER.search(text, start)
            if m is None:
                raise self.unclosed("the here-string", "'@", i)
            content_end, end = m.start(), m.end()
        else:
            parts = _Parts(self.src)
            content_end, end = self._here_double_body(i, start, parts)
        content = text[start:content_end]
        if single:
            return Token(TokenKind.STRING, i, end, text[i:end], content, quote="@'")
        if parts.parts is None:
            return Token(TokenKind.STRING, i, end, text[i:end], parts.text(), quote='@"')
        return Token(
            TokenKind.EXPANDABLE,
            i,
            end,
            text[i:end],
            content,
            quote='@"',
            parts=parts.finish(content_end),
        )

    def _here_double_body(self, i: int, k: int, parts: _Parts) -> tuple[int, int]:
        text = self.text
        while True:
            if k >= self.n:
                raise self.unclosed("the here-string", '"@', i)
            m = _HERE_DQ_PLAIN.match(text, k)
            if m is not None:
                parts.add(m.group(), k)
                k = m.end()
                continue
            ch = text[k]
            if ch in "\r\n":
                width = 2 if text.startswith("\r\n", k) else 1
                after = k + width
                if text[after : after + 1] in tuple(DQUOTES) and text.startswith("@", after + 1):
                    return k, after + 2
                parts.add(text[k:after], k)
                k = after
            elif ch == "`":
                if k + 1 >= self.n:
                    raise self.unclosed("the here-string", '"@', i)
                esc = text[k + 1]
                parts.add(ESCAPES.get(esc, esc), k)
                k += 2
            else:  # '$'
                end = self._expand_dollar(k, parts)
                if end < 0:
                    parts.add("$", k)
                    k += 1
                else:
                    k = end

    # --- bare words ---------------------------------------------------------

    def scan_word(self, i: int) -> Token:
        """A bare word (argument-mode text); it is expandable when it contains `$...`."""
        text = self.text
        parts = _Parts(self.src)
        k = i
        while k < self.n:
            m = _PLAIN_WORD.match(text, k)
            if m is not None:
                parts.add(m.group(), k)
                k = m.end()
                continue
            ch = text[k]
            if ch in WORD_END:
                break
            if ch == "`":
                if k + 1 >= self.n:
                    raise self.error("line continuation '`' at end of input", k, True)
                esc = text[k + 1]
                if esc in "\r\n":
                    break  # a line continuation ends the word
                parts.add(ESCAPES.get(esc, esc), k)
                k += 2
            elif ch in SQUOTES:
                value, k2 = self.scan_single_body(k)
                parts.add(value, k)
                k = k2
            elif ch in DQUOTES:
                k = self._double_body(k, parts) + 1
            else:  # '$'
                end = self._expand_dollar(k, parts)
                if end < 0:
                    parts.add("$", k)
                    k += 1
                else:
                    k = end
        if k == i:
            # Only reached for characters no other rule takes; consume one so we progress.
            k = i + 1
            parts.add(text[i], i)
        if parts.parts is None:
            return Token(TokenKind.WORD, i, k, text[i:k], parts.text())
        return Token(TokenKind.WORD, i, k, text[i:k], text[i:k], parts=parts.finish(k))

    # --- whole-text tokenizing (for tests and tools) -------------------------

    def tokens(self, mode: int = EXPR) -> Iterator[Token]:
        """All tokens of the text in one mode, ending with EOF."""
        pos = 0
        while True:
            tok = self.next_token(pos, mode)
            yield tok
            if tok.kind is TokenKind.EOF:
                return
            pos = tok.end


def tokenize(text: str, mode: str = "expression", source: str = "<input>") -> list[Token]:
    """Tokenize all of `text` in 'expression' or 'command' mode."""
    lexer = Lexer(SourceText(text, source))
    return list(lexer.tokens(CMD if mode == "command" else EXPR))


def number_value(m: re.Match) -> int | float:
    """The value of a match of the number pattern, with type and multiplier suffixes applied."""
    hex_digits = m.group("hex")
    if hex_digits is not None:
        value: int | float = int(hex_digits, 16)
    else:
        digits = m.group("dec")
        if "." in digits or "e" in digits or "E" in digits or m.group("type") in ("d", "D"):
            value = float(digits)
        else:
            try:
                value = int(digits)
            except ValueError:  # beyond Python's int-from-string digit limit
                value = float(digits)
    mult = m.group("mult")
    if mult:
        value = value * _MULTIPLIERS[mult[0].lower()]
    return value


def _quoted(text: str) -> str:
    """`text` in quotes for a message, using double quotes when it contains a single quote."""
    return f'"{text}"' if "'" in text else f"'{text}'"
