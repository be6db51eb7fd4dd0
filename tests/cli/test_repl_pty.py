"""The real shell in a pseudo-terminal: it starts, runs what is typed, completes, and exits."""

from __future__ import annotations

import os
import shutil
import sys

import pexpect
import pytest


@pytest.fixture
def shell():
    exe = shutil.which("sccshell", path=os.path.dirname(sys.executable))
    assert exe
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", COLUMNS="120", LINES="40")
    child = pexpect.spawn(
        exe, ["--sandbox"], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )
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
