"""`sccshell -c`, in-process through an Environment, against the built-in sandbox."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from cli_run import run_cli

from sccshell.status import ExitStatus

DOCUMENTED = [
    "ConnectionId", "State", "Id", "Name", "UserPrincipalName", "ConnectionUri",
    "AzureAdAuthorizationEndpointUri", "TokenExpiryTimeUTC", "CertificateAuthentication",
    "ModuleName", "ModulePrefix", "Organization", "DelegatedOrganization", "AppId", "PageSize",
    "TenantID", "TokenStatus", "ConnectionUsedForInbuiltCmdlets", "IsEopSession",
]  # fmt: skip


def test_connection_information_as_json() -> None:
    status, out, err = run_cli("--sandbox", "-c", "Get-ConnectionInformation", "-o", "json")
    assert status == ExitStatus.SUCCESS, err
    connections = json.loads(out)
    assert [c["Name"] for c in connections] == ["ExchangeOnline_1", "ExchangeOnlineProtection_2"]
    assert [c["IsEopSession"] for c in connections] == [False, True]
    for connection in connections:
        assert list(connection) == DOCUMENTED
        assert connection["State"] == "Connected" and connection["TokenStatus"] == "Active"


def test_group_and_sort_print_a_readable_table() -> None:
    status, out, err = run_cli(
        "--sandbox",
        "-c",
        "Get-Mailbox -ResultSize Unlimited | Group-Object RecipientTypeDetails | Sort-Object Count -Descending",
    )
    assert status == ExitStatus.SUCCESS, err
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0].split() == ["Count", "Name", "Group"]
    assert set(lines[1]) <= {"-", " "}
    counts = [int(line.split()[0]) for line in lines[2:]]
    assert counts == sorted(counts, reverse=True) and sum(counts) >= 500
    assert lines[2].split()[1] == "UserMailbox"
    assert "{" in lines[2] and "@{" not in lines[2]  # members print as their Identity


def test_a_pipeline_of_local_cmdlets() -> None:
    status, out, _ = run_cli("-c", "1..5 | Where-Object { $_ % 2 } | ForEach-Object { $_ * 10 }")
    assert status == ExitStatus.SUCCESS
    assert out.split() == ["10", "30", "50"]


def test_export_csv_from_the_service(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    command = (
        "Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails SharedMailbox | "
        f"Select-Object Name, PrimarySmtpAddress | Export-Csv -Path '{target}' -NoTypeInformation"
    )
    status, out, err = run_cli("--sandbox", "-c", command)
    assert status == ExitStatus.SUCCESS, err
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 25
    assert all(row["PrimarySmtpAddress"].endswith("@contoso.com") for row in rows)


def test_jsonl_streams_every_property() -> None:
    status, out, _ = run_cli("--sandbox", "-c", "Get-AcceptedDomain", "-o", "jsonl")
    assert status == ExitStatus.SUCCESS
    domains = [json.loads(line) for line in out.splitlines()]
    assert {d["DomainName"] for d in domains} >= {"contoso.onmicrosoft.com", "contoso.com"}
    assert not any("@" in key for d in domains for key in d)


def test_an_unknown_cmdlet_fails_with_a_suggestion() -> None:
    status, _, err = run_cli("--sandbox", "-c", "Get-Mailbx")
    assert status == ExitStatus.ERROR
    assert "did you mean Get-Mailbox?" in err


def test_a_remote_cmdlet_without_a_connection_says_how_to_connect() -> None:
    status, _, err = run_cli("-c", "Get-Mailbox")
    assert status == ExitStatus.ERROR
    assert "Connect-ExchangeOnline" in err


def test_a_parse_error_is_a_usage_error_with_its_position() -> None:
    status, _, err = run_cli("-c", "Get-Mailbox | Where-Object {")
    assert status == ExitStatus.USAGE
    assert "1:28:" in err


def test_a_service_error_is_exit_one() -> None:
    status, _, err = run_cli("--sandbox", "-c", "Get-Mailbox -Identity nobody-here")
    assert status == ExitStatus.ERROR
    assert "nobody-here" in err


def test_a_confirmation_without_a_terminal_fails_and_says_why() -> None:
    status, _, err = run_cli("--sandbox", "-c", "Remove-Mailbox -Identity info -Confirm")
    assert status == ExitStatus.ERROR
    assert "--yes" in err
    status, _, err = run_cli("--sandbox", "--yes", "-c", "Remove-Mailbox -Identity info -Confirm")
    assert status == ExitStatus.SUCCESS, err


def test_a_high_impact_cmdlet_asks_even_without_confirm() -> None:
    # $ConfirmPreference is High and Remove-Mailbox's ConfirmImpact is High (protocol §2.6).
    status, _, err = run_cli("--sandbox", "-c", "Remove-Mailbox -Identity info; 'not reached'")
    assert status == ExitStatus.ERROR
    assert "--yes" in err and "-Confirm:$false" in err
    checks = (
        "Remove-Mailbox -Identity info -Confirm:$false; (Get-Mailbox info -ErrorAction "
        "SilentlyContinue) -eq $null",
        "$ConfirmPreference = 'None'; Remove-Mailbox -Identity sales; "
        "(Get-Mailbox sales -ErrorAction SilentlyContinue) -eq $null",
        "Remove-Mailbox -Identity support -WhatIf; (Get-Mailbox support).Alias",
        # a Medium cmdlet runs without asking at the default preference...
        "Set-Mailbox -Identity admin -CustomAttribute1 x; (Get-Mailbox admin).CustomAttribute1",
    )
    expected = ["True", "True", "support", "x"]
    for text, want in zip(checks, expected, strict=True):
        status, out, err = run_cli("--sandbox", "-c", text)
        assert status == ExitStatus.SUCCESS, (text, err)
        assert out.strip().splitlines()[-1] == want, text
    # ...and asks once the preference is lowered to Medium.
    status, _, err = run_cli(
        "--sandbox", "-c", "$ConfirmPreference = 'Medium'; Set-Mailbox admin -CustomAttribute1 y"
    )
    assert status == ExitStatus.ERROR and "--yes" in err


CONNECT_HELPDESK = (
    '$c = New-Object System.Management.Automation.PSCredential("helpdesk@contoso.onmicrosoft.com", '
    '(ConvertTo-SecureString "Sandbox-Helpdesk-1!" -AsPlainText -Force)); '
    "Connect-ExchangeOnline -Credential $c -Prefix HD -ShowBanner:$false; "
)


def test_connect_exchange_online_with_a_credential_and_a_prefix() -> None:
    command = CONNECT_HELPDESK + (
        "Get-ConnectionInformation | ForEach-Object { $_.Name + '|' + $_.ModulePrefix + '|' + $_.UserPrincipalName }; "
        "(Get-HDMailbox -ResultSize 2).Count; "
        "Disconnect-ExchangeOnline -ModulePrefix HD; (Get-ConnectionInformation).Count"
    )
    status, out, err = run_cli("--sandbox", "-c", command)
    assert status == ExitStatus.SUCCESS, err
    lines = out.split()
    assert lines[:3] == [
        "ExchangeOnline_1||admin@contoso.onmicrosoft.com",
        "ExchangeOnlineProtection_2||admin@contoso.onmicrosoft.com",
        "ExchangeOnline_3|HD|helpdesk@contoso.onmicrosoft.com",
    ]
    assert lines[3:] == ["2", "2"]


def test_the_helpdesk_role_cannot_run_new_mailbox() -> None:
    status, _, err = run_cli("--sandbox", "-c", CONNECT_HELPDESK + "New-HDMailbox -Name x")
    assert status == ExitStatus.ERROR
    assert "not recognized" in err


def test_connect_refuses_the_module_s_bad_prefixes() -> None:
    status, _, err = run_cli("--sandbox", "-c", "Connect-IPPSSession -Prefix 'S-C'")
    assert status == ExitStatus.ERROR
    assert "Use of any special characters in the Prefix string is not supported." in err
    status, _, err = run_cli("--sandbox", "-c", "Connect-ExchangeOnline -Prefix EXO")
    assert "Prefix 'EXO' is a reserved Prefix, please use a different prefix." in err


def test_a_windows_only_parameter_is_explained() -> None:
    status, _, err = run_cli(
        "-c",
        "Connect-ExchangeOnline -CertificateThumbprint AB12 -AppId x -Organization contoso.com",
    )
    assert status == ExitStatus.ERROR
    assert "-CertificateFilePath" in err


def test_error_action_decides_whether_a_service_error_stops() -> None:
    command = (
        "try { Get-Mailbox -Identity nobody -ErrorAction Stop } "
        "catch [ManagementObjectNotFoundException] { 'caught ' + $_.Exception.Message.Split(' ')[0] }; "
        "Get-Mailbox -Identity nobody2 -ErrorAction SilentlyContinue; 'after'; $Error.Count; "
        "$ErrorActionPreference = 'Stop'; try { Get-Mailbox nobody3 } catch { 'stopped' }"
    )
    status, out, err = run_cli("--sandbox", "-c", command)
    assert status == ExitStatus.SUCCESS, err
    assert out.split("\n")[:4] == ["caught The", "after", "1", "stopped"]
    assert err == ""


def test_a_non_terminating_error_shows_and_the_script_goes_on() -> None:
    status, out, err = run_cli("--sandbox", "-c", "Get-Mailbox -Identity nobody; 'still here'")
    assert status == ExitStatus.ERROR
    assert "nobody" in err and out.strip() == "still here"


def test_exit_sets_the_status_and_stops() -> None:
    status, out, _ = run_cli("-c", "'a'; exit 3; 'b'")
    assert status == 3 and out.split() == ["a"]
    status, _, _ = run_cli("-c", "function Stop-Here { exit 4 }; Stop-Here")
    assert status == 4


def test_log_file_records_each_remote_command_without_secrets(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    command = (
        "(Get-Mailbox -ResultSize 5).Count; Get-Mailbox -Identity nobody; "
        "New-Mailbox -Name 'Kenji Sato' -MicrosoftOnlineServicesID kenji@contoso.com "
        "-Password (ConvertTo-SecureString 'P@ss-1234' -AsPlainText -Force) | Out-Null"
    )
    status, _, _ = run_cli("--sandbox", "--log-file", str(log), "-c", command)
    assert status == ExitStatus.ERROR  # the unknown mailbox
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert [r["cmdlet"] for r in records] == ["Get-Mailbox", "Get-Mailbox", "New-Mailbox"]
    assert records[0]["results"] == 5 and records[0]["connection"] == "ExchangeOnline_1"
    assert "nobody" in records[1]["error"]
    assert records[2]["parameters"]["Password"] == "***"
    assert "P@ss-1234" not in log.read_text()
    assert oct(log.stat().st_mode & 0o777) == "0o600"


def test_get_command_lists_local_and_connected_cmdlets() -> None:
    status, out, err = run_cli(
        "--sandbox",
        "-c",
        "Get-Command *RetentionCompliancePolicy | ForEach-Object { $_.Name + '@' + $_.Source }",
    )
    assert status == ExitStatus.SUCCESS, err
    found = out.split()
    assert "Get-RetentionCompliancePolicy@ExchangeOnlineProtection_2" in found
    assert all(item.split("@")[0].endswith("RetentionCompliancePolicy") for item in found)
    status, out, _ = run_cli("-c", "Get-Command -Noun Object | ForEach-Object Name")
    assert "Where-Object" in out.split() and "Get-Mailbox" not in out


def test_get_help_shows_syntax_parameters_and_the_docs_page() -> None:
    status, out, err = run_cli("-c", "Get-Help Set-Mailbox -Parameter ProhibitSendQuota")
    assert status == ExitStatus.SUCCESS, err
    assert "SYNTAX" in out and "Set-Mailbox [-Identity] <MailboxIdParameter>" in out
    assert "-ProhibitSendQuota <Unlimited>" in out
    assert "https://learn.microsoft.com/powershell/module/exchangepowershell/set-mailbox" in out


def test_machine_output_stays_parseable() -> None:
    # Host output (Write-Host, What if) goes to stderr when stdout carries JSON.
    command = (
        "Write-Host 'for a person'; Set-Mailbox admin -Office X -WhatIf; "
        "[pscustomobject]@{A=1}; exit 3"
    )
    status, out, err = run_cli("--sandbox", "-o", "json", "-c", command)
    assert status == 3
    assert json.loads(out) == [{"A": 1}]  # exit still closes the array
    assert "for a person" in err and 'What if: Setting mailbox "admin".' in err
    status, out, _ = run_cli("-o", "json", "-c", "1; throw 'stop'")
    assert status == ExitStatus.ERROR and json.loads(out) == [1]
