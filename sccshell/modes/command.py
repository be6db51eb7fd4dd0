"""`sccshell -c TEXT`: run one command line (or script text), print its output, exit."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any

from sccshell.environment import Environment
from sccshell.status import ExitStatus


def output_width(env: Environment) -> int:
    """The terminal's width, or PowerShell's 120 when output goes to a file or a pipe."""
    if env.stdout_isatty:
        return shutil.get_terminal_size((120, 24)).columns
    try:
        return int(env.environ.get("COLUMNS", "120"))
    except ValueError:
        return 120


def write_output(
    items: Iterable[Any], env: Environment, fmt: str | None, cmdlet: str | None
) -> None:
    """Write a pipeline's output as the person or the machine asked, streaming."""
    from sccshell.output import write_objects
    from sccshell.runtime.cmdlets.format import FormatRequest, render_lines

    width = output_width(env)
    stream = env.stdout
    if fmt not in (None, "table", "list"):
        write_objects(_objects(items), stream, fmt, width=width, cmdlet=cmdlet)
        return

    def kind(item: Any) -> str:
        return "format" if isinstance(item, FormatRequest | str) else "object"

    for key, run in groupby(items, key=kind):
        if key == "format":
            for line in render_lines(run, width):
                print(line, file=stream)
        else:
            write_objects(run, stream, fmt, width=width, cmdlet=cmdlet)


def _objects(items: Iterable[Any]) -> Iterator[Any]:
    from sccshell.runtime.cmdlets.format import FormatRequest

    for item in items:
        if isinstance(item, FormatRequest):
            yield from item.objects
        else:
            yield item


def last_command(script: Any) -> str | None:
    """The static name of the last command of a one-pipeline script."""
    from sccshell.language import ast as A

    statements = script.statements
    if len(statements) != 1 or not isinstance(statements[0], A.PipelineAst):
        return None
    element = statements[0].elements[-1]
    return element.name if isinstance(element, A.CommandAst) else None


def run_command(args: argparse.Namespace, env: Environment) -> int:
    from sccshell.errors import ServiceFailed, SignInFailed
    from sccshell.language import ParseError, parse
    from sccshell.profiles import ProfileError
    from sccshell.runtime.evaluator import ScriptError, ScriptExit
    from sccshell.schema.loader import load_schema
    from sccshell.session import Session

    env.assume_yes = bool(args.yes)
    try:
        script = parse(args.command, "<command>")
    except ParseError as err:
        env.error(f"{err.line}:{err.col}: {err.message}")
        return ExitStatus.USAGE
    session = Session(env, load_schema())
    if args.log_file:
        from sccshell.audit import AuditLog

        session.audit_log = AuditLog(
            args.log_file, args.profile or ("sandbox" if args.sandbox else None)
        )
    try:
        if args.sandbox or args.profile:
            # Imported only when connecting: the network stack costs start-up time.
            from sccshell.modes.connecting import connect_at_start

            connect_at_start(session, args, env)
        name = last_command(script)
        cmdlet = session.output_cmdlet(name) if name else None
        write_output(session.evaluator.iter_run(script), env, args.output, cmdlet)
    except ScriptExit as done:
        return done.code
    except SignInFailed as err:
        env.error(str(err))
        return ExitStatus.CONNECTION
    except ProfileError as err:
        env.error(str(err))
        return ExitStatus.USAGE
    except ScriptError as err:
        env.error(str(err))
        return ExitStatus.ERROR
    except ServiceFailed as err:
        env.error(err.message)
        return ExitStatus.ERROR
    finally:
        session.close()
    return ExitStatus.ERROR if session.host.errors else ExitStatus.SUCCESS
