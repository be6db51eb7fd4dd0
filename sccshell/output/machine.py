"""Machine formats (-o json | jsonl | csv | yaml), streamed, and the single write_objects entry point."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import yaml

from sccshell.runtime.values import culture_string

from .formats import person_lines
from .plain import to_plain
from .props import is_record, visible_items

FORMATS = ("table", "list", "json", "jsonl", "csv", "yaml")
MACHINE_FORMATS = ("json", "jsonl", "csv", "yaml")


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: Any, indent: int | None) -> str:
    if indent is None:
        return _COMPACT.encode(to_plain(value))
    parts: list[str] = []
    _pretty(to_plain(value), indent, 0, parts)
    return "".join(parts)


def _pretty(value: Any, indent: int, level: int, out: list[str]) -> None:
    """json.dumps(indent=...) output, built without the pure-Python encoder.

    That encoder makes a cycle of closures on every call, which only the garbage collector
    frees: over a long stream the process would grow for nothing.
    """
    if isinstance(value, dict) and value:
        inner = "\n" + " " * (indent * (level + 1))
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(("," if i else "") + inner + _COMPACT.encode(str(key)) + ": ")
            _pretty(item, indent, level + 1, out)
        out.append("\n" + " " * (indent * level) + "}")
    elif isinstance(value, list) and value:
        inner = "\n" + " " * (indent * (level + 1))
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + inner)
            _pretty(item, indent, level + 1, out)
        out.append("\n" + " " * (indent * level) + "]")
    else:
        out.append(_COMPACT.encode(value))


def write_json(objects: Iterable[Any], stream: TextIO) -> None:
    """One JSON array, written as the objects come: "[", objects with "," between, "]"."""
    first = True
    try:
        for obj in objects:
            stream.write("[\n  " if first else ",\n  ")
            stream.write(_json(obj, 2).replace("\n", "\n  "))
            first = False
    finally:
        # A script that stops early (exit, an error) still leaves a whole array.
        stream.write("[]\n" if first else "\n]\n")


def write_jsonl(objects: Iterable[Any], stream: TextIO) -> None:
    """One compact JSON value per line."""
    for obj in objects:
        stream.write(_json(obj, None) + "\n")


def write_csv(objects: Iterable[Any], stream: TextIO) -> None:
    """CSV with the first object's properties as the header; values as their string conversion.

    As Export-Csv: a later object's missing columns are empty and its extra properties are
    dropped.  A string or number becomes a row of one "Value" column.
    """
    writer = csv.writer(stream, lineterminator="\n")
    header: list[str] | None = None
    for obj in objects:
        items = visible_items(obj) if is_record(obj) else [("Value", obj)]
        if header is None:
            header = [name for name, _ in items]
            writer.writerow(header)
        values = {name.lower(): value for name, value in items}
        writer.writerow([culture_string(values.get(name.lower())) for name in header])


def write_yaml(objects: Iterable[Any], stream: TextIO) -> None:
    """A YAML sequence, one "- " item per object, each dumped as it comes."""
    empty = True
    for obj in objects:
        stream.write(
            yaml.safe_dump(
                [to_plain(obj)], sort_keys=False, allow_unicode=True, default_flow_style=False
            )
        )
        empty = False
    if empty:
        stream.write("[]\n")


_WRITERS = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv, "yaml": write_yaml}


class _Counter:
    """Counts the objects a writer consumed, without holding them."""

    def __init__(self, objects: Iterable[Any]) -> None:
        self.objects = objects
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        for obj in self.objects:
            self.count += 1
            yield obj


def write_objects(
    objects: Iterable[Any],
    stream: TextIO,
    fmt: str | None,
    *,
    width: int,
    cmdlet: str | None = None,
) -> int:
    """Write objects in fmt (None: the person's default view/table/list); return how many."""
    counter = _Counter(objects)
    key = fmt.lower() if fmt else None
    if key in _WRITERS:
        _WRITERS[key](counter, stream)
    elif key in (None, "table", "list"):
        for line in person_lines(counter, width=width, cmdlet=cmdlet, force=key):
            stream.write(line + "\n")
    else:
        raise ValueError(f"unknown output format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return counter.count
