"""The directory: accounts, passwords, roles, the app certificate."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from identity_helpers import build_sandbox

from sccshell.sandbox import hosts


def test_accounts_are_deterministic():
    first, second = build_sandbox().directory, build_sandbox().directory
    assert [a.object_id for a in first.accounts()] == [a.object_id for a in second.accounts()]
    assert [a.kind for a in first.accounts()] == [
        "user", "user", "user", "app", "app", "managed_identity", "managed_identity",
    ]  # fmt: skip
    assert first.admin_upn == f"admin@{hosts.TENANT_DOMAIN}"
    assert first.admin_password == "Sandbox-Admin-1!"
    assert first.user("ADMIN@Contoso.onmicrosoft.com") == first.admin
    assert first.password_of(first.helpdesk.name) == first.helpdesk_password
    assert first.check_password(first.mfa_user, first.mfa_password)
    assert not first.check_password(first.mfa_user, first.admin_password)
    assert first.identity_header != second.identity_header  # a secret per Sandbox


def test_role_cmdlets(sandbox):
    directory = sandbox.directory
    assert directory.role_cmdlets(directory.admin, "exchange") is None
    assert directory.role_cmdlets(directory.automation_app, "compliance") is None
    helpdesk = directory.role_cmdlets(directory.helpdesk, "exchange")
    assert {"Get-Mailbox", "Set-Mailbox", "Get-InboxRule"} <= helpdesk
    assert "New-Mailbox" not in helpdesk and "Remove-Mailbox" not in helpdesk
    assert directory.role_cmdlets(directory.helpdesk, "compliance") == {
        "Get-Label",
        "Get-LabelPolicy",
    }


def test_account_from_claims(sandbox):
    directory = sandbox.directory
    claims = {"tid": hosts.TENANT_ID, "oid": directory.user_identity.object_id}
    assert directory.account_from_claims(claims) == directory.user_identity
    assert directory.account_from_claims({**claims, "tid": "another-tenant"}) is None
    assert directory.account_from_claims({"tid": hosts.TENANT_ID, "oid": "nobody"}) is None


def test_managed_identity_selectors(sandbox):
    directory = sandbox.directory
    user = directory.user_identity
    assert directory.managed_identity() == directory.system_identity
    assert directory.managed_identity(client_id=user.app_id.upper()) == user
    assert directory.managed_identity(object_id=user.object_id) == user
    assert directory.managed_identity(resource_id=user.resource_id) == user
    assert directory.managed_identity(client_id=directory.system_identity.app_id) is None


def test_app_certificate_files(sandbox):
    paths = sandbox.directory.app_certificate_paths()
    cert = x509.load_pem_x509_certificate(Path(paths["pem_cert"]).read_bytes())
    assert cert.fingerprint(hashes.SHA1()).hex().upper() == paths["thumbprint"]
    key, pfx_cert, _ = pkcs12.load_key_and_certificates(
        Path(paths["pfx"]).read_bytes(), paths["pfx_password"].encode()
    )
    assert pfx_cert == cert and key.key_size == 2048
    assert sandbox.directory.app_certificate_paths() == paths  # made once


def test_app_certificate_kept_in_state_dir(tmp_path):
    paths = build_sandbox(state_dir=tmp_path).directory.app_certificate_paths()
    assert Path(paths["pem_cert"]).parent == tmp_path / "app"
    again = build_sandbox(state_dir=tmp_path).directory.app_certificate_paths()
    assert again["thumbprint"] == paths["thumbprint"]


def test_served_details(sandbox):
    details = sandbox.directory.served_details()
    assert details["users"][sandbox.directory.admin_upn] == sandbox.directory.admin_password
    assert details["app_id"] == sandbox.directory.automation_app.app_id
    assert details["identity_header"] == sandbox.directory.identity_header
    assert Path(details["app_certificate"]["pfx"]).exists()
