"""Every example profile in profiles/ validates."""

from __future__ import annotations

from pathlib import Path

import pytest
from profile_helpers import make_env

from sccshell.profiles import load_profiles

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "profiles").glob("*.yaml"))


def test_there_are_examples() -> None:
    names = {path.stem for path in EXAMPLES}
    assert {"interactive-commercial", "certificate-commercial", "partner-delegated"} <= names
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_validates(path: Path) -> None:
    profiles = load_profiles(make_env(), str(path))
    assert profiles.names()
    assert path.read_text().lstrip().startswith("#"), "each example explains itself"


def test_examples_cover_every_method_and_cloud() -> None:
    profiles = [profile for path in EXAMPLES for profile in load_profiles(make_env(), str(path))]
    assert {profile.auth.method for profile in profiles} == {
        "interactive",
        "device",
        "password",
        "certificate",
        "access_token",
        "managed_identity",
    }
    assert {profile.environment for profile in profiles} == {
        "O365Default",
        "O365USGovGCCHigh",
        "O365USGovDoD",
        "O365GermanyCloud",
        "O365China",
        "Sandbox",
    }
    assert any(profile.delegated_organization for profile in profiles)


def test_all_examples_load_together_from_a_config_folder(tmp_path: Path) -> None:
    folder = tmp_path / "sccshell" / "profiles"
    folder.mkdir(parents=True)
    for path in EXAMPLES:
        (folder / path.name).write_text(path.read_text())
    profiles = load_profiles(make_env({"XDG_CONFIG_HOME": str(tmp_path)}))
    assert len(profiles) == len({name.lower() for name in profiles.names()})
