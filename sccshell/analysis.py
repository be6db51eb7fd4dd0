"""Offline analysis of a script: parse it and bind every command against the schema.

This is what `sccshell --check` reports and what the REPL marks as you type. Nothing
is connected or run: values that come from variables or subexpressions are unknown
and bind to anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sccshell.language import ParseError, parse, to_source, walk
from sccshell.language import ast as A
from sccshell.schema.aliases import resolve_alias
from sccshell.schema.arguments import UNKNOWN, Arg, ScriptBlockValue
from sccshell.schema.binder import bind
from sccshell.schema.functions import function_cmdlet
from sccshell.schema.model import Cmdlet, Schema

CONNECT_CMDLETS = {"connect-exchangeonline", "connect-ippssession"}


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    col: int
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}:{self.col}: error: {self.message}"


def static_value(node: object) -> object:
    """The value of an argument expression when it is known without running anything."""
    if isinstance(node, A.StringConstantAst):
        return node.value
    if isinstance(node, A.NumberAst):
        return node.value
    if isinstance(node, A.VariableAst) and not node.splatted:
        name = node.name.lower()
        if name == "true":
            return True
        if name == "false":
            return False
        if name == "null":
            return None
        return UNKNOWN
    if isinstance(node, A.ArrayLiteralAst):
        return [static_value(item) for item in node.items]
    if isinstance(node, A.HashtableAst):
        table: dict[str, object] = {}
        for key, value in node.pairs:
            k = static_value(key)
            if not isinstance(k, str):
                return UNKNOWN
            table[k] = _statement_value(value)
        return table
    if isinstance(node, A.ParenExpressionAst):
        return _statement_value(node.pipeline)
    if isinstance(node, A.ScriptBlockExpressionAst):
        return ScriptBlockValue(to_source(node))
    return UNKNOWN


def _statement_value(node: object) -> object:
    """The static value of a hashtable entry or a parenthesised pipeline."""
    if isinstance(node, A.PipelineAst):
        if len(node.elements) == 1 and isinstance(node.elements[0], A.CommandExpressionAst):
            return static_value(node.elements[0].expr)
        return UNKNOWN
    if isinstance(node, A.CommandExpressionAst):
        return static_value(node.expr)
    return static_value(node)


def command_args(command: A.CommandAst) -> list[Arg]:
    """The elements of a command as the binder sees them."""
    args: list[Arg] = []
    for element in command.elements:
        pos = element.pos
        text = _text_of(element)
        if isinstance(element, A.CommandParameterAst):
            colon = element.argument is not None
            args.append(
                Arg(
                    kind="parameter",
                    line=pos.line,
                    col=pos.col,
                    text=text,
                    name=element.name,
                    value=static_value(element.argument) if colon else UNKNOWN,
                    colon=colon,
                )
            )
        else:
            splat = isinstance(element, A.VariableAst) and element.splatted
            quoted = isinstance(element, A.StringConstantAst) and element.quote != ""
            args.append(
                Arg(
                    kind="value",
                    line=pos.line,
                    col=pos.col,
                    text=text,
                    value=UNKNOWN if splat else static_value(element),
                    quoted=quoted,
                    splat=splat,
                )
            )
    return args


def _text_of(node: object) -> str:
    if isinstance(node, A.CommandParameterAst):
        return f"-{node.name}"
    if isinstance(node, A.StringConstantAst):
        return node.value
    if isinstance(node, A.NumberAst):
        return node.text
    if isinstance(node, A.VariableAst):
        return ("@" if node.splatted else "$") + node.name
    return type(node).__name__


class Analyzer:
    """Binds the commands of scripts against one schema."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def check(self, text: str, source: str = "<input>") -> list[Problem]:
        try:
            script = parse(text, source)
        except ParseError as err:
            return [Problem(err.line, err.col, err.message)]
        functions = {
            node.name.lower(): function_cmdlet(node)
            for node in walk(script)
            if isinstance(node, A.FunctionAst)
        }
        prefixes: list[str] = []
        problems = list(self._check_pipelines(script, functions, prefixes))
        return sorted(set(problems))

    def _check_pipelines(
        self, script: A.ScriptBlockAst, functions: dict[str, Cmdlet | None], prefixes: list[str]
    ) -> Iterator[Problem]:
        for node in walk(script):
            if not isinstance(node, A.PipelineAst):
                continue
            for index, element in enumerate(node.elements):
                if isinstance(element, A.CommandAst):
                    yield from self._check_command(element, index > 0, functions, prefixes)

    def _check_command(
        self,
        command: A.CommandAst,
        piped: bool,
        functions: dict[str, Cmdlet | None],
        prefixes: list[str],
    ) -> Iterator[Problem]:
        name = command.name
        if name is None or command.invocation == ".":
            return
        if name.lower() in functions:
            # A simple function takes anything into $args; an advanced one binds like a cmdlet.
            cmdlet = functions[name.lower()]
            if cmdlet is None:
                return
        elif not _looks_like_cmdlet(name):
            return  # a path or an executable, not a cmdlet
        else:
            cmdlet = self.resolve(name, prefixes)
        pos = command.pos
        if cmdlet is None:
            message = f"unknown cmdlet '{name}'"
            suggestion = self.suggest(name, prefixes)
            if suggestion:
                message += f"; did you mean {suggestion}?"
            yield Problem(pos.line, pos.col, message)
            return
        args = command_args(command)
        result = bind(cmdlet, args, pipeline_input=piped, at=(pos.line, pos.col))
        for error in result.errors:
            yield Problem(error.line, error.col, error.message)
        if cmdlet.name.lower() in CONNECT_CMDLETS:
            prefix = result.bound.get("Prefix")
            if prefix is not None and isinstance(prefix.value, str) and prefix.value:
                prefixes.append(prefix.value)

    def suggest(self, name: str, prefixes: list[str]) -> str | None:
        """The closest known name to NAME, keeping a connection prefix it was typed with."""
        verb, _, noun = name.partition("-")
        for prefix in prefixes:
            if noun.lower().startswith(prefix.lower()):
                found = self.schema.suggest_cmdlet(f"{verb}-{noun[len(prefix) :]}")
                if found:
                    head, _, tail = found[0].partition("-")
                    return f"{head}-{prefix}{tail}"
        found = self.schema.suggest_cmdlet(name)
        return found[0] if found else None

    def resolve(self, name: str, prefixes: list[str]) -> Cmdlet | None:
        """The cmdlet NAME stands for: a cmdlet, an alias, or a prefixed remote cmdlet."""
        cmdlet = self.schema.get(resolve_alias(name))
        if cmdlet is not None:
            return cmdlet
        verb, dash, noun = name.partition("-")
        if not dash:
            return None
        for prefix in prefixes:
            if noun.lower().startswith(prefix.lower()) and len(noun) > len(prefix):
                cmdlet = self.schema.get(f"{verb}-{noun[len(prefix) :]}")
                if cmdlet is not None and cmdlet.module in ("exchange", "compliance"):
                    return cmdlet
        return None


def _looks_like_cmdlet(name: str) -> bool:
    """True for Verb-Noun names and aliases; False for paths like .\\x.ps1 or ./tool."""
    if any(ch in name for ch in "\\/"):
        return False
    return "-" in name.strip("-") or resolve_alias(name) != name
