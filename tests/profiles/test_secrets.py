"""Secrets come from an environment variable or a private file, read on demand, never kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from profile_helpers import make_env, write

from sccshell.profiles import Profile, ProfileError, load_profiles, read_secret_file

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _load(tmp_path: Path, auth: str, extra: str = "") -> tuple[Path, Profile]:
    path = write(
        tmp_path / "p.yaml",
        "version: 1\nprofiles:\n  contoso:\n    organization: contoso.onmicrosoft.com\n"
        f"    auth:\n{auth}{extra}",
    )
    return path, load_profiles(make_env(), str(path)).get("contoso")


PASSWORD_ENV = (
    "      method: password\n      user: a@contoso.onmicrosoft.com\n      password_env: PW\n"
)
PASSWORD_FILE = (
    "      method: password\n      user: a@contoso.onmicrosoft.com\n      password_file: pw.txt\n"
)


def test_password_from_the_environment(tmp_path: Path) -> None:
    _, profile = _load(tmp_path, PASSWORD_ENV)
    assert profile.secret(make_env({"PW": "s3cret"})) == "s3cret"
    # Nothing of the secret is on the object.
    assert "s3cret" not in repr(profile)


def test_unset_variable_is_a_positioned_error(tmp_path: Path) -> None:
    path, profile = _load(tmp_path, PASSWORD_ENV)
    with pytest.raises(ProfileError) as caught:
        profile.secret(make_env())
    assert caught.value.lines == [
        f"{path}:8:21: error: environment variable PW (named by password_env) is not set"
    ]


@posix_only
def test_password_from_a_private_file_loses_one_newline(tmp_path: Path) -> None:
    _, profile = _load(tmp_path, PASSWORD_FILE)
    secret = tmp_path / "pw.txt"  # relative paths are relative to the profile file
    secret.write_text("s3cret\n\n")
    secret.chmod(0o600)
    assert profile.secret(make_env()) == "s3cret\n"
    secret.write_text("s3cret\r\n")
    assert profile.secret(make_env()) == "s3cret"


@posix_only
@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o644])
def test_a_file_others_can_read_is_refused(tmp_path: Path, mode: int) -> None:
    path, profile = _load(tmp_path, PASSWORD_FILE)
    secret = tmp_path / "pw.txt"
    secret.write_text("s3cret\n")
    secret.chmod(mode)
    with pytest.raises(ProfileError) as caught:
        profile.secret(make_env())
    assert caught.value.lines == [
        f"{path}:8:22: error: {secret} (named by password_file) is accessible by group or "
        f"others (mode {mode:04o}); a secret file must be private: chmod 600 {secret}"
    ]


def test_missing_secret_file(tmp_path: Path) -> None:
    _, profile = _load(tmp_path, PASSWORD_FILE)
    with pytest.raises(ProfileError, match="cannot read .*pw.txt \\(named by password_file\\)"):
        profile.secret(make_env())


def test_no_source_means_prompt(tmp_path: Path) -> None:
    _, profile = _load(tmp_path, "      method: password\n      user: a@contoso.onmicrosoft.com\n")
    assert profile.secret(make_env({"PW": "x"})) is None
    _, profile = _load(tmp_path, "      method: interactive\n")
    assert profile.secret(make_env()) is None


def test_token_and_certificate_password(tmp_path: Path) -> None:
    _, profile = _load(tmp_path, "      method: access_token\n      token_env: TOKEN\n")
    assert profile.secret(make_env({"TOKEN": "eyJ"})) == "eyJ"
    auth = (
        "      method: certificate\n      app_id: 3c4f9e1a-7b2d-4f6a-9c8e-1d2b3a4f5e6c\n"
        "      certificate_path: app.pfx\n      certificate_password_env: PFX\n"
    )
    _, profile = _load(tmp_path, auth)
    assert profile.secret(make_env({"PFX": "pfxpw"})) == "pfxpw"
    assert profile.auth.certificate_password is not None
    assert profile.auth.certificate_password.read({"PFX": "pfxpw"}) == "pfxpw"


@posix_only
def test_read_secret_file_directly(tmp_path: Path) -> None:
    secret = tmp_path / "s"
    secret.write_text("abc")
    secret.chmod(0o400)
    assert read_secret_file(secret) == "abc"


def test_check_paths_names_every_missing_file(tmp_path: Path) -> None:
    auth = (
        "      method: certificate\n      app_id: 3c4f9e1a-7b2d-4f6a-9c8e-1d2b3a4f5e6c\n"
        "      certificate_path: app.pfx\n      certificate_password_file: pfx.txt\n"
    )
    path, profile = _load(tmp_path, auth, "    ca_bundle: ~/no/such/ca.pem\n")
    with pytest.raises(ProfileError) as caught:
        profile.check_paths()
    assert caught.value.lines == [
        f"{path}:8:25: error: auth.certificate_path: no such file: {tmp_path / 'app.pfx'}",
        f"{path}:9:34: error: auth.certificate_password_file: no such file: {tmp_path / 'pfx.txt'}",
        f"{path}:10:16: error: ca_bundle: no such file: {Path('~/no/such/ca.pem').expanduser()}",
    ]
    for name in ("app.pfx", "pfx.txt"):
        (tmp_path / name).write_text("x")
    with pytest.raises(ProfileError) as caught:
        profile.check_paths()
    assert len(caught.value.lines) == 1
