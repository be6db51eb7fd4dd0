"""Object shapes: the ordered, typed property list of each kind of output object.

A shape turns a record into the service's JSON object (values formatted, type
annotations beside them as in protocol §3.1), reads one property's raw value for
-Filter, and lists properties for Set-* cmdlets. Formatting happens only when an
object is asked for (see LazyObjects), so a page of a big result costs one page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, overload

from sccshell.sandbox.tenant.opath import Field
from sccshell.sandbox.tenant.values import (
    format_date,
    format_date_utc,
    format_size,
    format_timespan,
)

# kind -> (@data.type, @odata.type); collections and GUIDs are annotated as the service does.
ANNOTATIONS: dict[str, tuple[str | None, str | None]] = {
    "guid": ("System.Guid", "#Guid"),
    "date": ("System.DateTime", None),
    "dateutc": ("System.DateTime", None),
    "int16": ("System.Int16", "#Int16"),
    "int32": ("System.Int32", None),
    "int64": ("System.Int64", "#Int64"),
    "double": ("System.Double", "#Double"),
    "coll": (None, "#Collection(String)"),
}
# kind -> the kind OPATH compares in
FILTER_KIND = {
    "str": "str",
    "raw": "str",
    "bool": "bool",
    "guid": "guid",
    "date": "date",
    "dateutc": "date",
    "int16": "int",
    "int32": "int",
    "int64": "int",
    "double": "int",
    "coll": "coll",
    "size": "size",
    "unlimited": "unlimited",
    "timespan": "timespan",
    "span_unlimited": "timespan",
}

Default = Callable[[Any, Any], Any]  # (record, tenant) -> raw value
PLAIN = frozenset({"str", "raw", "bool"})  # written as they are, without annotations
_EMPTY: dict[str, Any] = {}


class Prop:
    __slots__ = ("name", "kind", "default", "call")

    def __init__(self, name: str, kind: str = "str", default: Any = None) -> None:
        self.name = name
        self.kind = kind
        self.default = default
        self.call = callable(default)

    def raw(self, record: Any, tenant: Any) -> Any:
        props = record.props
        if props and self.name in props:
            return props[self.name]
        return self.default(record, tenant) if self.call else self.default


def fmt(kind: str, value: Any) -> Any:
    """VALUE of KIND as the service writes it in JSON."""
    if kind == "coll":
        return [] if value is None else [str(v) if not isinstance(v, str) else v for v in value]
    if value is None:
        if kind == "size":
            return "Unlimited"
        if kind in ("unlimited", "span_unlimited"):
            return "Unlimited"
        return None
    if kind in ("date",):
        return format_date(value)
    if kind == "dateutc":
        return format_date_utc(value)
    if kind == "size":
        return format_size(value)
    if kind == "unlimited":
        return str(value)
    if kind in ("timespan", "span_unlimited"):
        return format_timespan(value)
    return value


def _format(kind: str, plain: bool, value: Any) -> Any:
    if plain:
        return value
    if kind == "coll":
        return [] if value is None else list(value)
    return fmt(kind, value)


class Shape:
    """An ordered list of Props; renders records and resolves filter properties."""

    def __init__(
        self, props: Iterable[Prop], *, extra_filters: Iterable[Prop] = (), cached: bool = False
    ) -> None:
        self.props = list(props)
        # Its objects depend on the tenant's state alone (no clock): encoded ones may be kept.
        self.cached = cached
        self.by_lower = {p.name.lower(): p for p in self.props}
        # What render needs per property, worked out once: a page of 1,000 objects of
        # 100+ properties each is formatted per request.
        self._plan = []
        for p in self.props:
            data_type, odata_type = ANNOTATIONS.get(p.kind, (None, None))
            annotations = {}
            if data_type:
                annotations[p.name + "@data.type"] = data_type
            if odata_type:
                annotations[p.name + "@odata.type"] = odata_type
            plain = p.kind in PLAIN
            self._plan.append((p.name, p.kind, p.default, p.call, plain, annotations))
        # Filterable properties that the object does not display.
        self.hidden = {p.name.lower(): p for p in extra_filters}
        # Constant properties are written once into a template that each render copies
        # (a C-level copy keeps the order); only computed and overridden ones are redone.
        self._template: dict[str, Any] = {}
        self._computed = []
        self._entries = {}
        for entry in self._plan:
            name, kind, default, call, plain, notes = entry
            self._entries[name] = entry
            if call:
                self._template.update(notes)
                self._template[name] = None
                self._computed.append(entry)
                continue
            value = _format(kind, plain, default)
            if isinstance(value, list):
                value = tuple(value)  # shared by every object rendered: keep it immutable
            if notes and value is not None:
                self._template.update(notes)
            self._template[name] = value

    def prop(self, name: str) -> Prop | None:
        key = name.lower()
        return self.by_lower.get(key) or self.hidden.get(key)

    def render(self, record: Any, tenant: Any) -> dict[str, Any]:
        out = self._template.copy()
        props = record.props or _EMPTY
        for name, kind, default, _call, plain, notes in self._computed:
            value = props[name] if name in props else default(record, tenant)
            value = _format(kind, plain, value)
            if notes and value is None:
                for key in notes:
                    del out[key]
            out[name] = value
        for name, given in props.items():
            entry = self._entries.get(name)
            if entry is None or entry[3]:
                continue  # not displayed, or computed above
            _, kind, _, _, plain, notes = entry
            value = _format(kind, plain, given)
            if notes:
                if value is None:
                    for key in notes:
                        out.pop(key, None)
                else:
                    out.update(notes)
            out[name] = value
        return out

    def raw(self, record: Any, tenant: Any, name: str) -> Any:
        prop = self.prop(name)
        return None if prop is None else prop.raw(record, tenant)

    def resolver(self, tenant: Any) -> Callable[[str], Field | None]:
        """The OPATH resolver of this shape's properties."""

        def resolve(name: str) -> Field | None:
            prop = self.prop(name)
            if prop is None:
                return None
            return Field(
                prop.name, FILTER_KIND.get(prop.kind, "str"), lambda r: prop.raw(r, tenant)
            )

        return resolve


class LazyObjects(Sequence):
    """Records that become service objects only when indexed (a page at a time)."""

    def __init__(
        self,
        records: Sequence[Any],
        render: Callable[[Any], dict[str, Any]],
        fragment: Fragment | None = None,
    ) -> None:
        self._records = records
        self._render = render
        self._fragment = fragment

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> LazyObjects: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return LazyObjects(self._records[index], self._render, self._fragment)
        return self._render(self._records[index])

    def __iter__(self):  # noqa: ANN204 - Sequence's own signature
        render = self._render
        for record in self._records:
            yield render(record)

    def encoded(self, encode: Callable[[Any], bytes]) -> list[bytes]:
        """Each object encoded by ENCODE, kept ones from the tenant's fragment cache."""
        if self._fragment is None:
            render = self._render
            return [encode(render(record)) for record in self._records]
        fragment, render = self._fragment, self._render
        return [fragment(record, render, encode) for record in self._records]


# (record, render, encode) -> the encoded object
Fragment = Callable[[Any, Callable[[Any], dict[str, Any]], Callable[[Any], bytes]], bytes]


def lazy(records: Sequence[Any], shape: Shape, tenant: Any) -> LazyObjects:
    cache = getattr(tenant, "fragments", None) if shape.cached else None
    fragment = None
    if cache is not None:

        def fragment(record: Any, render: Any, encode: Any) -> bytes:
            return cache.fragment(shape, record, render, encode)

    return LazyObjects(records, lambda record: shape.render(record, tenant), fragment)
