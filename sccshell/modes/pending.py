"""What the command line says for modes this version cannot run yet."""

from __future__ import annotations

import argparse

from sccshell.environment import Environment
from sccshell.status import ExitStatus


def run_pending(args: argparse.Namespace, env: Environment) -> int:
    if args.script:
        what = f"running scripts ({args.script})"
    else:
        what = f"connecting with profile {args.profile!r}"
    env.error(
        f"{what} is not available in this version yet. "
        "What works today: sccshell --check FILE... checks scripts offline against the cmdlet schema."
    )
    return ExitStatus.USAGE
