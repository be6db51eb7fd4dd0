"""What the command line says for modes this version cannot run yet."""

from __future__ import annotations

import argparse

from sccshell.environment import Environment
from sccshell.status import ExitStatus


def run_pending(args: argparse.Namespace, env: Environment) -> int:
    what = f"connecting with profile {args.profile!r}"
    env.error(
        f"{what} is not available in this version yet. "
        "What works today: --sandbox (the built-in sandbox tenant), -c TEXT, SCRIPT.scc, "
        "--check FILE... and --list-profiles."
    )
    return ExitStatus.USAGE
