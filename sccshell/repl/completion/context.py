"""What is being completed at the cursor: a pure function of (text, cursor).

`analyze` finds the innermost statement around the cursor, the pipeline element the
cursor is in (its command name and the arguments typed so far), the earlier elements of
that pipeline, and the word under completion with where it starts. It never needs the
schema: deciding which parameter a trailing value belongs to (switches take none) is
left to the engine, which has the cmdlet at hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from sccshell.repl.completion.scan import Kind, Tok, scan

# After these keywords a statement goes on with an expression or a block, not a command.
_EXPRESSION_KEYWORDS = frozenset(
    "if elseif while switch foreach for catch until param function filter".split()
)
# After these the next word starts a command again (`return Get-Mailbox`).
_LEADING_KEYWORDS = frozenset(
    "return throw exit else try finally do begin process end break continue".split()
)
_FUNCTION = re.compile(r"\b(?:function|filter)\s+([\w-]+)", re.IGNORECASE)
_ASSIGNED = re.compile(r"\$([A-Za-z_]\w*)")


EXPRESSION = "expression"  # Element.invocation of an expression element (`$_ | ...`)


class Expect(Enum):
    COMMAND = "command"  # a command name (or a script path after `.` / `&`)
    ARGUMENT = "argument"  # a parameter name or value of the element's command
    VARIABLE = "variable"  # `$na`
    MEMBER = "member"  # `$x.Na`
    OPERATOR = "operator"  # `-eq` and friends in an expression
    NOTHING = "nothing"  # inside a comment, a closed string, a function's name...


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument typed so far: a `-Name` (with `value` after a colon), a value, or a comma."""

    kind: str  # "parameter" | "value" | "comma"
    text: str  # the parameter's name without its dash, or the value's source text
    value: str | None = None  # `-Name:value`: the value's text


@dataclass(frozen=True, slots=True)
class Element:
    """A command element of a pipeline: its name as typed and its arguments."""

    command: str
    # "." or "&" when the command is a script or block to call; EXPRESSION for an
    # expression element, whose `command` is then its first token (`$_`, `$list`)
    invocation: str = ""
    args: tuple[Arg, ...] = ()

    def values_of(self, parameter: str) -> list[str]:
        """The values typed for -PARAMETER (exact name, any case)."""
        out: list[str] = []
        key = parameter.lower()
        taking = False
        for arg in self.args:
            if arg.kind == "parameter":
                taking = arg.text.lower() == key
                if taking and arg.value:
                    out.append(arg.value)
                continue
            if arg.kind == "value" and taking:
                out.append(arg.text)
        return out


@dataclass(frozen=True, slots=True)
class Context:
    """The cursor's surroundings, as far as completion needs them."""

    expect: Expect
    word: str  # the text being completed, from `start` to the cursor
    start: int  # offset of the word in the text
    quote: str = ""  # the opening quote when the word is an unclosed string
    element: Element | None = None  # the command element the word is an argument of
    colon_parameter: str | None = None  # `-Name:wo`: the word is a value of Name
    pipeline: tuple[Element, ...] = ()  # earlier elements of the same pipeline
    pipe_input: tuple[Element, ...] = ()  # what feeds `$_` in the enclosing script block
    invocation: str = ""  # "." / "&" before a command name
    functions: tuple[str, ...] = ()  # functions the text itself defines
    variables: tuple[str, ...] = ()  # variables the text itself mentions
    member_base: str = ""  # `$x.Foo.Ba`: "x"
    member_path: tuple[str, ...] = field(default=())  # `$x.Foo.Ba`: ("Foo",)

    @property
    def command(self) -> str | None:
        return self.element.command if self.element is not None else None

    @property
    def parameters(self) -> tuple[str, ...]:
        """Names of the parameters typed so far in the element (without dashes)."""
        if self.element is None:
            return ()
        return tuple(a.text for a in self.element.args if a.kind == "parameter")


class _Builder:
    """A pipeline element while its tokens are read."""

    __slots__ = ("command", "invocation", "args", "mode", "head")

    def __init__(self) -> None:
        self.command: str | None = None
        self.invocation = ""
        self.args: list[Arg] = []
        self.mode = "start"  # "start" | "command" | "expression" | "skip"
        self.head = ""  # an expression element's first token (`$_ | ...`)

    def element(self) -> Element | None:
        if self.command is None:
            return None
        return Element(self.command, self.invocation, tuple(self.args))

    def source(self) -> Element | None:
        """What this element sends down the pipeline: a command, or an expression's head."""
        if self.command is None:
            return Element(self.head, EXPRESSION) if self.head else None
        return self.element()


class _Frame:
    """A statement list or expression inside `{`, `(`, `@{` or the top level."""

    __slots__ = ("kind", "done", "current", "pipe_input")

    def __init__(self, kind: str, pipe_input: tuple[Element, ...] = ()) -> None:
        self.kind = kind  # "top" | "block" | "paren" | "hash"
        self.done: list[Element] = []  # finished elements of the current pipeline
        self.current = _Builder()
        self.pipe_input = pipe_input

    def end_statement(self) -> None:
        self.done = []
        self.current = _Builder()

    def next_element(self) -> None:
        element = self.current.source()
        self.done = [*self.done, element] if element is not None else []
        self.current = _Builder()


def analyze(text: str, cursor: int) -> Context:
    """The Context of completing at CURSOR in TEXT (cursor clamped into the text)."""
    cursor = max(0, min(cursor, len(text)))
    before = text[:cursor]
    tokens = scan(before)
    word_tok: Tok | None = None
    if tokens and tokens[-1].end == cursor and _is_word(tokens[-1], before):
        word_tok = tokens.pop()
    frames = [_Frame("top")]
    for tok in tokens:
        _feed(frames, tok)
    frame = frames[-1]
    functions = tuple(dict.fromkeys(m.group(1) for m in _FUNCTION.finditer(text)))
    variables = tuple(
        dict.fromkeys(
            m.group(1)
            for m in _ASSIGNED.finditer(text)
            if word_tok is None or m.start() != word_tok.start
        )
    )
    base = {
        "pipeline": tuple(frame.done),
        "pipe_input": frame.pipe_input,
        "functions": functions,
        "variables": variables,
    }
    return _classify(frame, word_tok, cursor, base)


def _is_word(tok: Tok, before: str) -> bool:
    if tok.kind in (Kind.WORD, Kind.DASHWORD, Kind.VARIABLE):
        return True
    if tok.kind is Kind.COMMENT:
        return not tok.closed and "\n" not in before[tok.start :]
    return tok.kind is Kind.STRING


def _classify(frame: _Frame, tok: Tok | None, cursor: int, base: dict) -> Context:
    builder = frame.current
    if tok is None:
        return _empty_word(frame, cursor, base)
    word = tok.text
    if tok.kind is Kind.COMMENT or (tok.kind is Kind.STRING and tok.closed):
        return Context(Expect.NOTHING, word, tok.start, **base)
    if tok.kind is Kind.VARIABLE:
        if "." in word[1:] and not word.startswith("${"):
            path = word[1:].split(".")
            return Context(
                Expect.MEMBER,
                path[-1],
                cursor - len(path[-1]),
                member_base=path[0],
                member_path=tuple(path[1:-1]),
                element=builder.element(),
                **base,
            )
        return Context(Expect.VARIABLE, word, tok.start, element=builder.element(), **base)
    if frame.kind == "hash" and builder.mode in ("start", "expression"):
        return Context(Expect.NOTHING, word, tok.start, **base)
    quote = word[0] if tok.kind is Kind.STRING else ""
    if builder.mode == "start":
        if quote:
            return Context(Expect.NOTHING, word, tok.start, **base)
        if tok.kind is Kind.DASHWORD:
            return Context(Expect.OPERATOR, word, tok.start, **base)
        return Context(Expect.COMMAND, word, tok.start, invocation=builder.invocation, **base)
    if builder.mode == "command":
        element = builder.element()
        if tok.kind is Kind.DASHWORD and not quote:
            name, colon, value = word[1:].partition(":")
            if colon:
                return Context(
                    Expect.ARGUMENT,
                    value,
                    cursor - len(value),
                    element=element,
                    colon_parameter=name,
                    **base,
                )
            return Context(Expect.ARGUMENT, word, tok.start, element=element, **base)
        return Context(Expect.ARGUMENT, word, tok.start, quote=quote, element=element, **base)
    if builder.mode == "expression" and tok.kind is Kind.DASHWORD:
        return Context(Expect.OPERATOR, word, tok.start, **base)
    return Context(Expect.NOTHING, word, tok.start, **base)


def _empty_word(frame: _Frame, cursor: int, base: dict) -> Context:
    builder = frame.current
    if frame.kind == "hash" and builder.mode in ("start", "expression"):
        return Context(Expect.NOTHING, "", cursor, **base)
    if builder.mode == "start":
        return Context(Expect.COMMAND, "", cursor, invocation=builder.invocation, **base)
    if builder.mode == "command":
        return Context(Expect.ARGUMENT, "", cursor, element=builder.element(), **base)
    return Context(Expect.NOTHING, "", cursor, **base)


def _feed(frames: list[_Frame], tok: Tok) -> None:
    """Advance the statement structure over one complete token."""
    frame = frames[-1]
    builder = frame.current
    kind = tok.kind
    if kind is Kind.COMMENT:
        return
    if kind in (Kind.NEWLINE, Kind.SEMI):
        if kind is Kind.NEWLINE and frame.kind == "paren":
            return  # a newline inside ( ) does not end the pipeline
        frame.end_statement()
        return
    if kind is Kind.PIPE:
        frame.next_element()
        return
    if kind in (Kind.LBRACE, Kind.LPAREN, Kind.AT_BRACE):
        _value(builder, tok.text)
        pipe_input = frame.pipe_input
        if kind is Kind.LBRACE and builder.mode == "command":
            # A script block argument: `$_` in it is what the earlier elements send.
            pipe_input = tuple(frame.done)
        new_kind = {Kind.LBRACE: "block", Kind.LPAREN: "paren"}.get(kind, "hash")
        frames.append(_Frame(new_kind, pipe_input))
        return
    if kind in (Kind.RBRACE, Kind.RPAREN):
        if len(frames) > 1:
            frames.pop()
        return
    if kind is Kind.COMMA:
        if builder.mode == "command":
            builder.args.append(Arg("comma", ","))
        return
    if builder.mode == "start":
        _start(frame, builder, tok)
        return
    if builder.mode == "command":
        if kind is Kind.DASHWORD:
            name, colon, value = tok.text[1:].partition(":")
            builder.args.append(Arg("parameter", name, value if colon else None))
        elif kind is not Kind.OPERATOR:
            builder.args.append(Arg("value", tok.text))
        return
    if builder.mode == "expression" and kind is Kind.OPERATOR and tok.text.endswith("="):
        if tok.text not in ("==", "!="):
            frame.current = _Builder()  # `$x = Get-...`: a command may follow


def _start(frame: _Frame, builder: _Builder, tok: Tok) -> None:
    kind = tok.kind
    if frame.kind == "hash" or (kind is Kind.WORD and tok.text[0] in "[0123456789"):
        builder.mode = "expression"
        return
    if kind in (Kind.AMP, Kind.DOT):
        builder.invocation = tok.text
        return
    if kind is Kind.WORD and not builder.invocation:
        low = tok.text.lower()
        if low in _LEADING_KEYWORDS:
            return
        if low in _EXPRESSION_KEYWORDS:
            builder.mode = "skip" if low in ("function", "filter") else "expression"
            return
    if kind in (Kind.WORD, Kind.STRING) and (kind is Kind.WORD or builder.invocation):
        builder.command = tok.text
        builder.mode = "command"
        return
    builder.mode = "expression"
    builder.head = tok.text


def _value(builder: _Builder, opener: str) -> None:
    """A block or sub-expression opened as an argument counts as one value."""
    if builder.mode == "command":
        builder.args.append(Arg("value", opener))
    elif builder.mode in ("start", "skip"):
        builder.mode = "expression"
