"""YAML composed to nodes, so every value keeps the line and column it was written at."""

from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sccshell.profiles.errors import Mark, Problem, ProfileError
from sccshell.profiles.yamlguard import UnsafeYaml, bad_character, check_aliases, check_text

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
MERGE_TAG = "tag:yaml.org,2002:merge"


def mark(file: str, node: Node) -> Mark:
    return Mark(file, node.start_mark.line + 1, node.start_mark.column + 1)


def compose(text: str, file: str) -> Node | None:
    """The document's root node (None for an empty file); ProfileError for bad YAML."""
    try:
        check_text(text, _Loader)
        root = yaml.compose(text, Loader=_Loader)
        check_aliases(root)
        return root
    except yaml.reader.ReaderError as exc:
        bad = bad_character(exc, text)
        raise ProfileError(Problem(Mark(file, bad.line, bad.col), bad.message)) from None
    except UnsafeYaml as exc:
        raise ProfileError(Problem(Mark(file, exc.line, exc.col), exc.message)) from None
    except yaml.MarkedYAMLError as exc:
        raise ProfileError(_yaml_problem(exc, file, text)) from None
    except yaml.YAMLError as exc:  # no position: an unreadable stream, for example
        raise ProfileError(Problem(Mark(file), str(exc))) from None


def _yaml_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    at = exc.problem_mark or exc.context_mark
    where = Mark(file, at.line + 1, at.column + 1) if at else Mark(file)
    message = exc.problem or exc.context or "invalid YAML"
    context = exc.context_mark
    if exc.problem and exc.context and context is not None and _place(context) != _place(at):
        message += f" ({exc.context} at {context.line + 1}:{context.column + 1})"
    if at is not None and _char_at(text, at.line, at.column) == "\t":
        message += "; indent YAML with spaces, not tabs"
    return Problem(where, message)


def _place(at: yaml.Mark | None) -> tuple[int, int] | None:
    return (at.line, at.column) if at is not None else None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column : column + 1] if line < len(lines) else ""


def kind(node: Node) -> str:
    """How a person would name the node's kind in an error message."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "empty" if node.tag == NULL_TAG else f"'{node.value}'"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def entries(node: MappingNode, file: str, problems: list[Problem]) -> dict[str, tuple[Node, Node]]:
    """Key text → (key node, value node), with `<<` merges applied and duplicates reported."""
    first: dict[str, Node] = {}
    for key, _ in node.value:
        if not isinstance(key, ScalarNode):
            problems.append(Problem(mark(file, key), "a key must be a plain name"))
        elif key.tag != MERGE_TAG:
            if key.value in first:
                where = first[key.value].start_mark
                problems.append(
                    Problem(
                        mark(file, key),
                        f"duplicate key '{key.value}' (first at {where.line + 1}:{where.column + 1})",
                    )
                )
            first.setdefault(key.value, key)
    try:
        # The constructor's own merge (`<<: *defaults`): merged keys come first, so
        # keys written in the mapping itself win below.
        SafeConstructor().flatten_mapping(node)
    except ConstructorError as exc:
        at = exc.problem_mark or node.start_mark
        problems.append(Problem(Mark(file, at.line + 1, at.column + 1), str(exc.problem)))
    found: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        if isinstance(key, ScalarNode):
            found[key.value] = (key, value)
    return found


def construct(node: ScalarNode) -> object:
    """The scalar's YAML value (bool, int, str, None)."""
    return SafeConstructor().construct_object(node)
