"""Prints any AST back to PowerShell source that parses to an equal tree."""

from __future__ import annotations

import re

from . import ast as A
from .lexer import CMD, EXPR, Lexer
from .position import SourceText
from .tokens import ALL_KEYWORDS, DASHES, DQUOTES, SQUOTES, WORD_END

_INDENT = "    "
_SIMPLE_VARIABLE = re.compile(r"\w+(?::\w+)?|[?$^]")
_WORD_ESCAPES = {
    "\0": "`0",
    "\a": "`a",
    "\b": "`b",
    "\x1b": "`e",
    "\f": "`f",
    "\n": "`n",
    "\r": "`r",
    "\t": "`t",
    "\v": "`v",
}
_WORD_SPECIAL = WORD_END | frozenset(SQUOTES + DQUOTES + "`$")
_DQ_SPECIAL = frozenset(DQUOTES + "`$")
_WORD_UNARY = frozenset({"-not", "-bnot", "-split", "-join"})

# Contexts a bare word can be printed in.
ARGUMENT = "argument"  # a command argument, or after '&' / '.'
STATEMENT = "statement"  # a command name at the start of a statement
PIPED = "piped"  # a command name after '|'
SWITCH = "switch"  # a switch clause pattern


def to_source(node: object) -> str:
    """PowerShell source for `node`; parsing it gives back an equal tree."""
    return _Printer().statement(node, "")


def bare_word(value: str, context: str = ARGUMENT) -> str:
    """`value` written as a bare word that reads back as the same string in `context`."""
    if not value:
        return "''"
    out = []
    for ch in value:
        escaped = _WORD_ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ch in _WORD_SPECIAL:
            out.append("`" + ch)
        else:
            out.append(ch)
    first = value[0]
    if out[0] == first:
        if first in DASHES or first in "@#":
            out[0] = "`" + first
        elif context == STATEMENT and first in "[!+:":
            out[0] = "`" + first
        elif context != ARGUMENT and first == "." and (len(value) == 1 or value[1].isdigit()):
            out[0] = "`."
        elif context == STATEMENT and value.lower() in ALL_KEYWORDS:
            out[0] = first + "''"
        elif context == SWITCH and value.lower() == "default":
            out[0] = first + "''"
        elif first.isdigit() or first == ".":
            text = "".join(out)
            lexer = Lexer(SourceText(text))
            if lexer.scan_number(0, False, EXPR if context == STATEMENT else CMD) is not None:
                out[0] = "0''" if first == "0" else "`" + first
    return "".join(out)


def single_quoted(value: str) -> str:
    # Any single-quote character followed by another one reads as the second one.
    return "'" + "".join("'" + ch if ch in SQUOTES else ch for ch in value) + "'"


def double_quoted(value: str) -> str:
    out = []
    for ch in value:
        escaped = _WORD_ESCAPES.get(ch)
        if escaped is not None and ch != "\n":
            out.append(escaped)
        elif ch in _DQ_SPECIAL:
            out.append("`" + ch)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def here_string(opener: str, content: str) -> str:
    # A content ending in CR needs CRLF before the closer, or the CR would join the line break.
    newline = "\r\n" if content.endswith("\r") else "\n"
    return opener + "\n" + content + newline + opener[::-1]


def variable(node: A.VariableAst) -> str:
    if node.splatted:
        return "@" + node.name
    if _SIMPLE_VARIABLE.fullmatch(node.name):
        return "$" + node.name
    name = "".join("`" + ch if ch in "{}`" else ch for ch in node.name)
    return "${" + name + "}"


class _Printer:
    # --- statements -----------------------------------------------------------------

    def statement(self, node: object, indent: str) -> str:
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is not None:
            return method(node, indent)
        return self.expr(node, indent)

    def statements(self, nodes: list, indent: str) -> list[str]:
        return [self.statement(node, indent) for node in nodes]

    def block(self, statements: list, indent: str) -> str:
        if not statements:
            return "{}"
        inner = indent + _INDENT
        lines = self.statements(statements, inner)
        if len(lines) == 1 and "\n" not in lines[0] and len(lines[0]) <= 70:
            return "{ " + lines[0] + " }"
        return "{\n" + "\n".join(inner + line for line in lines) + "\n" + indent + "}"

    def s_StatementBlockAst(self, node: A.StatementBlockAst, indent: str) -> str:
        return self.block(node.statements, indent)

    def s_ScriptBlockAst(self, node: A.ScriptBlockAst, indent: str) -> str:
        return "\n".join(
            indent + line if i else line for i, line in enumerate(self._body(node, indent))
        )

    def _body(self, node: A.ScriptBlockAst, indent: str) -> list[str]:
        lines: list[str] = []
        if node.param_block is not None:
            lines.extend(self._param_block(node.param_block, indent))
        if node.has_named_blocks:
            for name in ("begin", "process", "end"):
                block = getattr(node, name)
                if block is not None:
                    lines.append(name + " " + self.block(block.statements, indent))
        else:
            lines.extend(self.statements(node.statements, indent))
        return lines

    def _param_block(self, node: A.ParamBlockAst, indent: str) -> list[str]:
        lines = [self.attribute(attr, indent) for attr in node.attributes]
        if not node.parameters:
            lines.append("param()")
            return lines
        inner = indent + _INDENT
        params = ",\n".join(inner + self.parameter(p, inner) for p in node.parameters)
        lines.append("param(\n" + params + "\n" + indent + ")")
        return lines

    def parameter(self, node: A.ParameterAst, indent: str) -> str:
        text = "".join(self.attribute(attr, indent) for attr in node.attributes)
        if node.type_name is not None:
            text += "[" + node.type_name + "]"
        text += variable(A.VariableAst(node.name))
        if node.default is not None:
            text += " = " + self.expr(node.default, indent)
        return text

    def attribute(self, node: A.AttributeAst, indent: str) -> str:
        args = [self.expr(arg, indent) for arg in node.positional_args]
        for name, value in node.named_args:
            args.append(name if value is None else f"{name} = {self.expr(value, indent)}")
        return "[" + node.type_name + "(" + ", ".join(args) + ")]"

    def s_PipelineAst(self, node: A.PipelineAst, indent: str) -> str:
        parts = []
        for i, element in enumerate(node.elements):
            if isinstance(element, A.CommandAst):
                parts.append(self.command(element, indent, STATEMENT if i == 0 else PIPED))
            else:
                parts.append(self.s_CommandExpressionAst(element, indent))
        return " | ".join(parts)

    def s_CommandExpressionAst(self, node: A.CommandExpressionAst, indent: str) -> str:
        parts = [self.expr(node.expr, indent)]
        parts.extend(self.redirection(r, indent) for r in node.redirections)
        return " ".join(parts)

    def s_CommandAst(self, node: A.CommandAst, indent: str) -> str:
        return self.command(node, indent, STATEMENT)

    def command(self, node: A.CommandAst, indent: str, context: str) -> str:
        parts = []
        if node.invocation:
            parts.append(node.invocation)
            context = ARGUMENT
        if node.name is not None:
            parts.append(bare_word(node.name, context))
        else:
            parts.append(self.arg(node.target, indent))
        parts.extend(self.arg(element, indent) for element in node.elements)
        parts.extend(self.redirection(r, indent) for r in node.redirections)
        return " ".join(parts)

    def redirection(self, node: A.RedirectionAst, indent: str) -> str:
        if node.target is None:
            return node.op
        return node.op + " " + self.arg(node.target, indent)

    def s_AssignmentAst(self, node: A.AssignmentAst, indent: str) -> str:
        target = self.expr(node.target, indent)
        return f"{target} {node.op} {self.statement(node.value, indent)}"

    def s_IfAst(self, node: A.IfAst, indent: str) -> str:
        parts = []
        for i, (condition, body) in enumerate(node.clauses):
            keyword = "if" if i == 0 else "elseif"
            parts.append(
                f"{keyword} ({self.statement(condition, indent)}) {self.block(body.statements, indent)}"
            )
        if node.else_body is not None:
            parts.append("else " + self.block(node.else_body.statements, indent))
        return " ".join(parts)

    def _label(self, node) -> str:
        return f":{node.label} " if node.label is not None else ""

    def s_ForEachAst(self, node: A.ForEachAst, indent: str) -> str:
        head = f"foreach ({variable(node.variable)} in {self.statement(node.iterable, indent)})"
        return self._label(node) + head + " " + self.block(node.body.statements, indent)

    def s_ForAst(self, node: A.ForAst, indent: str) -> str:
        parts = [
            "" if part is None else self.statement(part, indent)
            for part in (node.init, node.condition, node.iterator)
        ]
        head = "for (" + "; ".join(parts).rstrip() + ")"
        return self._label(node) + head + " " + self.block(node.body.statements, indent)

    def s_WhileAst(self, node: A.WhileAst, indent: str) -> str:
        head = f"while ({self.statement(node.condition, indent)})"
        return self._label(node) + head + " " + self.block(node.body.statements, indent)

    def s_DoLoopAst(self, node: A.DoLoopAst, indent: str) -> str:
        keyword = "until" if node.until else "while"
        body = self.block(node.body.statements, indent)
        condition = self.statement(node.condition, indent)
        return f"{self._label(node)}do {body} {keyword} ({condition})"

    def s_SwitchAst(self, node: A.SwitchAst, indent: str) -> str:
        head = "switch " + "".join(f"-{flag} " for flag in node.flags)
        head += f"({self.statement(node.value, indent)})"
        inner = indent + _INDENT
        lines = []
        for pattern, body in node.clauses:
            lines.append(
                self.arg(pattern, inner, SWITCH) + " " + self.block(body.statements, inner)
            )
        if node.default is not None:
            lines.append("default " + self.block(node.default.statements, inner))
        if not lines:
            return self._label(node) + head + " {}"
        body = "{\n" + "\n".join(inner + line for line in lines) + "\n" + indent + "}"
        return self._label(node) + head + " " + body

    def s_TryAst(self, node: A.TryAst, indent: str) -> str:
        parts = ["try " + self.block(node.body.statements, indent)]
        for catch in node.catches:
            types = ", ".join("[" + t.type_name + "]" for t in catch.types)
            head = "catch " + (types + " " if types else "")
            parts.append(head + self.block(catch.body.statements, indent))
        if node.finally_body is not None:
            parts.append("finally " + self.block(node.finally_body.statements, indent))
        return " ".join(parts)

    def _flow(self, keyword: str, pipeline: object, indent: str) -> str:
        if pipeline is None:
            return keyword
        return keyword + " " + self.statement(pipeline, indent)

    def s_ThrowAst(self, node: A.ThrowAst, indent: str) -> str:
        return self._flow("throw", node.pipeline, indent)

    def s_ReturnAst(self, node: A.ReturnAst, indent: str) -> str:
        return self._flow("return", node.pipeline, indent)

    def s_ExitAst(self, node: A.ExitAst, indent: str) -> str:
        return self._flow("exit", node.pipeline, indent)

    def s_BreakAst(self, node: A.BreakAst, indent: str) -> str:
        return "break" if node.label is None else "break " + bare_word(node.label)

    def s_ContinueAst(self, node: A.ContinueAst, indent: str) -> str:
        return "continue" if node.label is None else "continue " + bare_word(node.label)

    def s_FunctionAst(self, node: A.FunctionAst, indent: str) -> str:
        head = ("filter " if node.is_filter else "function ") + bare_word(node.name)
        if node.params:
            head += "(" + ", ".join(self.parameter(p, indent) for p in node.params) + ")"
        return head + " " + self.script_block(node.body, indent)

    def script_block(self, node: A.ScriptBlockAst, indent: str) -> str:
        inner = indent + _INDENT
        lines = self._body(node, inner)
        if not lines:
            return "{}"
        simple = node.param_block is None and not node.has_named_blocks
        if simple and len(lines) == 1 and "\n" not in lines[0] and len(lines[0]) <= 70:
            return "{ " + lines[0] + " }"
        return "{\n" + "\n".join(inner + line for line in lines) + "\n" + indent + "}"

    def s_ParamBlockAst(self, node: A.ParamBlockAst, indent: str) -> str:
        return ("\n" + indent).join(self._param_block(node, indent))

    def s_ParameterAst(self, node: A.ParameterAst, indent: str) -> str:
        return self.parameter(node, indent)

    def s_AttributeAst(self, node: A.AttributeAst, indent: str) -> str:
        return self.attribute(node, indent)

    def s_CatchAst(self, node: A.CatchAst, indent: str) -> str:
        types = ", ".join("[" + t.type_name + "]" for t in node.types)
        return "catch " + (types + " " if types else "") + self.block(node.body.statements, indent)

    def s_CommandParameterAst(self, node: A.CommandParameterAst, indent: str) -> str:
        return self.arg(node, indent)

    def s_RedirectionAst(self, node: A.RedirectionAst, indent: str) -> str:
        return self.redirection(node, indent)

    # --- arguments --------------------------------------------------------------------

    def arg(self, node: object, indent: str, context: str = ARGUMENT) -> str:
        """`node` as a command argument (argument mode)."""
        if isinstance(node, A.StringConstantAst) and node.quote == "":
            return bare_word(node.value, context)
        if isinstance(node, A.CommandParameterAst):
            if node.argument is None:
                return "-" + node.name
            return "-" + node.name + ":" + self.arg(node.argument, indent)
        if isinstance(node, A.ArrayLiteralAst):
            if len(node.items) == 1:
                return "," + self.arg(node.items[0], indent)
            return ",".join(self.arg(item, indent) for item in node.items)
        return self.expr(node, indent)

    # --- expressions ------------------------------------------------------------------

    def expr(self, node: object, indent: str) -> str:
        return getattr(self, "e_" + type(node).__name__)(node, indent)

    def e_StringConstantAst(self, node: A.StringConstantAst, indent: str) -> str:
        quote = node.quote
        if quote == "'":
            return single_quoted(node.value)
        if quote == '"':
            return double_quoted(node.value)
        if quote in ("@'", '@"'):
            return here_string(quote, node.value)
        return bare_word(node.value)

    def e_ExpandableStringAst(self, node: A.ExpandableStringAst, indent: str) -> str:
        if node.quote == '"':
            return '"' + node.value_raw + '"'
        if node.quote == '@"':
            return here_string('@"', node.value_raw)
        return node.value_raw

    def e_NumberAst(self, node: A.NumberAst, indent: str) -> str:
        return node.text

    def e_VariableAst(self, node: A.VariableAst, indent: str) -> str:
        return variable(node)

    def e_ArrayLiteralAst(self, node: A.ArrayLiteralAst, indent: str) -> str:
        if len(node.items) == 1:
            return "," + self.expr(node.items[0], indent)
        return ", ".join(self.expr(item, indent) for item in node.items)

    def e_ArrayExpressionAst(self, node: A.ArrayExpressionAst, indent: str) -> str:
        return "@(" + "; ".join(self.statements(node.statements, indent)) + ")"

    def e_SubExpressionAst(self, node: A.SubExpressionAst, indent: str) -> str:
        return "$(" + "; ".join(self.statements(node.statements, indent)) + ")"

    def e_ParenExpressionAst(self, node: A.ParenExpressionAst, indent: str) -> str:
        return "(" + self.statement(node.pipeline, indent) + ")"

    def e_HashtableAst(self, node: A.HashtableAst, indent: str) -> str:
        pairs = []
        for key, value in node.pairs:
            if isinstance(key, A.StringConstantAst) and key.quote == "":
                key_text = key.value
            else:
                key_text = self.expr(key, indent)
            pairs.append(f"{key_text} = {self.statement(value, indent)}")
        return "@{" + "; ".join(pairs) + "}"

    def e_ScriptBlockExpressionAst(self, node: A.ScriptBlockExpressionAst, indent: str) -> str:
        return self.script_block(node.body, indent)

    def _member_name(self, member: object, indent: str) -> str:
        return member if isinstance(member, str) else self.expr(member, indent)

    def e_MemberAst(self, node: A.MemberAst, indent: str) -> str:
        sep = "::" if node.static else "."
        return self.expr(node.target, indent) + sep + self._member_name(node.member, indent)

    def e_InvokeMemberAst(self, node: A.InvokeMemberAst, indent: str) -> str:
        sep = "::" if node.static else "."
        args = ", ".join(self.expr(arg, indent) for arg in node.args)
        target = self.expr(node.target, indent)
        return f"{target}{sep}{self._member_name(node.member, indent)}({args})"

    def e_IndexAst(self, node: A.IndexAst, indent: str) -> str:
        return self.expr(node.target, indent) + "[" + self.expr(node.index, indent) + "]"

    def e_TypeAst(self, node: A.TypeAst, indent: str) -> str:
        return "[" + node.type_name + "]"

    def e_CastAst(self, node: A.CastAst, indent: str) -> str:
        return "[" + node.type_name + "]" + self.expr(node.expr, indent)

    def e_BinaryAst(self, node: A.BinaryAst, indent: str) -> str:
        # A long chain (`1 + 1 + ... + 1`) is a left spine as deep as the chain is long:
        # walk it in a loop so that printing never runs into Python's recursion limit.
        links: list[A.BinaryAst] = []
        left: object = node
        while isinstance(left, A.BinaryAst):
            links.append(left)
            left = left.left
        parts = [self.expr(left, indent)]
        for link in reversed(links):
            parts.append(f"{link.op} {self.expr(link.right, indent)}")
        return " ".join(parts)

    def e_UnaryAst(self, node: A.UnaryAst, indent: str) -> str:
        operand = self.expr(node.operand, indent)
        if node.postfix:
            return operand + node.op
        if node.op in _WORD_UNARY:
            return node.op + " " + operand
        if node.op in ("-", "+") and (operand[:1].isdigit() or operand[:1] in "." + DASHES + "+"):
            return node.op + " " + operand
        return node.op + operand

    def e_AssignmentAst(self, node: A.AssignmentAst, indent: str) -> str:
        return self.s_AssignmentAst(node, indent)

    def e_PipelineAst(self, node: A.PipelineAst, indent: str) -> str:
        return self.s_PipelineAst(node, indent)
