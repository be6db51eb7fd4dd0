"""`--profile NAME` against the in-process sandbox: sign-in, prefixes, read-only, secrets."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from sccshell.cli import run
from sccshell.environment import Environment
from sccshell.status import ExitStatus

PROFILES = """\
version: 1
profiles:
  lab:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    auth:
      method: password
      user: admin@contoso.onmicrosoft.com
      password_env: LAB_PASSWORD
    connections:
      - service: exchange
      - service: compliance
        prefix: SCC
  readonly:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    read_only: true
    auth:
      method: password
      user: helpdesk@contoso.onmicrosoft.com
      password_env: HELPDESK_PASSWORD
  searcher:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    auth:
      method: password
      user: admin@contoso.onmicrosoft.com
      password_env: LAB_PASSWORD
    connections:
      - service: compliance
        search_only: true
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "sccshell"
    folder.mkdir()
    (folder / "profiles.yaml").write_text(PROFILES)
    return tmp_path


def _run(config: Path, *argv: str) -> tuple[int, str, str]:
    environ = {
        "XDG_CONFIG_HOME": str(config),
        "SCCSHELL_CACHE_DIR": str(config / "cache"),
        "LAB_PASSWORD": "Sandbox-Admin-1!",
        "HELPDESK_PASSWORD": "Sandbox-Helpdesk-1!",
    }
    env = Environment(
        stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ=environ
    )
    old = os.environ.get("SCCSHELL_CACHE_DIR")
    os.environ["SCCSHELL_CACHE_DIR"] = environ["SCCSHELL_CACHE_DIR"]
    try:
        status = run(list(argv), env)
    finally:
        if old is not None:
            os.environ["SCCSHELL_CACHE_DIR"] = old
    return status, env.stdout.getvalue(), env.stderr.getvalue()


def test_a_profile_connects_all_its_connections(config: Path) -> None:
    command = (
        "Get-ConnectionInformation | ForEach-Object { $_.Name + '|' + $_.ModulePrefix }; "
        "(Get-SCCRetentionCompliancePolicy).Count -gt 0"
    )
    status, out, err = _run(config, "--profile", "lab", "-c", command)
    assert status == ExitStatus.SUCCESS, err
    assert out.split() == ["ExchangeOnline_1|", "ExchangeOnlineProtection_2|SCC", "True"]
    token_cache = config / "cache" / "tokens" / "lab.json"
    assert token_cache.exists()
    assert stat.S_IMODE(token_cache.stat().st_mode) == 0o600
    assert "Sandbox-Admin-1!" not in token_cache.read_text()


def test_a_read_only_profile_refuses_changes_before_sending(config: Path) -> None:
    status, out, err = _run(
        config, "--profile", "readonly", "-c", "Set-Mailbox -Identity admin -Office x"
    )
    assert status == ExitStatus.ERROR
    assert "read-only" in err and "nothing was sent" in err
    status, out, err = _run(
        config, "--profile", "readonly", "-c", "(Get-Mailbox -ResultSize 3).Count"
    )
    assert status == ExitStatus.SUCCESS, err
    assert out.strip() == "3"


def test_a_search_only_connection_runs_compliance_searches(config: Path) -> None:
    command = "(Get-ComplianceSearch | Measure-Object).Count -gt 0"
    status, out, err = _run(config, "--profile", "searcher", "-c", command)
    assert status == ExitStatus.SUCCESS, err
    assert out.strip() == "True"
    # The same cmdlet on an ordinary compliance session is refused by the service.
    status, _, err = _run(config, "--profile", "lab", "-c", "Get-SCCComplianceSearch")
    assert status == ExitStatus.ERROR
    assert "EnableSearchOnlySession" in err


def test_connect_ippssession_enable_search_only_session() -> None:
    command = (
        '$p = ConvertTo-SecureString "Sandbox-Admin-1!" -AsPlainText -Force; '
        '$c = New-Object System.Management.Automation.PSCredential("admin@contoso.onmicrosoft.com", $p); '
        "Connect-IPPSSession -Credential $c -EnableSearchOnlySession -Prefix S -ShowBanner:$false; "
        "(Get-SComplianceSearch | Measure-Object).Count -gt 0"
    )
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    status = run(["--sandbox", "-c", command], env)
    assert status == ExitStatus.SUCCESS, env.stderr.getvalue()
    assert env.stdout.getvalue().strip() == "True"
