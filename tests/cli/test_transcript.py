"""Start-Transcript / Stop-Transcript: what the session printed, in a private file, no secrets."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pexpect

from sccshell.cli import run
from sccshell.environment import Environment
from sccshell.status import ExitStatus


def _run(*argv: str, environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    env = Environment(
        stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ=environ or {}
    )
    status = run(list(argv), env)
    return status, env.stdout.getvalue(), env.stderr.getvalue()


def test_a_transcript_keeps_output_and_drops_secrets(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "session.txt"
    command = (
        f"Start-Transcript -Path '{path}'; 'hello'; Write-Warning careful\n"
        '$p = ConvertTo-SecureString "Pa55word!" -AsPlainText -Force\n'
        '"token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig"; Stop-Transcript; "after"'
    )
    status, out, err = _run("-c", command)
    assert status == ExitStatus.SUCCESS, err
    assert "hello" in out and "after" in out  # the terminal still gets everything
    text = path.read_text()
    body = text.split("**********************\n")[2].splitlines()
    assert body == [
        f"Transcript started, output file is {path}",
        "hello",
        "WARNING: careful",
        "[a line with a secret was left out]",
    ]
    assert "eyJ" not in text and "after" not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_transcript_keeps_thumbprints_and_exchange_names(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    thumbprint = "A909502DD82AE41433E6F83886B00D4277A32A7B"
    dn = (
        "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients"
        "/cn=3f2504e04f8911d39a0c0305e82c3301-alice"
    )
    command = (
        f"Start-Transcript -Path '{path}'\n"
        f"$thumb = '{thumbprint}'; \"Thumbprint: $thumb\"\n"
        f"'{dn}'\n"
        "'Server=sql1;User Id=sa;Password=hunter2;'\n"
        "Stop-Transcript"
    )
    status, _, err = _run("-c", command)
    assert status == ExitStatus.SUCCESS, err
    body = path.read_text().split("**********************\n")[2].splitlines()
    assert body[1:] == [
        f"Thumbprint: {thumbprint}",
        dn,
        "[a line with a secret was left out]",
    ]


def test_append_and_no_clobber(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    _run("-c", f"Start-Transcript '{path}'; 'one'; Stop-Transcript")
    _run("-c", f"Start-Transcript '{path}' -Append; 'two'; Stop-Transcript")
    text = path.read_text()
    assert "one" in text and "two" in text and text.count("transcript start") == 2
    status, _, err = _run("-c", f"Start-Transcript '{path}' -NoClobber")
    assert status == ExitStatus.ERROR and "already exists" in err


def test_misuse_says_what_to_do(tmp_path: Path) -> None:
    status, _, err = _run("-c", "Stop-Transcript")
    assert status == ExitStatus.ERROR and "Start-Transcript" in err
    path = tmp_path / "t.txt"
    status, _, err = _run("-c", f"Start-Transcript '{path}'; Start-Transcript '{path}'")
    assert status == ExitStatus.ERROR and "already running" in err
    status, _, err = _run("-c", f"Start-Transcript '{tmp_path}'")
    assert status == ExitStatus.ERROR and "is a folder" in err


def test_the_default_place_is_the_data_folder(tmp_path: Path) -> None:
    status, out, err = _run(
        "-c", "Start-Transcript; 'x'; Stop-Transcript", environ={"SCCSHELL_DATA_DIR": str(tmp_path)}
    )
    assert status == ExitStatus.SUCCESS, err
    [made] = (tmp_path / "transcripts").glob("sccshell_transcript.*.txt")
    assert f"output file is {made}" in out


def test_the_repl_records_what_was_typed(tmp_path: Path) -> None:
    import os
    import shutil
    import sys

    exe = shutil.which("sccshell", path=os.path.dirname(sys.executable))
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", PAGER="cat")
    env["SCCSHELL_DATA_DIR"] = str(tmp_path / "data")
    child = pexpect.spawn(exe, [], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120))
    path = tmp_path / "t.txt"
    try:
        child.expect_exact("PS>")
        child.sendline(f"Start-Transcript -Path '{path}'")
        child.expect_exact("Transcript started")
        child.sendline("6 * 7")
        child.expect(r"42\r\n")
        child.sendline("$s = ConvertTo-SecureString 'hunter2' -AsPlainText -Force")
        child.expect_exact("PS>")
        child.sendline("Stop-Transcript")
        child.expect_exact("Transcript stopped")
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    text = path.read_text()
    assert "PS> 6 * 7\n42\n" in text
    assert "hunter2" not in text and "[a line with a secret was left out]" in text


def test_a_typed_command_with_a_secret_on_any_line_is_left_out_whole(tmp_path: Path) -> None:
    from sccshell.secrets import SecretFilter
    from sccshell.transcript import Transcript

    path = tmp_path / "typed.txt"
    transcript = Transcript(path, SecretFilter(), append=False)
    # The secret is the here-string's body, a line that says nothing about secrets itself.
    transcript.command("$p = @'\nhunter2\n'@ | ConvertTo-SecureString -AsPlainText -Force")
    transcript.command("Get-Mailbox -Identity alice\n| Select-Object Name")
    transcript.close()
    text = path.read_text()
    assert "hunter2" not in text
    assert "PS> [a command with a secret was left out]" in text
    assert "PS> Get-Mailbox -Identity alice\nPS> | Select-Object Name" in text
