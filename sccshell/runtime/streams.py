"""The error and warning streams: -ErrorAction, $ErrorActionPreference, $Error, $?, 2>&1.

Every non-terminating error, local or remote, goes through `Streams.error`, so one
place decides whether it stops the script, is shown, is kept in $Error and in an
-ErrorVariable, or is redirected (2>&1, 2>$null, 2> FILE) by the command that
reported it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from .objects import PSObject

ACTIONS = ("continue", "silentlycontinue", "stop", "ignore", "inquire", "suspend", "break")
MAX_ERRORS = 256  # $MaximumErrorCount's default

Sink = Callable[[PSObject], None]


def error_record(message: str, target: Any = None, line: int = 0, col: int = 0) -> PSObject:
    """An ErrorRecord as scripts read it: .Exception.Message, .TargetObject, .InvocationInfo."""
    exception_type = getattr(target, "exception_type", None) or (
        "System.Management.Automation.RuntimeException"
    )
    exception = PSObject({"Message": message}, type_names=(str(exception_type), "System.Exception"))
    return PSObject(
        {
            "Exception": exception,
            "TargetObject": target,
            "CategoryInfo": PSObject({"Reason": str(exception_type).rsplit(".", 1)[-1]}),
            "FullyQualifiedErrorId": str(exception_type).rsplit(".", 1)[-1],
            "InvocationInfo": PSObject({"ScriptLineNumber": line, "OffsetInLine": col}),
        },
        type_names=("System.Management.Automation.ErrorRecord",),
    )


def is_error_record(value: Any) -> bool:
    return isinstance(value, PSObject) and value.type_names[0].endswith(".ErrorRecord")


class Frame(NamedTuple):
    """A command while its own code runs: its parameters, its place, where its errors go."""

    bound: dict[str, Any]
    line: int
    col: int
    sink: Sink | None = None


class Streams:
    """Where errors and warnings go; shared by every command of an evaluator."""

    def __init__(
        self,
        variables: dict[str, Any],
        lookup: Callable[[str], Any],
        store: Callable[[str, Any], None],
        show_error: Callable[[str], None] | None,
        show_warning: Callable[[str], None] | None,
    ) -> None:
        self.variables = variables  # the global scope: $Error
        self.lookup = lookup  # a variable as the current scope sees it
        self.store = store
        self.show_error = show_error
        self.show_warning = show_warning
        self.reported = 0  # errors so far; a pipeline sets $? from whether this moved
        self._frames: list[Frame] = []

    def action(self, kind: str = "Error") -> str:
        """-ErrorAction (-WarningAction) of the running command, else the preference."""
        given = self._frames[-1].bound.get(f"{kind}Action") if self._frames else None
        if given is None:
            given = self.lookup(
                f"{kind}ActionPreference" if kind == "Error" else "WarningPreference"
            )
        action = str(given or "Continue").lower()
        return action if action in ACTIONS else "continue"

    # --- errors -------------------------------------------------------------------

    def error(self, message: str, target: Any = None) -> None:
        """A non-terminating error of the running command; ScriptError when it says Stop."""
        frame = self._frames[-1] if self._frames else None
        line, col = (frame.line, frame.col) if frame else (0, 0)
        action = self.action()
        if action == "stop":
            from .evaluator import ScriptError

            raise ScriptError(message, line, col, target=target)
        self.reported += 1
        record = error_record(message, target, line, col)
        if action != "ignore":
            errors = self.variables.get("error")
            if isinstance(errors, list):
                errors.insert(0, record)
                del errors[MAX_ERRORS:]
            variable = frame.bound.get("ErrorVariable") if frame else None
            if variable:
                self._keep(str(variable), record)
        if action in ("silentlycontinue", "ignore"):
            return
        sink = next((f.sink for f in reversed(self._frames) if f.sink is not None), None)
        if sink is not None:
            sink(record)
        elif self.show_error is not None:
            self.show_error(message)

    def _keep(self, name: str, record: PSObject) -> None:
        """-ErrorVariable NAME (replace) or +NAME (append)."""
        if name.startswith("+"):
            name = name[1:]
            current = self.lookup(name)
            kept = list(current) if isinstance(current, list) else []
            self.store(name, [*kept, record])
        else:
            self.store(name, [record])

    def warning(self, text: str) -> None:
        action = self.action("Warning")
        if action == "stop":
            from .evaluator import ScriptError

            raise ScriptError(
                "The running command stopped because the preference variable "
                f'"WarningPreference" or common parameter is set to Stop: {text}'
            )
        if action in ("silentlycontinue", "ignore"):
            return
        if self.show_warning is not None:
            self.show_warning(text)

    # --- running a command --------------------------------------------------------

    def running(self, items: Iterable[Any], frame: Frame) -> Iterator[Any]:
        """ITEMS, with FRAME current while their generator runs.

        The frame is current only while the command's own code runs, never while a
        consumer downstream holds an item, so a later command's errors are its own.
        A ScriptError without a place gets the command's; a local cmdlet's
        terminating error becomes a ScriptError there.
        """
        from .api import CmdletError
        from .evaluator import ScriptError

        it = iter(items)
        frames = self._frames
        while True:
            frames.append(frame)
            try:
                item = next(it)
            except StopIteration:
                return
            except ScriptError as err:
                if not err.line:
                    err.line, err.col = frame.line, frame.col
                raise
            except CmdletError as err:
                raise ScriptError(str(err), frame.line, frame.col) from None
            finally:
                frames.pop()
            yield item

    def merged(self, items: Iterable[Any], frame: Frame) -> Iterator[Any]:
        """2>&1: error records join the output stream, in the order they happened."""
        pending: list[PSObject] = []
        for item in self.running(items, frame._replace(sink=pending.append)):
            yield from pending
            pending.clear()
            yield item
        yield from pending
