"""Shortcuts for the language tests."""

from __future__ import annotations

import pytest

from sccshell.language import (
    CommandAst,
    CommandExpressionAst,
    ParseError,
    PipelineAst,
    parse,
    to_source,
)
from sccshell.language.parser import parse_unguarded


def statement(text: str):
    """The only statement of `text`."""
    script = parse(text)
    assert len(script.statements) == 1, script.statements
    return script.statements[0]


def pipeline(text: str) -> PipelineAst:
    node = statement(text)
    assert isinstance(node, PipelineAst), node
    return node


def command(text: str) -> CommandAst:
    """The only command of a one-command script."""
    node = pipeline(text)
    assert len(node.elements) == 1
    assert isinstance(node.elements[0], CommandAst), node.elements[0]
    return node.elements[0]


def expr(text: str):
    """The expression of a one-expression script."""
    node = pipeline(text)
    assert len(node.elements) == 1
    element = node.elements[0]
    assert isinstance(element, CommandExpressionAst), element
    assert not element.redirections
    return element.expr


def args(text: str) -> list:
    """The elements of the only command of `text`."""
    return command(text).elements


def error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse(text)
    return info.value


def roundtrip(text: str) -> str:
    """Check that printing the parse of `text` reparses to the same tree; return the print."""
    tree = parse_unguarded(text)
    printed = to_source(tree)
    assert parse_unguarded(printed) == tree, printed
    return printed
