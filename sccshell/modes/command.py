"""`sccshell -c TEXT`: run one command line (or script text), print its output, exit."""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sccshell import heap
from sccshell.environment import Environment
from sccshell.status import ExitStatus


def output_width(env: Environment) -> int:
    """The terminal's width, or PowerShell's 120 when output goes to a file or a pipe.

    COLUMNS that is not a positive whole number counts as unset: a table one cell wide
    helps no one.
    """
    if env.stdout_isatty:
        return shutil.get_terminal_size((120, 24)).columns
    try:
        columns = int(env.environ.get("COLUMNS", "120"))
    except ValueError:
        return 120
    return columns if columns > 0 else 120


def write_output(
    items: Iterable[Any],
    env: Environment,
    fmt: str | None,
    cmdlet: str | None,
    *,
    page: bool | str = False,
) -> None:
    """Write a pipeline's output as the person or the machine asked, streaming.

    A long result shows a live count on stderr when that is a terminal; PAGE (the
    REPL) sends output taller than the terminal through the pager: True for $PAGER
    (or less), or the pager's command line.
    """
    from sccshell.output import write_objects
    from sccshell.output.progress import LiveCount
    from sccshell.runtime.cmdlets.format import render_lines

    width = output_width(env)
    live = LiveCount(items, env.stderr)
    stream = live.guard(_CurrentStdout(env))
    env.status = live
    try:
        if fmt not in (None, "table", "list"):
            write_objects(_objects(live), stream, fmt, width=width, cmdlet=cmdlet)
            return
        lines = render_lines(live, width, cmdlet=cmdlet, force=fmt)
        if page and env.stdout_isatty:
            from sccshell.output import page_if_needed

            def spawn(argv: list[str]) -> Any:
                live.close()  # the pager owns the screen now
                return _popen(argv)

            height = shutil.get_terminal_size((120, 24)).lines
            page_if_needed(
                lines,
                height=height - 1,
                stream=stream,
                is_terminal=True,
                environ={**env.environ, "PAGER": page} if isinstance(page, str) else env.environ,
                spawn=spawn,
                patience=PAGER_PATIENCE,
            )
        else:
            for line in lines:
                stream.write(line + "\n")
    finally:
        live.close()
        env.status = None


# A screenful that takes longer than this to arrive is shown as it comes, not paged:
# a slow stream must not look stuck.
PAGER_PATIENCE = 1.0


class _CurrentStdout:
    """The environment's stdout as it is at each write: Start-Transcript replaces it."""

    def __init__(self, env: Environment) -> None:
        self._env = env

    def write(self, text: str) -> int:
        return self._env.stdout.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._env.stdout, name)


def _popen(argv: list[str]) -> Any:
    import subprocess

    return subprocess.Popen(argv, stdin=subprocess.PIPE, text=True, encoding="utf-8")


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


def open_session(args: argparse.Namespace, env: Environment) -> Any:
    """A session with the audit log the command line asks for (not yet connected)."""
    from sccshell.schema.loader import load_schema
    from sccshell.session import Session

    env.assume_yes = bool(args.yes)
    session = Session(env, load_schema())
    # Machine output owns stdout: what is written for a person goes to stderr.
    session.host.machine_output = (args.output or "table") not in ("table", "list")
    if args.log_file:
        from sccshell.audit import AuditLog

        profile = args.profile or ("sandbox" if args.sandbox else None)
        session.audit_log = AuditLog(args.log_file, profile)
    return session


def connect_as_asked(session: Any, args: argparse.Namespace, env: Environment) -> None:
    """Connect what the command line asks for; any failure to connect is a SignInFailed.

    The contract's exit status 3 covers "sign-in or connection failure": a service or
    network error while connecting (the module file refused, TLS, a timeout) is one too.
    """
    if args.sandbox or args.profile:
        # Imported only when connecting: the network stack costs start-up time.
        from sccshell.errors import ServiceFailed, SignInFailed
        from sccshell.modes.connecting import connect_at_start

        try:
            connect_at_start(session, args, env)
        except ServiceFailed as err:
            message = getattr(err, "message", None) or str(err)
            raise SignInFailed(f"could not connect: {message}") from err


def run_in_session(
    args: argparse.Namespace,
    env: Environment,
    produce: Callable[[Any], Iterable[Any]],
    *,
    cmdlet_of: Callable[[Any], str | None] = lambda session: None,
    label: str | None = None,
) -> int:
    """Connect, run what PRODUCE yields through the output, and map failures to exit codes."""
    from sccshell.errors import ConfigFailed, ServiceFailed, SignInFailed
    from sccshell.runtime.evaluator import ScriptError, ScriptExit

    session = open_session(args, env)
    try:
        connect_as_asked(session, args, env)
        heap.settle()
        write_output(produce(session), env, args.output, cmdlet_of(session))
    except ScriptExit as done:
        return done.code
    except SignInFailed as err:
        env.error(str(err))
        return ExitStatus.CONNECTION
    except ConfigFailed as err:
        env.error(str(err))
        return ExitStatus.USAGE
    except (ScriptError, ServiceFailed) as err:
        line = getattr(err, "line", 0)
        where = f"{label}:" if label else ""
        where += f"{line}:{err.col}: " if line else (" " if label else "")
        env.error(where + (getattr(err, "message", None) or str(err)))
        return ExitStatus.ERROR
    finally:
        session.close()
    return ExitStatus.ERROR if session.host.errors else ExitStatus.SUCCESS


def run_command(args: argparse.Namespace, env: Environment) -> int:
    from sccshell.language import ParseError, parse

    try:
        script = parse(args.command, "<command>")
    except ParseError as err:
        env.error(f"{err.line}:{err.col}: {err.message}")
        return ExitStatus.USAGE
    name = last_command(script)
    return run_in_session(
        args,
        env,
        lambda session: session.evaluator.iter_run(script),
        cmdlet_of=lambda session: session.output_cmdlet(name) if name else None,
    )
