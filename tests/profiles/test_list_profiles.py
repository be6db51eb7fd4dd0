"""`sccshell --list-profiles` through its mode function, with an in-memory Environment."""

from __future__ import annotations

import argparse
from pathlib import Path

from profile_helpers import make_env, write

from sccshell.modes.list_profiles import run_list_profiles
from sccshell.status import ExitStatus


def _args(profile_file: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(profile_file=profile_file, list_profiles=True)


def test_one_name_per_line(tmp_path: Path) -> None:
    base = tmp_path / "sccshell"
    write(base / "profiles.yaml", "version: 1\nprofiles:\n  contoso:\n  fabrikam:\n")
    write(base / "profiles" / "partners.yaml", "version: 1\nprofiles:\n  adatum:\n")
    env = make_env({"XDG_CONFIG_HOME": str(tmp_path)})
    assert run_list_profiles(_args(), env) == ExitStatus.SUCCESS
    assert env.stdout.getvalue() == "contoso\nfabrikam\nadatum\n"
    assert env.stderr.getvalue() == ""


def test_no_profiles_prints_nothing(tmp_path: Path) -> None:
    env = make_env({"XDG_CONFIG_HOME": str(tmp_path)})
    assert run_list_profiles(_args(), env) == ExitStatus.SUCCESS
    assert env.stdout.getvalue() == ""


def test_profile_file(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", "version: 1\nprofiles:\n  lab:\n")
    env = make_env()
    assert run_list_profiles(_args(str(path)), env) == ExitStatus.SUCCESS
    assert env.stdout.getvalue() == "lab\n"


def test_a_bad_file_is_a_usage_error_with_positions(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.yaml",
        "version: 1\nprofiles:\n  lab:\n    auth:\n      method: password\n      password: x\n",
    )
    env = make_env()
    assert run_list_profiles(_args(str(path)), env) == ExitStatus.USAGE
    assert env.stdout.getvalue() == ""
    assert env.stderr.getvalue().splitlines() == [
        f"{path}:4:5: error: method password needs auth.user",
        f"{path}:6:7: error: 'password': secrets are never stored in the profile file; "
        "use password_env: NAME or password_file: PATH, or leave it out to be prompted",
    ]
