"""Offline analysis of whole scripts: functions, prefixes, aliases and nesting."""

from __future__ import annotations

import pytest

SCRIPT = """\
function Set-Quota {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)][string]$Identity,
        [ValidateSet('Small', 'Large')][string]$Size = 'Small',
        [switch]$Force
    )
    process { Set-Mailbox -Identity $Identity -ProhibitSendQuota 10GB }
}
function Show-Pair($a, $b) { Write-Host $a $b }
"""


def _problems(analyzer, text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in analyzer.check(text)]


def test_advanced_function_binds_like_a_cmdlet(analyzer) -> None:
    ok = SCRIPT + "Set-Quota -Identity bob -Size large -WhatIf\nGet-Mailbox | Set-Quota -Force\n"
    assert _problems(analyzer, ok) == []
    bad = SCRIPT + "Set-Quota bob -Sise Large\nSet-Quota -Size Medium\n"
    found = _problems(analyzer, bad)
    assert found[0][:2] == (11, 15) and "did you mean -Size?" in found[0][2]
    assert found[1][:2] == (12, 1) and "missing mandatory parameter(s) -Identity" in found[1][2]
    assert found[2][:2] == (12, 17) and "Small, Large" in found[2][2]


def test_simple_function_takes_anything(analyzer) -> None:
    assert _problems(analyzer, SCRIPT + "Show-Pair 1 2 3 -Anything\n") == []


def test_remaining_arguments_bind(analyzer) -> None:
    assert _problems(analyzer, "Write-Host 'a' $b c -ForegroundColor Red\nWrite-Output 1 2 3") == []


def test_prefix_from_connect_in_the_script(analyzer) -> None:
    text = (
        "Connect-IPPSSession -UserPrincipalName admin@contoso.com -Prefix SCC\n"
        "Get-SCCRetentionCompliancePolicy -Identity 'Legal Hold'\n"
        "Get-SCCRetentionCompliancePolicyy\n"
    )
    found = _problems(analyzer, text)
    assert len(found) == 1
    assert found[0][:2] == (3, 1)
    assert "did you mean Get-SCCRetentionCompliancePolicy?" in found[0][2]


def test_prefix_is_unknown_before_the_connect(analyzer) -> None:
    text = "Get-SCCLabel\nConnect-IPPSSession -Prefix SCC\n"
    assert [p[:2] for p in _problems(analyzer, text)] == [(1, 1)]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("Get-Mailbox | ? { $_.Name -like 'a*' } | select Name, Alias", None, None),
        ("Get-Mailbox | where Name -like 'a*' | ft -AutoSize", None, None),
        ("Get-Mailbox | % { Set-Mailbox $_ -Idenity x }", 1, 34),
        ("$r = @(Get-Mailbox -ResultSize Unlimited | Get-MailboxStatistics -Archivee)", 1, 66),
        ("if ($x) {\n  foreach ($m in $y) {\n    Get-Mailbox -Identity $m -Bogus\n  }\n}", 3, 30),
        ('"Total: $(Get-Mailboxx -ResultSize 10)"', 1, 11),
    ],
)
def test_commands_are_found_everywhere(analyzer, text: str, line, col) -> None:
    found = _problems(analyzer, text)
    if line is None:
        assert found == []
    else:
        assert found and found[0][:2] == (line, col), found


def test_paths_and_dot_sourcing_are_not_cmdlets(analyzer) -> None:
    assert _problems(analyzer, ".\\Invoke-Report.ps1 -Days 3\n. ./lib.ps1\n& $cmd -x") == []


def test_splatting_is_lenient(analyzer) -> None:
    text = "$p = @{Identity='bob'}\nSet-Mailbox @p -ProhibitSendQuota 10GB"
    assert _problems(analyzer, text) == []
