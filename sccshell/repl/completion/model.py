"""What completion knows, as an immutable snapshot a background refresher can replace.

`CompletionModel` holds the schema, the live connections (for prefixed names, routing
and live objects) and precomputed name indexes; the things that change while typing
(variables, functions) are read through providers at completion time. `RecentProperties`
and `Usage` are shared, thread-safe, bounded stores the REPL feeds.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sccshell.connection.registry import find_cmdlet
from sccshell.repl.completion.live import LiveObjects
from sccshell.repl.completion.rank import Entry, NameIndex
from sccshell.repl.completion.scan import Kind, scan
from sccshell.schema.aliases import ALIASES, resolve_alias
from sccshell.schema.model import Cmdlet, Schema

_MODULE_META = {
    "exchange": "Exchange Online",
    "compliance": "Security & Compliance",
    "local": "sccshell",
    "connection": "connection",
}


def property_names(obj: Any) -> list[str]:
    """The property names of OBJ as the shell shows them (PSObjects and mappings)."""
    names = getattr(obj, "names", None)
    if callable(names) and not isinstance(obj, Mapping):
        try:
            return [str(n) for n in names()]
        except TypeError:
            return []
    if isinstance(obj, Mapping):
        return [str(k) for k in obj]
    return []


class RecentProperties:
    """The property names of what each cmdlet last returned, for `| Select-Object <Tab>`.

    Only the first few objects are looked at and only so many cmdlets are remembered, so
    memory stays bounded however much a command returns.
    """

    def __init__(self, cmdlets: int = 64, objects: int = 5, names: int = 400) -> None:
        self.max_cmdlets = cmdlets
        self.max_objects = objects
        self.max_names = names
        self._lock = threading.Lock()
        self._names: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def record(self, cmdlet_name: str, objects: Iterable[Any]) -> None:
        """Remember the properties of the first of OBJECTS (a sequence; no more is read)."""
        if not cmdlet_name:
            return
        found: dict[str, str] = {}
        for obj in islice(objects, self.max_objects):
            for name in property_names(obj):
                found.setdefault(name.lower(), name)
                if len(found) >= self.max_names:
                    break
        if not found:
            return
        key = cmdlet_name.lower()
        with self._lock:
            self._names[key] = tuple(found.values())
            self._names.move_to_end(key)
            while len(self._names) > self.max_cmdlets:
                self._names.popitem(last=False)

    def names(self, cmdlet_name: str) -> tuple[str, ...]:
        """The properties CMDLET_NAME's objects had last time (empty when not known)."""
        with self._lock:
            return self._names.get(cmdlet_name.lower(), ())

    def __len__(self) -> int:
        return len(self._names)


class Usage:
    """How often each command and parameter was run: the last ranking criterion."""

    def __init__(self, limit: int = 5000) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def count(self, key: str) -> int:
        return self._counts.get(key.lower(), 0)

    def __len__(self) -> int:
        return len(self._counts)

    def record(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                if key in self._counts or len(self._counts) < self.limit:
                    self._counts[key.lower()] += 1

    def record_line(self, text: str) -> None:
        """Count the commands of TEXT (a line the user ran) and their parameters."""
        keys: list[str] = []
        command = ""
        at_start = True
        for tok in scan(text):
            if tok.kind in (Kind.NEWLINE, Kind.SEMI, Kind.PIPE, Kind.LBRACE, Kind.LPAREN):
                at_start, command = True, ""
            elif tok.kind is Kind.WORD and at_start:
                command, at_start = tok.text, False
                keys.append(command)
            elif tok.kind is Kind.DASHWORD and command:
                keys.append(parameter_key(command, tok.text[1:].partition(":")[0]))
            elif tok.kind not in (Kind.AMP, Kind.DOT, Kind.COMMENT):
                at_start = False
        self.record(*keys)


def parameter_key(command: str, parameter: str) -> str:
    return f"{command.lower()} -{parameter.lower()}"


@dataclass(frozen=True)
class Resolved:
    """A typed command name resolved: the cmdlet, and the connection it would run on."""

    cmdlet: Cmdlet | None
    connection: Any = None


def _nothing() -> Mapping[str, Any]:
    return {}


def _no_names() -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class CompletionModel:
    """One consistent view of everything completion draws on."""

    schema: Schema
    connections: tuple[Any, ...] = ()
    commands: NameIndex = field(default_factory=lambda: NameIndex(()))
    variables: Callable[[], Mapping[str, Any]] = _nothing
    functions: Callable[[], Iterable[str]] = _no_names
    environ: Callable[[], Mapping[str, str]] = _nothing
    profiles: tuple[str, ...] = ()
    recent: RecentProperties = field(default_factory=RecentProperties)
    usage: Usage = field(default_factory=Usage)
    live: LiveObjects | None = None
    fuzzy: bool = True  # false: only names that start with what was typed
    # Parameter indexes already built, by (cmdlet, parameters given): filled on use.
    parameter_cache: dict = field(default_factory=dict, compare=False, repr=False)

    def resolve(self, name: str) -> Resolved:
        """The cmdlet NAME stands for (alias, prefixed or plain) and its connection."""
        canonical = resolve_alias(name)
        cmdlet = self.schema.get(canonical)
        if cmdlet is not None and cmdlet.module in ("local", "connection"):
            return Resolved(cmdlet)
        route = find_cmdlet(self.connections, name)
        if route is not None:
            return Resolved(route.cmdlet, route.connection)
        return Resolved(cmdlet)

    def connection_with(self, cmdlet_name: str, prefer: Any = None) -> Any:
        """A connection that can run CMDLET_NAME (PREFER first), or None."""
        ordered = ([prefer] if prefer is not None else []) + list(reversed(self.connections))
        for connection in ordered:
            if connection.cmdlet(cmdlet_name) is not None:
                return connection
        return None


def command_entries(schema: Schema, connections: Iterable[Any]) -> list[Entry]:
    """Every command name: the schema's cmdlets, prefixed names and aliases."""
    entries = [
        Entry(name, meta=_MODULE_META.get(schema.module_of(name) or "", ""), kind="cmdlet")
        for name in schema.names()
    ]
    for connection in connections:
        if not connection.prefix:
            continue
        meta = f"{_MODULE_META.get(connection.service, connection.service)} ({connection.prefix})"
        for name in connection.schema.names_in(connection.service):
            verb, _, noun = name.partition("-")
            entries.append(Entry(f"{verb}-{connection.prefix}{noun}", meta=meta, kind="cmdlet"))
    for alias, target in ALIASES.items():
        if target in schema and alias.isalnum():
            entries.append(Entry(alias, meta=f"alias of {target}", kind="alias", group=1))
    return entries


def build_model(
    schema: Schema,
    connections: Iterable[Any] = (),
    **providers: Any,
) -> CompletionModel:
    """A model of SCHEMA and CONNECTIONS; PROVIDERS fill the other fields."""
    connections = tuple(connections)
    index = NameIndex(command_entries(schema, connections))
    return CompletionModel(schema=schema, connections=connections, commands=index, **providers)
