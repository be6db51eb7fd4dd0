"""OPATH filters (`-Filter "Department -eq 'Sales' -and Name -like 'a*'"`): parse and evaluate.

The subset admins write: -eq -ne -like -notlike -gt -lt -ge -le, -and -or -not,
parentheses, $true $false $null, 'single' and "double" quoted or bare values.
Property names are case-insensitive; values are compared with the property's type.
Positions in errors are 1-based character offsets into the filter text, as the
service reports them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sccshell.sandbox.tenant.values import parse_date, parse_size, parse_timespan, wildcard

COMPARISONS = frozenset({"eq", "ne", "like", "notlike", "gt", "lt", "ge", "le"})
LOGICAL = frozenset({"and", "or", "not"})
SYNTAX_HELP = (
    "Invalid filter syntax. For a description of the filter parameter syntax see the command help."
)

# Property kinds a resolver may report; values are compared in the kind's own terms.
ORDERED = frozenset({"int", "date", "size", "timespan", "unlimited"})


class OpathError(ValueError):
    """A filter the service would refuse; `detail` is the text inside `Exception setting "Filter"`."""

    def __init__(self, detail: str, position: int, text: str) -> None:
        super().__init__(detail)
        self.detail = detail
        self.position = position
        self.text = text

    @property
    def message(self) -> str:
        return f'{self.detail} "{self.text}" at position {self.position}.'


# --- tokens -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "(" ")" "op" "string" "var" "word" "end"
    text: str  # the source text
    value: Any  # op name, string content, True/False/None for $vars, bare word
    position: int  # 1-based


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i = 0
    length = len(text)
    while i < length:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        start = i
        if char in "()":
            tokens.append(Token(char, char, char, start + 1))
            i += 1
        elif char in "'\"":
            value, i = _quoted(text, i)
            tokens.append(Token("string", text[start:i], value, start + 1))
        elif char == "-" and i + 1 < length and text[i + 1].isalpha():
            i += 1
            while i < length and text[i].isalpha():
                i += 1
            name = text[start + 1 : i].lower()
            if name not in COMPARISONS and name not in LOGICAL:
                raise OpathError(SYNTAX_HELP, start + 1, text)
            tokens.append(Token("op", text[start:i], name, start + 1))
        else:
            while i < length and not text[i].isspace() and text[i] not in "()'\"":
                i += 1
            word = text[start:i]
            lowered = word.lower()
            if lowered in ("$true", "$false", "$null"):
                value = {"$true": True, "$false": False, "$null": None}[lowered]
                tokens.append(Token("var", word, value, start + 1))
            elif word.startswith("$"):
                # A variable the client did not expand cannot be evaluated on the service.
                raise OpathError(SYNTAX_HELP, start + 1, text)
            else:
                tokens.append(Token("word", word, word, start + 1))
    tokens.append(Token("end", "", None, length + 1))
    return tokens


def _quoted(text: str, i: int) -> tuple[str, int]:
    quote = text[i]
    out = []
    j = i + 1
    while j < len(text):
        char = text[j]
        if char == "`" and quote == '"' and j + 1 < len(text):
            out.append(text[j + 1])
            j += 2
            continue
        if char == quote:
            if j + 1 < len(text) and text[j + 1] == quote:  # doubled quote = literal quote
                out.append(quote)
                j += 2
                continue
            return "".join(out), j + 1
        out.append(char)
        j += 1
    raise OpathError(SYNTAX_HELP, i + 1, text)


# --- syntax tree ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Compare:
    prop: str
    op: str
    value: Any  # str, True, False or None
    quoted: bool
    position: int  # of the property name
    value_position: int


@dataclass(frozen=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    left: Node
    right: Node


@dataclass(frozen=True)
class Not:
    operand: Node


Node = Compare | And | Or | Not


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def fail(self, token: Token) -> OpathError:
        return OpathError(SYNTAX_HELP, token.position, self.text)

    def parse(self) -> Node:
        node = self.or_expr()
        if self.peek().kind != "end":
            raise self.fail(self.peek())
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while self.peek().kind == "op" and self.peek().value == "or":
            self.take()
            node = Or(node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while self.peek().kind == "op" and self.peek().value == "and":
            self.take()
            node = And(node, self.not_expr())
        return node

    def not_expr(self) -> Node:
        if self.peek().kind == "op" and self.peek().value == "not":
            self.take()
            return Not(self.not_expr())
        return self.primary()

    def primary(self) -> Node:
        token = self.peek()
        if token.kind == "(":
            self.take()
            node = self.or_expr()
            if self.peek().kind != ")":
                raise self.fail(self.peek())
            self.take()
            return node
        if token.kind != "word":
            raise self.fail(token)
        prop = self.take()
        op = self.peek()
        if op.kind != "op" or op.value not in COMPARISONS:
            raise self.fail(op)
        self.take()
        value = self.peek()
        if value.kind not in ("string", "var", "word"):
            raise self.fail(value)
        self.take()
        return Compare(
            prop=prop.text,
            op=op.value,
            value=value.value,
            quoted=value.kind == "string",
            position=prop.position,
            value_position=value.position,
        )


def parse(text: str) -> Node:
    """The syntax tree of TEXT; OpathError on bad syntax."""
    stripped = text.strip()
    # A script block's text keeps its braces when sent as a string: the service accepts both.
    if stripped.startswith("{") and stripped.endswith("}"):
        inner = stripped[1:-1]
        offset = text.index("{") + 1
        try:
            return _Parser(inner).parse()
        except OpathError as error:
            raise OpathError(error.detail, error.position + offset, text) from None
    return _Parser(text).parse()


# --- evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """What a resolver says about one property: its name, kind and how to read it."""

    name: str
    kind: str  # str enum guid bool int date size unlimited timespan coll
    get: Callable[[Any], Any]


Resolver = Callable[[str], Field | None]
Predicate = Callable[[Any], bool]


def compile_filter(text: str, resolve: Resolver) -> Predicate:
    """A predicate over records for filter TEXT; OpathError for bad syntax or properties."""
    return _compile(parse(text), resolve, text)


def _compile(node: Node, resolve: Resolver, text: str) -> Predicate:
    if isinstance(node, And):
        left, right = _compile(node.left, resolve, text), _compile(node.right, resolve, text)
        return lambda record: left(record) and right(record)
    if isinstance(node, Or):
        left, right = _compile(node.left, resolve, text), _compile(node.right, resolve, text)
        return lambda record: left(record) or right(record)
    if isinstance(node, Not):
        inner = _compile(node.operand, resolve, text)
        return lambda record: not inner(record)
    return _comparison(node, resolve, text)


def _comparison(node: Compare, resolve: Resolver, text: str) -> Predicate:
    field = resolve(node.prop)
    if field is None:
        raise OpathError(
            f"'{node.prop}' is not a recognized filterable property. "
            "For a description of the filterable properties see the command help.",
            node.position,
            text,
        )
    get = field.get
    if node.value is None and not node.quoted:
        if node.op == "eq":
            return lambda record: _empty(get(record))
        if node.op == "ne":
            return lambda record: not _empty(get(record))
        return lambda record: False
    if node.op in ("like", "notlike"):
        pattern = wildcard(_as_text(node.value))
        positive = node.op == "like"
        if field.kind == "coll":
            return lambda record: _any_like(get(record), pattern) == positive
        return lambda record: (
            (get(record) is not None and bool(pattern.match(_as_text(get(record))))) == positive
        )
    expected = _coerce(node, field, text)
    if field.kind == "coll":
        match = _collection_eq(expected)
        if node.op == "eq":
            return lambda record: match(get(record))
        if node.op == "ne":
            return lambda record: not match(get(record))
        return _ordered(node.op, lambda record: None, expected)  # never true
    key = _key(field.kind)
    return _ordered(node.op, lambda record: key(get(record)), expected)


def _ordered(op: str, read: Callable[[Any], Any], expected: Any) -> Predicate:
    if op == "eq":
        return lambda record: read(record) == expected
    if op == "ne":
        return lambda record: read(record) != expected

    def compare(record: Any) -> bool:
        actual = read(record)
        if actual is None or expected is None:
            return False
        try:
            if op == "gt":
                return actual > expected
            if op == "lt":
                return actual < expected
            if op == "ge":
                return actual >= expected
            return actual <= expected
        except TypeError:
            return False

    return compare


def _coerce(node: Compare, field: Field, text: str) -> Any:
    """The filter's value in the property's terms (comparable with _key of the record's value)."""
    value = node.value
    kind = field.kind
    try:
        if kind == "bool":
            if isinstance(value, bool):
                return value
            lowered = str(value).strip().lower()
            if lowered in ("true", "1", "$true"):
                return True
            if lowered in ("false", "0", "$false"):
                return False
            raise ValueError(value)
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError(value)
            number = float(str(value))
            return int(number) if number.is_integer() else number
        if kind == "date":
            return parse_date(value)
        if kind in ("size", "unlimited"):
            if kind == "unlimited" and str(value).strip().isdigit():
                return int(str(value))
            size = parse_size(value)
            return math.inf if size is None else size
        if kind == "timespan":
            return parse_timespan(value)
    except (ValueError, TypeError):
        type_name = {
            "bool": "System.Boolean",
            "int": "System.Int32",
            "date": "System.DateTime",
            "size": "Microsoft.Exchange.Data.ByteQuantifiedSize",
            "unlimited": "Microsoft.Exchange.Data.Unlimited",
            "timespan": "System.TimeSpan",
        }[kind]
        raise OpathError(
            f"Could not convert the value '{_as_text(value)}' of property '{field.name}' "
            f"to type {type_name}.",
            node.value_position,
            text,
        ) from None
    return _as_text(value).lower()


def _key(kind: str) -> Callable[[Any], Any]:
    """How a record's raw value becomes comparable with a coerced filter value."""
    if kind in ("size", "unlimited"):
        return lambda value: math.inf if value is None else value
    if kind in ("bool", "int", "date", "timespan"):
        return lambda value: value
    return lambda value: None if value is None else _as_text(value).lower()


def _collection_eq(expected: str) -> Callable[[Any], bool]:
    def match(values: Any) -> bool:
        for item in values or ():
            text = _as_text(item).lower()
            # Proxy addresses match with or without their "smtp:" prefix.
            if text == expected or (":" in text and text.split(":", 1)[1] == expected):
                return True
        return False

    return match


def _any_like(values: Any, pattern: Any) -> bool:
    for item in values or ():
        text = _as_text(item)
        if pattern.match(text):
            return True
        if ":" in text and pattern.match(text.split(":", 1)[1]):
            return True
    return False


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple)) and not value)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    return "" if value is None else str(value)
