"""`sccshell SCRIPT.scc ARG...` and `sccshell -` against the built-in sandbox."""

from __future__ import annotations

from pathlib import Path

from cli_run import run_cli

from sccshell.modes.script import script_arguments
from sccshell.status import ExitStatus

REPORT = """\
param([int]$Top = 3, [string]$Kind = 'SharedMailbox')
$boxes = Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails $Kind
"Found $($boxes.Count) $Kind mailboxes"
$boxes | Sort-Object Name | Select-Object -First $Top Name, PrimarySmtpAddress
"""


def test_script_with_param_block_and_arguments(tmp_path: Path) -> None:
    script = tmp_path / "report.scc"
    script.write_text(REPORT)
    status, out, err = run_cli("--sandbox", str(script), "-Top", "2")
    assert status == ExitStatus.SUCCESS, err
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[0] == "Found 25 SharedMailbox mailboxes"
    assert lines[1].split() == ["Name", "PrimarySmtpAddress"]
    assert len(lines) == 1 + 2 + 2  # the count, header and dashes, two rows


def test_script_from_stdin_with_args() -> None:
    status, out, _ = run_cli("-", "a", "b", stdin='"hello $args"\n')
    assert status == ExitStatus.SUCCESS
    assert out.strip() == "hello a b"


def test_a_script_stops_at_the_first_terminating_error(tmp_path: Path) -> None:
    script = tmp_path / "stop.scc"
    script.write_text("'before'\nthrow 'broken here'\n'after'\n")
    status, out, err = run_cli(str(script))
    assert status == ExitStatus.ERROR
    assert "before" in out and "after" not in out
    assert f"{script}:2:1: " in err and "broken here" in err


def test_a_script_that_does_not_parse_is_a_usage_error(tmp_path: Path) -> None:
    script = tmp_path / "bad.scc"
    script.write_text("if ($x) {\n")
    status, _, err = run_cli(str(script))
    assert status == ExitStatus.USAGE
    assert f"{script}:1:9: " in err


def test_a_missing_script_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = run_cli(str(tmp_path / "nope.scc"))
    assert status == ExitStatus.USAGE
    assert "cannot read" in err


def test_script_arguments() -> None:
    assert script_arguments(["a", "-Top", "2", "-Force", "-Kind:Room", "-5"]) == (
        ["a", "-5"],
        {"Top": "2", "Force": True, "Kind": "Room"},
    )
