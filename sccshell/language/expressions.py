"""Expression-mode grammar: operators, primaries, member access, types, hashtables."""

from __future__ import annotations

import re

from .ast import (
    ArrayExpressionAst,
    ArrayLiteralAst,
    AttributeAst,
    BinaryAst,
    CastAst,
    ExpandableStringAst,
    HashtableAst,
    IndexAst,
    InvokeMemberAst,
    MemberAst,
    NumberAst,
    ParenExpressionAst,
    ScriptBlockExpressionAst,
    StringConstantAst,
    SubExpressionAst,
    TypeAst,
    UnaryAst,
    VariableAst,
)
from .lexer import CMD, EXPR
from .parser_core import ParserCore, unwrap
from .tokens import (
    BINARY_PRECEDENCE,
    DQUOTES,
    SQUOTES,
    STATEMENT_KEYWORDS,
    Token,
    TokenKind,
)

_T = TokenKind
_MEMBER_NAME = re.compile(r"\w+")
_TYPE_NAME = re.compile(r"[\w.+`]+")
_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_BARE_KEY = re.compile(r"[^\W\d][\w.-]*")
_PREFIX_OPERATORS = frozenset({"!", "-not", "-bnot", "-split", "-join", "++", "--", "-", "+"})
_OPERAND_KINDS = frozenset(
    {
        _T.VARIABLE,
        _T.NUMBER,
        _T.STRING,
        _T.EXPANDABLE,
        _T.LPAREN,
        _T.DOLLAR_PAREN,
        _T.AT_PAREN,
        _T.AT_BRACE,
        _T.LBRACE,
        _T.LBRACKET,
        _T.COMMA,
        _T.SPLAT,
    }
)
# What may follow a type literal for it to be a cast rather than a bare type.
_CAST_OPERAND_KINDS = _OPERAND_KINDS - {_T.COMMA, _T.SPLAT}
_CAST_OPERATORS = frozenset({"!", "-not", "-bnot", "++", "--"})


class ExpressionRules(ParserCore):
    # --- operators ----------------------------------------------------------

    def parse_expression(self, allow_comma: bool = True):
        """A full expression; with allow_comma False, ',' ends it (method and attribute args)."""
        return self._binary(1, allow_comma)

    def _binary(self, min_prec: int, allow_comma: bool):
        left = self._array_operand(allow_comma)
        # A chain such as `'a' + 'b' + 'c'` is read in this loop, not by recursion, so it
        # does not count as nesting: the tree it makes, `('a' + 'b') + 'c'`, is as deep as
        # the chain is long, and the printer and the evaluator walk such a left spine in a
        # loop. Only the operand on the right recurses, once per precedence level.
        while True:
            tok = self.peek(EXPR)
            if tok.kind is not _T.OPERATOR:
                return left
            prec = BINARY_PRECEDENCE.get(tok.value)
            if prec is None or prec < min_prec:
                return left
            self.advance(tok)
            self.skip_newlines()
            self.require_operand(f"operator {tok.describe()}")
            right = self._binary(prec + 1, allow_comma)
            left = BinaryAst(tok.value, left, right, pos=self.span(left.pos.offset, right.pos.end))

    def require_operand(self, after: str) -> None:
        """Fail unless the next token can start an expression."""
        tok = self.peek(EXPR)
        if tok.kind in _OPERAND_KINDS:
            return
        if tok.kind is _T.OPERATOR and tok.value in _PREFIX_OPERATORS:
            return
        raise self.missing(f"missing expression after {after}", tok)

    def _array_operand(self, allow_comma: bool):
        first = self.parse_unary()
        if not allow_comma:
            return first
        tok = self.peek(EXPR)
        if tok.kind is not _T.COMMA:
            return first
        items = [first]
        while tok.kind is _T.COMMA:
            self.advance(tok)
            self.skip_newlines()
            self.require_operand("','")
            items.append(self.parse_unary())
            tok = self.peek(EXPR)
        return ArrayLiteralAst(items, pos=self.span(first.pos.offset, items[-1].pos.end))

    def parse_unary(self):
        tok = self.peek(EXPR)
        self.enter(tok.start)
        kind = tok.kind
        if kind is _T.OPERATOR and tok.value in _PREFIX_OPERATORS:
            node = self._prefix(tok)
        elif kind is _T.COMMA:
            self.advance(tok)
            self.require_operand("','")
            operand = self.parse_unary()
            node = ArrayLiteralAst([operand], pos=self.span(tok.start, operand.pos.end))
        elif kind is _T.LBRACKET:
            node = self._type_or_cast(tok)
        else:
            node = self.parse_postfix(self.primary(tok))
            after = self.peek(EXPR)
            if after.kind is _T.OPERATOR and after.value in ("++", "--"):
                self.advance(after)
                node = UnaryAst(after.value, node, True, pos=self.span(node.pos.offset, after.end))
        self.leave()
        return node

    def _prefix(self, tok: Token):
        op = tok.value
        if op == "-" and tok.end == tok.start + 1:
            number = self.signed_number(tok.start)
            if number is not None:
                self.advance(number)
                return self.parse_postfix(
                    NumberAst(number.value, number.text, pos=self.span(number.start, number.end))
                )
        self.advance(tok)
        self.require_operand(f"operator {tok.describe()}")
        operand = self.parse_unary()
        return UnaryAst(op, operand, pos=self.span(tok.start, operand.pos.end))

    def signed_number(self, start: int) -> Token | None:
        """A negative number literal whose '-' is at `start`, if the text is one."""
        text = self.text
        nxt = text[start + 1 : start + 2]
        if nxt.isdigit() or (nxt == "." and text[start + 2 : start + 3].isdigit()):
            return self.lexer.scan_number(start, True, EXPR)
        return None

    # --- types --------------------------------------------------------------

    def _type_or_cast(self, tok: Token):
        name, end = self.type_literal(tok)
        nxt = self.peek(EXPR)
        if self._is_cast_operand(nxt):
            operand = self.parse_unary()
            return CastAst(name, operand, pos=self.span(tok.start, operand.pos.end))
        return self.parse_postfix(TypeAst(name, pos=self.span(tok.start, end)))

    def _is_cast_operand(self, tok: Token) -> bool:
        if tok.kind in _CAST_OPERAND_KINDS:
            return True
        if tok.kind is _T.OPERATOR:
            if tok.value in _CAST_OPERATORS:
                return True
            return tok.value == "-" and self.signed_number(tok.start) is not None
        return False

    def type_literal(self, tok: Token) -> tuple[str, int]:
        """Parse `[TypeName]` starting at the '[' token; return the name and end offset."""
        self.advance(tok)
        name = self.type_name(tok.start)
        i = self.lexer.skip_trivia(self.pos)
        if self.text.startswith("(", i):
            raise self.error(
                f"attribute '[{name}(...)]' is only allowed in a param block or before a parameter",
                tok.start,
            )
        close = self.expect_closer(_T.RBRACKET, "the type name", "]", tok.start)
        return name, close.end

    def type_name(self, opener: int) -> str:
        """A type name such as `string[]` or `System.Collections.Generic.List[string]`."""
        text = self.text
        i = self.lexer.skip_trivia(self.pos)
        m = _TYPE_NAME.match(text, i)
        if m is None:
            raise self.missing("missing type name after '['", self.peek(EXPR))
        pieces = [m.group()]
        i = m.end()
        while i < self.n and text[i] == "[":
            j = self.lexer.skip_trivia(i + 1)
            if text.startswith("]", j):
                pieces.append("[]")
                i = j + 1
                continue
            if text.startswith(",", j):
                k = j
                while text.startswith(",", k):
                    k = self.lexer.skip_trivia(k + 1)
                if not text.startswith("]", k):
                    self.pos = k
                    raise self.unexpected(self.peek(EXPR), " in an array type name")
                pieces.append("[" + "," * text.count(",", j, k) + "]")
                i = k + 1
                continue
            self.pos = j
            args = []
            while True:
                self.pos = self.lexer.skip_trivia(self.pos)
                if self.text.startswith("[", self.pos):
                    inner = self.pos
                    self.pos += 1
                    args.append("[" + self.type_name(inner) + "]")
                    self.pos = self.lexer.skip_trivia(self.pos)
                    if not self.text.startswith("]", self.pos):
                        raise self.unexpected(self.peek(EXPR), " in a generic type argument")
                    self.pos += 1
                else:
                    args.append(self.type_name(i))
                tok = self.peek(EXPR)
                if tok.kind is _T.COMMA:
                    self.advance(tok)
                    continue
                close = self.expect_closer(_T.RBRACKET, "the generic type arguments", "]", i)
                pieces.append("[" + ",".join(args) + "]")
                i = close.end
                break
        self.pos = i
        self.last_end = i
        return "".join(pieces)

    # --- primaries ----------------------------------------------------------

    def primary(self, tok: Token):
        """A primary expression starting with `tok` (peeked, not yet consumed)."""
        kind = tok.kind
        if kind is _T.VARIABLE:
            self.advance(tok)
            return VariableAst(tok.value, pos=self.span(tok.start, tok.end))
        if kind is _T.NUMBER:
            self.advance(tok)
            return NumberAst(tok.value, tok.text, pos=self.span(tok.start, tok.end))
        if kind is _T.STRING:
            self.advance(tok)
            return StringConstantAst(tok.value, tok.quote, pos=self.span(tok.start, tok.end))
        if kind is _T.EXPANDABLE:
            self.advance(tok)
            return ExpandableStringAst(
                tok.value, tok.parts, tok.quote, pos=self.span(tok.start, tok.end)
            )
        if kind is _T.LPAREN:
            return self.parse_paren(tok)
        if kind is _T.DOLLAR_PAREN:
            return self.parse_subexpression(tok)
        if kind is _T.AT_PAREN:
            self.advance(tok)
            statements = self.parse_statement_list(_T.RPAREN, tok.start, "the array expression")
            close = self.expect_closer(_T.RPAREN, "the array expression", ")", tok.start)
            return ArrayExpressionAst(statements, pos=self.span(tok.start, close.end))
        if kind is _T.AT_BRACE:
            return self.parse_hashtable(tok)
        if kind is _T.LBRACE:
            self.advance(tok)
            body = self.parse_script_block_body(tok)
            return ScriptBlockExpressionAst(body, pos=body.pos)
        if kind is _T.SPLAT:
            raise self.error(
                f"splatting ({tok.describe()}) can only be used as a command argument", tok.start
            )
        if kind is _T.WORD and tok.parts is None and tok.text.lower() in STATEMENT_KEYWORDS:
            raise self.error(
                f"the '{tok.text}' statement cannot be used inside an expression; wrap it in $( )",
                tok.start,
            )
        if kind is _T.EOF:
            raise self.error("an expression was expected but the input ended", tok.start, True)
        raise self.unexpected(tok)

    def parse_subexpression(self, tok: Token):
        self.advance(tok)
        statements = self.parse_statement_list(_T.RPAREN, tok.start, "the subexpression")
        close = self.expect_closer(_T.RPAREN, "the subexpression", ")", tok.start)
        return SubExpressionAst(statements, pos=self.span(tok.start, close.end))

    def parse_paren(self, tok: Token):
        self.advance(tok)
        self.skip_newlines()
        first = self.peek(CMD)
        if first.kind is _T.RPAREN:
            raise self.error("an expression was expected after '('", first.start)
        if first.kind is _T.EOF:
            raise self.unclosed("the parenthesized expression", ")", tok.start)
        if first.kind is _T.WORD and first.parts is None:
            word = first.text.lower()
            if word in STATEMENT_KEYWORDS:
                raise self.error(
                    f"the '{first.text}' statement cannot be used inside ( ); use $( ) instead",
                    first.start,
                )
        pipeline = self.parse_pipeline()
        self.skip_newlines()
        close = self.peek(EXPR)
        if close.kind is _T.SEMI:
            raise self.error(
                "only one statement is allowed inside ( ); use $( ) for several", close.start
            )
        close = self.expect_closer(_T.RPAREN, "the parenthesized expression", ")", tok.start)
        return ParenExpressionAst(pipeline, pos=self.span(tok.start, close.end))

    def parse_hashtable(self, tok: Token):
        self.advance(tok)
        pairs = []
        while True:
            self.skip_separators()
            nxt = self.peek(EXPR)
            if nxt.kind is _T.RBRACE:
                self.advance(nxt)
                return HashtableAst(pairs, pos=self.span(tok.start, nxt.end))
            if nxt.kind is _T.EOF:
                raise self.unclosed("the hashtable", "}", tok.start)
            key = self._hash_key(nxt)
            eq = self.peek(EXPR)
            if not (eq.kind is _T.OPERATOR and eq.value == "="):
                raise self.missing("missing '=' after the hashtable key", eq)
            self.advance(eq)
            self.skip_newlines()
            value = self.peek(CMD)
            if value.kind in (_T.EOF, _T.RBRACE, _T.SEMI):
                raise self.missing("missing value after '=' in the hashtable", value)
            pairs.append((key, unwrap(self.parse_statement())))
            c = self.next_char()
            if c not in ("", "\r", "\n", ";", "}"):
                raise self.unexpected(
                    self.peek(EXPR), " in the hashtable: expected ';', a new line or '}'"
                )

    def _hash_key(self, tok: Token):
        m = _BARE_KEY.match(self.text, tok.start)
        if m is not None and tok.kind is _T.WORD:
            self.pos = self.last_end = m.end()
            return StringConstantAst(m.group(), "", pos=self.span(tok.start, m.end()))
        self.require_operand("'{' in the hashtable (a key)")
        return self.parse_unary()

    # --- member access, indexing, calls ------------------------------------------

    def parse_postfix(self, node):
        """Apply `.member`, `::member`, `.method(...)` and `[index]` written right after `node`."""
        text = self.text
        chained = 0  # each step nests the tree one level deeper, and counts as nesting
        try:
            while self.pos < self.n:
                i = self.pos
                c = text[i]
                if c == ".":
                    nxt = text[i + 1 : i + 2]
                    if not nxt or not (
                        nxt.isalnum()
                        or nxt == "_"
                        or nxt in "$("
                        or nxt in SQUOTES
                        or nxt in DQUOTES
                    ):
                        return node
                    self.enter(i)
                    chained += 1
                    node = self._member(node, i + 1, False)
                elif c == ":" and text.startswith("::", i):
                    self.enter(i)
                    chained += 1
                    node = self._member(node, i + 2, True)
                elif c == "[":
                    self.enter(i)
                    chained += 1
                    node = self._index(node, i)
                else:
                    return node
            return node
        finally:
            self.depth -= chained

    def _member(self, target, i: int, static: bool):
        text = self.text
        m = _MEMBER_NAME.match(text, i)
        if m is not None:
            member = m.group()
            end = m.end()
            self.pos = self.last_end = end
        else:
            self.pos = i
            tok = self.peek(EXPR)
            if tok.kind in (_T.STRING, _T.EXPANDABLE, _T.VARIABLE, _T.LPAREN):
                member = self.primary(tok)
                end = member.pos.end
            else:
                raise self.missing("missing member name after '.'", tok)
        start = target.pos.offset
        if text.startswith("(", end):
            args = self._call_args(end)
            return InvokeMemberAst(
                target, member, args, static, pos=self.span(start, self.last_end)
            )
        return MemberAst(target, member, static, pos=self.span(start, end))

    def _call_args(self, opener: int) -> list:
        self.pos = opener + 1
        self.last_end = opener + 1
        args: list = []
        self.skip_newlines()
        tok = self.peek(EXPR)
        if tok.kind is _T.RPAREN:
            self.advance(tok)
            return args
        while True:
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.kind is _T.EOF:
                raise self.unclosed("the method call", ")", opener)
            self.require_operand("'(' or ',' in the method call")
            args.append(self.parse_expression(allow_comma=False))
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.kind is _T.COMMA:
                self.advance(tok)
                continue
            self.expect_closer(_T.RPAREN, "the method call", ")", opener)
            return args

    def _index(self, target, i: int):
        self.pos = i + 1
        self.last_end = i + 1
        self.skip_newlines()
        tok = self.peek(EXPR)
        if tok.kind is _T.EOF:
            raise self.unclosed("the index", "]", i)
        self.require_operand("'[' (an index)")
        index = self.parse_expression()
        self.skip_newlines()
        close = self.expect_closer(_T.RBRACKET, "the index", "]", i)
        return IndexAst(target, index, pos=self.span(target.pos.offset, close.end))

    # --- attributes (param blocks) -------------------------------------------------

    def attribute_or_type(self, tok: Token):
        """`[Name(args)]` as an AttributeAst, or `[Type]` as a TypeAst, starting at '['."""
        self.advance(tok)
        name = self.type_name(tok.start)
        i = self.lexer.skip_trivia(self.pos)
        if not self.text.startswith("(", i):
            close = self.expect_closer(_T.RBRACKET, "the type name", "]", tok.start)
            return TypeAst(name, pos=self.span(tok.start, close.end))
        positional, named = self._attribute_args(i)
        self.skip_newlines()
        close = self.expect_closer(_T.RBRACKET, "the attribute", "]", tok.start)
        return AttributeAst(name, positional, named, pos=self.span(tok.start, close.end))

    def _attribute_args(self, opener: int) -> tuple[list, list]:
        text = self.text
        self.pos = self.last_end = opener + 1
        positional: list = []
        named: list = []
        self.skip_newlines()
        tok = self.peek(EXPR)
        if tok.kind is _T.RPAREN:
            self.advance(tok)
            return positional, named
        while True:
            self.skip_newlines()
            i = self.lexer.skip_trivia(self.pos)
            m = _IDENTIFIER.match(text, i)
            after = self.lexer.skip_trivia(m.end()) if m else i
            nxt = text[after : after + 1]
            if m is not None and nxt == "=" and not text.startswith("==", after):
                self.pos = after + 1
                self.skip_newlines()
                self.require_operand(f"'{m.group()} ='")
                named.append((m.group(), self.parse_expression(allow_comma=False)))
            elif m is not None and nxt in ("", ",", ")", "\r", "\n"):
                self.pos = self.last_end = m.end()
                named.append((m.group(), None))
            else:
                tok = self.peek(EXPR)
                if tok.kind is _T.EOF:
                    raise self.unclosed("the attribute arguments", ")", opener)
                self.require_operand("'(' or ',' in the attribute arguments")
                positional.append(self.parse_expression(allow_comma=False))
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.kind is _T.COMMA:
                self.advance(tok)
                continue
            self.expect_closer(_T.RPAREN, "the attribute arguments", ")", opener)
            return positional, named


__all__ = ["ExpressionRules"]
