"""PSObject: the ordered, case-insensitive property bag every pipeline carries."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any


class PSObject:
    """Properties in their order, looked up in any letter case, as PowerShell's objects.

    `type_names` mirrors PowerShell's TypeNames (most specific first): the output layer
    chooses a default view from it, and Get-Member shows it.
    """

    __slots__ = ("_values", "_names", "_shared", "type_names")

    def __init__(
        self,
        properties: Mapping[str, Any] | Iterable[tuple[str, Any]] = (),
        type_names: tuple[str, ...] = (),
    ) -> None:
        self._values: dict[str, Any] = {}
        self._names: dict[str, str] = {}  # lowercase -> name as first written
        self._shared = False  # _names belongs to many objects: copied before a change
        items = properties.items() if isinstance(properties, Mapping) else properties
        for name, value in items:
            self[name] = value
        self.type_names = type_names or ("System.Management.Automation.PSCustomObject",)

    @classmethod
    def from_shape(
        cls, values: dict[str, Any], names: dict[str, str], type_names: tuple[str, ...]
    ) -> PSObject:
        """An object whose property names are known already: VALUES is taken as it is,
        NAMES (lowercase -> name) is shared with the other objects of the shape until one of
        them adds or removes a property. For many objects of one shape, fast and small."""
        obj = cls.__new__(cls)
        obj._values = values
        obj._names = names
        obj._shared = True
        obj.type_names = type_names
        return obj

    def __getitem__(self, name: str) -> Any:
        return self._values[self._names[name.lower()]]

    def __setitem__(self, name: str, value: Any) -> None:
        key = name.lower()
        real = self._names.get(key)
        if real is None:
            if self._shared:
                self._names, self._shared = dict(self._names), False
            real = self._names[key] = name
        self._values[real] = value

    def __delitem__(self, name: str) -> None:
        if self._shared:
            self._names, self._shared = dict(self._names), False
        real = self._names.pop(name.lower())
        del self._values[real]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._names

    def get(self, name: str, default: Any = None) -> Any:
        real = self._names.get(name.lower())
        return default if real is None else self._values[real]

    def values_of(self, names: list[str]) -> list[Any]:
        """The values of NAMES in order (None where missing): a row of a table or a CSV."""
        values = self._values
        return [values[n] if n in values else self.get(n) for n in names]

    @property
    def shape(self) -> dict[str, str] | None:
        """The name table this object shares with the others of its shape (None: its own).
        Objects with one shape have the same properties in the same order."""
        return self._names if self._shared else None

    def values(self) -> list[Any]:
        """The property values in order."""
        return list(self._values.values())

    def names(self) -> list[str]:
        return list(self._values)

    def items(self) -> Iterator[tuple[str, Any]]:
        return iter(self._values.items())

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PSObject):
            return NotImplemented
        return list(self._values.items()) == list(other._values.items())

    def __repr__(self) -> str:
        inner = "; ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"@{{{inner}}}"
