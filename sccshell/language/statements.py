"""Statement-level grammar: statement lists, keyword statements, functions and param blocks."""

from __future__ import annotations

import re

from .ast import (
    AttributeAst,
    BreakAst,
    CatchAst,
    ContinueAst,
    DoLoopAst,
    ExitAst,
    ForAst,
    ForEachAst,
    FunctionAst,
    IfAst,
    ParamBlockAst,
    ParameterAst,
    ReturnAst,
    ScriptBlockAst,
    StatementBlockAst,
    SwitchAst,
    ThrowAst,
    TryAst,
    TypeAst,
    VariableAst,
    WhileAst,
)
from .commands import CommandRules
from .lexer import CMD, EXPR
from .parser_core import unwrap
from .tokens import STATEMENT_KEYWORDS, UNSUPPORTED_KEYWORDS, Token, TokenKind

_T = TokenKind
_LABEL = re.compile(r":\w+")
_PARAM_KEYWORD = re.compile(r"param(?![\w-])", re.I)
_NAMED_BLOCK = re.compile(r"(begin|process|end|dynamicparam)(?![\w-])", re.I)
_LOOP_KEYWORDS = frozenset({"foreach", "for", "while", "do", "switch"})
_SWITCH_FLAGS = ("regex", "wildcard", "exact", "casesensitive", "file", "parallel")
_CLOSER_TEXT = {_T.RBRACE: "}", _T.RPAREN: ")"}
_DEPENDENT_MESSAGES = {
    "else": "'else' must follow the closing '}' of an 'if' statement",
    "elseif": "'elseif' must follow the closing '}' of an 'if' statement",
    "catch": "'catch' must follow a 'try' block",
    "finally": "'finally' must follow a 'try' or 'catch' block",
    "until": "'until' must follow the closing '}' of a 'do' block",
    "in": "'in' can only be used inside 'foreach (... in ...)'",
    "param": "'param' must come first in a script, function or script block",
}
# Statements that end with '}' can be followed by another statement on the same line.
_BLOCK_STATEMENTS = (IfAst, ForEachAst, ForAst, WhileAst, SwitchAst, TryAst, FunctionAst)


def _keyword(tok: Token) -> str | None:
    """The lowercased word of a plain bare-word token, else None."""
    if tok.kind is _T.WORD and tok.parts is None and tok.text == tok.value:
        return tok.text.lower()
    return None


class StatementRules(CommandRules):
    # --- statement lists ---------------------------------------------------------

    def parse_statement_list(self, closer: TokenKind, opener: int, what: str) -> list:
        """Statements up to (not including) `closer`; EOF as closer means the whole input."""
        statements: list = []
        text = self.text
        while True:
            self.skip_separators()
            tok = self.peek(CMD)
            if tok.kind is closer:
                return statements
            if tok.kind is _T.EOF:
                raise self.unclosed(what, _CLOSER_TEXT[closer], opener)
            statement = self.parse_statement()
            statements.append(statement)
            i = self.lexer.skip_trivia(self.pos)
            if i >= self.n or text[i] in "\r\n;":
                continue
            if (closer is _T.RBRACE and text[i] == "}") or (closer is _T.RPAREN and text[i] == ")"):
                continue
            if isinstance(statement, _BLOCK_STATEMENTS):
                continue
            raise self.unexpected(self.peek(EXPR))

    def parse_statement(self):
        tok = self.peek(CMD)
        self.enter(tok.start)
        word = _keyword(tok)
        if word is not None and word[0] == ":" and _LABEL.fullmatch(word):
            node = self._labeled(tok)
            self.leave()
            return node
        if word is not None:
            if word in STATEMENT_KEYWORDS:
                node = self._keyword_statement(word, tok, None)
                self.leave()
                return node
            message = UNSUPPORTED_KEYWORDS.get(word) or _DEPENDENT_MESSAGES.get(word)
            if message is not None:
                raise self.error(message, tok.start)
            if word in ("begin", "process", "end"):
                i = self.lexer.skip_newlines(tok.end)
                if self.text.startswith("{", i):
                    raise self.error(
                        f"a '{word}' block must come before any other statement in its script block",
                        tok.start,
                    )
        node = self.parse_pipeline()
        self.leave()
        return node

    def _labeled(self, tok: Token):
        self.advance(tok)
        nxt = self.peek(CMD)
        word = _keyword(nxt)
        if word not in _LOOP_KEYWORDS:
            raise self.missing(
                f"the label {tok.describe()} must be followed by a loop or switch statement", nxt
            )
        return self._keyword_statement(word, nxt, tok.text[1:], start=tok.start)

    def _keyword_statement(self, word: str, tok: Token, label: str | None, start: int = -1):
        if start < 0:
            start = tok.start
        self.advance(tok)
        if word == "if":
            return self._if(start)
        if word == "foreach":
            return self._foreach(tok, start, label)
        if word == "for":
            return self._for(tok, start, label)
        if word == "while":
            condition = self._condition(tok)
            body = self.parse_statement_block("the 'while' condition")
            return WhileAst(condition, body, label, pos=self.span(start, body.pos.end))
        if word == "do":
            return self._do(start, label)
        if word == "switch":
            return self._switch(tok, start, label)
        if word == "try":
            return self._try(tok)
        if word in ("throw", "return", "exit"):
            pipeline = self._optional_pipeline()
            cls = {"throw": ThrowAst, "return": ReturnAst, "exit": ExitAst}[word]
            end = pipeline.pos.end if pipeline is not None else tok.end
            return cls(pipeline, pos=self.span(start, end))
        if word in ("break", "continue"):
            return self._break_continue(word, tok)
        return self._function(tok, word == "filter")

    def _optional_pipeline(self):
        c = self.next_char()
        if c in ("", "\r", "\n", ";", "}", ")"):
            return None
        return unwrap(self.parse_pipeline())

    def _break_continue(self, word: str, tok: Token):
        cls = BreakAst if word == "break" else ContinueAst
        c = self.next_char()
        if c in ("", "\r", "\n", ";", "}", ")"):
            return cls(None, pos=self.span(tok.start, tok.end))
        label = self.peek(CMD)
        if label.kind is not _T.WORD or label.parts is not None:
            raise self.unexpected(label, f" after '{word}' (expected a loop label)")
        self.advance(label)
        return cls(label.value, pos=self.span(tok.start, label.end))

    # --- blocks -------------------------------------------------------------------

    def parse_statement_block(self, after: str) -> StatementBlockAst:
        """A `{ statements }` block; newlines may come before the '{'."""
        self.skip_newlines()
        tok = self.peek(CMD)
        if tok.kind is not _T.LBRACE:
            raise self.missing(f"missing '{{' after {after}", tok)
        self.advance(tok)
        statements = self.parse_statement_list(_T.RBRACE, tok.start, "the statement block")
        close = self.expect_closer(_T.RBRACE, "the statement block", "}", tok.start)
        return StatementBlockAst(statements, pos=self.span(tok.start, close.end))

    def parse_script_block_body(self, opener: Token | None) -> ScriptBlockAst:
        """The inside of `{ ... }` (opener given, '}' consumed) or of the whole script."""
        closer = _T.RBRACE if opener is not None else _T.EOF
        start = opener.start if opener is not None else 0
        what = "the script block"
        param_block = self._param_block()
        node = ScriptBlockAst(param_block)
        if self._named_blocks_follow():
            self._named_blocks(node, closer, start, what)
        else:
            node.statements = self.parse_statement_list(closer, start, what)
        if opener is not None:
            close = self.expect_closer(_T.RBRACE, what, "}", start)
            node.pos = self.span(start, close.end)
        else:
            node.pos = self.span(0, self.n)
        return node

    def _named_blocks_follow(self) -> bool:
        i = self.lexer.skip_newlines(self.pos)
        while self.text.startswith(";", i):
            i = self.lexer.skip_newlines(i + 1)
        m = _NAMED_BLOCK.match(self.text, i)
        return m is not None and self.text.startswith("{", self.lexer.skip_newlines(m.end()))

    def _named_blocks(self, node: ScriptBlockAst, closer: TokenKind, start: int, what: str) -> None:
        while True:
            self.skip_separators()
            tok = self.peek(CMD)
            if tok.kind is closer:
                return
            if tok.kind is _T.EOF:
                raise self.unclosed(what, "}", start)
            word = _keyword(tok)
            if word == "dynamicparam":
                raise self.error(UNSUPPORTED_KEYWORDS["dynamicparam"], tok.start)
            if word not in ("begin", "process", "end"):
                raise self.unexpected(
                    tok,
                    ": a script block with named blocks can only contain begin, process and end blocks",
                )
            if getattr(node, word) is not None:
                raise self.error(f"the script block has more than one '{word}' block", tok.start)
            self.advance(tok)
            setattr(node, word, self.parse_statement_block(f"'{word}'"))

    # --- param blocks ---------------------------------------------------------------

    def _param_block(self) -> ParamBlockAst | None:
        mark = self.mark()
        self.skip_newlines()
        attributes = []
        start = self.lexer.skip_trivia(self.pos)
        while self.next_char() == "[":
            attribute = self.attribute_or_type(self.peek(EXPR))
            if not isinstance(attribute, AttributeAst):
                self.reset(mark)
                return None
            attributes.append(attribute)
            self.skip_newlines()
        i = self.lexer.skip_trivia(self.pos)
        m = _PARAM_KEYWORD.match(self.text, i)
        if m is None or not self.text.startswith("(", self.lexer.skip_newlines(m.end())):
            self.reset(mark)
            return None
        self.pos = self.lexer.skip_newlines(m.end())
        opener = self.peek(EXPR)
        self.advance(opener)
        parameters = self.parameter_list(opener.start, "the param block")
        return ParamBlockAst(attributes, parameters, pos=self.span(start, self.last_end))

    def parameter_list(self, opener: int, what: str) -> list:
        """Parameters separated by ',' up to and including the closing ')'."""
        parameters: list = []
        self.skip_newlines()
        tok = self.peek(EXPR)
        if tok.kind is _T.RPAREN:
            self.advance(tok)
            return parameters
        while True:
            self.skip_newlines()
            parameters.append(self._parameter_definition(opener, what))
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.kind is _T.COMMA:
                self.advance(tok)
                continue
            self.expect_closer(_T.RPAREN, what, ")", opener)
            return parameters

    def _parameter_definition(self, opener: int, what: str) -> ParameterAst:
        attributes: list = []
        type_name = None
        tok = self.peek(EXPR)
        start = tok.start
        while tok.kind is _T.LBRACKET:
            item = self.attribute_or_type(tok)
            if isinstance(item, TypeAst):
                if type_name is not None:
                    raise self.error("a parameter can have only one type", item.pos.offset)
                type_name = item.type_name
            else:
                attributes.append(item)
            self.skip_newlines()
            tok = self.peek(EXPR)
        if tok.kind is _T.EOF:
            raise self.unclosed(what, ")", opener)
        if tok.kind is not _T.VARIABLE:
            raise self.missing("missing parameter variable (like $Name)", tok)
        self.advance(tok)
        default = None
        eq = self.peek(EXPR)
        if eq.kind is _T.OPERATOR and eq.value == "=":
            self.advance(eq)
            self.skip_newlines()
            self.require_operand("'=' (a default value)")
            default = self.parse_expression(allow_comma=False)
        return ParameterAst(
            tok.value, type_name, attributes, default, pos=self.span(start, self.last_end)
        )

    # --- functions ----------------------------------------------------------------------

    def _function(self, keyword: Token, is_filter: bool) -> FunctionAst:
        tok = self.peek(CMD)
        if tok.kind is not _T.WORD or tok.parts is not None:
            raise self.missing(f"missing name after '{keyword.text}'", tok)
        self.advance(tok)
        name = tok.value
        params: list = []
        self.skip_newlines()
        nxt = self.peek(EXPR)
        if nxt.kind is _T.LPAREN:
            self.advance(nxt)
            params = self.parameter_list(nxt.start, "the function's parameter list")
            self.skip_newlines()
            nxt = self.peek(EXPR)
        if nxt.kind is not _T.LBRACE:
            raise self.missing(f"missing '{{' to start the body of function '{name}'", nxt)
        self.advance(nxt)
        body = self.parse_script_block_body(nxt)
        if params and body.param_block is not None:
            raise self.error(
                f"function '{name}' cannot have both a parameter list and a param block",
                body.param_block.pos.offset,
            )
        return FunctionAst(
            name, params, body, is_filter, pos=self.span(keyword.start, body.pos.end)
        )

    # --- conditions and loops ---------------------------------------------------------------

    def _condition(self, keyword: Token):
        """The parenthesized pipeline after if/elseif/while/switch/until."""
        self.skip_newlines()
        tok = self.peek(EXPR)
        if tok.kind is not _T.LPAREN:
            raise self.missing(f"missing '(' after '{keyword.text}'", tok)
        self.advance(tok)
        self.skip_newlines()
        first = self.peek(CMD)
        if first.kind is _T.RPAREN:
            raise self.error(f"missing condition inside '{keyword.text} ( )'", first.start)
        if first.kind is _T.EOF:
            raise self.unclosed(f"the '{keyword.text}' condition", ")", tok.start)
        pipeline = self.parse_pipeline()
        self.skip_newlines()
        self.expect_closer(_T.RPAREN, f"the '{keyword.text}' condition", ")", tok.start)
        return unwrap(pipeline)

    def _if(self, start: int) -> IfAst:
        clauses = []
        keyword = Token(_T.WORD, start, start + 2, self.text[start : start + 2])
        while True:
            condition = self._condition(keyword)
            body = self.parse_statement_block(f"the '{keyword.text}' condition")
            clauses.append((condition, body))
            mark = self.mark()
            self.skip_newlines()
            tok = self.peek(CMD)
            word = _keyword(tok)
            if word == "elseif":
                self.advance(tok)
                keyword = tok
                continue
            if word == "else":
                self.advance(tok)
                else_body = self.parse_statement_block("'else'")
                return IfAst(clauses, else_body, pos=self.span(start, else_body.pos.end))
            self.reset(mark)
            return IfAst(clauses, None, pos=self.span(start, body.pos.end))

    def _foreach(self, keyword: Token, start: int, label: str | None) -> ForEachAst:
        self.skip_newlines()
        tok = self.peek(CMD)
        if tok.kind is _T.PARAMETER:
            raise self.error(
                f"'foreach {tok.text}' (workflows) is not supported by sccshell", tok.start
            )
        if tok.kind is not _T.LPAREN:
            raise self.missing(f"missing '(' after '{keyword.text}'", tok)
        self.advance(tok)
        self.skip_newlines()
        var = self.peek(EXPR)
        if var.kind is _T.EOF:
            raise self.unclosed("the 'foreach' header", ")", tok.start)
        if var.kind is not _T.VARIABLE:
            raise self.missing("missing variable after 'foreach ('", var)
        self.advance(var)
        variable = VariableAst(var.value, pos=self.span(var.start, var.end))
        self.skip_newlines()
        in_tok = self.peek(CMD)
        if _keyword(in_tok) != "in":
            raise self.missing("missing 'in' in the 'foreach' header", in_tok)
        self.advance(in_tok)
        self.skip_newlines()
        first = self.peek(CMD)
        if first.kind is _T.RPAREN:
            raise self.error("missing expression after 'in' in the 'foreach' header", first.start)
        if first.kind is _T.EOF:
            raise self.unclosed("the 'foreach' header", ")", tok.start)
        iterable = unwrap(self.parse_pipeline())
        self.skip_newlines()
        self.expect_closer(_T.RPAREN, "the 'foreach' header", ")", tok.start)
        body = self.parse_statement_block("the 'foreach' header")
        return ForEachAst(variable, iterable, body, label, pos=self.span(start, body.pos.end))

    def _for(self, keyword: Token, start: int, label: str | None) -> ForAst:
        self.skip_newlines()
        tok = self.peek(EXPR)
        if tok.kind is not _T.LPAREN:
            raise self.missing(f"missing '(' after '{keyword.text}'", tok)
        self.advance(tok)
        parts: list = []
        for index in range(3):
            self.skip_newlines()
            c = self.next_char()
            if c == "":
                raise self.unclosed("the 'for' header", ")", tok.start)
            part = None
            if c not in (";", ")"):
                part = unwrap(self.parse_pipeline())
            parts.append(part)
            if index == 2:
                break
            c = self.next_char()
            if c == ")":
                parts.extend([None] * (2 - index))
                break
            if c == ";":
                self.pos = self.lexer.skip_trivia(self.pos) + 1
            elif c not in ("\r", "\n"):
                raise self.unexpected(self.peek(EXPR), " in the 'for' header")
        self.skip_newlines()
        self.expect_closer(_T.RPAREN, "the 'for' header", ")", tok.start)
        body = self.parse_statement_block("the 'for' header")
        return ForAst(parts[0], parts[1], parts[2], body, label, pos=self.span(start, body.pos.end))

    def _do(self, start: int, label: str | None) -> DoLoopAst:
        body = self.parse_statement_block("'do'")
        self.skip_newlines()
        tok = self.peek(CMD)
        word = _keyword(tok)
        if word not in ("while", "until"):
            raise self.missing("missing 'while' or 'until' after the 'do' block", tok)
        self.advance(tok)
        condition = self._condition(tok)
        return DoLoopAst(
            body, condition, word == "until", label, pos=self.span(start, self.last_end)
        )

    def _switch(self, keyword: Token, start: int, label: str | None) -> SwitchAst:
        flags: list[str] = []
        self.skip_newlines()
        tok = self.peek(CMD)
        while tok.kind is _T.PARAMETER:
            flag = tok.value.lower()
            matches = [name for name in _SWITCH_FLAGS if name.startswith(flag)] if flag else []
            if len(matches) != 1 or tok.colon:
                raise self.error(f"unknown switch option {tok.describe()}", tok.start)
            if matches[0] in ("file", "parallel"):
                raise self.error(f"'switch -{matches[0]}' is not supported by sccshell", tok.start)
            flags.append(matches[0])
            self.advance(tok)
            self.skip_newlines()
            tok = self.peek(CMD)
        value = self._condition(keyword)
        self.skip_newlines()
        opener = self.peek(CMD)
        if opener.kind is not _T.LBRACE:
            raise self.missing("missing '{' to start the switch body", opener)
        self.advance(opener)
        clauses: list = []
        default = None
        while True:
            self.skip_separators()
            tok = self.peek(CMD)
            if tok.kind is _T.RBRACE:
                self.advance(tok)
                break
            if tok.kind is _T.EOF:
                raise self.unclosed("the switch body", "}", opener.start)
            if _keyword(tok) == "default":
                if default is not None:
                    raise self.error("the switch has more than one 'default' clause", tok.start)
                self.advance(tok)
                default = self.parse_statement_block("'default'")
                continue
            pattern = self.argument_primary()
            clauses.append((pattern, self.parse_statement_block("the switch clause")))
        return SwitchAst(value, flags, clauses, default, label, pos=self.span(start, tok.end))

    def _try(self, keyword: Token) -> TryAst:
        body = self.parse_statement_block("'try'")
        catches: list = []
        finally_body = None
        while True:
            mark = self.mark()
            self.skip_newlines()
            tok = self.peek(CMD)
            word = _keyword(tok)
            if word == "catch":
                if catches and not catches[-1].types:
                    raise self.error(
                        "a 'catch' without a type must be the last catch block",
                        catches[-1].pos.offset,
                    )
                self.advance(tok)
                catches.append(self._catch(tok))
                continue
            if word == "finally":
                self.advance(tok)
                finally_body = self.parse_statement_block("'finally'")
                break
            self.reset(mark)
            if not catches:
                raise self.missing(
                    "the 'try' block is missing its 'catch' or 'finally' block", self._peek_next()
                )
            break
        end = (finally_body or catches[-1]).pos.end
        return TryAst(body, catches, finally_body, pos=self.span(keyword.start, end))

    def _peek_next(self) -> Token:
        mark = self.mark()
        self.skip_newlines()
        tok = self.peek(CMD)
        self.reset(mark)
        return tok

    def _catch(self, keyword: Token) -> CatchAst:
        types: list = []
        self.skip_newlines()
        tok = self.peek(EXPR)
        while tok.kind is _T.LBRACKET:
            name, end = self.type_literal(tok)
            types.append(TypeAst(name, pos=self.span(tok.start, end)))
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.kind is not _T.COMMA:
                break
            self.advance(tok)
            self.skip_newlines()
            tok = self.peek(EXPR)
            if tok.kind is not _T.LBRACKET:
                raise self.missing("missing exception type after ',' in 'catch'", tok)
        body = self.parse_statement_block("'catch'")
        return CatchAst(types, body, pos=self.span(keyword.start, body.pos.end))
