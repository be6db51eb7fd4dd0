"""to_source, walk and children."""

from __future__ import annotations

import pytest
from language_helpers import roundtrip

from sccshell.language import (
    BinaryAst,
    CommandAst,
    CommandParameterAst,
    NumberAst,
    PipelineAst,
    StringConstantAst,
    VariableAst,
    children,
    parse,
    to_source,
    walk,
)
from sccshell.language.printer import bare_word

SAMPLES = [
    "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.ArchiveStatus -eq 'Active' } | "
    "Select-Object DisplayName,@{n='Size';e={$_.TotalItemSize}} | Export-Csv C:\\out.csv -NoTypeInformation",
    "Set-Mailbox john@contoso.com -EmailAddresses @{Add='x','y'; Remove='z'} -Confirm:$false",
    "$x = [math]::Round($m.TotalItemSize.Value.ToBytes() / 1GB, 2)",
    '"{0:N1} GB" -f $size',
    '"a`t$x and $($y.Name) `$z ${w}"',
    "@'\nhere $x\n'@\n@\"\nhere $x\n\"@",
    "foreach ($m in Get-Mailbox) { if ($m.Size -gt 10GB) { $m } elseif (-not $m) { } else { continue } }",
    ":outer while ($true) { do { $i++ } until ($i -ge 3); break outer }",
    "for ($i = 0; $i -lt 10; $i += 2) { }\nfor (;;) { break }",
    "switch -regex -casesensitive ($s) { '^a' { 1 } default { 2 } }",
    "try { throw 'x' } catch [System.IO.IOException], [Exception] { $_ } catch { } finally { exit 1 }",
    "function Get-Foo {\n[CmdletBinding()]\nparam([Parameter(Mandatory)][string[]]$Name = @(), [switch]$Force)\n"
    "begin { } process { $Name } end { return }\n}",
    "filter F($a, [int]$b = 2) { $_ }",
    "& $cmd -A 1 > out.txt 2>&1; . .\\lib.scc; & 'Get-X'",
    "Write-Output $dir\\file.txt foo$bar a`,b 'a' \"b\" -5 10GB 0x10 [ab] `-x 1..3",
    "$a, $b = 1, 2; $h['k'] = ,1; [int]$n = '5'; $i++; --$j; -split $s; ! $t",
    "Get-X -Name:a,b @splat -Filter {Name -like '*x*'} (Get-Date).AddDays(-7) $a[0].B",
    "$x = 1 - -5 + - 5 - $y * (2 + 3) % 4 -band 7 -or $z -and $w",
    "[datetime]::UtcNow; [string]::Join(',', $a); [int[]]$v; [Dictionary[string,int]]",
    "$h = @{}\n$e = @()\n$s = $()\n{ }",
    "Get-X | ForEach-Object { $_ } | % { $_ } | ? { $_ }",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_samples_round_trip(text):
    roundtrip(text)


def test_printed_source_is_readable():
    printed = to_source(parse("if($a){Get-X -Y:1}else{  $b  }"))
    assert printed == "if ($a) { Get-X -Y:1 } else { $b }"
    printed = to_source(parse("function f { param($a) $a }"))
    assert printed == "function f {\n    param(\n        $a\n    )\n    $a\n}"


def test_to_source_of_single_nodes():
    assert to_source(BinaryAst("+", NumberAst(1, "1"), VariableAst("x"))) == "1 + $x"
    assert to_source(CommandParameterAst("Confirm", VariableAst("false"))) == "-Confirm:$false"
    cmd = CommandAst("Get-X", [CommandParameterAst("Name"), StringConstantAst("a b")])
    assert to_source(PipelineAst([cmd])) == "Get-X -Name a` b"


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "a b",
        "-dash",
        "10",
        "0x1F",
        "0",
        ".5",
        "$x",
        "@at",
        "#hash",
        "a,b",
        "it's",
        'say "hi"',
        "tab\there",
        "new\nline",
        "back`tick",
        "if",
        "foreach",
        "default",
        ".",
        "[x]",
        "!x",
        ":lbl",
        "2>&1",
        "a|b",
    ],
)
def test_bare_words_read_back(value):
    for context in ("argument", "statement", "piped", "switch"):
        cmd = CommandAst(value, []) if context in ("statement", "piped") else None
        if cmd is not None:
            tree = parse(("Get-X | " if context == "piped" else "") + bare_word(value, context))
            assert tree.statements[0].elements[-1].name == value, (
                context,
                bare_word(value, context),
            )
    tree = parse("Get-X " + bare_word(value))
    assert tree.statements[0].elements[0].elements == [StringConstantAst(value, "")]


def test_walk_visits_every_node_in_source_order():
    tree = parse("Get-X -A 1 > f | Y $b; $c = @{k = 2}")
    names = [type(n).__name__ for n in walk(tree)]
    assert names == [
        "ScriptBlockAst",
        "PipelineAst",
        "CommandAst",
        "CommandParameterAst",
        "NumberAst",
        "RedirectionAst",
        "StringConstantAst",
        "CommandAst",
        "VariableAst",
        "AssignmentAst",
        "VariableAst",
        "HashtableAst",
        "StringConstantAst",
        "NumberAst",
    ]
    offsets = [n.pos.offset for n in walk(tree)]
    assert offsets == sorted(offsets)


def test_children_of_command_follow_the_source_order():
    cmd = parse("& $x > out -A").statements[0].elements[0]
    assert [type(c).__name__ for c in children(cmd)] == [
        "VariableAst",
        "RedirectionAst",
        "CommandParameterAst",
    ]
