"""The interactive shell: read a command, run it on the live connections, show the result."""

from __future__ import annotations

import argparse

from sccshell.environment import Environment
from sccshell.status import ExitStatus

NOT_CONNECTED_HINT = (
    "not connected: local commands run; start with --sandbox to try the sandbox tenant"
)


def _prompt(session) -> str:
    connections = list(session.registry)
    if not connections:
        return "PS> "
    organization = connections[0].organization or connections[0].tenant_id
    return f"PS {organization.split('.')[0]}> "


def _toolbar(session) -> str:
    connections = list(session.registry)
    if not connections:
        return " " + NOT_CONNECTED_HINT
    parts = []
    for c in connections:
        who = c.user or c.app_id
        prefix = f"[{c.prefix}] " if c.prefix else ""
        service = "Exchange" if c.service == "exchange" else "Compliance"
        parts.append(f"{prefix}{service}: {who}")
    return " " + "  |  ".join(parts)


def _ask_missing(session, cmdlet, names: list[str]) -> dict:
    """PowerShell's prompt for missing mandatory parameters; secrets are read hidden."""
    from sccshell.runtime.evaluator import ScriptError
    from sccshell.runtime.values import SecureString

    host = session.host
    host.write_host(f"cmdlet {cmdlet.name} at command pipeline position 1")
    host.write_host("Supply values for the following parameters:")
    values = {}
    for name in names:
        parameter = cmdlet.parameter(name)
        secret = parameter is not None and (parameter.type or "").lower() in (
            "securestring",
            "pscredential",
        )
        answer = host.read_line(f"{name}: ", secret=secret)
        if answer == "":
            raise ScriptError(f"Cannot bind parameter '{name}': no value was given.")
        values[name] = SecureString(answer) if secret else answer
    return values


def run_repl(args: argparse.Namespace, env: Environment) -> int:
    if not env.stdin_isatty:
        env.error(
            "standard input is not a terminal; to run commands use -c TEXT, "
            "and to check a script from stdin: sccshell --check -"
        )
        return ExitStatus.USAGE
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import ThreadedCompleter

    from sccshell.errors import ServiceFailed, SignInFailed
    from sccshell.language import ParseError, parse
    from sccshell.modes.command import last_command, open_session, write_output
    from sccshell.repl_basic import SchemaCompleter
    from sccshell.runtime.evaluator import ScriptError, ScriptExit

    session = open_session(args, env)
    if args.sandbox or args.profile:
        what = "the sandbox tenant" if args.sandbox else f"profile {args.profile}"
        print(f"Connecting to {what}...", file=env.stdout)
        from sccshell.modes.command import connect_as_asked
        from sccshell.profiles import ProfileError

        try:
            connect_as_asked(session, args, env)
        except SignInFailed as err:
            env.error(str(err))
            return ExitStatus.CONNECTION
        except ProfileError as err:
            env.error(str(err))
            return ExitStatus.USAGE
    session.evaluator.prompt_missing = lambda cmdlet, names: _ask_missing(session, cmdlet, names)
    print("sccshell: type a command, or exit to leave.", file=env.stdout)
    prompt_session: PromptSession[str] = PromptSession(
        completer=ThreadedCompleter(SchemaCompleter(session.schema)),
        bottom_toolbar=lambda: _toolbar(session),
        complete_while_typing=False,
    )
    try:
        while True:
            try:
                text = prompt_session.prompt(_prompt(session))
                # Keep reading while the parse is incomplete, as PowerShell's console does.
                while True:
                    try:
                        script = parse(text, "<input>")
                        break
                    except ParseError as err:
                        if not err.incomplete:
                            raise
                    text += "\n" + prompt_session.prompt(">> ")
            except KeyboardInterrupt:
                continue
            except EOFError:
                return ExitStatus.SUCCESS
            except ParseError as err:
                print(f"{err.line}:{err.col}: error: {err.message}", file=env.stderr)
                continue
            if text.strip().lower() in ("exit", "quit"):
                return ExitStatus.SUCCESS
            try:
                name = last_command(script)
                cmdlet = session.output_cmdlet(name) if name else None
                write_output(session.evaluator.iter_run(script), env, None, cmdlet)
            except KeyboardInterrupt:
                print("^C", file=env.stderr)
            except ScriptExit as done:
                return done.code
            except (ScriptError, ServiceFailed, SignInFailed) as err:
                print(f"error: {getattr(err, 'message', None) or err}", file=env.stderr)
    finally:
        session.close()
