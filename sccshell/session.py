"""A shell session: the schema, the live connections, and the evaluator wired together.

Command names resolve in this order: the script's own functions (the evaluator), the
connection cmdlets (Connect-ExchangeOnline...), sccshell's local cmdlets, then the
remote cmdlets of the live connections (prefixed or not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from sccshell.connection.registry import ConnectionRegistry
from sccshell.environment import Environment
from sccshell.host import ShellHost
from sccshell.runtime.api import CmdletContext
from sccshell.runtime.cmdlets import LOCAL_CMDLETS
from sccshell.runtime.evaluator import Evaluator, ScriptError
from sccshell.runtime.objects import PSObject
from sccshell.schema.aliases import resolve_alias
from sccshell.schema.model import Cmdlet, Schema
from sccshell.transcript import TranscriptError, Transcripts

if TYPE_CHECKING:
    import httpx


READ_ONLY_VERBS = {"get", "search", "test"}


class LocalTarget:
    """A local cmdlet run through its CmdletContext."""

    def __init__(
        self, cmdlet: Cmdlet, function: Callable[[CmdletContext], Iterator[Any]], host: ShellHost
    ):
        self.cmdlet = cmdlet
        self.function = function
        self.host = host

    def run(
        self, bound: dict[str, Any], input: Iterator[Any], expecting_input: bool, evaluator: Any
    ) -> Iterator[Any]:
        streams = evaluator.streams if evaluator is not None else None
        context = CmdletContext(
            name=self.cmdlet.name,
            bound=bound,
            input=input,
            host=self.host,
            expecting_input=expecting_input,
            variables=evaluator.global_scope.vars if evaluator is not None else {},
            write_error=streams.error if streams else self.host.write_error,
            write_warning=streams.warning if streams else self.host.write_warning,
        )
        # A generator, so the cmdlet starts when its output is first asked for: then
        # the evaluator knows which command is running (-ErrorAction, 2>&1, line:col).
        yield from self.function(context)


class BuiltinTarget:
    """A connection cmdlet implemented by the session itself."""

    def __init__(self, cmdlet: Cmdlet, function: Callable[[dict[str, Any]], Iterator[Any]]):
        self.cmdlet = cmdlet
        self.function = function

    def run(
        self, bound: dict[str, Any], input: Iterator[Any], expecting_input: bool, evaluator: Any
    ) -> Iterator[Any]:
        return self.function(bound)


class Session:
    def __init__(
        self, env: Environment, schema: Schema, *, http: httpx.Client | None = None
    ) -> None:
        self.env = env
        self.schema = schema
        self.host = ShellHost(env)
        self.registry = ConnectionRegistry()
        self.http = http
        self.audit_log: Any = None  # --log-file
        self.read_only = False  # a read-only profile runs only Get/Search/Test cmdlets
        self.default_environment: Any = (
            None  # where Connect-* goes without -ExchangeEnvironmentName
        )
        self.evaluator = Evaluator(
            resolver=self.resolve,
            environ=env.environ,
            host=self.host,
            write_error=self.host.write_error,
        )
        self._builtins = {
            "get-connectioninformation": self._connection_information,
            "get-command": self._get_command,
            "get-help": self._get_help,
            "disconnect-exchangeonline": self._disconnect,
            "connect-exchangeonline": lambda bound: self._connect("exchange", bound),
            "connect-ippssession": lambda bound: self._connect("compliance", bound),
            "start-transcript": self._start_transcript,
            "stop-transcript": self._stop_transcript,
        }
        self.transcripts = Transcripts(env)

    # --- resolution -------------------------------------------------------------------

    def resolve(self, name: str) -> Any:
        canonical = resolve_alias(name)
        builtin = self._builtins.get(canonical.lower())
        if builtin is not None:
            cmdlet = self.schema.get(canonical)
            return BuiltinTarget(cmdlet, builtin) if cmdlet is not None else None
        cmdlet = self.schema.get(canonical)
        if cmdlet is not None and cmdlet.module == "local":
            function = LOCAL_CMDLETS.get(cmdlet.name)
            if function is not None:
                return LocalTarget(cmdlet, function, self.host)
        route = self.registry.route(name)
        if route is not None:
            if self.read_only and route.cmdlet.verb.lower() not in READ_ONLY_VERBS:
                raise ScriptError(
                    f"{route.cmdlet.name} changes the tenant and this profile is read-only "
                    "(read_only: true); nothing was sent"
                )
            if route.warning:
                self.host.write_warning(route.warning)
            from sccshell.runtime.remote import RemoteTarget

            audit = None
            if self.audit_log is not None:
                log, connection = self.audit_log, route.connection

                def audit(
                    cmdlet: str, bound: dict, count: int, error: str | None, seconds: float
                ) -> None:
                    log.write(
                        connection=connection,
                        cmdlet=cmdlet,
                        parameters=bound,
                        results=count,
                        error=error,
                        seconds=seconds,
                    )

            return RemoteTarget(
                route.cmdlet,
                route.connection.client,
                audit=audit,
                confirm=self._confirm,
                on_warning=self.host.write_warning,
                on_error=self.host.write_error,
            )
        if cmdlet is not None and cmdlet.module in ("exchange", "compliance"):
            service = (
                "an Exchange Online" if cmdlet.module == "exchange" else "a Security & Compliance"
            )
            connect = (
                "Connect-ExchangeOnline" if cmdlet.module == "exchange" else "Connect-IPPSSession"
            )
            raise ScriptError(
                f"{cmdlet.name} is {service} cmdlet and no connection can run it: "
                f"connect first with {connect} (or start sccshell with --sandbox or --profile)"
            )
        if "-" in name:
            suggestions = self.schema.suggest_cmdlet(name, limit=1)
            hint = f"; did you mean {suggestions[0]}?" if suggestions else ""
            raise ScriptError(f"The term '{name}' is not recognized as a name of a cmdlet{hint}")
        return None

    def output_cmdlet(self, name: str) -> str | None:
        """The canonical name of the cmdlet NAME runs, for choosing a default view."""
        route = self.registry.route(name)
        if route is not None:
            return route.cmdlet.name
        cmdlet = self.schema.get(resolve_alias(name))
        return cmdlet.name if cmdlet is not None else None

    def _confirm(self, message: str) -> bool:
        if getattr(self.env, "assume_yes", False):
            return True
        if not self.env.stdin_isatty:
            raise ScriptError(
                f"Confirm: {message} — this needs a confirmation and there is no terminal to ask; "
                "run with --yes to answer yes, or pass -Confirm:$false"
            )
        answer = self.host.read_line(f'Confirm\n{message}\n[Y] Yes  [N] No (default is "N")')
        return answer.strip().lower() in ("y", "yes")

    # --- connection cmdlets -----------------------------------------------------------------

    def _connection_information(self, bound: dict[str, Any]) -> Iterator[Any]:
        for info in self.registry.information():
            yield PSObject(
                info,
                type_names=(
                    "Microsoft.Exchange.Management.ExoPowershellSnapin.ConnectionInformation",
                ),
            )

    def _get_command(self, bound: dict[str, Any]) -> Iterator[Any]:
        from sccshell.commands_info import commands

        return commands(bound, self.schema, self.registry)

    def _get_help(self, bound: dict[str, Any]) -> Iterator[Any]:
        from sccshell.commands_info import help_text

        name = str(bound.get("Name") or "Get-Help")
        route = self.registry.route(name)
        cmdlet = route.cmdlet if route is not None else self.schema.get(resolve_alias(name))
        if cmdlet is None:
            suggestions = self.schema.suggest_cmdlet(name, limit=1)
            hint = f"; did you mean {suggestions[0]}?" if suggestions else ""
            raise ScriptError(f"Get-Help could not find {name}{hint}")
        parameter = bound.get("Parameter")
        return iter(
            [
                "\n".join(
                    help_text(
                        cmdlet,
                        str(parameter[0] if isinstance(parameter, list) else parameter)
                        if parameter
                        else None,
                    )
                )
            ]
        )

    def _disconnect(self, bound: dict[str, Any]) -> Iterator[Any]:
        ids = bound.get("ConnectionId")
        prefixes = bound.get("ModulePrefix")
        self.registry.remove(_names(ids), _names(prefixes))
        return iter(())

    def _connect(self, service: str, bound: dict[str, Any]) -> Iterator[Any]:
        from sccshell.modes.connecting import connect

        connect(self, service, bound)
        return iter(())

    def _start_transcript(self, bound: dict[str, Any]) -> Iterator[Any]:
        path = bound.get("Path") or bound.get("LiteralPath")
        folder = bound.get("OutputDirectory")
        if folder is not None:
            path = str(self.transcripts.default_path().name)
            path = f"{folder}/{path}"
        try:
            started = self.transcripts.start(
                None if path is None else str(path),
                append=bool(bound.get("Append")),
                no_clobber=bool(bound.get("NoClobber")),
            )
        except TranscriptError as err:
            raise ScriptError(str(err)) from None
        yield f"Transcript started, output file is {started}"

    def _stop_transcript(self, bound: dict[str, Any]) -> Iterator[Any]:
        try:
            stopped = self.transcripts.stop()
        except TranscriptError as err:
            raise ScriptError(str(err)) from None
        yield f"Transcript stopped, output file is {stopped}"

    def close(self) -> None:
        """Disconnect everything: the service limits the connections a user may hold open."""
        if self.transcripts.current is not None:
            self.transcripts.stop()
        self.registry.remove()
        if self.audit_log is not None:
            self.audit_log.close()
        if self.http is not None:
            self.http.close()


def _names(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [str(x) for x in (value if isinstance(value, list | tuple) else [value])]
