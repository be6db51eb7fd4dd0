"""The cmdlet schema as objects: Schema of Cmdlets, with their ParameterSets and Parameters.

All name lookups are case-insensitive. Treat the objects as read-only; a Schema builds a
cmdlet's objects the first time it is asked for it (see loader.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

from sccshell.schema.common import SHOULD_PROCESS_NAMES

ALL_SETS = "__AllParameterSets"
SWITCH_TYPES = frozenset({"switchparameter", "system.management.automation.switchparameter"})


class Parameter:
    """One parameter of a cmdlet, as documented (or synthesised for the common ones).

    Slotted rather than a frozen dataclass: a cmdlet is built on first lookup, and
    Set-Mailbox alone has 226 parameters. Treat instances as read-only.
    """

    __slots__ = (
        "name",
        "type",
        "aliases",
        "accepted_values",
        "pipeline_input",
        "pipeline_input_by",
        "accepts_wildcards",
        "products",
        "exchange_server_only",
        "type_by_set",
        "documented",
        "common",
        "remaining",
    )

    def __init__(
        self,
        name: str,
        type: str | None,
        aliases: tuple[str, ...] = (),
        accepted_values: tuple[str, ...] | None = None,
        pipeline_input: bool = False,
        pipeline_input_by: tuple[str, ...] = (),
        accepts_wildcards: bool = False,
        products: tuple[str, ...] | None = None,
        exchange_server_only: bool = False,
        type_by_set: tuple[tuple[str, str], ...] = (),
        documented: bool = True,
        common: bool = False,
        remaining: bool = False,
    ) -> None:
        self.name = name
        self.type = type  # as the docs write it; None when the docs have no section for it
        self.aliases = aliases
        self.accepted_values = accepted_values  # the ValidateSet, where the docs give one
        self.pipeline_input = pipeline_input
        self.pipeline_input_by = pipeline_input_by  # ByValue / ByPropertyName when known
        self.accepts_wildcards = accepts_wildcards
        self.products = products  # only when narrower than the cmdlet's
        self.exchange_server_only = exchange_server_only  # accepted; hidden from completion
        self.type_by_set = type_by_set
        self.documented = documented
        self.common = common  # a PowerShell common parameter (Verbose, ErrorAction, ...)
        self.remaining = remaining  # ValueFromRemainingArguments: takes the leftover positionals

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, {self.type!r})"

    @property
    def is_switch(self) -> bool:
        return self.type is not None and self.type.lower() in SWITCH_TYPES

    @property
    def online(self) -> bool:
        """False for parameters that only on-premises Exchange Server has."""
        return not self.exchange_server_only

    @property
    def declared(self) -> bool:
        """Declared by the cmdlet itself (PowerShell prefers these when an abbreviation is ambiguous)."""
        return not self.common and self.name.lower() not in SHOULD_PROCESS_NAMES

    @property
    def takes_pipeline_by_value(self) -> bool:
        return self.pipeline_input and (
            not self.pipeline_input_by or "ByValue" in self.pipeline_input_by
        )

    def type_in(self, set_name: str | None) -> str | None:
        """The parameter's type in SET_NAME (the docs give a few parameters a type per set)."""
        if set_name is not None:
            for name, type_ in self.type_by_set:
                if name.lower() == set_name.lower():
                    return type_
        return self.type

    def is_mandatory_in(self, parameter_set: ParameterSet) -> bool:
        return parameter_set.is_mandatory(self.name)


class SetMember(NamedTuple):
    """A parameter's membership of one parameter set, with the docs' consistency flags."""

    name: str
    required: bool  # as the set's SYNTAX says
    position: int | None  # as the yaml says; None = named
    docs_conflict: tuple[str, ...] = ()  # "required" / "position": yaml and SYNTAX disagree
    in_yaml: bool = True
    in_syntax: bool = True
    documented: bool = True

    @property
    def mandatory(self) -> bool:
        # The docs disagree with themselves about "required": never be stricter than either.
        return self.required and "required" not in self.docs_conflict

    @property
    def flagged(self) -> bool:
        """Known from only one of the docs' two sources, so the membership may be wrong."""
        return not (self.in_yaml and self.in_syntax and self.documented)


class ParameterSet:
    """One parameter set: its members, positional order and mandatory parameters."""

    __slots__ = ("name", "is_default", "members", "by_name", "positional", "mandatory")

    def __init__(self, name: str, is_default: bool, members: tuple[SetMember, ...]) -> None:
        self.name = name
        self.is_default = is_default
        self.members = members
        self.by_name: dict[str, SetMember] = {}  # lowercase name -> membership
        for member in members:
            self.by_name.setdefault(member.name.lower(), member)
        # sorted() is stable: duplicate positions in the docs keep their documented order.
        ordered = sorted((m for m in members if m.position is not None), key=_position)
        # The SYNTAX block shows these as positional where the yaml says Named.
        ordered += [m for m in members if m.position is None and "position" in m.docs_conflict]
        self.positional = tuple(m.name for m in ordered)  # in binding order
        self.mandatory = tuple(m.name for m in members if m.mandatory)

    def __repr__(self) -> str:
        return f"ParameterSet({self.name!r}, default={self.is_default})"

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self.by_name

    def member(self, name: str) -> SetMember | None:
        return self.by_name.get(name.lower())

    def is_mandatory(self, name: str) -> bool:
        member = self.by_name.get(name.lower())
        return member is not None and member.mandatory


def _position(member: SetMember) -> int:
    return member.position if member.position is not None else 0


class Cmdlet:
    """A cmdlet: parameters by lowercase name (common ones included), sets, aliases."""

    __slots__ = (
        "name",
        "module",
        "products",
        "parameters",
        "parameter_sets",
        "default_parameter_set",
        "common_parameters",
        "help_file",
        "exchange_server",
        "aliases",
        "membership",
        "loose",
        "confirm_impact",
    )

    def __init__(
        self,
        name: str,
        module: str,
        products: tuple[str, ...],
        parameters: Mapping[str, Parameter],
        parameter_sets: tuple[ParameterSet, ...],
        default_parameter_set: str | None,
        common_parameters: bool = True,
        help_file: str | None = None,
        exchange_server: tuple[str, ...] = (),
        aliases: Mapping[str, str] | None = None,
        membership: Mapping[str, frozenset[str]] | None = None,
        loose: frozenset[str] = frozenset(),
        confirm_impact: str | None = None,
    ) -> None:
        self.name = name
        self.module = module  # "exchange", "compliance", "local" or "connection"
        self.products = products
        self.parameters = parameters
        self.parameter_sets = parameter_sets
        self.default_parameter_set = default_parameter_set  # as the docs say; may be None
        self.common_parameters = common_parameters
        self.help_file = help_file
        self.exchange_server = exchange_server
        self.aliases = aliases or {}  # lowercase alias -> lowercase parameter name
        # lowercase parameter name -> names of its sets; absent = in every set
        self.membership = membership or {}
        # lowercase names of parameters whose set memberships the docs disagree about
        self.loose = loose
        # "High", "Medium", "Low" from the service's module (protocol §2.6); None: unknown
        self.confirm_impact = confirm_impact

    def __repr__(self) -> str:
        return f"Cmdlet({self.name!r}, module={self.module!r})"

    @property
    def verb(self) -> str:
        return self.name.partition("-")[0]

    @property
    def noun(self) -> str:
        return self.name.partition("-")[2]

    def parameter(self, name: str) -> Parameter | None:
        """The parameter called NAME or aliased NAME, without abbreviation."""
        key = name.lower()
        found = self.parameters.get(key)
        if found is None and key in self.aliases:
            found = self.parameters[self.aliases[key]]
        return found

    def match_parameter(self, name: str) -> list[Parameter]:
        """The parameters NAME may stand for, as PowerShell resolves names.

        An exact name or alias wins; otherwise every parameter that NAME abbreviates
        (by name or alias). When an abbreviation matches several parameters and just
        one of them is declared by the cmdlet, that one wins over common parameters.
        """
        exact = self.parameter(name)
        if exact is not None:
            return [exact]
        key = name.lower()
        matches = [p for k, p in self.parameters.items() if k.startswith(key)]
        for alias, target in self.aliases.items():
            if alias.startswith(key):
                parameter = self.parameters[target]
                if parameter not in matches:
                    matches.append(parameter)
        if len(matches) > 1:
            declared = [p for p in matches if p.declared]
            if len(declared) == 1:
                return declared
        return matches

    def is_switch(self, name: str) -> bool:
        parameter = self.parameter(name)
        return parameter is not None and parameter.is_switch

    def parameter_set(self, name: str) -> ParameterSet | None:
        key = name.lower()
        for parameter_set in self.parameter_sets:
            if parameter_set.name.lower() == key:
                return parameter_set
        return None

    @property
    def default_set(self) -> ParameterSet | None:
        """The default set as the docs mark it, or the only set."""
        for parameter_set in self.parameter_sets:
            if parameter_set.is_default:
                return parameter_set
        return self.parameter_sets[0] if len(self.parameter_sets) == 1 else None

    @property
    def set_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.parameter_sets)

    def sets_of(self, name: str) -> tuple[str, ...]:
        """Names of the parameter sets NAME belongs to (all of them for common parameters)."""
        parameter = self.parameter(name)
        if parameter is None:
            return ()
        sets = self.membership.get(parameter.name.lower())
        if sets is None:
            return self.set_names
        return tuple(s.name for s in self.parameter_sets if s.name in sets)

    def is_mandatory_in(self, name: str, set_name: str) -> bool:
        parameter_set = self.parameter_set(set_name)
        parameter = self.parameter(name)
        if parameter_set is None or parameter is None:
            return False
        return parameter_set.is_mandatory(parameter.name)

    def positional_map(self, set_name: str) -> dict[int, str]:
        """Which parameter the n-th positional argument (0-based) binds to in SET_NAME."""
        parameter_set = self.parameter_set(set_name)
        if parameter_set is None:
            return {}
        return dict(enumerate(parameter_set.positional))

    def visible_parameters(self) -> list[Parameter]:
        """The parameters Exchange Online / Security & Compliance have (for completion)."""
        return [p for p in self.parameters.values() if p.online]


class IndexEntry(NamedTuple):
    """What a Schema knows about a cmdlet before building it."""

    name: str
    module: str
    # The cmdlet's dict, an encoded form that `decode` turns into one, or a function that
    # returns one.
    payload: object


class Schema:
    """All cmdlets sccshell knows: Exchange Online and Security & Compliance, plus its own."""

    __slots__ = ("_entries", "_built", "_names", "_decode", "source", "origin")

    def __init__(
        self,
        entries: Mapping[str, IndexEntry],
        *,
        decode: Callable[[object], dict] | None = None,
        source: Mapping[str, object] | None = None,
        origin: str = "memory",
    ) -> None:
        self._entries = dict(entries)  # lowercase name -> entry
        self._built: dict[str, Cmdlet] = {}
        self._names: tuple[str, ...] | None = None
        self._decode = decode
        self.source = dict(source or {})  # the JSON's "source" block (docs commit)
        self.origin = origin  # how it was loaded: "cache", "bundle", "memory"

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __getitem__(self, name: str) -> Cmdlet:
        cmdlet = self.get(name)
        if cmdlet is None:
            raise KeyError(name)
        return cmdlet

    def get(self, name: str) -> Cmdlet | None:
        """The cmdlet called NAME, in any letter case."""
        key = name.lower()
        cmdlet = self._built.get(key)
        if cmdlet is None:
            entry = self._entries.get(key)
            if entry is None:
                return None
            # Imported here: build imports model, and most callers only need names.
            from sccshell.schema.build import build_cmdlet

            payload = entry.payload
            if isinstance(payload, dict):
                data = payload
            elif callable(payload):
                data = payload()  # a cmdlet put together only when first looked up
            else:
                data = self._decode(payload) if self._decode else payload
            cmdlet = build_cmdlet(data, module=entry.module)  # type: ignore[arg-type]
            self._built[key] = cmdlet
        return cmdlet

    def entries(self) -> dict[str, IndexEntry]:
        """The index, by lowercase name: entries stay unbuilt until looked up."""
        return dict(self._entries)

    def derive(self, entries: Mapping[str, IndexEntry], *, origin: str = "memory") -> Schema:
        """A schema of ENTRIES that decodes payloads as this one does (for per-connection
        schemas built from this one and a service's own metadata)."""
        return Schema(entries, decode=self._decode, source=self.source, origin=origin)

    def names(self) -> tuple[str, ...]:
        """Every cmdlet name, sorted case-insensitively."""
        if self._names is None:
            self._names = tuple(sorted((e.name for e in self._entries.values()), key=str.lower))
        return self._names

    def module_of(self, name: str) -> str | None:
        entry = self._entries.get(name.lower())
        return entry.module if entry is not None else None

    def names_in(self, *modules: str) -> list[str]:
        """Cmdlet names of the given modules ("exchange", "compliance", "local", "connection")."""
        return [n for n in self.names() if self._entries[n.lower()].module in modules]

    def cmdlets(self) -> Iterator[Cmdlet]:
        """Every cmdlet, built (slow the first time: use for tests and tools)."""
        for name in self.names():
            cmdlet = self.get(name)
            if cmdlet is not None:
                yield cmdlet

    def suggest_cmdlet(self, name: str, limit: int = 5) -> list[str]:
        """Closest cmdlet names to NAME, best first: for 'did you mean' messages."""
        from sccshell.schema.suggest import suggest

        return suggest(name, self.names(), limit=limit)
