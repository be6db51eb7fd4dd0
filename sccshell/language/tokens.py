"""Token kinds, the Token record, and the character and operator tables of the language."""

from __future__ import annotations

from enum import Enum
from typing import Any


class TokenKind(Enum):
    EOF = "end of input"
    NEWLINE = "newline"
    SEMI = ";"
    PIPE = "|"
    AMP = "&"
    COMMA = ","
    LPAREN = "("
    RPAREN = ")"
    LBRACE = "{"
    RBRACE = "}"
    LBRACKET = "["
    RBRACKET = "]"
    AT_PAREN = "@("
    AT_BRACE = "@{"
    DOLLAR_PAREN = "$("
    DOT = "."
    COLONCOLON = "::"
    VARIABLE = "variable"
    SPLAT = "splatted variable"
    NUMBER = "number"
    STRING = "string"
    EXPANDABLE = "expandable string"
    WORD = "word"
    PARAMETER = "parameter"
    OPERATOR = "operator"
    REDIRECTION = "redirection"


class Token:
    """One lexeme. `value` depends on the kind (name, number, operator, processed text).

    `quote` is set for strings ("'", '"', "@'", '@"'; "" for bare words), `parts` for
    expandable strings and words, `colon` for `-Name:` parameters.
    """

    __slots__ = ("kind", "start", "end", "text", "value", "quote", "parts", "colon")

    def __init__(
        self,
        kind: TokenKind,
        start: int,
        end: int,
        text: str,
        value: Any = None,
        quote: str = "",
        parts: list | None = None,
        colon: bool = False,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.quote = quote
        self.parts = parts
        self.colon = colon

    def __repr__(self) -> str:
        return f"Token({self.kind.name}, {self.text!r}, value={self.value!r})"

    def describe(self) -> str:
        """How to name this token in an error message."""
        if self.kind is TokenKind.EOF:
            return "end of input"
        if self.kind is TokenKind.NEWLINE:
            return "newline"
        text = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
        return f'"{text}"' if "'" in text else f"'{text}'"


# --- characters -------------------------------------------------------------

WHITESPACE = " \t\v\f\u00a0\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NEWLINES = "\r\n"
DASHES = "-\u2013\u2014\u2015"
SQUOTES = "'\u2018\u2019\u201a\u201b"
DQUOTES = '"\u201c\u201d\u201e'
# A bare word in argument mode ends at these (PowerShell's "force start new token" set,
# plus the redirection characters).
WORD_END = frozenset(WHITESPACE + NEWLINES + "&(),;{|}<>\x00")
# A number in expression mode may be followed directly by an operator character.
NUMBER_END_EXPR = WORD_END | frozenset("!#%*+./=]`[:" + DASHES)
NUMBER_END_CMD = WORD_END

# Backtick escapes inside double-quoted strings and bare words.
ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}

# --- operators --------------------------------------------------------------

_COMPARISON = (
    "eq ne gt ge lt le like notlike match notmatch contains notcontains in notin replace split"
).split()

# Operator words after a dash, lowercased, mapped to their canonical spelling.
# The -i forms are the same operators as the plain ones, so they map to the plain spelling.
DASH_OPERATORS: dict[str, str] = {}
for _op in _COMPARISON:
    DASH_OPERATORS[_op] = "-" + _op
    DASH_OPERATORS["i" + _op] = "-" + _op
    DASH_OPERATORS["c" + _op] = "-c" + _op
for _op in "is isnot as join f and or xor not band bor bxor bnot shl shr".split():
    DASH_OPERATORS[_op] = "-" + _op

# PowerShell's binary precedence levels (higher binds tighter).
BINARY_PRECEDENCE: dict[str, int] = {"-and": 1, "-or": 1, "-xor": 1}
BINARY_PRECEDENCE.update({"-band": 2, "-bor": 2, "-bxor": 2})
for _op in _COMPARISON:
    BINARY_PRECEDENCE["-" + _op] = 3
    BINARY_PRECEDENCE["-c" + _op] = 3
for _op in ("-is", "-isnot", "-as", "-join", "-shl", "-shr"):
    BINARY_PRECEDENCE[_op] = 3
BINARY_PRECEDENCE.update({"+": 4, "-": 4, "*": 5, "/": 5, "%": 5, "-f": 6, "..": 7})

UNARY_WORD_OPERATORS = frozenset({"-not", "-bnot", "-split", "-join"})
ASSIGNMENT_OPERATORS = frozenset({"=", "+=", "-=", "*=", "/=", "%="})
# Output to a file, errors to a file or into the output; the other streams (3>...6>)
# have no place in sccshell's output and are refused by name.
SUPPORTED_REDIRECTIONS = frozenset({">", ">>", "1>", "1>>", "2>", "2>>", "2>&1", "*>", "*>>"})

# --- keywords ---------------------------------------------------------------

STATEMENT_KEYWORDS = frozenset(
    "if switch foreach for while do try throw return break continue exit function filter".split()
)

# Keywords outside the subset, with the message that names the construct.
UNSUPPORTED_KEYWORDS = {
    "class": "'class' definitions are not supported by sccshell",
    "enum": "'enum' definitions are not supported by sccshell",
    "using": "'using' statements are not supported by sccshell",
    "configuration": "DSC 'configuration' blocks are not supported by sccshell",
    "workflow": "'workflow' definitions are not supported by sccshell",
    "parallel": "workflow 'parallel' blocks are not supported by sccshell",
    "sequence": "workflow 'sequence' blocks are not supported by sccshell",
    "inlinescript": "workflow 'inlinescript' blocks are not supported by sccshell",
    "trap": "'trap' statements are not supported by sccshell; use try/catch",
    "data": "'data' sections are not supported by sccshell",
    "dynamicparam": "'dynamicparam' blocks are not supported by sccshell",
    "hidden": "'hidden' class members are not supported by sccshell",
    "static": "'static' class members are not supported by sccshell",
    "define": "'define' is a reserved word and cannot be used here",
    "from": "'from' is a reserved word and cannot be used here",
    "var": "'var' is a reserved word and cannot be used here",
}

# Words that only have meaning after another keyword; a statement cannot start with them.
DEPENDENT_KEYWORDS = frozenset("else elseif catch finally until in param".split())

ALL_KEYWORDS = (
    STATEMENT_KEYWORDS
    | frozenset(UNSUPPORTED_KEYWORDS)
    | DEPENDENT_KEYWORDS
    | frozenset({"begin", "process", "end"})
)
