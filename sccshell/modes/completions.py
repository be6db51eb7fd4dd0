"""`sccshell --completions SHELL`: print the completion script for SHELL."""

from __future__ import annotations

import os

from sccshell.environment import Environment
from sccshell.status import ExitStatus

# The scripts ship inside the package (data/completions) so an installed sccshell can print them.
COMPLETIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "completions")
SCRIPT_FILES = {"bash": "sccshell.bash", "zsh": "_sccshell", "fish": "sccshell.fish"}
SHELLS = tuple(SCRIPT_FILES)


def script_path(shell: str) -> str:
    """The path of the bundled completion script for SHELL (one of SHELLS)."""
    return os.path.join(COMPLETIONS_DIR, SCRIPT_FILES[shell])


def run_completions(shell: str, env: Environment) -> int:
    """Write the script for SHELL to stdout; an unknown SHELL is a usage error."""
    if shell not in SCRIPT_FILES:
        env.error(f"--completions: unknown shell {shell!r}; choose from {', '.join(SHELLS)}")
        return ExitStatus.USAGE
    try:
        with open(script_path(shell), encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        env.error(f"cannot read the {shell} completion script: {exc.strerror}")
        return ExitStatus.ERROR
    env.stdout.write(text)
    return ExitStatus.SUCCESS
