"""Strings, numbers, variables, member access, operators and precedence."""

from __future__ import annotations

import pytest
from language_helpers import expr, statement

from sccshell.language import (
    ArrayExpressionAst,
    ArrayLiteralAst,
    AssignmentAst,
    BinaryAst,
    CastAst,
    ExpandableStringAst,
    HashtableAst,
    IndexAst,
    InvokeMemberAst,
    MemberAst,
    NumberAst,
    ParenExpressionAst,
    PipelineAst,
    ScriptBlockExpressionAst,
    StringConstantAst,
    SubExpressionAst,
    TypeAst,
    UnaryAst,
    VariableAst,
)


def var(name: str) -> VariableAst:
    return VariableAst(name)


def num(value, text=None) -> NumberAst:
    return NumberAst(value, text if text is not None else str(value))


def lit(value: str) -> StringConstantAst:
    return StringConstantAst(value, "")


class TestStrings:
    def test_single_quoted_with_doubled_quote(self):
        assert expr("'it''s'") == StringConstantAst("it's", "'")

    def test_single_quoted_is_literal(self):
        assert expr("'$x `n'") == StringConstantAst("$x `n", "'")

    def test_double_quoted_without_expansion(self):
        assert expr('"plain"') == StringConstantAst("plain", '"')

    @pytest.mark.parametrize(
        ("escape", "value"),
        [
            ("`n", "\n"),
            ("`t", "\t"),
            ('`"', '"'),
            ("`$", "$"),
            ("``", "`"),
            ("`0", "\0"),
            ("`a", "\a"),
            ("`b", "\b"),
            ("`e", "\x1b"),
            ("`f", "\f"),
            ("`r", "\r"),
            ("`v", "\v"),
            ("`q", "q"),
            ('""', '"'),
        ],
    )
    def test_double_quoted_escapes(self, escape, value):
        assert expr(f'"<{escape}>"') == StringConstantAst(f"<{value}>", '"')

    def test_variable_expansion(self):
        assert expr('"Hello $name!"') == ExpandableStringAst(
            "Hello $name!", [lit("Hello "), var("name"), lit("!")]
        )

    def test_member_access_is_not_expanded_in_strings(self):
        node = expr('"$x.Prop"')
        assert node.parts == [var("x"), lit(".Prop")]

    def test_subexpression_in_string(self):
        node = expr('"Size: $($x.Prop) GB"')
        assert node.parts[0] == lit("Size: ")
        sub = node.parts[1]
        assert isinstance(sub, SubExpressionAst)
        assert sub.statements[0].elements[0].expr == MemberAst(var("x"), "Prop")
        assert node.parts[2] == lit(" GB")

    def test_braced_and_scoped_variables_in_strings(self):
        node = expr('"${name}: $env:USERNAME $script:count"')
        assert node.parts == [
            var("name"),
            lit(": "),
            var("env:USERNAME"),
            lit(" "),
            var("script:count"),
        ]

    def test_special_variables_and_lone_dollar(self):
        assert expr('"$_ $? $$ $ end$"').parts == [
            var("_"),
            lit(" "),
            var("?"),
            lit(" "),
            var("$"),
            lit(" $ end$"),
        ]

    def test_escaped_dollar_is_not_expanded(self):
        assert expr('"cost `$5"') == StringConstantAst("cost $5", '"')

    def test_nested_quotes_inside_subexpression(self):
        node = expr('"a $(Get-X "b") c"')
        assert node.parts[1].statements[0].elements[0].elements == [StringConstantAst("b", '"')]

    def test_here_strings(self):
        assert expr("@'\nline $x\n  'quoted'\n'@") == StringConstantAst("line $x\n  'quoted'", "@'")
        node = expr('@"\nHi $name\n"quoted"\n"@')
        assert node == ExpandableStringAst(
            'Hi $name\n"quoted"', [lit("Hi "), var("name"), lit('\n"quoted"')], '@"'
        )
        assert expr('@"\nno vars\n"@') == StringConstantAst("no vars", '@"')

    def test_here_string_closer_must_start_a_line(self):
        assert expr("@'\na '@ b\n'@") == StringConstantAst("a '@ b", "@'")

    def test_empty_here_string_and_crlf(self):
        assert expr("@'\n'@") == StringConstantAst("", "@'")
        assert expr("@'\r\na\r\nb\r\n'@") == StringConstantAst("a\r\nb", "@'")

    def test_typographic_quotes(self):
        assert expr("\u2018it\u2019\u2019s\u2019") == StringConstantAst("it\u2019s", "'")
        assert expr("\u201chi\u201d") == StringConstantAst("hi", '"')


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("42", 42),
            ("0x1F", 31),
            ("0xff", 255),
            ("1.5", 1.5),
            (".5", 0.5),
            ("1e3", 1000.0),
            ("1.5e-3", 0.0015),
            ("10GB", 10 * 1024**3),
            ("500MB", 500 * 1024**2),
            ("1KB", 1024),
            ("2tb", 2 * 1024**4),
            ("1pb", 1024**5),
            ("1.5gb", 1.5 * 1024**3),
            ("7l", 7),
            ("2d", 2.0),
        ],
    )
    def test_literals(self, text, value):
        node = expr(text)
        assert node == NumberAst(value, text)
        assert type(node.value) is type(value)

    def test_negative_literal_in_operand_position(self):
        assert expr("-5") == num(-5, "-5")
        assert expr("$x * -2") == BinaryAst("*", var("x"), num(-2, "-2"))

    def test_minus_with_space_is_unary(self):
        assert expr("- 5") == UnaryAst("-", num(5))

    def test_binary_minus_without_spaces(self):
        assert expr("3-5") == BinaryAst("-", num(3), num(5))
        assert expr("3 -5") == BinaryAst("-", num(3), num(5))


class TestVariables:
    @pytest.mark.parametrize(
        ("text", "name"),
        [
            ("$x", "x"),
            ("$_", "_"),
            ("$PSItem", "PSItem"),
            ("${my var}", "my var"),
            ("$true", "true"),
            ("$false", "false"),
            ("$null", "null"),
            ("$env:NAME", "env:NAME"),
            ("$script:x", "script:x"),
            ("$global:x", "global:x"),
            ("${env:ProgramFiles(x86)}", "env:ProgramFiles(x86)"),
            ("$?", "?"),
        ],
    )
    def test_names(self, text, name):
        assert expr(text) == VariableAst(name)


class TestMembers:
    def test_property(self):
        assert expr("$m.PrimarySmtpAddress") == MemberAst(var("m"), "PrimarySmtpAddress")

    def test_method_calls_and_chains(self):
        assert expr("$s.ToLower()") == InvokeMemberAst(var("s"), "ToLower", [])
        node = expr("$s.Trim().Split(',')")
        assert node == InvokeMemberAst(
            InvokeMemberAst(var("s"), "Trim", []), "Split", [StringConstantAst(",", "'")]
        )

    def test_paren_method_with_negative_argument(self):
        node = expr("(Get-Date).AddDays(-7)")
        assert isinstance(node.target, ParenExpressionAst)
        assert node.args == [num(-7, "-7")]

    def test_static_members(self):
        assert expr("[datetime]::UtcNow") == MemberAst(TypeAst("datetime"), "UtcNow", True)
        assert expr("[math]::Round($x, 2)") == InvokeMemberAst(
            TypeAst("math"), "Round", [var("x"), num(2)], True
        )

    def test_dynamic_member_names(self):
        assert expr("$h.'a b'") == MemberAst(var("h"), StringConstantAst("a b", "'"))
        assert expr("$h.$key") == MemberAst(var("h"), var("key"))

    def test_multi_line_method_arguments(self):
        node = expr("$x.Replace(\n  'a',\n  'b'\n)")
        assert len(node.args) == 2

    def test_indexing(self):
        assert expr("$a[0]") == IndexAst(var("a"), num(0))
        assert expr("$a[-1]") == IndexAst(var("a"), num(-1, "-1"))
        assert expr("$h['key']") == IndexAst(var("h"), StringConstantAst("key", "'"))
        assert expr("$a[0][1].Name") == MemberAst(
            IndexAst(IndexAst(var("a"), num(0)), num(1)), "Name"
        )
        assert expr("$a[1,2]") == IndexAst(var("a"), ArrayLiteralAst([num(1), num(2)]))


class TestTypes:
    def test_casts(self):
        assert expr("[int]$x") == CastAst("int", var("x"))
        assert expr("[string[]]$list") == CastAst("string[]", var("list"))
        assert expr("[int] '5'") == CastAst("int", StringConstantAst("5", "'"))
        assert expr("[int]-5") == CastAst("int", num(-5, "-5"))
        assert expr("[string][int]$x") == CastAst("string", CastAst("int", var("x")))

    def test_cast_binds_tighter_than_member_access_target(self):
        assert expr("[int]$x.Count") == CastAst("int", MemberAst(var("x"), "Count"))

    def test_type_literals(self):
        assert expr("[System.Collections.Generic.List[string]]") == TypeAst(
            "System.Collections.Generic.List[string]"
        )
        assert expr("[Dictionary[string, int]]") == TypeAst("Dictionary[string,int]")
        assert expr("[int[,]]") == TypeAst("int[,]")

    def test_type_minus_number_is_binary(self):
        assert expr("[int] - 5") == BinaryAst("-", TypeAst("int"), num(5))


class TestCollections:
    def test_array_literal(self):
        assert expr("1, 2, 3") == ArrayLiteralAst([num(1), num(2), num(3)])

    def test_unary_comma(self):
        assert expr(",1") == ArrayLiteralAst([num(1)])

    def test_array_expression(self):
        node = expr("@(Get-X; 1)")
        assert isinstance(node, ArrayExpressionAst) and len(node.statements) == 2
        assert expr("@()") == ArrayExpressionAst([])

    def test_hashtable_with_semicolons(self):
        node = expr('@{Add="x","y"; Remove="z"}')
        assert node == HashtableAst(
            [
                (
                    lit("Add"),
                    ArrayLiteralAst([StringConstantAst("x", '"'), StringConstantAst("y", '"')]),
                ),
                (lit("Remove"), StringConstantAst("z", '"')),
            ]
        )

    def test_hashtable_with_newlines_and_key_kinds(self):
        node = expr("@{\n  Name = 'a'\n  'quoted key' = 1\n  $k = 2\n  3 = Get-Date\n}")
        keys = [key for key, _ in node.pairs]
        assert keys == [lit("Name"), StringConstantAst("quoted key", "'"), var("k"), num(3)]
        assert isinstance(node.pairs[3][1], PipelineAst)

    def test_empty_hashtable(self):
        assert expr("@{}") == HashtableAst([])

    def test_script_block_expression(self):
        node = expr("{ param($a) $a + 1 }")
        assert isinstance(node, ScriptBlockExpressionAst)
        assert node.body.param_block.parameters[0].name == "a"


class TestOperators:
    @pytest.mark.parametrize(
        "op",
        "-eq -ne -gt -ge -lt -le -like -notlike -match -notmatch -contains -notcontains -in -notin "
        "-replace -split -join -is -isnot -as -f -and -or -xor -band -bor -bxor -shl -shr".split(),
    )
    def test_binary_word_operators(self, op):
        assert expr(f"$a {op} $b") == BinaryAst(op, var("a"), var("b"))

    @pytest.mark.parametrize(
        "op", ["-ceq", "-cne", "-clike", "-cmatch", "-creplace", "-csplit", "-cin", "-cnotcontains"]
    )
    def test_case_sensitive_forms(self, op):
        assert expr(f"$a {op} $b").op == op

    def test_case_insensitive_forms_are_canonical(self):
        assert expr("$a -ieq $b").op == "-eq"
        assert expr("$a -ILike $b").op == "-like"
        assert expr("$a -EQ $b").op == "-eq"

    @pytest.mark.parametrize("op", ["+", "-", "*", "/", "%", ".."])
    def test_arithmetic_and_range(self, op):
        assert expr(f"$a {op} $b") == BinaryAst(op, var("a"), var("b"))

    def test_unary_operators(self):
        assert expr("-not $x") == UnaryAst("-not", var("x"))
        assert expr("!$x") == UnaryAst("!", var("x"))
        assert expr("-bnot $x") == UnaryAst("-bnot", var("x"))
        assert expr("-split $x") == UnaryAst("-split", var("x"))
        assert expr("-join $x") == UnaryAst("-join", var("x"))
        assert expr("-$x") == UnaryAst("-", var("x"))
        assert expr("+$x") == UnaryAst("+", var("x"))
        assert expr("++$i") == UnaryAst("++", var("i"))
        assert expr("$i--") == UnaryAst("--", var("i"), True)

    def test_format_operator(self):
        node = expr('"{0:N1} GB" -f $size')
        assert node == BinaryAst("-f", StringConstantAst("{0:N1} GB", '"'), var("size"))

    def test_precedence_multiplication_over_addition(self):
        assert expr("1 + 2 * 3") == BinaryAst("+", num(1), BinaryAst("*", num(2), num(3)))

    def test_precedence_addition_over_comparison_over_logical(self):
        node = expr("$a + 1 -gt 2 -and $b")
        assert node == BinaryAst(
            "-and", BinaryAst("-gt", BinaryAst("+", var("a"), num(1)), num(2)), var("b")
        )

    def test_logical_operators_share_a_level_left_associative(self):
        node = expr("$a -or $b -and $c")
        assert node == BinaryAst("-and", BinaryAst("-or", var("a"), var("b")), var("c"))

    def test_range_binds_tighter_than_format_and_arithmetic(self):
        assert expr("1..3 * 2") == BinaryAst("*", BinaryAst("..", num(1), num(3)), num(2))
        assert expr("'{0}' -f 1..3") == BinaryAst(
            "-f", StringConstantAst("{0}", "'"), BinaryAst("..", num(1), num(3))
        )

    def test_format_binds_tighter_than_multiplication(self):
        node = expr("'{0}' -f 1 * 2")
        assert node == BinaryAst(
            "*", BinaryAst("-f", StringConstantAst("{0}", "'"), num(1)), num(2)
        )

    def test_unary_binds_tightest(self):
        assert expr("-not $a -eq $b") == BinaryAst("-eq", UnaryAst("-not", var("a")), var("b"))

    def test_comma_binds_tighter_than_binary(self):
        node = expr("1, 2 -contains 2")
        assert node == BinaryAst("-contains", ArrayLiteralAst([num(1), num(2)]), num(2))

    def test_bitwise_between_logical_and_comparison(self):
        node = expr("$a -band 1 -eq 1 -or $b")
        assert node == BinaryAst(
            "-or", BinaryAst("-band", var("a"), BinaryAst("-eq", num(1), num(1))), var("b")
        )

    def test_operator_then_newline_continues(self):
        assert expr("$a -and\n  $b") == BinaryAst("-and", var("a"), var("b"))
        assert expr("1 +\n 2") == BinaryAst("+", num(1), num(2))

    @pytest.mark.parametrize("op", ["=", "+=", "-=", "*=", "/=", "%="])
    def test_assignment_operators(self, op):
        assert statement(f"$x {op} 1") == AssignmentAst(var("x"), op, num(1))

    def test_assignment_targets(self):
        assert statement("$a.B = 1").target == MemberAst(var("a"), "B")
        assert statement("$a[0] = 1").target == IndexAst(var("a"), num(0))
        assert statement("[int]$n = '5'").target == CastAst("int", var("n"))
        assert statement("$a, $b = 1, 2").target == ArrayLiteralAst([var("a"), var("b")])

    def test_assignment_of_statement(self):
        node = statement("$x = if ($a) { 1 } else { 2 }")
        assert type(node.value).__name__ == "IfAst"

    def test_chained_assignment(self):
        node = statement("$a = $b = 5")
        assert node == AssignmentAst(var("a"), "=", AssignmentAst(var("b"), "=", num(5)))
