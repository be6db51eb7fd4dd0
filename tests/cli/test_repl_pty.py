"""The real shell in a pseudo-terminal: it starts, runs what is typed, completes, and exits."""

from __future__ import annotations

import os
import shutil
import sys
import time

import pexpect
import pytest

F1 = "\x1bOP"


def spawn(**environ: str) -> pexpect.spawn:
    exe = shutil.which("sccshell", path=os.path.dirname(sys.executable))
    assert exe
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS="120", LINES="40")
    env["PAGER"] = "cat"  # tall output passes straight through, except where a test pages
    env.update(environ)
    return pexpect.spawn(
        exe, ["--sandbox"], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )


@pytest.fixture
def shell():
    child = spawn()
    yield child
    child.close(force=True)


def test_repl_checks_commands_and_exits(shell) -> None:
    shell.expect_exact("PS contoso>")
    shell.sendline("Get-Mailbx -Identity bob")
    shell.expect("did you mean Get-Mailbox")
    shell.expect_exact("PS contoso>")
    shell.sendline("Get-Mailbox -ResultSize 2 | Select-Object Name, Alias")
    shell.expect("admin +admin")
    shell.expect_exact("PS contoso>")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.exitstatus == 0


def test_repl_continues_an_open_block(shell) -> None:
    shell.expect_exact("PS contoso>")
    shell.sendline("foreach ($n in 1..3) {")
    shell.expect_exact(">>")
    shell.sendline('  "line $($n * 7)" }')
    shell.expect("line 7")
    shell.expect("line 21")
    shell.expect_exact("PS contoso>")
    shell.sendeof()
    shell.expect(pexpect.EOF)


def test_repl_completes_cmdlet_names(shell) -> None:
    shell.expect_exact("PS contoso>")
    shell.send("Get-RetentionComplianceP\t")
    # The terminal only repaints what changed, so the completed name arrives in pieces.
    shell.expect_exact("olicy")
    shell.sendline("")
    # Without the completion the line would be an unknown cmdlet.
    index = shell.expect(["Name +Enabled", "not recognized"])
    assert index == 0
    shell.sendline("exit")
    shell.expect(pexpect.EOF)


def test_repl_asks_for_missing_mandatory_parameters(shell) -> None:
    shell.expect_exact("PS contoso>")
    shell.sendline("New-DistributionGroup -Alias hr-team")
    shell.expect_exact("Supply values for the following parameters:")
    shell.expect_exact("Name: ")
    shell.sendline("HR Team")
    shell.expect_exact("PS contoso>")
    shell.sendline("(Get-DistributionGroup -Identity 'HR Team').Alias")
    shell.expect("hr-team")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)


def test_ctrl_c_stops_a_slow_command_and_the_shell_stays(shell) -> None:
    shell.expect_exact("PS contoso>")
    shell.sendline("Start-Sleep 30")
    time.sleep(1)
    started = time.monotonic()
    shell.sendintr()
    shell.expect_exact("^C (stopped)")
    shell.expect_exact("PS contoso>")
    assert time.monotonic() - started < 5
    # A remote stream, slowed down on our side, stops the same way.
    shell.sendline("Get-Mailbox -ResultSize 50 | ForEach-Object { Start-Sleep 1; $_.Alias }")
    shell.expect("admin")
    shell.sendintr()
    shell.expect_exact("^C (stopped)")
    shell.expect_exact("PS contoso>")
    # Ctrl-C at the prompt clears the line; nothing runs.
    shell.send("Get-Mailbox -Identity never-run")
    shell.sendintr()
    shell.sendline("6 * 7")
    shell.expect(r"42\r\n")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.exitstatus == 0


def test_history_survives_a_restart_without_secrets(tmp_path) -> None:
    data = str(tmp_path / "data")
    first = spawn(SCCSHELL_DATA_DIR=data)
    try:
        first.expect_exact("PS contoso>")
        first.sendline("$p = ConvertTo-SecureString 'x' -AsPlainText -Force")
        first.expect_exact("PS contoso>")
        first.sendline("'remembered ' + 'line'")
        first.expect_exact("remembered line")
        first.expect_exact("PS contoso>")
        first.sendeof()
        first.expect(pexpect.EOF)
    finally:
        first.close(force=True)
    history = (tmp_path / "data" / "history").read_text()
    assert "'remembered ' + 'line'" in history and "SecureString" not in history
    second = spawn(SCCSHELL_DATA_DIR=data)
    try:
        second.expect_exact("PS contoso>")
        time.sleep(0.5)  # the history loads in the background
        second.send("\x1b[A")
        second.expect_exact("'line'")
        second.send("\r")
        second.expect_exact("remembered line")
        second.expect_exact("PS contoso>")
        second.sendline("exit")
        second.expect(pexpect.EOF)
    finally:
        second.close(force=True)


def test_f1_shows_help_and_keeps_the_line(shell) -> None:
    shell.expect_exact("PS contoso>")
    shell.send("Get-Mailbox -ResultSize 1 ")
    shell.send(F1)
    shell.expect_exact("SYNTAX")
    shell.expect_exact("ONLINE VERSION")
    # The typed line is back under the help, and runs.
    shell.send("| Select-Object Alias\r")
    shell.expect(r"Alias\s+-----\s+admin")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_tall_output_is_paged_and_the_prompt_comes_back() -> None:
    child = spawn(PAGER="less")
    try:
        child.expect_exact("PS contoso>")
        child.sendline("Get-Mailbox -ResultSize 60 -WarningAction SilentlyContinue")
        child.expect(r"\r\n:")  # less's prompt: the output is taller than 40 lines
        child.send("q")
        child.expect_exact("PS contoso>")
        child.sendline("(Get-Mailbox -ResultSize 2).Count")  # short output is not paged
        child.expect(r"\r\n2\r\n")
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
