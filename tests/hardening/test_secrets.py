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


# What the filter of history and transcripts drops: each form a secret is written in.
DROPPED = [
    "Connect-ExchangeOnline -UserPrincipalName a@contoso.com -Password 'hunter2'",
    "Connect-ExchangeOnline -CertificateFilePath c.pfx -CertificatePassword $p",
    "Connect-ExchangeOnline -AccessToken $t -Organization contoso.onmicrosoft.com",
    "Connect-MgGraph -ClientId x -ClientSecret $s",
    "$s = ConvertTo-SecureString 'Typed-S3cret' -AsPlainText -Force",
    "$s = 'Typed-S3cret' | ConvertTo-SecureString -AsPlainText -Force",
    "$AdminPassword = 'hunter2'",
    '@{ Password = "hunter2" }',
    "Server=sql1;Database=audit;User Id=sa;Password=hunter2;",
    "DefaultEndpointsProtocol=https;AccountName=logs;AccountKey=abc;EndpointSuffix=x",
    '{"token_type": "Bearer", "access_token": "opaque-value"}',
    "body: grant_type=client_credentials&client_secret=abc&client_id=x",
    "$t = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'",
    "Authorization: Bearer 0.ARoAv4j5cvGGr0GRqy180BHbR1ZX",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    "https://logs.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&sig=Xk3%2Bq9ZtLmN0pQ%3D",
    "$key = 'dGhpcyBpcyBhIHNlY3JldCBrZXkgdmFsdWUgMTIzNDU2Nzg5MA=='",
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
    "$k = 'q8/Hh2kP+Zt3Lw9Xy/0Vb4Nc7Rm1Sd6Fg5Jk2Ap8Ue0='",
    "$hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'",
]
# Public identifiers and ordinary text an administrator wants to keep.
KEPT = [
    "Connect-ExchangeOnline -AppId 7e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7 "
    "-CertificateThumbprint A909502DD82AE41433E6F83886B00D4277A32A7B -Organization contoso.com",
    "Thumbprint : a909502dd82ae41433e6f83886b00d4277a32a7b",
    "LegacyExchangeDN : /o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
    "/cn=Recipients/cn=3f2504e04f8911d39a0c0305e82c3301-alice",
    "X500:/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients"
    "/cn=D34DB33FD34DB33FD34DB33FD34DB33F-bob",
    "ExchangeGuid : 3f2504e04f8911d39a0c0305e82c3301",
    "Export-Csv /home/alice/Reports/Q3Mailboxes2024/AllUsersWithLicenses.csv",
    "C:/Users/AdministratorAccount/Documents/WindowsPowerShell/Modules/ExchangeOnline/3.4.0",
    "Get-User -Filter \"PasswordLastSetTime -lt '2024-01-01'\"",
    "PasswordNeverExpires : True",
    "Set-Mailbox alice -ResetPasswordOnNextLogon $true",
    "ImmutableId : ab12CD34ef56GH78ij90KL==",
    "Get-AzKeyVaultSecret -VaultName ops",
    'WWW-Authenticate: Bearer authorization_uri="https://login.microsoftonline.com/x"',
    "Bearer authentication failed for the request",
]


def test_the_filter_drops_each_form_of_secret() -> None:
    from sccshell.secrets import SecretFilter

    secrets = SecretFilter()
    assert [line for line in DROPPED if not secrets.is_secret(line)] == []


def test_the_filter_keeps_thumbprints_guids_and_exchange_names() -> None:
    from sccshell.secrets import SecretFilter

    secrets = SecretFilter()
    assert [line for line in KEPT if secrets.is_secret(line)] == []
