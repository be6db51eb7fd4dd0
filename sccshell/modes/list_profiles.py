"""`sccshell --list-profiles`: one profile name per line."""

from __future__ import annotations

import argparse

from sccshell.environment import Environment
from sccshell.profiles import ProfileError, load_profiles
from sccshell.status import ExitStatus


def run_list_profiles(args: argparse.Namespace, env: Environment) -> int:
    """Print the profile names; a profile file problem is a usage error (exit 2)."""
    try:
        profiles = load_profiles(env, getattr(args, "profile_file", None))
    except ProfileError as exc:
        for line in exc.lines:
            print(line, file=env.stderr)
        return ExitStatus.USAGE
    for name in profiles.names():
        print(name, file=env.stdout)
    return ExitStatus.SUCCESS
