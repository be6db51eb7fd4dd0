"""The sccshell command line: the argument spec and the dispatch to a run mode."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sccshell import __version__, heap
from sccshell.environment import Environment
from sccshell.status import ExitStatus

OUTPUT_FORMATS = ("table", "list", "json", "jsonl", "csv", "yaml")


class _Parser(argparse.ArgumentParser):
    """An argparse parser that writes to the Environment's streams and exits with status 2."""

    env: Environment | None = None

    def _print_message(self, message: str, file=None) -> None:  # type: ignore[override]
        if not message:
            return
        env = self.env or Environment()
        (env.stderr if file is sys.stderr else env.stdout).write(message)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(ExitStatus.USAGE, f"sccshell: error: {message}\n")


def build_parser() -> _Parser:
    parser = _Parser(
        prog="sccshell",
        usage="sccshell [OPTIONS] [SCRIPT.scc [ARG ...]]\n       sccshell --check FILE ...",
        description="A shell for Exchange Online and Security & Compliance administrators.",
    )
    parser.add_argument("script", nargs="?", metavar="SCRIPT.scc", help="run a saved script")
    parser.add_argument(
        "script_args", nargs=argparse.REMAINDER, metavar="ARG", help="arguments for the script"
    )
    parser.add_argument(
        "-p", "--profile", metavar="NAME", help="connect the connections of profile NAME first"
    )
    parser.add_argument("--profile-file", metavar="PATH", help="read profiles from PATH")
    parser.add_argument(
        "--sandbox", action="store_true", help="connect to the built-in sandbox tenant"
    )
    parser.add_argument("-c", "--command", metavar="TEXT", help="run TEXT, print its output, exit")
    parser.add_argument(
        "-o", "--output", choices=OUTPUT_FORMATS, metavar="FORMAT", help="|".join(OUTPUT_FORMATS)
    )
    parser.add_argument(
        "--check",
        nargs="+",
        metavar="FILE",
        help="parse and bind FILE(s) (- for stdin) against the cmdlet schema, offline",
    )
    parser.add_argument("--list-profiles", action="store_true", help="one profile name per line")
    parser.add_argument("--yes", action="store_true", help="answer yes to confirmation prompts")
    parser.add_argument("--log-file", metavar="PATH", help="append a JSON-lines audit transcript")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument(
        "--completions",
        choices=("bash", "zsh", "fish"),
        metavar="SHELL",
        help="print the completion script for SHELL (bash, zsh or fish)",
    )
    parser.add_argument("--version", action="version", version=f"sccshell {__version__}")
    return parser


def run(argv: Sequence[str], env: Environment) -> int:
    """Parse ARGV and run the chosen mode; return the exit status."""
    parser = build_parser()
    parser.env = env
    args = parser.parse_args(list(argv))
    env.debug = args.debug
    try:
        if args.completions:
            from sccshell.modes.completions import run_completions

            return run_completions(args.completions, env)
        if args.check:
            from sccshell.modes.check import run_check

            return run_check(args.check, env)
        if args.list_profiles:
            from sccshell.modes.list_profiles import run_list_profiles

            return run_list_profiles(args, env)
        if args.command is not None:
            from sccshell.modes.command import run_command

            return run_command(args, env)
        if args.script:
            from sccshell.modes.script import run_script

            return run_script(args, env)
        from sccshell.modes.repl import run_repl

        return run_repl(args, env)
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.SUCCESS


def main(argv: Sequence[str] | None = None) -> int:
    env = Environment()
    if argv is None:  # the shell's own process, not a caller's: the collector is ours to set
        heap.tune()
    try:
        return int(run(sys.argv[1:] if argv is None else argv, env))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else ExitStatus.USAGE
    except Exception as exc:  # last resort: a person never sees a traceback without --debug
        if env.debug:
            raise
        env.error(f"internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)")
        return ExitStatus.ERROR
