"""The sccshell command line run in-process, for the tests of this folder."""

from __future__ import annotations

import io

from sccshell.cli import run
from sccshell.environment import Environment


class TextStdin(io.StringIO):
    """Standard input as text, with its bytes under .buffer as sys.stdin has them."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.buffer = io.BytesIO(text.encode())


def cli_env(stdin: str = "") -> Environment:
    """An environment with STDIN as its input, capturing stdout and stderr, and no variables."""
    return Environment(
        stdin=TextStdin(stdin), stdout=io.StringIO(), stderr=io.StringIO(), environ={}
    )


def run_cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """The exit status, stdout and stderr of `sccshell ARGV...` run in-process."""
    env = cli_env(stdin)
    status = run(list(argv), env)
    return status, env.stdout.getvalue(), env.stderr.getvalue()
