"""Turn one command line into binder Args, for tests, without depending on the parser.

Understands what the binder tests write: -Name, -Name:value, quoted strings, bare
words, numbers (with KB..PB suffixes), $true/$false/$null, other $variables and
(subexpressions) as UNKNOWN, a,b,c lists, @{k=v; ...} hashtables, {script blocks}
and @splats. Columns are 1-based, as the parser reports them.
"""

from __future__ import annotations

from typing import Any

from sccshell.schema.arguments import UNKNOWN, Arg, ScriptBlockValue
from sccshell.schema.binder import bind

SUFFIXES = {"kb": 2**10, "mb": 2**20, "gb": 2**30, "tb": 2**40, "pb": 2**50}
STOP = " \t,;)}"


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t") and self.peek():
            self.i += 1

    def closing(self, open_: str, close: str) -> str:
        """Text up to the bracket matching the one at i (exclusive); i moves past it."""
        depth = 0
        start = self.i
        while self.i < len(self.text):
            ch = self.text[self.i]
            if ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth == 0:
                    self.i += 1
                    return self.text[start + 1 : self.i - 1]
            self.i += 1
        raise ValueError(f"unbalanced {open_!r} in {self.text!r}")

    def value(self) -> tuple[Any, bool]:
        """One value, and whether it was quoted; then a,b,c lists."""
        first, quoted = self.element()
        if self.peek() != ",":
            return first, quoted
        items = [first]
        while self.peek() == ",":
            self.i += 1
            self.skip_spaces()
            item, _ = self.element()
            items.append(item)
        return items, False

    def element(self) -> tuple[Any, bool]:
        ch = self.peek()
        if ch in ("'", '"'):
            end = self.text.index(ch, self.i + 1)
            word = self.text[self.i + 1 : end]
            self.i = end + 1
            return word, True
        if self.text.startswith("@{", self.i):
            self.i += 1
            return self.hashtable(self.closing("{", "}")), False
        if ch == "{":
            return ScriptBlockValue(self.closing("{", "}").strip()), False
        if ch == "(":
            self.closing("(", ")")
            return UNKNOWN, False
        start = self.i
        while self.peek() and self.peek() not in STOP:
            self.i += 1
        return _word(self.text[start : self.i]), False

    @staticmethod
    def hashtable(body: str) -> dict:
        table = {}
        for pair in filter(None, (p.strip() for p in body.split(";"))):
            key, _, raw = pair.partition("=")
            reader = _Reader(raw.strip())
            table[key.strip()], _ = reader.value()
        return table


def _word(word: str) -> Any:
    low = word.lower()
    if low == "$true":
        return True
    if low == "$false":
        return False
    if low == "$null":
        return None
    if word.startswith("$"):
        return UNKNOWN
    number = low
    factor = 1
    if number[-2:] in SUFFIXES:
        number, factor = number[:-2], SUFFIXES[number[-2:]]
    try:
        return int(number) * factor
    except ValueError:
        pass
    try:
        value = float(number) * factor
        return int(value) if factor != 1 and value.is_integer() else value
    except ValueError:
        return word


def parse_line(line: str, row: int = 1) -> tuple[str, tuple[int, int], list[Arg]]:
    """(command name, its (line, col), the Args after it)."""
    reader = _Reader(line)
    reader.skip_spaces()
    start = reader.i
    while reader.peek() and reader.peek() not in " \t":
        reader.i += 1
    name, at = line[start : reader.i], (row, start + 1)
    args: list[Arg] = []
    while True:
        reader.skip_spaces()
        if not reader.peek():
            return name, at, args
        col = reader.i + 1
        ch = reader.peek()
        nxt = line[reader.i + 1 : reader.i + 2]
        if ch == "-" and (nxt.isalpha() or nxt == "_"):
            reader.i += 1
            begin = reader.i
            while reader.peek() and reader.peek() not in " \t:":
                reader.i += 1
            pname = line[begin : reader.i]
            if reader.peek() == ":":
                reader.i += 1
                value, quoted = reader.value()
                text = line[col - 1 : reader.i]
                args.append(
                    Arg(
                        "parameter",
                        row,
                        col,
                        text,
                        name=pname,
                        value=value,
                        colon=True,
                        quoted=quoted,
                    )
                )
            else:
                args.append(Arg("parameter", row, col, "-" + pname, name=pname))
            continue
        if ch == "@" and nxt.isalpha():
            begin = reader.i
            while reader.peek() and reader.peek() not in " \t":
                reader.i += 1
            args.append(Arg("value", row, col, line[begin : reader.i], splat=True))
            continue
        value, quoted = reader.value()
        args.append(Arg("value", row, col, line[col - 1 : reader.i], value=value, quoted=quoted))


def bind_line(schema, line: str, *, pipeline_input: bool = False):
    """Bind LINE's arguments to the cmdlet it names."""
    name, at, args = parse_line(line)
    cmdlet = schema.get(name)
    assert cmdlet is not None, name
    return bind(cmdlet, args, pipeline_input=pipeline_input, at=at)


def at(line: str, token: str, nth: int = 1) -> tuple[int, int]:
    """(line, col) of the NTH occurrence of TOKEN in LINE."""
    index = -1
    for _ in range(nth):
        index = line.index(token, index + 1)
    return 1, index + 1


def where(error) -> tuple[int, int]:
    return error.line, error.col
