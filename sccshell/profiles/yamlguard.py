"""Limits for YAML a person wrote by hand: size, nesting depth and alias expansion.

PyYAML's composer recurses once per nesting level (the C one crashes the process on
deep input), and aliases let a small file stand for an exponential number of values
("billion laughs"). Profiles and the config file are small, so anything past these
limits is refused with its position before it is composed or walked.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_CHARS = 1 << 20  # a profile or config file is a few kilobytes
MAX_DEPTH = 50
MAX_VALUES = 100_000  # values after aliases are expanded


class UnsafeYaml(Exception):
    """YAML refused by a limit; line and col are 1-based."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


def _at(message: str, mark: yaml.Mark | None) -> UnsafeYaml:
    if mark is None:
        return UnsafeYaml(message)
    return UnsafeYaml(message, mark.line + 1, mark.column + 1)


def check_text(text: str, loader: type) -> None:
    """Refuse a file that is too large or nested too deeply; YAMLError for bad syntax."""
    if len(text) > MAX_CHARS:
        raise UnsafeYaml(
            f"the file is too large ({len(text):,} characters; the limit is {MAX_CHARS:,})"
        )
    depth = 0
    # The event parser does not recurse, so it can measure depth safely.
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _at(f"values are nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value


def check_aliases(root: Node | None) -> None:
    """Refuse aliases that contain themselves or expand to more than MAX_VALUES values."""
    if root is None:
        return
    stack = [(root, _children(root))]
    on_path = {id(root)}
    seen = 1
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            on_path.discard(id(node))
            stack.pop()
            continue
        if id(child) in on_path:
            raise _at("an alias refers to a value that contains it", child.start_mark)
        seen += 1
        if seen > MAX_VALUES:
            raise _at(
                f"aliases expand to more than {MAX_VALUES:,} values (refused: an alias bomb?)",
                child.start_mark,
            )
        if isinstance(child, (MappingNode, SequenceNode)):
            on_path.add(id(child))
            stack.append((child, _children(child)))


def undecodable(exc: UnicodeDecodeError) -> UnsafeYaml:
    """Where the first byte that is not UTF-8 is, as a problem a person can find."""
    before = bytes(exc.object[: exc.start])
    line = before.count(b"\n") + 1
    column = len(before.rpartition(b"\n")[2].decode("utf-8", errors="replace")) + 1
    byte = bytes(exc.object[exc.start : exc.start + 1]).hex()
    return UnsafeYaml(
        f"the file is not UTF-8 text (byte 0x{byte} cannot start or continue a character)",
        line,
        column,
    )


def bad_character(err: yaml.reader.ReaderError, text: str) -> UnsafeYaml:
    """A character YAML does not allow (NUL, other control characters), with its place."""
    before = text[: err.position]
    line = before.count("\n") + 1
    column = len(before.rpartition("\n")[2]) + 1
    char = err.character if isinstance(err.character, int) else ord(err.character)
    return UnsafeYaml(
        f"the character U+{char:04X} is not allowed in YAML ({err.reason})", line, column
    )
