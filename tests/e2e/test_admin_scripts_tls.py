"""Three of the administrator scripts over real TLS sockets against `sccshell-sandbox serve`,
signed in by a profile with a certificate: the same results as in-process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sandbox.conftest import Served  # tests/sandbox: the `serve` fixture's process wrapper

from .admin import Oracle, run_script
from .test_admin_scripts import CASES, script_args


@pytest.fixture(scope="module")
def served():
    server = Served(["--mailboxes", "500", "--auto-approve"], env=dict(os.environ))
    yield server.info
    server.stop()


def _profile(folder: Path, info: dict) -> None:
    cert = info["app_certificate"]
    # The compliance side is named by its regional host: see the report on redirects.
    (folder / "sccshell").mkdir(parents=True, exist_ok=True)
    (folder / "sccshell" / "profiles.yaml").write_text(
        f"""version: 1
profiles:
  served:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    ca_bundle: {info["ca_file"]}
    auth:
      method: certificate
      app_id: {info["app_id"]}
      certificate_path: {cert["pfx"]}
      certificate_password_env: E2E_PFX_PASSWORD
    connections:
      - service: exchange
        connection_uri: {info["exchange"]}/powershell-liveid
        authority: {info["login"]}/organizations
      - service: compliance
        connection_uri: {info["compliance_region"]}/powershell-liveid
        authority: {info["login"]}/organizations
"""
    )


@pytest.mark.parametrize(
    "name", ["shared_mailbox_permissions_review", "bulk_create_groups", "retention_inventory"]
)
def test_script_over_tls(
    name: str, served: dict, tmp_path: Path, oracle: Oracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    _profile(tmp_path, served)
    # Tokens and metadata are cached per profile name: a fresh cache, so no other server's tokens.
    monkeypatch.setenv("SCCSHELL_CACHE_DIR", str(tmp_path / "cache"))
    environ = {
        "XDG_CONFIG_HOME": str(tmp_path),
        "E2E_PFX_PASSWORD": served["app_certificate"]["pfx_password"],
    }
    check = CASES[name][1]
    args = script_args(name, tmp_path)
    check(run_script(name, tmp_path, *args, argv=("--profile", "served"), environ=environ), oracle)
