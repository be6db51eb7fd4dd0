"""Pipelines, commands and argument-mode parsing."""

from __future__ import annotations

from .ast import (
    ArrayLiteralAst,
    AssignmentAst,
    CastAst,
    CommandAst,
    CommandExpressionAst,
    CommandParameterAst,
    ExpandableStringAst,
    IndexAst,
    MemberAst,
    NumberAst,
    PipelineAst,
    RedirectionAst,
    StringConstantAst,
    VariableAst,
)
from .expressions import ExpressionRules
from .lexer import CMD, EXPR
from .parser_core import unwrap
from .tokens import (
    ASSIGNMENT_OPERATORS,
    DASHES,
    SUPPORTED_REDIRECTIONS,
    UNARY_WORD_OPERATORS,
    WORD_END,
    Token,
    TokenKind,
)

_T = TokenKind
_COMMAND_END = frozenset({_T.NEWLINE, _T.SEMI, _T.PIPE, _T.EOF, _T.RPAREN, _T.RBRACE, _T.AMP})
_EXPRESSION_START = frozenset(
    {
        _T.VARIABLE,
        _T.SPLAT,
        _T.NUMBER,
        _T.STRING,
        _T.EXPANDABLE,
        _T.LPAREN,
        _T.DOLLAR_PAREN,
        _T.AT_PAREN,
        _T.AT_BRACE,
        _T.LBRACE,
        _T.COMMA,
    }
)
# Tokens that start an argument-mode primary parsed like an expression.
_ARGUMENT_PRIMARY = frozenset(
    {_T.STRING, _T.EXPANDABLE, _T.LPAREN, _T.DOLLAR_PAREN, _T.AT_PAREN, _T.AT_BRACE, _T.LBRACE}
)


class CommandRules(ExpressionRules):
    # --- pipelines ------------------------------------------------------------

    def starts_expression(self, tok: Token) -> bool:
        """Whether a pipeline starting with `tok` (lexed in argument mode) is an expression."""
        kind = tok.kind
        if kind is _T.WORD:
            c = tok.text[0]
            if c in "[!+" or c in DASHES:
                return True
            if c.isdigit() or (c == "." and tok.text[1:2].isdigit()):
                return self.lexer.scan_number(tok.start, False, EXPR) is not None
            return False
        if kind in _EXPRESSION_START:
            return True
        if kind is _T.PARAMETER:
            if not tok.colon and "-" + tok.value.lower() in UNARY_WORD_OPERATORS:
                return True
            raise self.unexpected(tok)
        if kind is _T.AMP:
            return False
        if kind is _T.PIPE:
            raise self.error("an empty pipe element is not allowed", tok.start)
        if kind is _T.REDIRECTION:
            raise self.error(f"missing command before redirection {tok.describe()}", tok.start)
        raise self.unexpected(tok)

    def parse_pipeline(self):
        """A pipeline, or an assignment statement."""
        first_tok = self.peek(CMD)
        if self.starts_expression(first_tok):
            expr = self.parse_expression()
            tok = self.peek(EXPR)
            if tok.kind is _T.OPERATOR and tok.value in ASSIGNMENT_OPERATORS:
                return self._assignment(expr, tok)
            redirections = self._redirections(EXPR)
            end = redirections[-1].pos.end if redirections else expr.pos.end
            first = CommandExpressionAst(expr, redirections, pos=self.span(expr.pos.offset, end))
            mode = EXPR
        else:
            first = self.parse_command()
            mode = CMD
        elements = [first]
        tok = self.peek(mode)
        while tok.kind is _T.PIPE:
            self.advance(tok)
            self.skip_newlines()
            nxt = self.peek(CMD)
            if nxt.kind is _T.EOF:
                raise self.error("missing command after '|'", tok.start, True)
            elements.append(self.parse_command(after_pipe=True))
            tok = self.peek(CMD)
        if tok.kind is _T.AMP:
            raise self.error("the background operator '&' is not supported by sccshell", tok.start)
        return PipelineAst(elements, pos=self.span(first.pos.offset, elements[-1].pos.end))

    def _assignment(self, target, tok: Token):
        _check_assignable(self, target)
        self.advance(tok)
        self.skip_newlines()
        nxt = self.peek(CMD)
        if nxt.kind in (_T.EOF, _T.NEWLINE, _T.SEMI, _T.RPAREN, _T.RBRACE, _T.PIPE):
            raise self.missing(f"missing value after assignment operator {tok.describe()}", nxt)
        value = unwrap(self.parse_statement())
        return AssignmentAst(
            target, tok.value, value, pos=self.span(target.pos.offset, value.pos.end)
        )

    # --- commands -------------------------------------------------------------

    def parse_command(self, after_pipe: bool = False) -> CommandAst:
        tok = self.peek(CMD)
        start = tok.start
        invocation = ""
        if tok.kind is _T.AMP or (tok.kind is _T.WORD and tok.text == "."):
            invocation = tok.text
            self.advance(tok)
            tok = self.peek(CMD)
            if tok.kind in _COMMAND_END or tok.kind in (_T.PARAMETER, _T.REDIRECTION, _T.COMMA):
                raise self.missing(f"missing command after the '{invocation}' operator", tok)
        name = None
        target = None
        if tok.kind is _T.WORD:
            self.advance(tok)
            if tok.parts is None:
                name = tok.value
            else:
                target = self.word_node(tok)
        elif invocation and tok.kind is _T.STRING:
            self.advance(tok)
            name = tok.value
        elif invocation:
            target = self.argument_primary()
        elif after_pipe and tok.kind in _EXPRESSION_START:
            raise self.error(
                "expressions are only allowed as the first element of a pipeline", tok.start
            )
        else:
            raise self.unexpected(tok)
        elements: list = []
        redirections: list = []
        while True:
            tok = self.peek(CMD)
            kind = tok.kind
            if kind in _COMMAND_END:
                break
            if kind is _T.PARAMETER:
                elements.append(self._parameter(tok))
            elif kind is _T.REDIRECTION:
                redirections.append(self._redirection(tok))
            else:
                elements.append(self.parse_argument())
        return CommandAst(
            name,
            elements,
            invocation,
            redirections,
            target,
            pos=self.span(start, self.last_end),
        )

    def _parameter(self, tok: Token) -> CommandParameterAst:
        self.advance(tok)
        if not tok.colon:
            return CommandParameterAst(tok.value, None, pos=self.span(tok.start, tok.end))
        nxt = self.peek(CMD)
        if nxt.kind in _COMMAND_END or nxt.kind in (_T.PARAMETER, _T.REDIRECTION):
            raise self.missing(f"missing argument for parameter {tok.describe()}", nxt)
        argument = self.parse_argument()
        return CommandParameterAst(tok.value, argument, pos=self.span(tok.start, argument.pos.end))

    def _redirections(self, mode: int) -> list:
        redirections = []
        tok = self.peek(mode)
        while tok.kind is _T.REDIRECTION:
            redirections.append(self._redirection(tok))
            tok = self.peek(mode)
        return redirections

    def _redirection(self, tok: Token) -> RedirectionAst:
        op = tok.value
        if op not in SUPPORTED_REDIRECTIONS:
            raise self.error(
                f"redirection '{op}' is not supported by sccshell "
                "(only '>', '>>', '2>', '2>>', '2>&1' and '*>')",
                tok.start,
            )
        self.advance(tok)
        if op == "2>&1":
            return RedirectionAst(op, None, pos=self.span(tok.start, tok.end))
        nxt = self.peek(CMD)
        if nxt.kind in _COMMAND_END or nxt.kind in (_T.PARAMETER, _T.REDIRECTION, _T.COMMA):
            raise self.missing(f"missing file name after '{op}'", nxt)
        target = self.argument_primary()
        return RedirectionAst(op, target, pos=self.span(tok.start, target.pos.end))

    # --- arguments ------------------------------------------------------------

    def parse_argument(self):
        """One command argument; `a,b,c` is a single ArrayLiteralAst."""
        tok = self.peek(CMD)
        if tok.kind is _T.COMMA:
            self.advance(tok)
            item = self._argument_after_comma()
            return ArrayLiteralAst([item], pos=self.span(tok.start, item.pos.end))
        first = self.argument_primary()
        tok = self.peek(CMD)
        if tok.kind is not _T.COMMA:
            return first
        items = [first]
        while tok.kind is _T.COMMA:
            self.advance(tok)
            items.append(self._argument_after_comma())
            tok = self.peek(CMD)
        return ArrayLiteralAst(items, pos=self.span(first.pos.offset, items[-1].pos.end))

    def _argument_after_comma(self):
        self.skip_newlines()
        nxt = self.peek(CMD)
        if nxt.kind in _COMMAND_END or nxt.kind in (_T.PARAMETER, _T.REDIRECTION, _T.COMMA):
            raise self.missing("missing argument after ','", nxt)
        return self.argument_primary()

    def argument_primary(self):
        """A single argument-mode value: bare word, number, variable, string, (...), {...}."""
        tok = self.peek(CMD)
        kind = tok.kind
        if kind is _T.WORD:
            self.advance(tok)
            return self.word_node(tok)
        if kind is _T.NUMBER:
            self.advance(tok)
            return NumberAst(tok.value, tok.text, pos=self.span(tok.start, tok.end))
        if kind is _T.VARIABLE:
            node = self.parse_postfix(self.primary(tok))
            if self._continues_word():
                # `$dir\file.txt`: PowerShell reads the whole thing as one expandable word.
                word = self.lexer.scan_word(tok.start)
                self.advance(word)
                return self.word_node(word)
            return node
        if kind is _T.SPLAT:
            self.advance(tok)
            return VariableAst(tok.value, True, pos=self.span(tok.start, tok.end))
        if kind in _ARGUMENT_PRIMARY:
            return self.parse_postfix(self.primary(tok))
        if kind is _T.EOF:
            raise self.error("an argument was expected but the input ended", tok.start, True)
        raise self.unexpected(tok)

    def _continues_word(self) -> bool:
        i = self.pos
        if i >= self.n:
            return False
        c = self.text[i]
        if c in WORD_END:
            return False
        return not (c == "`" and self.text[i + 1 : i + 2] in ("\r", "\n"))

    def word_node(self, tok: Token):
        pos = self.span(tok.start, tok.end)
        if tok.parts is None:
            return StringConstantAst(tok.value, "", pos=pos)
        return ExpandableStringAst(tok.text, tok.parts, "", pos=pos)


def _check_assignable(parser: CommandRules, target) -> None:
    node = target
    if isinstance(node, CastAst):
        node = node.expr
    if isinstance(node, VariableAst) and not node.splatted:
        return
    if isinstance(node, (MemberAst, IndexAst)):
        return
    if isinstance(node, ArrayLiteralAst) and all(
        isinstance(item, (VariableAst, MemberAst, IndexAst, CastAst)) for item in node.items
    ):
        for item in node.items:
            _check_assignable(parser, item)
        return
    raise parser.error(
        "the left side of an assignment must be a variable, a property or an index",
        target.pos.offset,
    )
