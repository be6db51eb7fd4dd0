"""History: a private file, secrets kept out of it, trimmed to its size, read back on restart."""

from __future__ import annotations

import io
import stat
import threading
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from sccshell.config import defaults, load_config, merge_text
from sccshell.environment import Environment
from sccshell.repl.app import build_prompt_session, history_for
from sccshell.repl.history import PrivateFileHistory, SecretFilter
from sccshell.session import Session

SECRET_LINES = [
    "$cred = Get-Credential; Connect-ExchangeOnline -Password 'hunter2'",
    "Connect-ExchangeOnline -CertificateFilePath c.pfx -CertificatePassword $p -AppId x",
    "Connect-ExchangeOnline -AccessToken $t",
    "$p = ConvertTo-SecureString 'x' -AsPlainText -Force",
    "$t = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'",
    "$key = 'dGhpcyBpcyBhIHNlY3JldCBrZXkgdmFsdWUgMTIzNDU2Nzg5MA=='",
    "$hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'",
]
PLAIN_LINES = [
    "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.Alias -like 'adm*' }",
    "Get-RetentionCompliancePolicy -DistributionDetail",
    "Set-Mailbox -Identity 2d2b3a80-8d2a-4b62-9d0e-5f5c8c7c1a11 -Office 'Building 7'",
    "Export-Csv -Path /home/admin/reports/mailboxes/by-department/all.csv",
    "Get-User -Filter \"PasswordLastSetTime -lt '2024-01-01'\"",
]


@pytest.mark.parametrize("line", SECRET_LINES)
def test_lines_with_secrets_are_recognised(line: str) -> None:
    assert SecretFilter().is_secret(line)


@pytest.mark.parametrize("line", PLAIN_LINES)
def test_ordinary_lines_are_kept(line: str) -> None:
    assert not SecretFilter().is_secret(line)


def test_the_filter_takes_extra_patterns_and_can_be_turned_off() -> None:
    assert SecretFilter([r"-ClientCode\b"]).is_secret("New-Thing -ClientCode abc")
    assert not SecretFilter().is_secret("New-Thing -ClientCode abc")
    assert not SecretFilter(enabled=False).is_secret(SECRET_LINES[0])


def _session(tmp_path: Path, schema) -> Session:
    streams = dict(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO())
    return Session(Environment(**streams, environ={}), schema)


def _type(session: Session, history: PrivateFileHistory, *keys: str) -> list[str]:
    """Type each of KEYS into its own prompt of a fresh prompt session; the lines read."""
    config = load_config({"SCCSHELL_CONFIG_DIR": "/nonexistent"}, install=False)
    lines = []
    with create_pipe_input() as pipe:
        prompt = build_prompt_session(
            session, config, history=history, input=pipe, output=DummyOutput()
        )
        for text in keys:
            # The history loads in the background as the prompt starts: type once it has.
            timer = threading.Timer(0.3, pipe.send_text, [text])
            timer.start()
            lines.append(prompt.prompt())
            timer.join()
    return lines


def test_history_is_private_keeps_secrets_out_and_survives_a_restart(tmp_path: Path, schema):
    session = _session(tmp_path, schema)
    config = load_config({"SCCSHELL_CONFIG_DIR": str(tmp_path / "cfg")})
    environ = {"SCCSHELL_DATA_DIR": str(tmp_path / "data")}
    history = history_for(config, environ)
    assert history.path == tmp_path / "data" / "history"
    typed = _type(
        session,
        history,
        "Get-Date\r",
        "$p = ConvertTo-SecureString 'x' -AsPlainText -Force\r",
        "Get-Mailbox\r",
    )
    assert typed[1].startswith("$p = ConvertTo-SecureString")
    assert stat.S_IMODE(history.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(history.path.parent.stat().st_mode) == 0o700
    assert "SecureString" not in history.path.read_text()
    # A new shell: the up arrow brings back the last saved line, never the secret one.
    again = history_for(config, environ)
    assert _type(session, again, "\x1b[A\x1b[A\r") == ["Get-Date"]


def test_the_secret_line_is_still_recalled_in_the_same_session(tmp_path: Path, schema):
    history = PrivateFileHistory(tmp_path / "h" / "history", SecretFilter())
    session = _session(tmp_path, schema)
    typed = _type(session, history, "Connect-ExchangeOnline -AccessToken abc\r", "\x1b[A\r")
    assert typed == ["Connect-ExchangeOnline -AccessToken abc"] * 2
    assert (
        not (tmp_path / "h" / "history").exists()
        or "AccessToken" not in (tmp_path / "h" / "history").read_text()
    )


def test_multi_line_entries_round_trip_and_the_file_is_trimmed(tmp_path: Path) -> None:
    path = tmp_path / "history"
    history = PrivateFileHistory(path, SecretFilter(), size=3)
    for text in ["one", "foreach ($n in 1..3) {\n  $n\n}", "three", "four"]:
        history.store_string(text)
    reloaded = list(PrivateFileHistory(path, SecretFilter(), size=3).load_history_strings())
    assert reloaded == ["four", "three", "foreach ($n in 1..3) {\n  $n\n}"]
    # The trim was written back: a larger limit finds only the three kept entries.
    assert len(list(PrivateFileHistory(path, SecretFilter()).load_history_strings())) == 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_config_sets_file_size_and_patterns(tmp_path: Path) -> None:
    named = tmp_path / "elsewhere" / "h.txt"
    data = merge_text(
        defaults(),
        f"history:\n  file: {named}\n  size: 7\n  secret_patterns: ['-Pin\\b']\n",
        "c.yaml",
    )
    from sccshell.config import Config

    history = history_for(Config(data), {})
    assert history.path == named and history.size == 7
    assert history.secrets.is_secret("Set-Thing -Pin 1234")
    history.store_string("Set-Thing -Pin 1234")
    history.store_string("Get-Thing")
    assert named.read_text().count("+") == 1
