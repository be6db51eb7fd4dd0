"""Helpers every cmdlet family shares: input, streams, encodings, names."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from ..api import CmdletContext, CmdletError
from ..objects import PSObject
from ..values import SecureString, is_collection

# name -> (python codec, BOM written on a new file)
_ENCODINGS: dict[str, tuple[str, bytes]] = {
    "utf8": ("utf-8", b""),
    "utf8nobom": ("utf-8", b""),
    "default": ("utf-8", b""),
    "utf8bom": ("utf-8", b"\xef\xbb\xbf"),
    "unicode": ("utf-16-le", b"\xff\xfe"),
    "bigendianunicode": ("utf-16-be", b"\xfe\xff"),
    "utf32": ("utf-32-le", b"\xff\xfe\x00\x00"),
    "bigendianutf32": ("utf-32-be", b"\x00\x00\xfe\xff"),
    "ascii": ("ascii", b""),
    "ansi": ("cp1252", b""),
    "oem": ("cp437", b""),
    "utf7": ("utf-7", b""),
}

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def input_items(ctx: CmdletContext) -> Iterator[Any]:
    """The objects to process: the pipeline, else -InputObject as one object."""
    if not ctx.expecting_input and "InputObject" in ctx.bound:
        yield ctx.bound["InputObject"]
        return
    yield from ctx.input


def as_list(value: Any) -> list[Any]:
    """A parameter that PowerShell declares as an array, as a list."""
    if value is None:
        return []
    if is_collection(value):
        return list(value)
    return [value]


def codec(name: str | None) -> tuple[str, bytes]:
    """The Python codec and new-file BOM for a PowerShell -Encoding name."""
    if name is None:
        return _ENCODINGS["utf8"]
    found = _ENCODINGS.get(str(name).lower())
    if found is None:
        raise CmdletError(
            f"Cannot bind parameter 'Encoding'. '{name}' is not a supported encoding."
        )
    return found


def read_text(path: str, encoding: str | None = None) -> str:
    """A file's text: a BOM decides the encoding, else -Encoding, else UTF-8."""
    with open(path, "rb") as f:
        data = f.read()
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name)
    return data.decode(codec(encoding)[0], errors="replace")


def open_for_write(path: str, encoding: str | None, append: bool = False):
    """A text file opened as PowerShell writes it: BOM only at the start of a new file."""
    name, bom = codec(encoding)
    fresh = not append or not os.path.exists(path) or os.path.getsize(path) == 0
    f = open(path, "ab" if append else "wb")  # noqa: SIM115 - the caller closes it
    if fresh and bom:
        f.write(bom)
    return _TextSink(f, name)


class _TextSink:
    """Encodes text as it is written, so rows reach the disk one by one."""

    def __init__(self, raw, name: str) -> None:
        self._raw = raw
        self._name = name

    def write(self, text: str) -> None:
        self._raw.write(text.encode(self._name, errors="replace"))
        self._raw.flush()

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> _TextSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def file_path(ctx: CmdletContext, *names: str) -> str:
    """The one path a file cmdlet writes to, with ~ expanded."""
    for name in names:
        value = ctx.bound.get(name)
        if value is not None:
            return os.path.expanduser(str(value))
    raise CmdletError(f"{ctx.name}: a path is required (-{names[0]}).")


def report(ctx: CmdletContext, message: str) -> None:
    """A non-terminating error: the pipeline goes on."""
    if ctx.write_error is not None:
        ctx.write_error(message)
    else:
        ctx.host.write_error(message)


def preference_on(ctx: CmdletContext, switch: str, variable: str) -> bool:
    """Whether -Verbose/-Debug or $VerbosePreference/$DebugPreference asks for a stream."""
    if switch in ctx.bound:
        return bool(ctx.bound[switch])
    pref = ctx.variables.get(variable)
    return str(pref).lower() in ("continue", "inquire")


def type_name(value: Any) -> str:
    """The full .NET type name PowerShell would report for a value."""
    if isinstance(value, PSObject):
        return value.type_names[0]
    for py, net in _TYPE_NAMES:
        if isinstance(value, py):
            return net
    if value is None:
        return "System.Object"
    return "System.Object"


_TYPE_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "System.Boolean"),
    (int, "System.Int32"),
    (float, "System.Double"),
    (str, "System.String"),
    (datetime, "System.DateTime"),
    (date, "System.DateTime"),
    (timedelta, "System.TimeSpan"),
    (SecureString, "System.Security.SecureString"),
    (Mapping, "System.Collections.Hashtable"),
    ((list, tuple, set, frozenset, range), "System.Object[]"),
)
