"""Remote cmdlets in a pipeline: bound values in, service objects out as PSObjects.

A remote cmdlet runs once when nothing is piped in. Fed from the pipeline, it runs once
per input object, with the object bound to the pipeline parameter as PowerShell binds a
deserialized object: by property name, else by its Identity, else its string form
(protocol §2.5); those calls go ten at a time in a $batch (protocol §2.7), a few batches
at once, their answers in the order of the input (connection/fanout.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import chain, islice
from typing import Any

from sccshell.connection.client import RestClient
from sccshell.connection.errors import ServiceError
from sccshell.connection.fanout import batched_calls
from sccshell.connection.serialize import Credential, SecureValue
from sccshell.runtime.objects import PSObject
from sccshell.schema.model import Cmdlet

# Parameters sccshell acts on itself instead of sending.
CLIENT_SIDE = {"resultsize", "warningaction", "erroraction", "confirm"}


# A page's objects share their keys: which keys to keep, which carry a type annotation,
# and the lowercase names are worked out once per set of keys (a few per cmdlet), not once
# per object.
_Shape = tuple[tuple[str, ...], tuple[tuple[str, str], ...], dict[str, str] | None]
_SHAPES: dict[tuple[str, ...], _Shape] = {}
_TYPE_NAMES: dict[str, tuple[str, ...]] = {}
_MAX_SHAPES = 512


def _shape(keys: tuple[str, ...]) -> _Shape:
    shape = _SHAPES.get(keys)
    if shape is None:
        present = set(keys)
        dropped = tuple(name for name in keys if "@" in name)
        kept = [name for name in keys if "@" not in name]
        typed = tuple(
            (name, f"{name}@data.type") for name in kept if f"{name}@data.type" in present
        )
        names: dict[str, str] = {}
        for name in kept:
            names.setdefault(name.lower(), name)
        if len(_SHAPES) >= _MAX_SHAPES:
            _SHAPES.clear()
        # Two keys differing only in case: the first name wins, built the slow way.
        shape = _SHAPES[keys] = (dropped, typed, names if len(names) == len(kept) else None)
    return shape


def to_psobject(record: dict[str, Any], cmdlet: str) -> PSObject:
    """A service object without its OData annotations, dates typed as the service says.

    RECORD, fresh from the service's answer, becomes the object's own property table."""
    dropped, typed, names = _shape(tuple(record))
    for name, annotation in typed:
        value = record[name]
        if record[annotation] == "System.DateTime" and isinstance(value, str):
            record[name] = _date(value)
    for name in dropped:
        del record[name]
    type_names = _TYPE_NAMES.get(cmdlet)
    if type_names is None:
        type_names = _TYPE_NAMES[cmdlet] = (f"Deserialized.{cmdlet}", "Deserialized.System.Object")
    if names is None:
        return PSObject(record.items(), type_names=type_names)
    return PSObject.from_shape(record, names, type_names)


def _date(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text)  # Python 3.11 reads .NET's form as it is
    except ValueError:
        pass
    # 2022-09-21T08:07:47.0000000+00:00: .NET writes seven fraction digits, which older
    # Pythons refuse; keep six.
    head, dot, rest = text.partition(".")
    if dot:
        digits = "".join(ch for ch in rest if ch.isdigit())[:6]
        zone = rest[len("".join(ch for ch in rest if ch.isdigit())) :]
        text = f"{head}.{digits}{zone}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return text


def plain(value: Any) -> Any:
    """A runtime value as the connection serializes it (secrets kept secret)."""
    reveal = getattr(value, "reveal", None)
    if reveal is not None and not isinstance(value, SecureValue):
        return SecureValue(reveal())
    if isinstance(value, PSObject) and value.type_names[0].endswith("PSCredential"):
        return Credential(str(value["UserName"]), plain(value["Password"]))
    if isinstance(value, PSObject):
        return str(value.get("Identity") or value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class RemoteTarget:
    """What the evaluator runs for a remote cmdlet routed to a connection."""

    def __init__(
        self,
        cmdlet: Cmdlet,
        client: RestClient,
        *,
        confirm: Callable[[str], bool] | None = None,
        on_warning: Callable[[str], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        audit: Callable[[str, dict[str, Any], int, str | None, float], None] | None = None,
    ) -> None:
        self.audit = audit
        self._last_error: str | None = None
        self._action = "continue"  # -ErrorAction of the current run
        self._context: Any = None  # the evaluator of the current run
        self._confirming = False  # the current run asks before it changes anything
        self.cmdlet = cmdlet
        self.client = client
        self.confirm = confirm
        self.on_warning = on_warning
        self.on_error = on_error

    def run(
        self,
        bound: dict[str, Any],
        input: Iterable[Any],
        expecting_input: bool,
        context: Any = None,
    ) -> Iterator[PSObject]:
        if self.audit is None:
            yield from self._run(bound, input, expecting_input, context)
            return
        started = time.monotonic()
        count, error = 0, None
        self._last_error = None
        try:
            for item in self._run(bound, input, expecting_input, context):
                count += 1
                yield item
        except Exception as exc:
            error = str(getattr(exc, "message", None) or exc)
            raise
        finally:
            error = error or self._last_error
            self.audit(self.cmdlet.name, bound, count, error, time.monotonic() - started)

    def _run(
        self,
        bound: dict[str, Any],
        input: Iterable[Any],
        expecting_input: bool,
        context: Any = None,
    ) -> Iterator[PSObject]:
        parameters = {k: plain(v) for k, v in bound.items() if k.lower() not in CLIENT_SIDE}
        result_size = bound.get("ResultSize")
        warning_action = bound.get("WarningAction")
        self._action = error_action(bound, context)
        self._context = context
        self._confirming = confirm_mode(self.cmdlet, bound, context)
        if not expecting_input:
            yield from self._single(parameters, result_size, warning_action, bound)
            return
        sets = (self._with_input(parameters, item, bound) for item in input)
        first = list(islice(sets, 2))
        if self._confirming or len(first) < 2:
            # Asking before each change, or one object only: one call at a time, no batch.
            for params in chain(first, sets):
                if params is None:
                    self._error(UNBOUND_INPUT)
                else:
                    yield from self._single(params, result_size, warning_action, bound)
            return
        answers = batched_calls(
            self.client,
            self.cmdlet.name,
            chain(first, sets),
            result_size=result_size,
            warning_action=warning_action,
        )
        try:
            for result in answers:
                if result is None:
                    self._error(UNBOUND_INPUT)  # never sent: reported at the object's place
                    continue
                for text in result.warnings:
                    self._warn(text)
                for text in result.errors:
                    self._error(text)
                self._what_if(bound, result.confirmation_message)
                if result.error is not None:
                    self._failed(result.error)
                    continue
                for record in result.objects:
                    yield to_psobject(record, self.cmdlet.name)
        finally:
            answers.close()  # stops the fan-out at once, even while a traceback holds us

    def _single(
        self,
        parameters: dict[str, Any],
        result_size: Any,
        warning_action: Any,
        bound: dict[str, Any],
    ) -> Iterator[PSObject]:
        confirm = self.confirm if self._confirming else None
        invocation = self.client.invoke(
            self.cmdlet.name,
            parameters,
            result_size=result_size,
            warning_action=warning_action,
            confirm=confirm,
            on_warning=self._warn,
            on_error=self._error,
        )
        try:
            for record in invocation:
                yield to_psobject(record, self.cmdlet.name)
        except ServiceError as err:
            self._failed(err)
        if confirm is None:
            self._what_if(bound, invocation.confirmation_message)

    def _what_if(self, bound: dict[str, Any], message: str | None) -> None:
        """-WhatIf: the module shows what the call would have done (protocol §2.6)."""
        if message and bound.get("WhatIf"):
            host = getattr(self._context, "host", None)
            if host is not None:
                host.write_host(f"What if: {message}")

    def _failed(self, err: ServiceError) -> None:
        """A cmdlet's error: non-terminating unless -ErrorAction / $ErrorActionPreference say Stop."""
        from sccshell.runtime.evaluator import ScriptError

        action = self._action
        self._last_error = err.message
        streams = getattr(self._context, "streams", None)
        if streams is not None:
            streams.error(err.message, target=err)
            return
        if action == "stop":
            raise ScriptError(err.message, target=err)
        errors = _error_list(self._context)
        if action != "ignore" and errors is not None:
            errors.insert(0, err.message)
        if action not in ("silentlycontinue", "ignore"):
            self._error(err.message)

    def _with_input(
        self, parameters: dict[str, Any], item: Any, bound: dict[str, Any]
    ) -> dict[str, Any] | None:
        """PARAMETERS plus the pipeline object bound the way PowerShell binds it.

        None when no parameter takes the object, which PowerShell reports per object
        and never sends.
        """
        params = dict(parameters)
        takes = False
        for parameter in self.cmdlet.parameters.values():
            if not parameter.pipeline_input:
                continue
            if parameter.name in bound:
                takes = True  # given on the command line; the object only drives the call
                continue
            by = parameter.pipeline_input_by or ("ByValue",)
            if isinstance(item, PSObject):
                names = (parameter.name, *parameter.aliases)
                found = next((item.get(n) for n in names if n in item), None)
                if found is not None and "ByPropertyName" in by:
                    params[parameter.name] = plain(found)
                    return params
                if "ByValue" in by:
                    params[parameter.name] = plain(item)  # its Identity (§2.5)
                    return params
            elif "ByValue" in by:
                params[parameter.name] = plain(item)
                return params
        return params if takes else None

    def _warn(self, text: str) -> None:
        streams = getattr(self._context, "streams", None)
        if streams is not None:
            streams.warning(text)
        elif self.on_warning is not None:
            self.on_warning(text)

    def _error(self, text: str) -> None:
        streams = getattr(self._context, "streams", None)
        if streams is not None:
            streams.error(text)
            return
        if self._action == "stop":
            from sccshell.runtime.evaluator import ScriptError

            raise ScriptError(text)
        if self._action in ("silentlycontinue", "ignore"):
            return
        if self.on_error is not None:
            self.on_error(text)


def error_action(bound: dict[str, Any], evaluator: Any) -> str:
    """-ErrorAction, else $ErrorActionPreference, else Continue (lowercase)."""
    given = bound.get("ErrorAction")
    if given is None and evaluator is not None:
        given = evaluator.get_var("ErrorActionPreference")
    return str(given or "Continue").lower()


UNBOUND_INPUT = (
    "The input object cannot be bound to any parameters for the command either because the "
    "command does not take pipeline input or the input and its properties do not match any of "
    "the parameters that take pipeline input."
)
_IMPACT = {"none": 0, "low": 1, "medium": 2, "high": 3}


def confirm_mode(cmdlet: Cmdlet, bound: dict[str, Any], evaluator: Any) -> bool:
    """Whether the call asks first (protocol §2.6): -Confirm, else $ConfirmPreference ≤ impact."""
    given = bound.get("Confirm")
    if given is not None:
        return bool(given)
    if bound.get("WhatIf"):
        return False
    impact = _IMPACT.get(str(cmdlet.confirm_impact or "").lower(), 0)
    preference = evaluator.get_var("ConfirmPreference") if evaluator is not None else None
    level = _IMPACT.get(str(preference or "High").lower(), 3)
    return impact > 0 and level > 0 and level <= impact


def _error_list(evaluator: Any) -> list[Any] | None:
    """$Error, newest first."""
    if evaluator is None:
        return None
    errors = evaluator.global_scope.vars.get("error")
    return errors if isinstance(errors, list) else None


__all__ = ["RemoteTarget", "ServiceError", "to_psobject", "plain"]
