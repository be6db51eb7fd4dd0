"""Positions of nodes: 1-based line/col, 0-based offset/end."""

from __future__ import annotations

from sccshell.language import (
    BinaryAst,
    CommandAst,
    CommandParameterAst,
    ExpandableStringAst,
    IfAst,
    MemberAst,
    Position,
    StringConstantAst,
    VariableAst,
    parse,
    walk,
)


def find(tree, cls, pred=lambda n: True):
    return next(n for n in walk(tree) if isinstance(n, cls) and pred(n))


def text_of(source: str, node) -> str:
    return source[node.pos.offset : node.pos.end]


SCRIPT = """# header
$x = Get-Mailbox -Identity bob
if ($x.Count -gt 1) {
    Write-Host "Found $($x.Count) items" -ForegroundColor Green
}
"""


def test_command_and_parameter_positions():
    tree = parse(SCRIPT)
    cmd = find(tree, CommandAst, lambda n: n.name == "Get-Mailbox")
    assert cmd.pos == Position(2, 6, 14, 39)
    assert text_of(SCRIPT, cmd) == "Get-Mailbox -Identity bob"
    p = find(tree, CommandParameterAst, lambda n: n.name == "Identity")
    assert (p.pos.line, p.pos.col) == (2, 18)
    assert text_of(SCRIPT, p) == "-Identity"


def test_statement_and_expression_positions():
    tree = parse(SCRIPT)
    node = find(tree, IfAst)
    assert (node.pos.line, node.pos.col) == (3, 1)
    assert text_of(SCRIPT, node).endswith("}")
    cond = find(tree, BinaryAst)
    assert text_of(SCRIPT, cond) == "$x.Count -gt 1"
    member = find(tree, MemberAst)
    assert (member.pos.line, member.pos.col) == (3, 5)


def test_string_part_positions_point_into_the_source():
    tree = parse(SCRIPT)
    s = find(tree, ExpandableStringAst)
    assert text_of(SCRIPT, s) == '"Found $($x.Count) items"'
    inner = [n for n in walk(s) if isinstance(n, MemberAst)][0]
    assert text_of(SCRIPT, inner) == "$x.Count"
    assert (inner.pos.line, inner.pos.col) == (4, 25)
    literal = s.parts[0]
    assert isinstance(literal, StringConstantAst) and text_of(SCRIPT, literal) == "Found "


def test_every_node_has_a_position_within_the_source():
    tree = parse(SCRIPT)
    for node in walk(tree):
        assert 0 <= node.pos.offset <= node.pos.end <= len(SCRIPT), node
        assert node.pos.line >= 1 and node.pos.col >= 1


def test_positions_do_not_affect_equality():
    assert parse("Get-X  -A   1") == parse("Get-X -A 1")
    assert parse("$a") != parse("$b")
    assert VariableAst("a") == parse("\n\n   $a").statements[0].elements[0].expr


def test_columns_after_wide_characters_and_crlf():
    tree = parse("'😀'; $y\r\n  $z")
    ys = [n for n in walk(tree) if isinstance(n, VariableAst)]
    assert [(v.name, v.pos.line, v.pos.col, v.pos.offset) for v in ys] == [
        ("y", 1, 6, 5),
        ("z", 2, 3, 11),
    ]
