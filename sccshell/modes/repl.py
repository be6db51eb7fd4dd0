"""The interactive shell's entry: it needs a terminal; the shell itself lives in sccshell.repl."""

from __future__ import annotations

import argparse

from sccshell.environment import Environment
from sccshell.status import ExitStatus


def run_repl(args: argparse.Namespace, env: Environment) -> int:
    if not env.stdin_isatty:
        env.error(
            "standard input is not a terminal; to run commands use -c TEXT, "
            "and to check a script from stdin: sccshell --check -"
        )
        return ExitStatus.USAGE
    from sccshell.repl.app import run_shell

    return run_shell(args, env)
