"""The interactive shell. In this version it checks each command offline as you type it."""

from __future__ import annotations

import argparse

from sccshell.environment import Environment
from sccshell.status import ExitStatus

OFFLINE_HINT = (
    "offline: commands are parsed and bound against the cmdlet schema, not run "
    "(signing in arrives in a later version)"
)


def run_repl(args: argparse.Namespace, env: Environment) -> int:
    if not env.stdin_isatty:
        env.error(
            "standard input is not a terminal; to check a script from stdin use: sccshell --check -"
        )
        return ExitStatus.USAGE
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import ThreadedCompleter

    from sccshell.analysis import Analyzer
    from sccshell.language import ParseError, parse
    from sccshell.repl_basic import SchemaCompleter
    from sccshell.schema.loader import load_schema

    schema = load_schema()
    analyzer = Analyzer(schema)
    if args.sandbox:
        print(
            "Connecting the shell to the sandbox tenant comes with the next version; "
            "the sandbox itself can be served with: sccshell-sandbox serve",
            file=env.stdout,
        )
    print(f"sccshell: {OFFLINE_HINT}. Type exit to leave.", file=env.stdout)
    session: PromptSession[str] = PromptSession(
        completer=ThreadedCompleter(SchemaCompleter(schema)),
        bottom_toolbar=" not connected: " + OFFLINE_HINT,
        complete_while_typing=False,
    )
    while True:
        try:
            text = session.prompt("PS offline> ")
            # Keep reading while the parse is incomplete, as PowerShell's console does.
            while True:
                try:
                    parse(text)
                    break
                except ParseError as err:
                    if not err.incomplete:
                        break
                text += "\n" + session.prompt(">> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return ExitStatus.SUCCESS
        stripped = text.strip()
        if stripped.lower() in ("exit", "quit"):
            return ExitStatus.SUCCESS
        if not stripped:
            continue
        problems = analyzer.check(text, "<input>")
        for problem in problems:
            print(f"{problem.line}:{problem.col}: error: {problem.message}", file=env.stdout)
        if not problems:
            print("ok: parses and binds (not run: offline)", file=env.stdout)
