"""After sign-ins by password and by certificate, with a SecureString and a transcript and an
audit log: no password, token or refresh token in any file but the token cache, and the
files that hold secrets private to the user."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .conftest import run_shell, shell_env

PROFILES = """\
version: 1
profiles:
  by-password:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    auth:
      method: password
      user: admin@contoso.onmicrosoft.com
      password_env: ADMIN_PASSWORD
    connections:
      - service: exchange
  by-certificate:
    environment: Sandbox
    organization: contoso.onmicrosoft.com
    auth:
      method: certificate
      app_id: {app_id}
      certificate_path: {pfx}
      certificate_password_env: PFX_PASSWORD
    connections:
      - service: exchange
"""
TYPED_SECRET = "Typed-S3cret-4711!"
JWT = re.compile(rb"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}")
SCRIPT = (
    "Start-Transcript -Path transcript.txt | Out-Null; "
    f"$s = ConvertTo-SecureString '{TYPED_SECRET}' -AsPlainText -Force; "
    "(Get-Mailbox -ResultSize 2).Count; "
    "Get-ConnectionInformation | Select-Object TokenStatus, UserPrincipalName; "
    "Stop-Transcript | Out-Null"
)


def test_no_secret_leaks_into_any_file(serve, home, tmp_path: Path) -> None:
    sandbox = serve("--mailboxes", "30")
    info = sandbox.info
    certificate = info["app_certificate"]
    config = Path(home["XDG_CONFIG_HOME"]) / "sccshell"
    config.mkdir(parents=True)
    (config / "profiles.yaml").write_text(
        PROFILES.format(app_id=info["app_id"], pfx=certificate["pfx"])
    )
    work = tmp_path / "work"
    work.mkdir()
    env = shell_env(
        sandbox,
        home,
        ADMIN_PASSWORD=info["admin_password"],
        PFX_PASSWORD=certificate["pfx_password"],
    )
    for profile in ("by-password", "by-certificate"):
        done = run_shell(
            "--profile",
            profile,
            "--log-file",
            str(work / "audit.log"),
            "-c",
            SCRIPT,
            env=env,
            cwd=work,
        )
        assert done.returncode == 0, done.stderr
        assert TYPED_SECRET not in done.stdout + done.stderr

    secrets = [info["admin_password"], certificate["pfx_password"], TYPED_SECRET]
    roots = [Path(p) for p in home.values()] + [work]
    written = [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]
    tokens = Path(home["SCCSHELL_CACHE_DIR"]) / "tokens"
    caches = sorted(tokens.glob("*.json"))
    assert [p.name for p in caches] == ["by-certificate.json", "by-password.json"]
    assert (work / "transcript.txt").exists() and (work / "audit.log").exists()
    for path in written:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"{secret!r} in {path}"
        if path.parent != tokens:
            assert not JWT.search(data), f"a token in {path}"
    for path in [*caches, work / "audit.log", work / "transcript.txt"]:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
    assert stat.S_IMODE(os.stat(tokens).st_mode) == 0o700
