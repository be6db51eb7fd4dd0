"""Generic traversal of AST trees."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from .ast import Ast, AttributeAst, CommandAst

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
# Nodes whose children can interleave in the source across fields; order them by offset.
_INTERLEAVED = (CommandAst, AttributeAst)


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in fields(cls) if f.name != "pos")
        _FIELD_NAMES[cls] = names
    return names


def _collect(value: object, out: list) -> None:
    if isinstance(value, Ast):
        out.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, out)


def children(node: Ast) -> list[Ast]:
    """The direct child nodes of `node`, in source order."""
    out: list[Ast] = []
    for name in _field_names(type(node)):
        _collect(getattr(node, name), out)
    if isinstance(node, _INTERLEAVED) and len(out) > 1:
        out.sort(key=lambda child: child.pos.offset)
    return out


def walk(node: Ast) -> Iterator[Ast]:
    """Yield `node` and every descendant node, depth-first in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))
