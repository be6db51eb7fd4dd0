"""The shell itself against the sandbox served over TLS: `--sandbox` and a Sandbox profile
reach it through $SCCSHELL_SANDBOX, signing in by password with msal over real sockets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROFILES = """\
version: 1
profiles:
  served:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    auth:
      method: password
      user: helpdesk@contoso.onmicrosoft.com
      password_env: HELPDESK_PASSWORD
    connections:
      - service: exchange
      - service: compliance
        prefix: SCC
"""


@pytest.fixture
def served(serve):
    return serve("--mailboxes", "30").info


def shell(*argv: str, environ: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sccshell", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **environ},
        timeout=120,
    )


def test_dash_dash_sandbox_uses_the_served_tenant(served, tmp_path: Path) -> None:
    description = tmp_path / "sandbox.json"
    description.write_text(json.dumps(served))
    done = shell(
        "--sandbox",
        "-o",
        "json",
        "-c",
        "[pscustomobject]@{ Boxes = (Get-Mailbox -ResultSize Unlimited).Count;"
        " Uris = (Get-ConnectionInformation).ConnectionUri }",
        environ={"SCCSHELL_SANDBOX": str(description)},
    )
    assert done.returncode == 0, done.stderr
    [result] = json.loads(done.stdout)
    assert result["Boxes"] >= 30
    # the compliance connection followed the redirect to its regional host
    assert result["Uris"] == [served["exchange"], served["compliance_region"]]


def test_a_sandbox_profile_signs_in_by_password_over_tls(served, tmp_path: Path) -> None:
    (tmp_path / "sccshell").mkdir()
    (tmp_path / "sccshell" / "profiles.yaml").write_text(PROFILES)
    done = shell(
        "--profile",
        "served",
        "-c",
        "(Get-Mailbox -ResultSize 3).Count; (Get-SCCLabel | Measure-Object).Count -gt 0",
        environ={
            "SCCSHELL_SANDBOX": json.dumps(served),
            "XDG_CONFIG_HOME": str(tmp_path),
            "HELPDESK_PASSWORD": served["users"]["helpdesk@contoso.onmicrosoft.com"],
        },
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "True"]


def test_a_wrong_description_is_a_sign_in_failure_that_says_why(tmp_path: Path) -> None:
    done = shell(
        "--sandbox",
        "-c",
        "Get-Mailbox",
        environ={"SCCSHELL_SANDBOX": str(tmp_path / "missing.json")},
    )
    assert done.returncode == 3
    assert "SCCSHELL_SANDBOX: cannot use the sandbox description" in done.stderr
    assert "Traceback" not in done.stderr
