"""Token plumbing shared by the parser rules: peeking, consuming, positions and errors."""

from __future__ import annotations

from .ast import CommandExpressionAst, PipelineAst
from .errors import ParseError
from .lexer import CMD, EXPR, Lexer
from .position import Position, SourceText
from .tokens import Token, TokenKind

# Deep enough for any real script; keeps Python's own recursion limit out of reach.
MAX_NESTING = 100


class ParserCore:
    """Holds the cursor. Tokens are lexed on demand in the mode the grammar needs."""

    def __init__(self, text: str, source: str = "<input>") -> None:
        self.src = SourceText(text, source)
        self.text = text
        self.n = len(text)
        self.lexer = Lexer(self.src, self.subexpression_at)
        self.pos = 0  # offset just after the last consumed token or skipped newline
        self.last_end = 0  # end offset of the last consumed token
        self.depth = 0
        self._cache_pos = -1
        self._cache: list[Token | None] = [None, None]
        self._subexpressions: dict[int, tuple] = {}

    # --- cursor ---------------------------------------------------------------

    def peek(self, mode: int = EXPR) -> Token:
        if self._cache_pos == self.pos:
            tok = self._cache[mode]
            if tok is not None:
                return tok
        else:
            self._cache_pos = self.pos
            self._cache = [None, None]
        tok = self.lexer.next_token(self.pos, mode)
        # Lexing a string can run a nested parse for $(...); it restores our state.
        if self._cache_pos == self.pos:
            self._cache[mode] = tok
        return tok

    def advance(self, tok: Token) -> None:
        self.pos = tok.end
        self.last_end = tok.end

    def mark(self) -> tuple[int, int]:
        return self.pos, self.last_end

    def reset(self, mark: tuple[int, int]) -> None:
        self.pos, self.last_end = mark

    def skip_newlines(self) -> None:
        self.pos = self.lexer.skip_newlines(self.pos)

    def next_char(self) -> str:
        """The first character of the next token (after trivia, not newlines), or ''."""
        i = self.lexer.skip_trivia(self.pos)
        return self.text[i] if i < self.n else ""

    def skip_separators(self) -> None:
        """Skip newlines and ';' between statements."""
        text = self.text
        while True:
            i = self.lexer.skip_newlines(self.pos)
            if i < self.n and text[i] == ";":
                self.pos = i + 1
                continue
            self.pos = i
            return

    def enter(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.error("the input is nested too deeply", offset)

    def leave(self) -> None:
        self.depth -= 1

    # --- positions ------------------------------------------------------------

    def span(self, start: int, end: int) -> Position:
        return self.src.position(start, end)

    # --- errors ---------------------------------------------------------------

    def error(self, message: str, offset: int, incomplete: bool = False) -> ParseError:
        return self.src.error(message, offset, incomplete)

    def unclosed(self, what: str, closer: str, offset: int) -> ParseError:
        return self.lexer.unclosed(what, closer, offset)

    def unexpected(self, tok: Token, context: str = "") -> ParseError:
        """An error for a token that cannot appear here (incomplete at end of input)."""
        if tok.kind is TokenKind.EOF:
            return self.error(f"unexpected end of input{context}", tok.start, True)
        if tok.kind is TokenKind.OPERATOR and tok.value is None:
            return self.error(f"unknown operator {tok.describe()}{context}", tok.start)
        return self.error(f"unexpected token {tok.describe()}{context}", tok.start)

    def missing(self, what: str, tok: Token) -> ParseError:
        """An error for something required that is not there."""
        if tok.kind is TokenKind.EOF:
            return self.error(what, tok.start, True)
        return self.error(f"{what}; found {tok.describe()}", tok.start)

    def expect_closer(self, kind: TokenKind, what: str, closer: str, opener: int) -> Token:
        """Consume the closing token of something opened at `opener`."""
        tok = self.peek(EXPR)
        if tok.kind is kind:
            self.advance(tok)
            return tok
        if tok.kind is TokenKind.EOF:
            raise self.unclosed(what, closer, opener)
        where = self.src.describe(opener)
        raise self.error(
            f"unexpected token {tok.describe()}: expected '{closer}' to close {what} opened at {where}",
            tok.start,
        )

    # --- nested parses ----------------------------------------------------------

    def subexpression_at(self, offset: int):
        """Parse the `$(...)` that starts at `offset` (used by the lexer inside strings)."""
        # A string can be lexed more than once (once per mode); nested strings would
        # otherwise be re-parsed exponentially often.
        done = self._subexpressions.get(offset)
        if done is not None:
            return done
        saved = (self.pos, self.last_end, self._cache_pos, self._cache)
        # The string holding it may be lexed before its own level is entered, so a
        # chain of strings nested in `$(...)` must count its depth here.
        self.enter(offset)
        try:
            self.pos = offset
            self._cache_pos = -1
            node = self.parse_subexpression(self.peek(CMD))
            done = self._subexpressions[offset] = (node, self.last_end)
            return done
        finally:
            self.leave()
            self.pos, self.last_end, self._cache_pos, self._cache = saved

    def parse_subexpression(self, tok: Token):  # provided by the expression rules
        raise NotImplementedError


def unwrap(statement: object) -> object:
    """A pipeline that is just one expression, as that expression; anything else unchanged."""
    if isinstance(statement, PipelineAst) and len(statement.elements) == 1:
        element = statement.elements[0]
        if isinstance(element, CommandExpressionAst) and not element.redirections:
            return element.expr
    return statement


__all__ = ["CMD", "EXPR", "MAX_NESTING", "ParserCore", "unwrap"]
