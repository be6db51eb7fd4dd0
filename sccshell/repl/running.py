"""Running one typed command: output, errors that never end the shell, and Ctrl-C that stops it."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sccshell.environment import Environment

READ_ONLY_VERBS = {"get", "search", "test"}
SAMPLE = 5  # objects of each result kept for property completion; the stream is never held


class Finished(Exception):
    """`exit` (or `exit N`) was run: leave the shell with this status."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class InterruptGuard:
    """While a command runs, Ctrl-C first notes which cmdlets were on the wire, then stops it.

    The note is taken in the signal handler because the request's own cleanup clears it
    as the KeyboardInterrupt unwinds.
    """

    def __init__(self, connections: Callable[[], Iterable[Any]]) -> None:
        self.connections = connections
        self.in_flight: list[str] = []
        self._previous: Any = None

    def _handler(self, signum: int, frame: Any) -> None:
        self.in_flight = [
            name
            for connection in self.connections()
            if (name := getattr(connection.client, "in_flight", None))
        ]
        raise KeyboardInterrupt

    def __enter__(self) -> InterruptGuard:
        self.in_flight = []
        try:
            self._previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: Ctrl-C keeps its usual meaning
            self._previous = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def changing(self) -> list[str]:
        """The cmdlets that change the tenant among those that were on the wire."""
        return [
            name
            for name in self.in_flight
            if "-" in name and name.split("-", 1)[0].lower() not in READ_ONLY_VERBS
        ]


def sampled(items: Iterable[Any], record: Callable[[list[Any]], None]) -> Iterator[Any]:
    """ITEMS passed on one by one; the first few objects go to RECORD when the stream ends."""
    from sccshell.runtime.cmdlets.format import FormatRequest

    taken: list[Any] = []
    try:
        for item in items:
            if len(taken) < SAMPLE and not isinstance(item, FormatRequest | str):
                taken.append(item)
            yield item
    finally:
        if taken:
            record(taken)


def run_line(
    session: Any, env: Environment, text: str, recent: Any = None, pager: bool | str = False
) -> None:
    """Parse and run TEXT, printing its output and any error; raise Finished on `exit`.

    PAGER pages output taller than the screen: True for $PAGER (else less), or a command.
    """
    from sccshell.language import ParseError, parse
    from sccshell.modes.command import last_command, write_output

    try:
        script = parse(text, "<input>")
    except ParseError as err:
        print(f"{err.line}:{err.col}: error: {err.message}", file=env.stderr)
        return
    name = last_command(script)
    session.transcripts.command(text)
    guard = InterruptGuard(lambda: session.registry)
    items: Any = None
    with guard:
        try:
            cmdlet = session.output_cmdlet(name) if name else None
            items = session.evaluator.iter_run(script)
            if recent is not None and cmdlet:
                items = sampled(items, lambda objects: _record(recent, cmdlet, objects))
            write_output(items, env, None, cmdlet, page=pager)
        except KeyboardInterrupt:
            _close(items)
            _interrupted(env, guard.changing())
        except Exception as err:  # noqa: BLE001 - no error may end the shell; see report()
            _close(items)
            code = exit_code(err)
            if code is not None:
                raise Finished(code) from None
            report(env, err)


def exit_code(err: BaseException) -> int | None:
    from sccshell.runtime.evaluator import ScriptExit

    return err.code if isinstance(err, ScriptExit) else None


def report(env: Environment, err: BaseException) -> None:
    """Print ERR for a person: a service, sign-in or script error, or a lost connection."""
    from sccshell.errors import ConfigFailed, ServiceFailed, SignInFailed
    from sccshell.runtime.evaluator import ScriptError

    if isinstance(err, ScriptError | ServiceFailed | SignInFailed | ConfigFailed):
        message = getattr(err, "message", None) or str(err)
        line = getattr(err, "line", 0)
        where = f"{line}:{getattr(err, 'col', 0)}: " if line else ""
        print(f"{where}error: {message}", file=env.stderr)
    elif type(err).__module__.split(".")[0] in ("httpx", "httpcore", "ssl", "socket"):
        print(
            f"error: the connection to the service failed ({type(err).__name__}: {err}); "
            "the command did not finish. Try again, or reconnect with Connect-ExchangeOnline.",
            file=env.stderr,
        )
    elif isinstance(err, OSError):
        print(f"error: {err}", file=env.stderr)
    else:
        if env.debug:
            import traceback

            traceback.print_exception(err, file=env.stderr)
        print(
            f"error: internal error: {type(err).__name__}: {err} (run with --debug for details)",
            file=env.stderr,
        )


def _interrupted(env: Environment, changing: list[str]) -> None:
    print("^C (stopped)", file=env.stderr)
    for name in changing:
        print(
            f"WARNING: {name} was sent and the service may still carry it out; "
            "check the result before running it again.",
            file=env.stderr,
        )


def _close(items: Any) -> None:
    # Closing the generator chain releases the HTTP response it was reading.
    close = getattr(items, "close", None)
    if close is not None:
        try:
            close()
        except Exception:  # noqa: BLE001 - best effort while already handling an error
            pass


def _record(recent: Any, cmdlet: str, objects: list[Any]) -> None:
    try:
        recent.record(cmdlet, objects)
    except Exception:  # noqa: BLE001 - completion hints must never fail a command
        pass
