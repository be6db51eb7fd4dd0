"""YAML connection profiles: loading, validation, and the secrets they point at."""

from sccshell.profiles.errors import Mark, Problem, ProfileError
from sccshell.profiles.loader import config_dir, load_profiles, profile_files
from sccshell.profiles.model import Auth, Connection, Profile, ProfileSet
from sccshell.profiles.rules import prefix_problem
from sccshell.profiles.secrets import SecretSource, read_secret_file

__all__ = [
    "Auth",
    "Connection",
    "Mark",
    "Problem",
    "Profile",
    "ProfileError",
    "ProfileSet",
    "SecretSource",
    "config_dir",
    "load_profiles",
    "prefix_problem",
    "profile_files",
    "read_secret_file",
]
