"""Keyword statements, functions, param blocks, script blocks and comments."""

from __future__ import annotations

from language_helpers import expr, statement

from sccshell.language import (
    AttributeAst,
    BinaryAst,
    BreakAst,
    CatchAst,
    CommandAst,
    ContinueAst,
    DoLoopAst,
    ExitAst,
    ForAst,
    ForEachAst,
    FunctionAst,
    IfAst,
    NumberAst,
    ParamBlockAst,
    ParameterAst,
    PipelineAst,
    ReturnAst,
    ScriptBlockAst,
    StatementBlockAst,
    StringConstantAst,
    SwitchAst,
    ThrowAst,
    TryAst,
    TypeAst,
    UnaryAst,
    VariableAst,
    parse,
)


def var(name: str) -> VariableAst:
    return VariableAst(name)


def num(value: int) -> NumberAst:
    return NumberAst(value, str(value))


def cmd_stmt(name: str, *elements) -> PipelineAst:
    return PipelineAst([CommandAst(name, list(elements))])


def block(*statements) -> StatementBlockAst:
    return StatementBlockAst(list(statements))


class TestIf:
    def test_if_elseif_else(self):
        node = statement("if ($a) { Get-A } elseif ($b) { Get-B } else { Get-C }")
        assert node == IfAst(
            [(var("a"), block(cmd_stmt("Get-A"))), (var("b"), block(cmd_stmt("Get-B")))],
            block(cmd_stmt("Get-C")),
        )

    def test_else_on_following_lines(self):
        node = statement("if ($a) {\n  1\n}\nelseif ($b)\n{\n  2\n}\n\nelse\n{\n}")
        assert len(node.clauses) == 2 and node.else_body == block()

    def test_keywords_are_case_insensitive(self):
        assert isinstance(statement("IF ($x) { } ELSEIF ($y) { } Else { }"), IfAst)
        assert isinstance(statement("ForEach ($x in $y) { }"), ForEachAst)
        assert isinstance(statement("FUNCTION f { }"), FunctionAst)

    def test_condition_is_a_pipeline(self):
        node = statement("if (Get-X -Y) { }")
        assert node.clauses[0][0] == cmd_stmt("Get-X", *statement("Get-X -Y").elements[0].elements)

    def test_if_then_other_statement(self):
        script = parse("if ($a) { 1 }\nGet-X")
        assert isinstance(script.statements[0], IfAst) and isinstance(
            script.statements[1], PipelineAst
        )


class TestLoops:
    def test_foreach(self):
        node = statement("foreach ($m in $mailboxes) { $m.Name }")
        assert node.variable == var("m")
        assert node.iterable == var("mailboxes")
        assert len(node.body.statements) == 1

    def test_foreach_over_pipeline_and_range(self):
        assert isinstance(statement("foreach ($m in Get-Mailbox) {}").iterable, PipelineAst)
        assert statement("foreach ($i in 1..3) {}").iterable == BinaryAst("..", num(1), num(3))

    def test_foreach_statement_vs_command(self):
        node = statement("foreach ($x in $y) { }")
        assert isinstance(node, ForEachAst)

    def test_for(self):
        node = statement("for ($i = 0; $i -lt 10; $i++) { }")
        assert isinstance(node, ForAst)
        assert node.condition == BinaryAst("-lt", var("i"), num(10))
        assert node.iterator == UnaryAst("++", var("i"), True)
        assert statement("for (;;) { }") == ForAst(None, None, None, block())

    def test_for_with_newline_separators(self):
        node = statement("for ($i = 0\n $i -lt 3\n $i++) { }")
        assert node.condition == BinaryAst("-lt", var("i"), num(3))

    def test_while(self):
        node = statement("while ($true) { break }")
        assert node.condition == var("true")
        assert node.body == block(BreakAst())

    def test_do_while_and_until(self):
        assert statement("do { $i++ } while ($i -lt 5)") == DoLoopAst(
            block(PipelineAst([_expr_element("$i++")])), BinaryAst("-lt", var("i"), num(5)), False
        )
        node = statement("do {\n} \n until ($done)")
        assert node.until and node.condition == var("done")

    def test_break_continue_with_labels(self):
        node = statement(
            ":outer foreach ($a in $b) { foreach ($c in $d) { break outer; continue } }"
        )
        assert node.label == "outer"
        inner = node.body.statements[0]
        assert inner.body.statements == [BreakAst("outer"), ContinueAst()]


def _expr_element(text: str):
    return statement(text).elements[0]


class TestSwitch:
    def test_plain_switch(self):
        node = statement("switch ($x) {\n 'a' { 1 }\n 2 { 2 }\n default { 3 }\n}")
        assert node == SwitchAst(
            var("x"),
            [],
            [(StringConstantAst("a", "'"), block(_num_stmt(1))), (num(2), block(_num_stmt(2)))],
            block(_num_stmt(3)),
        )

    def test_switch_flags(self):
        assert statement("switch -wildcard ($x) { 'a*' {} }").flags == ["wildcard"]
        node = statement("switch -Regex -CaseSensitive ($x) { '^a' {} }")
        assert node.flags == ["regex", "casesensitive"]
        assert statement("switch -exact ($x) { a {} }").flags == ["exact"]

    def test_bare_word_and_script_block_patterns(self):
        node = statement("switch ($x) { abc { 1 }; { $_ -gt 5 } { 2 } }")
        assert node.clauses[0][0] == StringConstantAst("abc", "")
        assert type(node.clauses[1][0]).__name__ == "ScriptBlockExpressionAst"


def _num_stmt(value: int) -> PipelineAst:
    return statement(str(value))


class TestTry:
    def test_try_catch_typed_finally(self):
        node = statement(
            "try { Get-X }\ncatch [System.Net.WebException], [System.IO.IOException] { 1 }\n"
            "catch { 2 }\nfinally { 3 }"
        )
        assert isinstance(node, TryAst)
        assert node.catches[0].types == [
            TypeAst("System.Net.WebException"),
            TypeAst("System.IO.IOException"),
        ]
        assert node.catches[1] == CatchAst([], block(_num_stmt(2)))
        assert node.finally_body == block(_num_stmt(3))

    def test_try_finally(self):
        node = statement("try { } finally { }")
        assert node.catches == [] and node.finally_body == block()

    def test_throw_return_exit(self):
        assert statement('throw "bad"') == ThrowAst(StringConstantAst("bad", '"'))
        assert statement("throw") == ThrowAst()
        assert statement("return") == ReturnAst()
        assert statement("return $x + 1") == ReturnAst(BinaryAst("+", var("x"), num(1)))
        assert statement("exit 1") == ExitAst(num(1))
        assert isinstance(statement("return Get-X | Y").pipeline, PipelineAst)


class TestFunctions:
    def test_function_with_param_block_and_named_blocks(self):
        node = statement(
            "function Get-Foo {\n"
            "    [CmdletBinding(SupportsShouldProcess)]\n"
            "    param(\n"
            "        [Parameter(Mandatory=$true, ParameterSetName='X', Position=0, ValueFromPipeline=$true)]\n"
            "        [string[]]$Names = @(),\n"
            "        [ValidateSet('a','b')][Alias('m')][string]$Mode,\n"
            "        [ValidateNotNullOrEmpty()][AllowEmptyCollection()]$List,\n"
            "        [switch]$Force\n"
            "    )\n"
            "    begin { $n = 0 }\n"
            "    process { $n++ }\n"
            "    end { $n }\n"
            "}"
        )
        assert node.name == "Get-Foo" and node.params == []
        body = node.body
        assert body.statements == []
        assert body.begin is not None and body.process is not None and body.end is not None
        params = body.param_block
        assert params.attributes == [
            AttributeAst("CmdletBinding", [], [("SupportsShouldProcess", None)])
        ]
        names = params.parameters[0]
        assert names.name == "Names" and names.type_name == "string[]"
        assert names.attributes[0].named_args == [
            ("Mandatory", var("true")),
            ("ParameterSetName", StringConstantAst("X", "'")),
            ("Position", num(0)),
            ("ValueFromPipeline", var("true")),
        ]
        mode = params.parameters[1]
        assert [a.type_name for a in mode.attributes] == ["ValidateSet", "Alias"]
        assert mode.attributes[0].positional_args == [
            StringConstantAst("a", "'"),
            StringConstantAst("b", "'"),
        ]
        assert mode.type_name == "string"
        assert params.parameters[2].attributes[1] == AttributeAst("AllowEmptyCollection", [], [])
        assert params.parameters[3] == ParameterAst("Force", "switch")

    def test_function_with_parenthesized_parameters(self):
        node = statement("function Add($a, [int]$b = 2) { $a + $b }")
        assert node.params == [ParameterAst("a"), ParameterAst("b", "int", [], num(2))]
        assert node.body.param_block is None

    def test_filter(self):
        node = statement("filter Big { if ($_.Size -gt 1GB) { $_ } }")
        assert node.is_filter and node.name == "Big"

    def test_script_with_param_block(self):
        script = parse("#requires -Version 5\nparam(\n  [string]$Path\n)\nGet-X $Path")
        assert script.param_block == ParamBlockAst([], [ParameterAst("Path", "string")])
        assert len(script.statements) == 1

    def test_plain_script_uses_statements(self):
        script = parse("Get-A\nGet-B")
        assert script.begin is None and script.process is None and script.end is None
        assert len(script.statements) == 2

    def test_script_block_with_process_block(self):
        node = expr("{ process { $_ } }")
        assert node.body.process == block(statement("$_"))

    def test_empty_param_block(self):
        assert expr("{ param() }").body.param_block == ParamBlockAst([], [])


class TestComments:
    def test_line_and_block_comments(self):
        script = parse("# one\nGet-A # trailing\n<# block\n comment #> Get-B <# inline #> -X\n")
        assert script.statements == [cmd_stmt("Get-A"), statement("Get-B -X")]

    def test_region_markers_are_comments(self):
        assert parse("#region Setup\nGet-A\n#endregion").statements == [cmd_stmt("Get-A")]

    def test_hash_inside_word_is_not_a_comment(self):
        assert statement("Get-X a#b").elements[0].elements == [StringConstantAst("a#b", "")]

    def test_empty_script(self):
        assert parse("") == ScriptBlockAst()
        assert parse("\n\n  # nothing\n") == ScriptBlockAst()
