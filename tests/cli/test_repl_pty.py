"""The real shell in a pseudo-terminal: it starts, checks what is typed, completes, and exits."""

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
    child = pexpect.spawn(exe, [], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120))
    yield child
    child.close(force=True)


def test_repl_checks_commands_and_exits(shell) -> None:
    shell.expect_exact("PS offline>")
    shell.sendline("Get-Mailbx -Identity bob")
    shell.expect("did you mean Get-Mailbox")
    shell.expect_exact("PS offline>")
    shell.sendline("Get-Mailbox -ResultSize Unlimited")
    shell.expect_exact("ok: parses and binds")
    shell.expect_exact("PS offline>")
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.exitstatus == 0


def test_repl_continues_an_open_block(shell) -> None:
    shell.expect_exact("PS offline>")
    shell.sendline("foreach ($m in $list) {")
    shell.expect_exact(">>")
    shell.sendline("  Set-Mailbox $m -Idenity x }")
    shell.expect("did you mean -Identity")
    shell.expect_exact("PS offline>")
    shell.sendeof()
    shell.expect(pexpect.EOF)


def test_repl_completes_cmdlet_names(shell) -> None:
    shell.expect_exact("PS offline>")
    shell.send("Get-RetentionComplianceP\t")
    # The terminal only repaints what changed, so the completed name arrives in pieces.
    shell.expect_exact("olicy")
    shell.sendline("")
    # Without the completion the line would be an unknown cmdlet.
    index = shell.expect_exact(["ok: parses and binds", "unknown cmdlet"])
    assert index == 0
    shell.sendline("exit")
    shell.expect(pexpect.EOF)
