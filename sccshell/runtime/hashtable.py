"""Hashtable: PowerShell's @{} — a dict whose string keys match in any letter case."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["Hashtable"]


def _fold(key: Any) -> Any:
    if isinstance(key, str):
        return key.lower()
    try:
        hash(key)
    except TypeError:
        raise ValueError(
            f"A value of type [{type(key).__name__}] cannot be a hashtable key in sccshell; "
            "use a string or a number."
        ) from None
    return key


class Hashtable(dict):
    """A dict (so JSON and other helpers accept it) with case-insensitive string keys.

    Insertion order is kept; `ordered` only changes the type name ([ordered]@{}).
    """

    def __init__(self, items: Mapping | Iterable[tuple[Any, Any]] = (), ordered: bool = False):
        super().__init__()
        self._real: dict[Any, Any] = {}
        self.ordered = ordered
        pairs = items.items() if isinstance(items, Mapping) else items
        for k, v in pairs:
            self[k] = v

    @property
    def type_name(self) -> str:
        if self.ordered:
            return "System.Collections.Specialized.OrderedDictionary"
        return "System.Collections.Hashtable"

    def real_key(self, key: Any) -> Any:
        return self._real.get(_fold(key), key)

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._real[_fold(key)])

    def __setitem__(self, key: Any, value: Any) -> None:
        real = self._real.setdefault(_fold(key), key)
        super().__setitem__(real, value)

    def __delitem__(self, key: Any) -> None:
        real = self._real.pop(_fold(key))
        super().__delitem__(real)

    def __contains__(self, key: object) -> bool:
        try:
            return _fold(key) in self._real
        except ValueError:
            return False  # a value that cannot be a key is in no hashtable

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default

    def pop(self, key: Any, *default: Any) -> Any:
        if key in self:
            value = self[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *others: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for other in (*others, kwargs):
            pairs = other.items() if isinstance(other, Mapping) else other
            for k, v in pairs:
                self[k] = v

    def clear(self) -> None:
        super().clear()
        self._real.clear()

    def copy(self) -> Hashtable:
        return Hashtable(self.items(), ordered=self.ordered)

    def __repr__(self) -> str:
        inner = "; ".join(f"{k}={v!r}" for k, v in self.items())
        return f"@{{{inner}}}"
