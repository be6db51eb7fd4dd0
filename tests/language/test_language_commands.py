"""Commands, parameters, arguments, pipelines and redirections."""

from __future__ import annotations

from language_helpers import args, command, error, expr, pipeline, statement

from sccshell.language import (
    ArrayLiteralAst,
    AssignmentAst,
    CommandAst,
    CommandExpressionAst,
    CommandParameterAst,
    ExpandableStringAst,
    HashtableAst,
    InvokeMemberAst,
    MemberAst,
    NumberAst,
    ParenExpressionAst,
    PipelineAst,
    RedirectionAst,
    ScriptBlockExpressionAst,
    StringConstantAst,
    VariableAst,
    parse,
)


def bare(value: str) -> StringConstantAst:
    return StringConstantAst(value, "")


def param(name: str, argument=None) -> CommandParameterAst:
    return CommandParameterAst(name, argument)


class TestParameters:
    def test_named_parameter_is_not_paired_with_its_value(self):
        assert command("Get-Mailbox -Identity bob") == CommandAst(
            "Get-Mailbox", [param("Identity"), bare("bob")]
        )

    def test_colon_form_carries_its_argument(self):
        assert args("Set-Mailbox x -Confirm:$false") == [
            bare("x"),
            param("Confirm", VariableAst("false")),
        ]

    def test_colon_form_with_space_and_bare_word(self):
        assert args("Get-X -Name: value -Path:C:\\x") == [
            param("Name", bare("value")),
            param("Path", bare("C:\\x")),
        ]

    def test_switch_parameters(self):
        assert args("Export-Csv out.csv -NoTypeInformation -Force") == [
            bare("out.csv"),
            param("NoTypeInformation"),
            param("Force"),
        ]

    def test_positional_arguments(self):
        assert command("Get-Mailbox bob alice") == CommandAst(
            "Get-Mailbox", [bare("bob"), bare("alice")]
        )

    def test_typographic_dash_starts_a_parameter(self):
        assert args("Get-Mailbox \u2013Identity bob") == [param("Identity"), bare("bob")]

    def test_negative_number_argument(self):
        assert args("Get-X -Days -5") == [param("Days"), NumberAst(-5, "-5")]

    def test_parameter_that_looks_like_an_operator(self):
        assert args("Get-X -eq -not") == [param("eq"), param("not")]

    def test_colon_argument_can_be_an_array(self):
        assert args("Get-X -Name:a,b") == [param("Name", ArrayLiteralAst([bare("a"), bare("b")]))]


class TestBareWords:
    def test_domain_address_path_and_keyword_values(self):
        for word in [
            "contoso.com",
            "john@contoso.com",
            "C:\\Reports\\out.csv",
            "Unlimited",
            "*@contoso.com",
        ]:
            assert args(f"Set-X {word}") == [bare(word)], word

    def test_dotted_relative_command(self):
        cmd = command(".\\script.scc -Arg 1")
        assert cmd.name == ".\\script.scc"
        assert cmd.elements == [param("Arg"), NumberAst(1, "1")]

    def test_backtick_escapes_in_bare_word(self):
        assert args("Write-Output a`,b a` b a`tb") == [bare("a,b"), bare("a b"), bare("a\tb")]

    def test_quoted_section_inside_bare_word(self):
        assert args("Get-ChildItem C:\\'Program Files'") == [bare("C:\\Program Files")]

    def test_square_brackets_are_plain_text_in_argument_mode(self):
        assert args("Get-ChildItem [a-c]*.txt") == [bare("[a-c]*.txt")]

    def test_arithmetic_looking_argument_is_a_string(self):
        assert args("Write-Output 2+2 1..3 !1") == [bare("2+2"), bare("1..3"), bare("!1")]

    def test_word_with_variable_is_expandable(self):
        node = args("Write-Output foo$bar")[0]
        assert node == ExpandableStringAst("foo$bar", [bare("foo"), VariableAst("bar")], "")

    def test_variable_followed_by_text_becomes_one_expandable_word(self):
        node = args("Write-Output $dir\\file.txt")[0]
        assert node == ExpandableStringAst(
            "$dir\\file.txt", [VariableAst("dir"), bare("\\file.txt")], ""
        )

    def test_variable_member_access_in_argument_mode(self):
        assert args("Write-Output $a.txt") == [MemberAst(VariableAst("a"), "txt")]

    def test_quoted_string_then_word_are_two_arguments(self):
        assert args("Write-Output 'a'b") == [StringConstantAst("a", "'"), bare("b")]

    def test_numbers_and_multipliers_in_argument_mode(self):
        assert args("Set-X 10GB 0x1F 2.5 1e3") == [
            NumberAst(10 * 1024**3, "10GB"),
            NumberAst(31, "0x1F"),
            NumberAst(2.5, "2.5"),
            NumberAst(1000.0, "1e3"),
        ]

    def test_digit_started_word_is_a_string(self):
        assert args("Get-X 7z 2024-01-01") == [bare("7z"), bare("2024-01-01")]

    def test_lone_dash_is_a_word(self):
        assert args("Get-X -") == [bare("-")]


class TestArguments:
    def test_comma_list_is_one_array_argument(self):
        assert args("Get-X -Name a,b,c") == [
            param("Name"),
            ArrayLiteralAst([bare("a"), bare("b"), bare("c")]),
        ]

    def test_comma_list_with_spaces_and_newline(self):
        assert args("Get-X a , b,\n c") == [ArrayLiteralAst([bare("a"), bare("b"), bare("c")])]

    def test_select_object_calculated_property(self):
        node = args("Select-Object DisplayName,@{n='Size';e={$_.TotalItemSize}}")[0]
        assert isinstance(node, ArrayLiteralAst)
        assert node.items[0] == bare("DisplayName")
        table = node.items[1]
        assert isinstance(table, HashtableAst)
        assert [key.value for key, _ in table.pairs] == ["n", "e"]
        assert table.pairs[0][1] == StringConstantAst("Size", "'")
        assert isinstance(table.pairs[1][1], ScriptBlockExpressionAst)

    def test_paren_argument_with_method_call(self):
        node = args("Get-X -Start (Get-Date).AddDays(-7)")[1]
        assert isinstance(node, InvokeMemberAst)
        assert node.member == "AddDays"
        assert node.args == [NumberAst(-7, "-7")]
        assert isinstance(node.target, ParenExpressionAst)
        assert node.target.pipeline == PipelineAst([CommandAst("Get-Date", [])])

    def test_splatting(self):
        assert args("Get-Mailbox @params -Verbose") == [
            VariableAst("params", True),
            param("Verbose"),
        ]

    def test_script_block_argument(self):
        node = args("Where-Object { $_.ArchiveStatus -eq 'Active' }")[0]
        assert isinstance(node, ScriptBlockExpressionAst)

    def test_quoted_arguments(self):
        assert args("Get-X 'a b' \"c\"") == [
            StringConstantAst("a b", "'"),
            StringConstantAst("c", '"'),
        ]

    def test_unary_comma_argument(self):
        assert args("Write-Output ,1") == [ArrayLiteralAst([NumberAst(1, "1")])]


class TestInvocation:
    def test_call_operator_with_variable(self):
        cmd = command("& $cmd -X 1")
        assert cmd.invocation == "&"
        assert cmd.name is None
        assert cmd.target == VariableAst("cmd")
        assert cmd.elements == [param("X"), NumberAst(1, "1")]

    def test_call_operator_with_quoted_name_is_static(self):
        cmd = command("& 'Get-Mailbox' -Identity x")
        assert (cmd.invocation, cmd.name, cmd.target) == ("&", "Get-Mailbox", None)

    def test_call_operator_with_script_block(self):
        cmd = command("& { Get-X }")
        assert isinstance(cmd.target, ScriptBlockExpressionAst)

    def test_dot_source(self):
        cmd = command(". .\\lib.scc")
        assert (cmd.invocation, cmd.name) == (".", ".\\lib.scc")
        cmd = command(". $sb")
        assert (cmd.invocation, cmd.name, cmd.target) == (".", None, VariableAst("sb"))

    def test_expandable_command_name_goes_to_target(self):
        cmd = command('& "Get-$noun"')
        assert cmd.name is None and isinstance(cmd.target, ExpandableStringAst)


class TestPipelines:
    def test_the_reference_pipeline(self):
        text = (
            "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.ArchiveStatus -eq 'Active' } | "
            "Select-Object DisplayName,@{n='Size';e={$_.TotalItemSize}} | "
            "Export-Csv C:\\out.csv -NoTypeInformation"
        )
        node = pipeline(text)
        assert [c.name for c in node.elements] == [
            "Get-Mailbox",
            "Where-Object",
            "Select-Object",
            "Export-Csv",
        ]
        assert node.elements[0].elements == [param("ResultSize"), bare("Unlimited")]
        assert node.elements[3].elements == [bare("C:\\out.csv"), param("NoTypeInformation")]

    def test_aliases_are_plain_command_names(self):
        node = pipeline("1..3 | % { $_ } | ? { $_ } | foreach { $_ } | ForEach-Object { $_ }")
        assert isinstance(node.elements[0], CommandExpressionAst)
        assert [c.name for c in node.elements[1:]] == ["%", "?", "foreach", "ForEach-Object"]

    def test_newline_after_pipe_continues(self):
        node = pipeline("Get-X |\n\n  Sort-Object |\n Select-Object -First 1")
        assert len(node.elements) == 3

    def test_backtick_continuation(self):
        assert args("Get-X -A 1 `\n  -B 2") == [
            param("A"),
            NumberAst(1, "1"),
            param("B"),
            NumberAst(2, "2"),
        ]

    def test_semicolons_and_newlines_separate_statements(self):
        script = parse("Get-A; Get-B\nGet-C;;\n\nGet-D")
        assert [s.elements[0].name for s in script.statements] == [
            "Get-A",
            "Get-B",
            "Get-C",
            "Get-D",
        ]

    def test_assignment_of_a_pipeline(self):
        node = statement("$x = Get-Mailbox -Identity bob | Select-Object -First 1")
        assert isinstance(node, AssignmentAst)
        assert node.target == VariableAst("x")
        assert isinstance(node.value, PipelineAst)
        assert node.value.elements[0] == CommandAst("Get-Mailbox", [param("Identity"), bare("bob")])

    def test_expression_pipeline(self):
        node = pipeline("$list | Sort-Object")
        assert node.elements[0] == CommandExpressionAst(VariableAst("list"))

    def test_keyword_named_command_after_pipe(self):
        assert pipeline("Get-X | foreach { 1 }").elements[1].name == "foreach"


class TestRedirections:
    def test_output_redirections(self):
        cmd = command("Get-X > C:\\out.txt")
        assert cmd.redirections == [RedirectionAst(">", bare("C:\\out.txt"))]
        cmd = command("Get-X -A 1 >> log.txt 2>&1")
        assert cmd.redirections == [RedirectionAst(">>", bare("log.txt")), RedirectionAst("2>&1")]
        assert cmd.elements == [param("A"), NumberAst(1, "1")]

    def test_redirection_without_space(self):
        assert command("Get-X>out.txt").redirections == [RedirectionAst(">", bare("out.txt"))]

    def test_redirection_after_expression(self):
        node = pipeline("$x > out.txt").elements[0]
        assert node == CommandExpressionAst(
            VariableAst("x"), [RedirectionAst(">", bare("out.txt"))]
        )

    def test_unsupported_redirections_are_named(self):
        for op in ["3>", "*>&1", "3>&1", "4>", "6>>"]:
            err = error(f"Get-X {op} file")
            assert f"redirection '{op}' is not supported" in err.message, op
            assert (err.line, err.col) == (1, 7)

    def test_expression_statement(self):
        assert expr("'hello'") == StringConstantAst("hello", "'")
