"""Errors and warnings: -ErrorAction, $ErrorActionPreference, $Error, $?, -ErrorVariable, 2>&1."""

from __future__ import annotations

from pathlib import Path

import pytest

from sccshell.language import parse
from sccshell.runtime.evaluator import ScriptError
from sccshell.session import Session


def run(session: Session, text: str) -> list:
    return list(session.evaluator.iter_run(parse(text)))


def shown(session: Session) -> str:
    return session.env.stderr.getvalue()


def test_a_non_terminating_error_is_shown_and_the_script_goes_on(session) -> None:
    out = run(session, 'Write-Error "first"; "after: $?"; "count: $($Error.Count)"')
    assert out == ["after: False", "count: 1"]
    assert "first" in shown(session)


def test_dollar_question_is_true_after_a_clean_pipeline(session) -> None:
    assert run(session, 'Write-Error x 2>$null; $a = 1 + 1; "$?"') == ["True"]
    assert run(session, '$m = Get-Content ./no-such-file.txt; "$?"') == ["False"]


def test_error_action_silently_continue_hides_but_keeps_the_record(session) -> None:
    out = run(
        session,
        'Write-Error "quiet" -ErrorAction SilentlyContinue; "$?"; $Error[0].Exception.Message',
    )
    assert out == ["False", "quiet"]
    assert shown(session) == ""


def test_error_action_ignore_leaves_no_record(session) -> None:
    assert run(session, 'Write-Error "gone" -ErrorAction Ignore; $Error.Count') == [0]


def test_error_action_stop_makes_the_error_terminating_and_catchable(session) -> None:
    out = run(
        session,
        'try { Write-Error "bad" -ErrorAction Stop; "not here" }\n'
        'catch { "in catch: $?"; "caught: $_"; "at $($_.InvocationInfo.ScriptLineNumber)" }',
    )
    assert out == ["in catch: False", "caught: bad", "at 1"]


def test_the_preference_variable_applies_when_no_parameter_is_given(session) -> None:
    out = run(
        session,
        "$ErrorActionPreference = 'Stop'\n"
        "try { Get-Content ./missing.txt; 'no' } catch { 'stopped: ' + $_.Exception.Message }",
    )
    assert len(out) == 1 and out[0].startswith("stopped: Cannot find path")


def test_a_terminating_error_without_a_catch_has_the_command_position(session) -> None:
    with pytest.raises(ScriptError) as caught:
        run(session, "'a'\n  Write-Error 'x' -ErrorAction Stop")
    assert (caught.value.line, caught.value.col) == (2, 3)


def test_a_local_cmdlet_terminating_error_is_a_script_error_with_a_position(session) -> None:
    out = run(session, "try { 1 | Select-Object -Property @{x=1} } catch { 'caught: ' + $_ }")
    assert out == ["caught: The Expression key of a calculated property is missing."]
    with pytest.raises(ScriptError) as caught:
        run(session, "\n 1 | Select-Object -Property @{x=1}")
    assert (caught.value.line, caught.value.col) == (2, 6)


def test_an_unknown_command_has_its_position(session) -> None:
    with pytest.raises(ScriptError) as caught:
        run(session, "'a'\n   Get-Mailbox -Identity x")
    assert (caught.value.line, caught.value.col) == (2, 4)
    assert "Connect-ExchangeOnline" in caught.value.message


def test_error_variable_replaces_and_appends(session) -> None:
    out = run(
        session,
        "Write-Error one -ErrorVariable ev -ErrorAction SilentlyContinue\n"
        "Write-Error two -ErrorVariable +ev -ErrorAction SilentlyContinue\n"
        "$ev.Count; $ev[1].Exception.Message\n"
        "Write-Error three -ErrorVariable ev -ErrorAction SilentlyContinue; $ev.Count",
    )
    assert out == [2, "two", 1]


def test_errors_merged_into_the_output_keep_their_order(session) -> None:
    out = run(
        session,
        "function f { 'a'; Write-Error 'e1'; 'b'; Write-Error 'e2' }\n"
        'f 2>&1 | ForEach-Object { "$_" }',
    )
    assert out == ["a", "e1", "b", "e2"]
    assert shown(session) == ""


def test_a_later_command_keeps_its_own_errors_with_2_to_1_upstream(session) -> None:
    out = run(session, "'x' 2>&1 | ForEach-Object { Write-Error 'downstream'; $_ }")
    assert out == ["x"]
    assert "downstream" in shown(session)


def test_errors_to_a_file_and_to_null(session, tmp_path: Path) -> None:
    log = tmp_path / "errors.txt"
    out = run(
        session,
        f"Get-Content ./nope.txt 2> '{log}'; Write-Error again 2>> '{log}'\n"
        "Write-Error hidden 2>$null; 'done'",
    )
    assert out == ["done"]
    lines = log.read_text().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Cannot find path") and lines[1] == "again"
    assert shown(session) == ""


def test_all_streams_to_a_file(session, tmp_path: Path) -> None:
    log = tmp_path / "all.txt"
    run(session, f"function g {{ 'out'; Write-Error 'err' }}; g *> '{log}'")
    assert log.read_text().splitlines() == ["out", "err"]


def test_warning_action_and_preference(session) -> None:
    run(session, "Write-Warning shown; Write-Warning hidden -WarningAction SilentlyContinue")
    run(session, "$WarningPreference = 'SilentlyContinue'; Write-Warning alsohidden")
    assert shown(session).splitlines() == ["WARNING: shown"]
    with pytest.raises(ScriptError, match="set to Stop: halt"):
        run(session, "Write-Warning halt -WarningAction Stop")


def test_error_records_are_capped(session) -> None:
    run(session, 'foreach ($i in 1..300) { Write-Error "n$i" -ErrorAction SilentlyContinue }')
    assert run(session, '$Error.Count; "$($Error[0])"') == [256, "n300"]


def test_advanced_functions_are_bound_like_cmdlets(session) -> None:
    run(
        session,
        "function Get-Thing { [CmdletBinding()] param(\n"
        "  [Parameter(Mandatory=$true, Position=0)][string]$Name,\n"
        "  [int]$Count = 2, [switch]$Loud)\n"
        "  \"$Name $Count $Loud $($PSBoundParameters.Keys -join ',')\" }",
    )
    assert run(session, "Get-Thing bob -Loud") == ["bob 2 True Name,Loud"]
    assert run(session, "Get-Thing -Na x -Cou 5") == ["x 5 False Name,Count"]
    with pytest.raises(ScriptError, match="did you mean -Name") as caught:
        run(session, "Get-Thing -Nme x")
    assert (caught.value.line, caught.value.col) == (1, 11)
    with pytest.raises(ScriptError, match="missing mandatory parameters: Name"):
        run(session, "Get-Thing -Loud")
    # a common parameter is accepted and honoured, not passed to the body
    assert run(session, "function Fail { [CmdletBinding()] param() Write-Error nope }") == []
    assert run(session, "Fail -ErrorAction SilentlyContinue; $?") == [False]
    assert "nope" not in shown(session)


def test_service_errors_follow_the_same_rules(connected) -> None:
    connected.env.stderr.truncate(0)
    connected.env.stderr.seek(0)
    out = run(
        connected,
        "Get-Mailbox -Identity nobody1 -ErrorAction SilentlyContinue -ErrorVariable ev\n"
        '"ok: $?"; $ev[0].Exception.Message -like "*nobody1*"\n'
        "$merged = Get-Mailbox -Identity nobody2 2>&1; $merged.Exception.Message -like '*nobody2*'\n"
        "try { Get-Mailbox -Identity nobody3 -ErrorAction Stop }\n"
        "catch [Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException] {\n"
        "  'not found: ' + $_.InvocationInfo.ScriptLineNumber }",
    )
    assert out == ["ok: False", True, True, "not found: 4"]
    assert connected.env.stderr.getvalue() == ""


def test_piped_service_errors_do_not_stop_the_pipeline(connected) -> None:
    out = run(
        connected,
        "'admin', 'nobody4', 'helpdesk' | Get-Mailbox -ErrorAction SilentlyContinue"
        ' | ForEach-Object { $_.Alias }; "$?"',
    )
    assert out == ["admin", "helpdesk", "False"]
