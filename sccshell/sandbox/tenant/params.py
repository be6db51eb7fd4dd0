"""A cmdlet's parameters as the client sent them (protocol §2.5), checked against the schema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.values import parse_date, parse_size, parse_timespan

# PowerShell's common parameters: accepted everywhere, meaningless to the tenant.
COMMON = frozenset(
    {
        "verbose",
        "debug",
        "erroraction",
        "warningaction",
        "informationaction",
        "progressaction",
        "errorvariable",
        "warningvariable",
        "informationvariable",
        "outvariable",
        "outbuffer",
        "pipelinevariable",
    }
)
# The confirmation pair is the REST layer's business (§2.6), so every cmdlet tolerates it.
SHOULD_PROCESS = frozenset({"confirm", "whatif"})
HASHTABLE_TYPES = ("#Exchange.GenericHashTable", "#Exchange.StringFieldDeltaUpdateData")


@dataclass
class Delta:
    """A multi-valued update: @{Add=...; Remove=...} (or a plain replacement list)."""

    add: list[Any] = field(default_factory=list)
    remove: list[Any] = field(default_factory=list)
    replace: list[Any] | None = None

    def apply(self, current: list[Any], *, key: Any = None) -> list[Any]:
        """CURRENT updated; KEY normalizes values for comparison (case-insensitive by default)."""
        norm = key or (lambda v: str(v).lower())
        values = list(self.replace) if self.replace is not None else list(current)
        seen = {norm(v) for v in values}
        for value in self.add:
            if norm(value) not in seen:
                values.append(value)
                seen.add(norm(value))
        drop = {norm(v) for v in self.remove}
        return [v for v in values if norm(v) not in drop]


class Params:
    """Case-insensitive parameter values under their schema names."""

    def __init__(self, cmdlet: str, values: dict[str, Any], names: dict[str, str]) -> None:
        self.cmdlet = cmdlet
        self._values = values  # lowercase canonical name -> value
        self._names = names  # lowercase canonical name -> schema spelling

    @classmethod
    def parse(cls, cmdlet: str, raw: Mapping[str, Any] | None, schema_cmdlet: Any) -> Params:
        """Check RAW's names against SCHEMA_CMDLET (None: accept any) and normalize them."""
        values: dict[str, Any] = {}
        names: dict[str, str] = {}
        for key, value in (raw or {}).items():
            if "@" in key:  # "<Param>@odata.type" siblings describe the value, nothing more
                continue
            lowered = key.lower()
            if lowered in COMMON:
                continue
            name = key
            if lowered not in SHOULD_PROCESS and schema_cmdlet is not None:
                parameter = schema_cmdlet.parameter(key)
                if parameter is None:
                    raise errors.unknown_parameter(key)
                name = parameter.name
                _check_set(parameter, value)
            values[name.lower()] = value
            names[name.lower()] = name
        return cls(cmdlet, values, names)

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._values

    def names(self) -> list[str]:
        """The schema spellings of the parameters given."""
        return list(self._names.values())

    def raw(self, name: str, default: Any = None) -> Any:
        return self._values.get(name.lower(), default)

    def require(self, *names: str) -> None:
        missing = [n for n in names if self.raw(n) is None]
        if missing:
            raise errors.missing_parameters(*missing)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.raw(name)
        if value is None:
            return default
        if isinstance(value, list):
            return ",".join(str(v) for v in value)
        if isinstance(value, bool):
            return "True" if value else "False"
        return str(value)

    def flag(self, name: str) -> bool:
        """A switch or Boolean: true/false, or their string forms."""
        value = self.raw(name)
        if value is None:
            return False
        return _boolean(self._names.get(name.lower(), name), value)

    def boolean(self, name: str) -> bool | None:
        value = self.raw(name)
        return None if value is None else _boolean(self._names.get(name.lower(), name), value)

    def integer(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            raise errors.bad_value(self._names[name.lower()], value, "System.Int32") from None

    def strings(self, name: str) -> list[str] | None:
        """A multi-valued parameter as a list (a single value or comma list becomes a list)."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, dict):
            delta = self.delta(name)
            return [str(v) for v in (delta.replace or delta.add)] if delta else []
        if isinstance(value, list):
            return [str(v) for v in value if v is not None]
        return [part.strip() for part in str(value).split(",") if part.strip()]

    def delta(self, name: str) -> Delta | None:
        """A multi-valued update: a GenericHashTable of Add/Remove, or a replacement list."""
        value = self.raw(name)
        if value is None:
            return None
        if isinstance(value, dict):
            delta = Delta()
            for key, item in value.items():
                lowered = key.lower()
                items = item if isinstance(item, list) else [item]
                items = [v for v in items if v is not None]
                if lowered == "add":
                    delta.add.extend(items)
                elif lowered == "remove":
                    delta.remove.extend(items)
            return delta
        if isinstance(value, list):
            return Delta(replace=[v for v in value if v is not None])
        return Delta(replace=[value] if value != "" else [])

    def date(self, name: str) -> float | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            raise errors.bad_value(self._names[name.lower()], value, "System.DateTime") from None

    def size(self, name: str) -> int | None:
        """Bytes; None for Unlimited. Only call when the parameter is present."""
        value = self.raw(name)
        try:
            return parse_size(value)
        except ValueError:
            raise errors.bad_value(
                self._names[name.lower()],
                value,
                "Microsoft.Exchange.Data.Unlimited`1[Microsoft.Exchange.Data.ByteQuantifiedSize]",
                f"The value '{value}' isn't a valid size.",
            ) from None

    def timespan(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return parse_timespan(value)
        except ValueError:
            raise errors.bad_value(
                self._names[name.lower()], value, "Microsoft.Exchange.Data.EnhancedTimeSpan"
            ) from None


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    lowered = str(value).strip().lower()
    if lowered in ("true", "$true", "1"):
        return True
    if lowered in ("false", "$false", "0", ""):
        return False
    raise errors.bad_value(name, value, "System.Boolean")


def _check_set(parameter: Any, value: Any) -> None:
    accepted = parameter.accepted_values
    if not accepted or value is None or isinstance(value, (dict, bool)):
        return
    allowed = {a.lower() for a in accepted}
    for item in value if isinstance(value, list) else [value]:
        for part in str(item).split(","):
            if part.strip().lower() not in allowed:
                raise errors.not_in_set(parameter.name, item, accepted)
