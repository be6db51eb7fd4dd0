"""Runs a parsed script: statements, expressions, scopes, functions and lazy pipelines.

The command seam: an Evaluator gets a `resolver(name) -> CommandTarget | None`.
A CommandTarget has `cmdlet` (a schema Cmdlet the evaluator binds the evaluated
arguments against, or None to pass them through unbound as {"args": [...]}) and
`run(bound, input, expecting_input, evaluator) -> Iterator`. Local cmdlets (wrapping a
CmdletContext) and remote cmdlets are both plugged in through this one seam; the
evaluator knows only functions and script blocks itself.

Pipelines are generators: each element pulls from the previous one, so a command
that stops early (Select-Object -First 1) stops its producers too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

from sccshell.language import ast as A
from sccshell.language import parse, to_source
from sccshell.schema.arguments import Arg
from sccshell.schema.binder import bind
from sccshell.schema.functions import function_cmdlet

from .conversions import TypeRef, cast
from .freshstack import FreshStack, call_on_fresh_stack, stack_is_deep
from .hashtable import Hashtable
from .methods import MethodError, call_method, call_static, static_member
from .objects import PSObject
from .operators import OperatorError, binary, match, range_bounds, step, unary
from .streams import Frame, Streams, error_record
from .values import enumerate_items, get_property, is_collection, to_bool, to_number, to_string

__all__ = ["CommandTarget", "Evaluator", "ScriptBlock", "ScriptError", "ScriptExit", "run_source"]


class CommandTarget(Protocol):
    cmdlet: Any  # schema Cmdlet, or None for no binding

    def run(
        self,
        bound: dict[str, Any],
        input: Iterator[Any],
        expecting_input: bool,
        evaluator: Evaluator,
    ) -> Iterator[Any]: ...


Resolver = Callable[[str], "CommandTarget | None"]


class ScriptError(Exception):
    """A terminating PowerShell error, with where it happened."""

    def __init__(self, message: str, line: int = 0, col: int = 0, target: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.target = target  # the thrown object, when `throw $obj`

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.message}" if self.line else self.message

    def record(self) -> PSObject:
        """The ErrorRecord `$_` is in a catch block."""
        return error_record(self.message, self.target, self.line, self.col)


class CallDepthOverflow(ScriptError):
    """A script called deeper than PowerShell allows (runaway recursion)."""

    def __init__(self) -> None:
        super().__init__("The script failed due to call depth overflow.")


# PowerShell's own limit on nested function and script block calls.
MAX_CALL_DEPTH = 1000


class _Break(Exception):
    def __init__(self, label: str | None) -> None:
        self.label = label


class _Continue(_Break):
    pass


class ScriptExit(Exception):
    """`exit N`: leave the script (or the shell) with exit status N."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


class _Return(Exception):
    pass


class Scope:
    def __init__(self, parent: Scope | None = None) -> None:
        self.vars: dict[str, Any] = {}  # by lowercase name: variables are case-insensitive
        self.spelling: dict[str, str] = {}  # lowercase name -> as the script first wrote it
        self.parent = parent

    def find(self, name: str) -> Scope | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.vars:
                return scope
            scope = scope.parent
        return None


class ScriptBlock:
    """A `{ ... }` value; invoke() runs it in a child scope, or dot-sourced in the caller's."""

    def __init__(self, body: A.ScriptBlockAst, evaluator: Evaluator, text: str) -> None:
        self.body = body
        self.evaluator = evaluator
        self.text = text

    def invoke(
        self,
        *args: Any,
        dollar_under: Any = ...,
        variables: dict[str, Any] | None = None,
        dot: bool = False,
    ) -> list[Any]:
        """Run it; DOT runs it in the caller's scope, as ForEach-Object and Where-Object do."""
        return list(
            self.evaluator.call_block(
                self.body, list(args), {}, dollar_under, variables, new_scope=not dot
            )
        )

    def __str__(self) -> str:
        return self.text


class Evaluator:
    """Runs scripts; state (variables, functions) lives across run() calls."""

    def __init__(
        self,
        resolver: Resolver | None = None,
        environ: Mapping[str, str] | None = None,
        host: Any = None,
        write_error: Callable[[str], None] | None = None,
    ) -> None:
        self.resolver = resolver
        self.environ = dict(environ or {})
        self.host = host
        self.write_error_callback = write_error
        # (cmdlet, missing names) -> {name: value}; set by the interactive shell only.
        self.prompt_missing: Callable[[Any, list[str]], dict[str, Any]] | None = None
        self.global_scope = Scope()
        self.script_scope = self.global_scope
        self.scope = self.global_scope
        self.functions: dict[str, A.FunctionAst] = {}
        self.call_depth = 0  # functions and script blocks running, one inside the other
        self._function_models: dict[str, Any] = {}  # name -> Cmdlet of an advanced function
        g = self.global_scope.vars
        g.update(
            {
                "true": True,
                "false": False,
                "null": None,
                "?": True,
                "error": [],
                "erroractionpreference": "Continue",
                "warningpreference": "Continue",
                "confirmpreference": "High",
            }
        )
        self.streams = Streams(
            g,
            self.get_var,
            self.set_var,
            write_error,
            getattr(host, "write_warning", None),
        )

    # --- entry points --------------------------------------------------------------

    def run(self, text: str, source: str = "<input>") -> list[Any]:
        return list(self.iter_run(parse(text, source)))

    def iter_run(self, script: A.ScriptBlockAst) -> Iterator[Any]:
        try:
            yield from self.block(script.statements)
        except _Return:
            return

    # --- variables -----------------------------------------------------------------

    def get_var(self, name: str, node: Any = None) -> Any:
        low = name.lower()
        if low.startswith("env:"):
            key = name[4:]
            for k, v in self.environ.items():
                if k.lower() == key.lower():
                    return v
            return None
        prefix, _, rest = low.partition(":")
        if rest and prefix in ("global", "script", "local", "private", "using", "variable"):
            scope = {"global": self.global_scope, "script": self.script_scope}.get(prefix)
            if scope is not None:
                return scope.vars.get(rest)
            low = rest
        if low == "psitem":
            low = "_"
        found = self.scope.find(low)
        return found.vars[low] if found else None

    def set_var(self, name: str, value: Any) -> None:
        low = name.lower()
        if low.startswith("env:"):
            self.environ[name[4:]] = to_string(value)
            return
        prefix, _, rest = low.partition(":")
        if rest and prefix in ("global", "script", "local", "private"):
            target = {"global": self.global_scope, "script": self.script_scope}.get(
                prefix, self.scope
            )
            target.vars[rest] = value
            target.spelling.setdefault(rest, name.partition(":")[2])
            return
        self.scope.vars[low] = value
        self.scope.spelling.setdefault(low, name)

    # --- statements ----------------------------------------------------------------

    def block(self, statements: list) -> Iterator[Any]:
        for statement in statements:
            step = _increment(statement)
            if step is not None:
                yield from self._guarded(step, self._increment)
                continue
            yield from self.statement(statement)

    def _increment(self, node: A.UnaryAst) -> Iterator[Any]:
        """`$n++` as a statement writes nothing; `($n++)` does."""
        self.unary(node)
        return iter(())

    def statement(self, node: Any) -> Iterator[Any]:
        if not isinstance(node, (A.PipelineAst, A.AssignmentAst)):
            # A compound statement nests: deep in the stack, it runs on a fresh one.
            if stack_is_deep():
                yield from FreshStack(lambda: self._guarded(node))
            else:
                yield from self._guarded(node)
            return
        # $? tells whether the last pipeline ran without an error, terminating or not.
        before = self.streams.reported
        g = self.global_scope.vars
        try:
            yield from self._guarded(node)
        except ScriptError:
            g["?"] = False
            raise
        g["?"] = self.streams.reported == before

    def _guarded(
        self, node: Any, run: Callable[[Any], Iterator[Any]] | None = None
    ) -> Iterator[Any]:
        try:
            yield from (run or self._statement)(node)
        except CallDepthOverflow as err:
            if not err.line:  # the innermost statement: the call that went one too deep
                err.line, err.col = node.pos.line, node.pos.col
            raise
        except (
            OperatorError,
            MethodError,
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            ZeroDivisionError,
        ) as err:
            if isinstance(err, ScriptError):
                raise
            raise ScriptError(str(err), node.pos.line, node.pos.col) from None
        except OverflowError:
            raise ScriptError(
                "Arithmetic operation resulted in an overflow.", node.pos.line, node.pos.col
            ) from None
        except RecursionError:
            # Runaway recursion (a function calling itself) ends the script, not the shell.
            raise ScriptError(
                "The script failed due to call depth overflow.", node.pos.line, node.pos.col
            ) from None

    def _statement(self, node: Any) -> Iterator[Any]:
        match node:
            case A.PipelineAst():
                yield from self.pipeline(node)
            case A.AssignmentAst():
                self.assign(node)
            case A.IfAst():
                for condition, body in node.clauses:
                    if to_bool(self.value(condition)):
                        yield from self.block(body.statements)
                        return
                if node.else_body is not None:
                    yield from self.block(node.else_body.statements)
            case A.ForEachAst():
                yield from self.loop(node, self._foreach_items(node))
            case A.ForAst():
                if node.init is not None:
                    list(self.as_statement(node.init))
                yield from self.loop(node, self._for_items(node))
            case A.WhileAst():
                yield from self.loop(node, self._while_items(node.condition, False))
            case A.DoLoopAst():
                yield from self.loop(node, self._do_items(node))
            case A.SwitchAst():
                yield from self.switch(node)
            case A.TryAst():
                yield from self.try_statement(node)
            case A.ThrowAst():
                value = self.value(node.pipeline) if node.pipeline is not None else None
                if isinstance(value, ScriptError):
                    raise value
                if isinstance(value, PSObject) and "Exception" in value:
                    message = to_string(get_property(value["Exception"], "Message"))
                else:
                    message = to_string(value) if value is not None else "ScriptHalted"
                raise ScriptError(message, node.pos.line, node.pos.col, target=value)
            case A.ReturnAst():
                if node.pipeline is not None:
                    yield from self.as_statement(node.pipeline)
                raise _Return()
            case A.ExitAst():
                code = self.value(node.pipeline) if node.pipeline is not None else 0
                raise ScriptExit(int(to_number(code)) if code is not None else 0)
            case A.BreakAst():
                raise _Break(node.label)
            case A.ContinueAst():
                raise _Continue(node.label)
            case A.FunctionAst():
                self.functions[node.name.lower()] = node
                self._function_models.pop(node.name.lower(), None)
            case _:
                yield from enumerate_items(self.value(node))

    def as_statement(self, node: Any) -> Iterator[Any]:
        """A place holding a lone expression or a statement node (see ast docstring)."""
        if isinstance(node, (A.PipelineAst, A.AssignmentAst)):
            return self.statement(node)
        return enumerate_items(self.value(node))

    def value(self, node: Any) -> Any:
        """The value of a lone expression or a pipeline: one item unwrapped, several as a list."""
        if isinstance(node, (A.PipelineAst, A.AssignmentAst)):
            items = list(self.statement(node))
            return items[0] if len(items) == 1 else (None if not items else items)
        return self.expr(node)

    def _lazy_range(self, node: Any) -> Iterator[int] | None:
        """`1..100000` feeding a pipeline or a foreach, counted out one at a time."""
        if isinstance(node, A.PipelineAst) and len(node.elements) == 1:
            element = node.elements[0]
            if isinstance(element, A.CommandExpressionAst) and not element.redirections:
                node = element.expr
        if not (isinstance(node, A.BinaryAst) and node.op == ".."):
            return None
        low, high = range_bounds(self.expr(node.left), self.expr(node.right))
        return iter(range(low, high + 1) if low <= high else range(low, high - 1, -1))

    def _foreach_items(self, node: A.ForEachAst) -> Iterator[None]:
        items = self._lazy_range(node.iterable)
        if items is None:
            items = enumerate_items(self.value(node.iterable))
        for item in items:
            self.set_var(node.variable.name, item)
            yield None

    def _for_items(self, node: A.ForAst) -> Iterator[None]:
        while node.condition is None or to_bool(self.value(node.condition)):
            yield None
            if node.iterator is not None:
                list(self.as_statement(node.iterator))

    def _while_items(self, condition: Any, until: bool) -> Iterator[None]:
        while to_bool(self.value(condition)) != until:
            yield None

    def _do_items(self, node: A.DoLoopAst) -> Iterator[None]:
        yield None
        while to_bool(self.value(node.condition)) != node.until:
            yield None

    def loop(self, node: Any, ticks: Iterator[None]) -> Iterator[Any]:
        for _ in ticks:
            try:
                yield from self.block(node.body.statements)
            except _Break as signal:
                if signal.label and (node.label or "").lower() != signal.label.lower():
                    raise
                if isinstance(signal, _Continue):
                    continue
                return

    def switch(self, node: A.SwitchAst) -> Iterator[Any]:
        flags = set(node.flags)
        cs = "casesensitive" in flags
        subject = self.value(node.value)
        items = list(subject) if is_collection(subject) else [subject]
        saved = self.get_var("_")
        try:
            for item in items:
                self.scope.vars["_"] = item
                matched = False
                try:
                    for pattern, body in node.clauses:
                        if self._switch_matches(pattern, item, flags, cs):
                            matched = True
                            yield from self.block(body.statements)
                    if not matched and node.default is not None:
                        yield from self.block(node.default.statements)
                except _Break as signal:
                    if signal.label and (node.label or "").lower() != signal.label.lower():
                        raise
                    if isinstance(signal, _Continue):
                        continue
                    return
        finally:
            self.scope.vars["_"] = saved

    def _switch_matches(self, pattern: Any, item: Any, flags: set[str], cs: bool) -> bool:
        if isinstance(pattern, A.ScriptBlockExpressionAst):
            return to_bool(list(self.call_block(pattern.body, [], {}, item, None)))
        value = self.expr(pattern)
        suffix = "c" if cs else "i"
        if "regex" in flags:
            ok, found = match(item, value, f"-{suffix}match")
            if ok and found is not None:
                self.set_var("matches", found)
            return bool(ok)
        if "wildcard" in flags:
            return bool(binary(f"-{suffix}like", to_string(item), value))
        return bool(binary(f"-{suffix}eq", item, value))

    def try_statement(self, node: A.TryAst) -> Iterator[Any]:
        try:
            try:
                yield from self.block(node.body.statements)
            except ScriptError as err:
                for catch in node.catches:
                    if not catch.types or any(
                        self._catch_matches(t.type_name, err) for t in catch.types
                    ):
                        saved = self.get_var("_")
                        self.scope.vars["_"] = err.record()
                        self.global_scope.vars["?"] = False
                        try:
                            yield from self.block(catch.body.statements)
                        finally:
                            self.scope.vars["_"] = saved
                        break
                else:
                    raise
        except BaseException:
            # leaving by an error or break: finally still runs, its output has nowhere to go
            if node.finally_body is not None:
                list(self.block(node.finally_body.statements))
            raise
        if node.finally_body is not None:
            yield from self.block(node.finally_body.statements)

    @staticmethod
    def _catch_matches(type_name: str, err: ScriptError) -> bool:
        low = type_name.lower()
        # A service error carries the service's exception type (protocol §3.4):
        # catch [Microsoft.Exchange...ManagementObjectNotFoundException] matches it.
        service_type = str(getattr(err.target, "exception_type", "") or "").lower()
        if service_type and (low == service_type or service_type.endswith("." + low)):
            return True
        return low in (
            "exception",
            "system.exception",
            "system.management.automation.runtimeexception",
            "runtimeexception",
        )

    # --- assignment ----------------------------------------------------------------

    def assign(self, node: A.AssignmentAst) -> None:
        value = self.value(node.value)
        if node.op != "=":
            current = self.expr(node.target)
            value = binary(node.op[0], current, value)
        self.store(node.target, value)

    def store(self, target: Any, value: Any) -> None:
        match target:
            case A.VariableAst():
                self.set_var(target.name, value)
            case A.CastAst():
                self.store(target.expr, cast(value, target.type_name))
            case A.ArrayLiteralAst():
                items = list(value) if is_collection(value) else [value]
                for i, sub in enumerate(target.items):
                    last = i == len(target.items) - 1
                    rest = (
                        items[i:]
                        if last and len(items) > len(target.items)
                        else (items[i] if i < len(items) else None)
                    )
                    self.store(sub, rest)
            case A.MemberAst():
                obj = self.expr(target.target)
                name = (
                    target.member
                    if isinstance(target.member, str)
                    else to_string(self.expr(target.member))
                )
                if isinstance(obj, (PSObject, dict)):
                    obj[name] = value
                else:
                    raise ScriptError(
                        f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
                        target.pos.line,
                        target.pos.col,
                    )
            case A.IndexAst():
                obj = self.expr(target.target)
                index = self.expr(target.index)
                if isinstance(obj, list):
                    obj[int(to_number(index))] = value
                else:
                    obj[index] = value
            case _:
                raise ScriptError(
                    "The assignment expression is not valid.", target.pos.line, target.pos.col
                )

    # --- expressions ---------------------------------------------------------------

    def expr(self, node: Any) -> Any:
        match node:
            case A.StringConstantAst():
                return node.value
            case A.NumberAst():
                return node.value
            case A.ExpandableStringAst():
                return "".join(self._expand_part(p) for p in node.parts)
            case A.VariableAst():
                return self.get_var(node.name)
            case A.ArrayLiteralAst():
                return [self.expr(i) for i in node.items]
            # The nodes that nest: deep in the stack, each is worked out on a fresh one.
            case A.ArrayExpressionAst():
                if stack_is_deep():
                    return call_on_fresh_stack(lambda: self.expr(node))
                return list(self.block(node.statements))
            case A.SubExpressionAst():
                if stack_is_deep():
                    return call_on_fresh_stack(lambda: self.expr(node))
                items = list(self.block(node.statements))
                return items[0] if len(items) == 1 else (None if not items else items)
            case A.ParenExpressionAst():
                if stack_is_deep():
                    return call_on_fresh_stack(lambda: self.expr(node))
                return self.value(node.pipeline)
            case A.HashtableAst():
                if stack_is_deep():
                    return call_on_fresh_stack(lambda: self.expr(node))
                table = Hashtable()
                for key, val in node.pairs:
                    table[self.expr(key)] = self.value(val)
                return table
            case A.ScriptBlockExpressionAst():
                if stack_is_deep():
                    return call_on_fresh_stack(lambda: self.expr(node))
                return ScriptBlock(node.body, self, to_source(node.body))
            case A.TypeAst():
                return TypeRef(node.type_name)
            case A.CastAst():
                return self.cast(node)
            case A.MemberAst():
                return self.member(node)
            case A.InvokeMemberAst():
                return self.invoke_member(node)
            case A.IndexAst():
                return self.index(self.expr(node.target), self.expr(node.index))
            case A.BinaryAst():
                return self.binary(node)
            case A.UnaryAst():
                return self.unary(node)
            case A.PipelineAst() | A.AssignmentAst():
                return self.value(node)
            case (
                A.IfAst()
                | A.ForEachAst()
                | A.ForAst()
                | A.WhileAst()
                | A.DoLoopAst()
                | A.SwitchAst()
                | A.TryAst()
            ):
                # `$rows = foreach (...) {...}`: a statement's output is its value.
                items = list(self.statement(node))
                return items[0] if len(items) == 1 else (None if not items else items)
        raise ScriptError(
            f"Unsupported expression {type(node).__name__}", node.pos.line, node.pos.col
        )

    def _expand_part(self, part: Any) -> str:
        if isinstance(part, A.StringConstantAst):
            return part.value
        return to_string(self.expr(part))

    def cast(self, node: A.CastAst) -> Any:
        key = node.type_name.lower()
        if key == "ordered" and isinstance(node.expr, A.HashtableAst):
            table = self.expr(node.expr)
            table.ordered = True
            return table
        if key in ("pscustomobject",) and isinstance(node.expr, A.HashtableAst):
            return PSObject(self.expr(node.expr).items())
        return cast(self.expr(node.expr), node.type_name)

    def member(self, node: A.MemberAst) -> Any:
        obj = self.expr(node.target)
        name = node.member if isinstance(node.member, str) else to_string(self.expr(node.member))
        if node.static:
            return static_member(obj if isinstance(obj, TypeRef) else TypeRef(to_string(obj)), name)
        return get_property(obj, name)

    def invoke_member(self, node: A.InvokeMemberAst) -> Any:
        obj = self.expr(node.target)
        name = node.member if isinstance(node.member, str) else to_string(self.expr(node.member))
        args = [self.expr(a) for a in node.args]
        if node.static:
            return call_static(
                obj if isinstance(obj, TypeRef) else TypeRef(to_string(obj)), name, args
            )
        return call_method(obj, name, args)

    def index(self, obj: Any, index: Any) -> Any:
        if isinstance(index, list):
            return [self.index(obj, i) for i in index]
        if obj is None:
            return None
        if isinstance(obj, PSObject) and isinstance(index, int) and not isinstance(index, bool):
            return obj if index in (0, -1) else None  # one object indexes as a one-item array
        if isinstance(obj, (PSObject, Mapping)):
            return obj.get(index) if not isinstance(obj, PSObject) else obj.get(to_string(index))
        if isinstance(obj, (list, tuple, str)):
            i = int(to_number(index))
            return obj[i] if -len(obj) <= i < len(obj) else None
        if int(to_number(index)) in (0, -1):
            return obj  # a scalar indexes as a one-item array
        return None

    def binary(self, node: A.BinaryAst) -> Any:
        # `'a' + 'b' + 'c'` is `('a' + 'b') + 'c'`, a left spine as deep as the chain is
        # long (thousands of terms are allowed): fold it in a loop, left to right.
        links: list[A.BinaryAst] = []
        leftmost: Any = node
        while isinstance(leftmost, A.BinaryAst):
            links.append(leftmost)
            leftmost = leftmost.left
        value = self.expr(leftmost)
        for link in reversed(links):
            value = self._binary_step(link, value)
        return value

    def _binary_step(self, node: A.BinaryAst, left: Any) -> Any:
        """Apply NODE's operator to LEFT (its left side, already evaluated) and its right."""
        op = node.op.lower()
        if op == "-and":
            return to_bool(left) and to_bool(self.expr(node.right))
        if op == "-or":
            return to_bool(left) or to_bool(self.expr(node.right))
        right = self.expr(node.right)
        if op.lstrip("-").lstrip("ci") in ("match", "notmatch") and op not in ("-contains",):
            result, found = match(left, right, op)
            if found is not None:
                self.set_var("matches", found)
            return result
        return binary(op, left, right)

    def unary(self, node: A.UnaryAst) -> Any:
        if node.op in ("++", "--"):
            old = self.expr(node.operand)
            self.store(node.operand, step(node.op, old))
            return old if node.postfix else self.expr(node.operand)
        return unary(node.op, self.expr(node.operand))

    # --- pipelines and commands ----------------------------------------------------

    def pipeline(self, node: A.PipelineAst) -> Iterator[Any]:
        stream: Iterator[Any] = iter(())
        for i, element in enumerate(node.elements):
            if isinstance(element, A.CommandExpressionAst):
                lazy = self._lazy_range(element.expr) if i == 0 else None
                stream = lazy if lazy is not None else enumerate_items(self.expr(element.expr))
            else:
                stream = self.command(element, stream, i > 0)
        redirections = getattr(node.elements[-1], "redirections", [])
        outputs = [r for r in redirections if r.op.lstrip("1*") in (">", ">>")]
        if not outputs:
            yield from stream
            return
        target = self.expr(outputs[-1].target)
        if target is None:  # > $null
            for _ in stream:
                pass
            return
        append = outputs[-1].op.endswith(">>")
        with open(to_string(target), "a" if append else "w", encoding="utf-8") as handle:
            for item in stream:
                handle.write(to_string(item) + "\n")

    def command(self, node: A.CommandAst, input: Iterator[Any], expecting: bool) -> Iterator[Any]:
        pipeline = input if expecting else None
        if node.name is None:
            target = self.expr(node.target)
            if isinstance(target, ScriptBlock):
                positional, named = self._plain_args(node)
                items = self.call_block(
                    target.body,
                    positional,
                    named,
                    ...,
                    None,
                    pipeline=pipeline,
                    new_scope=node.invocation != ".",
                )
                return self._framed(node, named, items)
            name = to_string(target)
        else:
            name = node.name
        function = self.functions.get(name.lower())
        if function is not None:
            return self._call_function(node, function, pipeline, expecting)
        try:
            resolved = self.resolver(name) if self.resolver else None
        except ScriptError as err:
            if not err.line:
                err.line, err.col = node.pos.line, node.pos.col
            raise
        if resolved is None:
            raise ScriptError(
                f"The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program. "
                "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
                node.pos.line,
                node.pos.col,
            )
        bound = self._bind(node, resolved, expecting)
        return self._framed(node, bound, resolved.run(bound, input, expecting, self))

    def _call_function(
        self, node: A.CommandAst, function: A.FunctionAst, pipeline: Any, expecting: bool
    ) -> Iterator[Any]:
        """A script's function; an advanced one is bound by the binder, like a cmdlet."""
        key = function.name.lower()
        if key not in self._function_models:
            self._function_models[key] = function_cmdlet(function)
        model = self._function_models[key]
        if model is None:
            positional, named = self._plain_args(node)
            bound = named
        else:
            bound = self._bind_args(node, _Bindable(model), expecting, self._args(node))
            block = function.body.param_block
            declared = block.parameters if block is not None else function.params
            names = {p.name.lower() for p in declared}
            positional, named = [], {k: v for k, v in bound.items() if k.lower() in names}
        # -ErrorAction on an advanced function is its scope's preference, so the
        # commands inside it follow it too.
        preferences = {
            variable: bound[name]
            for name, variable in (
                ("ErrorAction", "ErrorActionPreference"),
                ("WarningAction", "WarningPreference"),
            )
            if model is not None and name in bound
        }
        items = self.call_block(
            function.body,
            positional,
            named,
            ...,
            preferences,
            pipeline=pipeline,
            params=function.params,
        )
        return self._framed(node, bound, items)

    def _framed(self, node: A.CommandAst, bound: dict[str, Any], items: Any) -> Iterator[Any]:
        """A command's output, with its errors handled as its parameters and redirections say."""
        frame = Frame(bound, node.pos.line, node.pos.col)
        ops = {r.op: r for r in node.redirections}
        if "2>&1" in ops or "*>" in ops or "*>>" in ops:
            return self.streams.merged(items, frame)
        errors_to = ops.get("2>") or ops.get("2>>")
        if errors_to is not None:
            frame = frame._replace(sink=self._error_file(errors_to))
        return self.streams.running(items, frame)

    def _error_file(self, redirection: A.RedirectionAst) -> Callable[[PSObject], None]:
        """Where `2> FILE` (or `2>$null`) sends a command's errors."""
        target = self.expr(redirection.target)
        if target is None:
            return lambda record: None
        path = to_string(target)
        # Truncate once for `2>`; each error is then appended, so nothing is held open.
        if redirection.op == "2>":
            open(path, "w", encoding="utf-8").close()

        def write(record: PSObject) -> None:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(to_string(record) + "\n")

        return write

    def _args(self, node: A.CommandAst) -> list[Arg]:
        args: list[Arg] = []
        for element in node.elements:
            pos = element.pos
            if isinstance(element, A.CommandParameterAst):
                colon = element.argument is not None
                value = self.expr(element.argument) if colon else None
                args.append(
                    Arg(
                        "parameter",
                        pos.line,
                        pos.col,
                        f"-{element.name}",
                        name=element.name,
                        value=value,
                        colon=colon,
                    )
                )
            elif isinstance(element, A.VariableAst) and element.splatted:
                value = self.get_var(element.name)
                if isinstance(value, Mapping):
                    for k, v in value.items():
                        args.append(
                            Arg(
                                "parameter",
                                pos.line,
                                pos.col,
                                f"-{k}",
                                name=to_string(k),
                                value=v,
                                colon=True,
                            )
                        )
                else:
                    for v in enumerate_items(value):
                        args.append(Arg("value", pos.line, pos.col, to_string(v), value=v))
            else:
                value = self.expr(element)
                quoted = isinstance(element, A.StringConstantAst) and element.quote != ""
                args.append(
                    Arg("value", pos.line, pos.col, to_string(value), value=value, quoted=quoted)
                )
        return args

    def _bind(self, node: A.CommandAst, target: CommandTarget, expecting: bool) -> dict[str, Any]:
        args = self._args(node)
        if target.cmdlet is None:
            return {"args": [a.value if a.kind == "value" else f"-{a.name}" for a in args]}
        return self._bind_args(node, target, expecting, args)

    def _bind_args(
        self, node: A.CommandAst, target: CommandTarget, expecting: bool, args: list[Arg]
    ) -> dict[str, Any]:
        result = bind(
            target.cmdlet, args, pipeline_input=expecting, at=(node.pos.line, node.pos.col)
        )
        if result.hard_errors:
            error = result.hard_errors[0]
            raise ScriptError(error.message, error.line, error.col)
        if result.missing and not any(a.splat for a in args):
            if self.prompt_missing is None:
                names = " ".join(result.missing)
                raise ScriptError(
                    "Cannot process command because of one or more missing mandatory "
                    f"parameters: {names}.",
                    node.pos.line,
                    node.pos.col,
                )
            # As PowerShell's console does: ask for each missing value, then bind again.
            supplied = self.prompt_missing(target.cmdlet, list(result.missing))
            for name, value in supplied.items():
                args.append(
                    Arg(
                        "parameter",
                        node.pos.line,
                        node.pos.col,
                        f"-{name}",
                        name=name,
                        value=value,
                        colon=True,
                    )
                )
            return self._bind_args(node, target, expecting, args)
        bound: dict[str, Any] = {}
        for name, parameter in result.bound.items():
            value = parameter.value
            if parameter.arg is parameter.parameter_arg and not parameter.arg.colon:
                value = True  # a switch given without a value
            bound[name] = value
        return bound

    def _plain_args(self, node: A.CommandAst) -> tuple[list[Any], dict[str, Any]]:
        """Arguments for functions and script blocks: -Name value pairs and positionals."""
        positional: list[Any] = []
        named: dict[str, Any] = {}
        pending: str | None = None
        for arg in self._args(node):
            if arg.kind == "parameter":
                if pending is not None:
                    named[pending] = True
                if arg.colon:
                    named[arg.name or ""] = arg.value
                    pending = None
                else:
                    pending = arg.name
            elif pending is not None:
                named[pending] = arg.value
                pending = None
            else:
                positional.append(arg.value)
        if pending is not None:
            named[pending] = True
        return positional, named

    def call_block(
        self,
        body: A.ScriptBlockAst,
        positional: list[Any],
        named: dict[str, Any],
        dollar_under: Any,
        variables: dict[str, Any] | None,
        *,
        pipeline: Iterator[Any] | None = None,
        new_scope: bool = True,
        params: list | None = None,
    ) -> Iterator[Any]:
        """Run a script block or function body as a generator, with its own scope."""
        if self.call_depth >= MAX_CALL_DEPTH:
            raise CallDepthOverflow()
        self.call_depth += 1
        try:

            def run() -> Iterator[Any]:
                return self._run_block(
                    body, positional, named, dollar_under, variables, pipeline, new_scope, params
                )

            # Deep recursion carries on in a thread with a stack of its own (see freshstack).
            yield from (FreshStack(run) if stack_is_deep() else run())
        finally:
            self.call_depth -= 1

    def _run_block(
        self,
        body: A.ScriptBlockAst,
        positional: list[Any],
        named: dict[str, Any],
        dollar_under: Any,
        variables: dict[str, Any] | None,
        pipeline: Iterator[Any] | None,
        new_scope: bool,
        params: list | None,
    ) -> Iterator[Any]:
        saved = self.scope
        if new_scope:
            self.scope = Scope(saved)
            kept = None
        else:
            # Dot-sourced: the caller's variables are shared, but its $_, $args and
            # $PSBoundParameters are its own again afterwards.
            kept = {k: saved.vars[k] for k in _BLOCK_VARIABLES if k in saved.vars}
        try:
            scope = self.scope
            if dollar_under is not ...:
                scope.vars["_"] = dollar_under
            for k, v in (variables or {}).items():
                scope.vars[k.lower()] = v
            declared = body.param_block.parameters if body.param_block else (params or [])
            rest = self._bind_params(declared, positional, named)
            scope.vars["args"] = rest
            if pipeline is None and not body.has_named_blocks:
                yield from self._run_body(body.statements)
                return
            if not body.has_named_blocks:
                # a simple function sees its pipeline input as $input
                scope.vars["input"] = list(pipeline or [])
                yield from self._run_body(body.statements)
                return
            if body.begin is not None:
                yield from self._run_body(body.begin.statements)
            if body.process is not None:
                for item in pipeline if pipeline is not None else [None]:
                    scope.vars["_"] = item
                    for p in declared:
                        if p.name.lower() not in {k.lower() for k in named} and _takes_pipeline(p):
                            scope.vars[p.name.lower()] = item
                    yield from self._run_body(body.process.statements)
            if body.end is not None:
                yield from self._run_body(body.end.statements)
        finally:
            if kept is not None:
                for name in _BLOCK_VARIABLES:
                    if name in kept:
                        saved.vars[name] = kept[name]
                    else:
                        saved.vars.pop(name, None)
            self.scope = saved

    def _run_body(self, statements: list) -> Iterator[Any]:
        try:
            yield from self.block(statements)
        except _Return:
            return

    def _bind_params(
        self, declared: list, positional: list[Any], named: dict[str, Any]
    ) -> list[Any]:
        scope = self.scope
        remaining = list(positional)
        given = {k.lower(): v for k, v in named.items()}
        bound_params: dict[str, Any] = Hashtable()
        for p in declared:
            name = p.name.lower()
            matches = [k for k in given if name.startswith(k)]
            if name in given or len(matches) == 1:
                value = given.pop(name if name in given else matches[0])
            elif remaining and (p.type_name or "").lower() != "switch":
                value = remaining.pop(0)
            else:
                value = (
                    self.value(p.default)
                    if p.default is not None
                    else (False if (p.type_name or "").lower() == "switch" else None)
                )
                scope.vars[name] = value
                continue
            if p.type_name and p.type_name.lower() not in ("switch", "object"):
                value = cast(value, p.type_name)
            scope.vars[name] = value
            bound_params[p.name] = value
        scope.vars["psboundparameters"] = bound_params
        if given and declared:
            name = next(iter(given))
            raise ScriptError(f"A parameter cannot be found that matches parameter name '{name}'.")
        return remaining


def _increment(statement: Any) -> A.UnaryAst | None:
    """The `$n++` / `--$n` of a statement that is nothing else."""
    if not isinstance(statement, A.PipelineAst) or len(statement.elements) != 1:
        return None
    first = statement.elements[0]
    if (
        isinstance(first, A.CommandExpressionAst)
        and isinstance(first.expr, A.UnaryAst)
        and first.expr.op in ("++", "--")
        and not first.redirections
    ):
        return first.expr
    return None


_BLOCK_VARIABLES = ("_", "args", "input", "psboundparameters")


class _Bindable:
    """An advanced function's model, in the shape the binder's caller expects."""

    def __init__(self, cmdlet: Any) -> None:
        self.cmdlet = cmdlet


def _takes_pipeline(parameter: A.ParameterAst) -> bool:
    for attribute in parameter.attributes:
        if isinstance(attribute, A.AttributeAst) and attribute.type_name.lower() == "parameter":
            for key, _ in attribute.named_args:
                if key.lower() in ("valuefrompipeline", "valuefrompipelinebypropertyname"):
                    return True
    return False


def run_source(
    text: str,
    *,
    resolver: Resolver | None = None,
    environ: Mapping[str, str] | None = None,
    host: Any = None,
) -> list[Any]:
    """Run a script and return its output (for tests)."""
    return Evaluator(resolver=resolver, environ=environ, host=host).run(text)
