"""The command line, driven in-process through an Environment and as the installed script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import cli_env

from sccshell import __version__
from sccshell.cli import run
from sccshell.status import ExitStatus


def test_check_clean_file_exits_zero(tmp_path: Path) -> None:
    script = tmp_path / "ok.scc"
    script.write_text("Get-Mailbox -Identity 'Ana Bowman' | Set-Mailbox -ProhibitSendQuota 49GB\n")
    env = cli_env()
    assert run(["--check", str(script)], env) == ExitStatus.SUCCESS
    assert env.stdout.getvalue() == ""


def test_check_reports_file_line_col(tmp_path: Path) -> None:
    script = tmp_path / "bad.scc"
    script.write_text("# cleanup\n$x = 1\nGet-Mailbox -Idenity bob\nGet-Mailbx\n")
    env = cli_env()
    assert run(["--check", str(script)], env) == ExitStatus.USAGE
    lines = env.stdout.getvalue().splitlines()
    assert lines[0].startswith(f"{script}:3:13: error: ")
    assert "-Identity" in lines[0]
    assert lines[1].startswith(f"{script}:4:1: error: ")
    assert "Get-Mailbox" in lines[1]
    assert len(lines) == 2


def test_check_reads_stdin() -> None:
    env = cli_env("Get-Mailbox -ResultSize lots\n")
    assert run(["--check", "-"], env) == ExitStatus.USAGE
    assert env.stdout.getvalue().startswith("<stdin>:1:25: error: ")


def test_check_several_files_and_a_missing_one(tmp_path: Path) -> None:
    good = tmp_path / "good.scc"
    good.write_text("Get-AcceptedDomain\n")
    env = cli_env()
    status = run(["--check", str(good), str(tmp_path / "nope.scc")], env)
    assert status == ExitStatus.USAGE
    assert env.stdout.getvalue().startswith(f"{tmp_path / 'nope.scc'}:1:1: error: cannot read")


def test_check_parse_error_has_position(tmp_path: Path) -> None:
    script = tmp_path / "p.scc"
    script.write_text("foreach ($m in $list) {\n  Set-Mailbox $m -Confirm:$false\n")
    env = cli_env()
    assert run(["--check", str(script)], env) == ExitStatus.USAGE
    out = env.stdout.getvalue()
    assert out.startswith(f"{script}:1:23: error: ")


def test_check_reads_utf16_scripts(tmp_path: Path) -> None:
    script = tmp_path / "w.scc"
    script.write_bytes("Get-Mailbox -Identity 'Zoë'\n".encode("utf-16"))
    env = cli_env()
    assert run(["--check", str(script)], env) == ExitStatus.SUCCESS


def test_unknown_option_is_a_usage_error() -> None:
    env = cli_env()
    with pytest.raises(SystemExit) as exc:
        run(["--frobnicate"], env)
    assert exc.value.code == ExitStatus.USAGE
    assert "unrecognized arguments: --frobnicate" in env.stderr.getvalue()


def test_an_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    env = cli_env()
    env.environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert run(["--profile", "contoso", "-c", "Get-Date"], env) == ExitStatus.USAGE
    assert "unknown profile 'contoso'" in env.stderr.getvalue()


def test_repl_needs_a_terminal() -> None:
    env = cli_env()
    assert run([], env) == ExitStatus.USAGE
    assert "not a terminal" in env.stderr.getvalue()


def _console_script() -> str:
    found = shutil.which("sccshell", path=os.path.dirname(sys.executable))
    assert found, "the sccshell console script is not installed beside the interpreter"
    return found


def test_installed_script_version_and_check(tmp_path: Path) -> None:
    exe = _console_script()
    out = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.strip() == f"sccshell {__version__}"
    script = tmp_path / "x.scc"
    script.write_text("Get-Mailbox -RecipientTypeDetails SharedMailboxx\n")
    out = subprocess.run([exe, "--check", str(script)], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stdout.startswith(f"{script}:1:35: error:")
    assert "SharedMailbox" in out.stdout
    assert out.stderr == ""


def test_list_profiles_from_the_config_dir(tmp_path: Path) -> None:
    config = tmp_path / "sccshell"
    config.mkdir()
    (config / "profiles.yaml").write_text(
        "version: 1\nprofiles:\n  contoso:\n    organization: contoso.onmicrosoft.com\n"
        "  fabrikam:\n    organization: fabrikam.onmicrosoft.com\n"
    )
    env = cli_env()
    env.environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert run(["--list-profiles"], env) == ExitStatus.SUCCESS
    assert env.stdout.getvalue().splitlines() == ["contoso", "fabrikam"]


def test_list_profiles_reports_a_bad_file_with_its_position(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("version: 1\nprofiles:\n  contoso:\n    enviroment: O365Default\n")
    env = cli_env()
    assert run(["--list-profiles", "--profile-file", str(bad)], env) == ExitStatus.USAGE
    assert env.stderr.getvalue().startswith(f"{bad}:4:5: error: ")
    assert "environment" in env.stderr.getvalue()


def test_local_commands_do_not_load_the_network_stack() -> None:
    # Start-up time: msal and httpx load only when a connection is used.
    probe = (
        "import sys\n"
        "from sccshell.cli import main\n"
        "main(['-c', '1..3 | Measure-Object -Sum'])\n"
        "print(sorted(m for m in ('msal', 'httpx', 'prompt_toolkit') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
