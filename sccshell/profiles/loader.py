"""Finding the profile files and loading them into one ProfileSet."""

from __future__ import annotations

from pathlib import Path

from sccshell.environment import Environment
from sccshell.profiles.errors import Mark, Problem, ProfileError
from sccshell.profiles.model import Profile, ProfileSet
from sccshell.profiles.nodes import compose
from sccshell.profiles.validate import read_document
from sccshell.profiles.yamlguard import undecodable

MAIN_FILE = "profiles.yaml"
EXTRA_DIR = "profiles"


def config_dir(env: Environment) -> Path:
    """The config folder, the same one config.yaml lives in: $SCCSHELL_CONFIG_DIR, else
    $XDG_CONFIG_HOME/sccshell (from env.environ), else the platform's config folder."""
    from sccshell.config import config_dir as shared_config_dir

    return shared_config_dir(env.environ)


def profile_files(env: Environment, profile_file: str | None = None) -> list[Path]:
    """PROFILE_FILE alone, else profiles.yaml and profiles/*.yaml in the config folder."""
    if profile_file is not None:
        return [Path(profile_file)]
    base = config_dir(env)
    files = [base / MAIN_FILE] if (base / MAIN_FILE).is_file() else []
    extra = base / EXTRA_DIR
    if extra.is_dir():
        files += sorted(path for path in extra.glob("*.yaml") if path.is_file())
    return files


def read_file(path: Path) -> tuple[list[Profile], list[Problem]]:
    """The profiles in one file and its problems, sorted by position."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        return [], [Problem(Mark(file), f"cannot read the profile file: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        bad = undecodable(exc)
        return [], [Problem(Mark(file, bad.line, bad.col), bad.message)]
    try:
        root = compose(text, file)
    except ProfileError as exc:
        return [], list(exc.problems)
    profiles, problems = read_document(root, file, path.parent)
    problems.sort(key=lambda problem: problem.position)
    return profiles, problems


def load_profiles(env: Environment, profile_file: str | None = None) -> ProfileSet:
    """All profiles from the profile files; ProfileError listing every problem found."""
    files = profile_files(env, profile_file)
    problems: list[Problem] = []
    profiles: list[Profile] = []
    first: dict[str, Profile] = {}
    for path in files:
        found, file_problems = read_file(path)
        problems += file_problems
        for profile in found:
            # Names are looked up case-insensitively, so they must differ in more than case.
            other = first.setdefault(profile.name.lower(), profile)
            if other is profile:
                profiles.append(profile)
            else:
                problems.append(
                    Problem(
                        profile.mark,
                        f"profile '{profile.name}' is also defined at {other.mark}; "
                        "profile names must be unique across all profile files",
                    )
                )
    if problems:
        raise ProfileError(problems)
    return ProfileSet(tuple(profiles), tuple(str(path) for path in files))
