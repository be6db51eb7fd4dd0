"""AST node classes.

Every node is a dataclass whose `pos` is excluded from comparison and repr, so two trees
compare equal when they mean the same thing, wherever they came from. `pos` is keyword-only
and defaults to NOWHERE, so tests and tools can build nodes without positions.

Conventions:
- A script or script block with no named blocks keeps its statements in
  `ScriptBlockAst.statements`; `begin`/`process`/`end` are None then.
- Statement lists hold statements (PipelineAst, AssignmentAst, IfAst, ...). A pipeline that is
  a single expression is PipelineAst([CommandExpressionAst(expr)]).
- Places that take "a pipeline" but are not statement lists (conditions, loop iterables,
  assignment values, hashtable values, return/throw/exit operands) store a lone expression
  unwrapped (the bare expression node), and anything else as the statement node.
  ParenExpressionAst always holds the statement (PipelineAst or AssignmentAst).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .position import NOWHERE, Position


@dataclass
class Ast:
    pos: Position = field(default=NOWHERE, compare=False, repr=False, kw_only=True)


# --- blocks -----------------------------------------------------------------


@dataclass
class StatementBlockAst(Ast):
    """The `{ ... }` body of if/loops/try/switch clauses and named blocks."""

    statements: list


@dataclass
class AttributeAst(Ast):
    """`[Name(positional, Named=value, Flag)]`; a flag's value is None."""

    type_name: str
    positional_args: list
    named_args: list  # list[tuple[str, Expr | None]]


@dataclass
class ParameterAst(Ast):
    name: str
    type_name: str | None = None
    attributes: list = field(default_factory=list)
    default: object = None


@dataclass
class ParamBlockAst(Ast):
    attributes: list
    parameters: list


@dataclass
class ScriptBlockAst(Ast):
    param_block: ParamBlockAst | None = None
    begin: StatementBlockAst | None = None
    process: StatementBlockAst | None = None
    end: StatementBlockAst | None = None
    statements: list = field(default_factory=list)

    @property
    def has_named_blocks(self) -> bool:
        return self.begin is not None or self.process is not None or self.end is not None


# --- commands and pipelines -------------------------------------------------


@dataclass
class CommandParameterAst(Ast):
    """`-Name` (argument None) or `-Name:value`. Pairing `-Name value` is the binder's job."""

    name: str
    argument: object = None


@dataclass
class RedirectionAst(Ast):
    op: str  # ">", ">>" or "2>&1"
    target: object = None


@dataclass
class CommandAst(Ast):
    """A command. `name` is set when it is constant; otherwise `target` holds the expression."""

    name: str | None
    elements: list
    invocation: str = ""  # "", "&" or "."
    redirections: list = field(default_factory=list)
    target: object = None


@dataclass
class CommandExpressionAst(Ast):
    expr: object
    redirections: list = field(default_factory=list)


@dataclass
class PipelineAst(Ast):
    elements: list
    background: bool = False  # the PowerShell 7 '&' suffix is rejected, so always False


@dataclass
class AssignmentAst(Ast):
    target: object
    op: str
    value: object


# --- expressions ------------------------------------------------------------


@dataclass
class StringConstantAst(Ast):
    """A string without expansions; quote is "" (bare word), "'", '"', "@'" or '@"'."""

    value: str
    quote: str = ""


@dataclass
class ExpandableStringAst(Ast):
    """A string with `$var` / `$(...)` inside; value_raw is the text between the quotes."""

    value_raw: str
    parts: list
    quote: str = '"'


@dataclass
class NumberAst(Ast):
    value: int | float
    text: str


@dataclass
class VariableAst(Ast):
    name: str
    splatted: bool = False


@dataclass
class ArrayLiteralAst(Ast):
    items: list


@dataclass
class ArrayExpressionAst(Ast):
    statements: list


@dataclass
class SubExpressionAst(Ast):
    statements: list


@dataclass
class ParenExpressionAst(Ast):
    pipeline: object


@dataclass
class HashtableAst(Ast):
    pairs: list  # list[tuple[key_expr, value]]


@dataclass
class ScriptBlockExpressionAst(Ast):
    body: ScriptBlockAst


@dataclass
class MemberAst(Ast):
    """`target.member` / `target::member`; member is a str, or an expression when dynamic."""

    target: object
    member: object
    static: bool = False


@dataclass
class InvokeMemberAst(Ast):
    target: object
    member: object
    args: list
    static: bool = False


@dataclass
class IndexAst(Ast):
    target: object
    index: object


@dataclass
class TypeAst(Ast):
    type_name: str


@dataclass
class CastAst(Ast):
    type_name: str
    expr: object


@dataclass
class BinaryAst(Ast):
    op: str
    left: object
    right: object


@dataclass
class UnaryAst(Ast):
    op: str
    operand: object
    postfix: bool = False  # only for '++' / '--' written after the operand


# --- statements -------------------------------------------------------------


@dataclass
class IfAst(Ast):
    clauses: list  # list[tuple[condition, StatementBlockAst]]
    else_body: StatementBlockAst | None = None


@dataclass
class ForEachAst(Ast):
    variable: VariableAst
    iterable: object
    body: StatementBlockAst
    label: str | None = None


@dataclass
class ForAst(Ast):
    init: object
    condition: object
    iterator: object
    body: StatementBlockAst
    label: str | None = None


@dataclass
class WhileAst(Ast):
    condition: object
    body: StatementBlockAst
    label: str | None = None


@dataclass
class DoLoopAst(Ast):
    """`do {} while (...)` (until False) or `do {} until (...)` (until True)."""

    body: StatementBlockAst
    condition: object
    until: bool = False
    label: str | None = None


@dataclass
class SwitchAst(Ast):
    value: object
    flags: list  # lowercase: "regex", "wildcard", "exact", "casesensitive"
    clauses: list  # list[tuple[pattern, StatementBlockAst]]
    default: StatementBlockAst | None = None
    label: str | None = None


@dataclass
class CatchAst(Ast):
    types: list  # list[TypeAst]; empty catches everything
    body: StatementBlockAst


@dataclass
class TryAst(Ast):
    body: StatementBlockAst
    catches: list
    finally_body: StatementBlockAst | None = None


@dataclass
class ThrowAst(Ast):
    pipeline: object = None


@dataclass
class ReturnAst(Ast):
    pipeline: object = None


@dataclass
class ExitAst(Ast):
    pipeline: object = None


@dataclass
class BreakAst(Ast):
    label: str | None = None


@dataclass
class ContinueAst(Ast):
    label: str | None = None


@dataclass
class FunctionAst(Ast):
    """`function Name(params) { body }`; params is the parenthesised list (may be empty)."""

    name: str
    params: list
    body: ScriptBlockAst
    is_filter: bool = False


Expression = (
    StringConstantAst
    | ExpandableStringAst
    | NumberAst
    | VariableAst
    | ArrayLiteralAst
    | ArrayExpressionAst
    | SubExpressionAst
    | ParenExpressionAst
    | HashtableAst
    | ScriptBlockExpressionAst
    | MemberAst
    | InvokeMemberAst
    | IndexAst
    | TypeAst
    | CastAst
    | BinaryAst
    | UnaryAst
)


__all__ = [
    "Ast",
    "StatementBlockAst",
    "AttributeAst",
    "ParameterAst",
    "ParamBlockAst",
    "ScriptBlockAst",
    "CommandParameterAst",
    "RedirectionAst",
    "CommandAst",
    "CommandExpressionAst",
    "PipelineAst",
    "AssignmentAst",
    "StringConstantAst",
    "ExpandableStringAst",
    "NumberAst",
    "VariableAst",
    "ArrayLiteralAst",
    "ArrayExpressionAst",
    "SubExpressionAst",
    "ParenExpressionAst",
    "HashtableAst",
    "ScriptBlockExpressionAst",
    "MemberAst",
    "InvokeMemberAst",
    "IndexAst",
    "TypeAst",
    "CastAst",
    "BinaryAst",
    "UnaryAst",
    "IfAst",
    "ForEachAst",
    "ForAst",
    "WhileAst",
    "DoLoopAst",
    "SwitchAst",
    "CatchAst",
    "TryAst",
    "ThrowAst",
    "ReturnAst",
    "ExitAst",
    "BreakAst",
    "ContinueAst",
    "FunctionAst",
    "Expression",
]
