"""Export-Csv, Import-Csv, ConvertTo-Csv, ConvertFrom-Csv, with PowerShell 7's quoting."""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
import stat
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from ..api import CmdletContext, CmdletError
from ..objects import PSObject
from ..values import (
    SecureString,
    culture_string,
    format_datetime,
    is_collection,
    to_string,
)
from ._common import as_list, codec, file_path, input_items, read_text, type_name
from ._props import property_names


def _cell(value: Any) -> str | None:
    """A property value as .NET's ToString() gives it (arrays print their type name)."""
    if value is None:
        return None
    if isinstance(value, SecureString):
        return str(value)
    if is_collection(value):
        return "System.Object[]"
    if isinstance(value, Mapping):
        return "System.Collections.Hashtable"
    return culture_string(value)


def _text(value: Any) -> str | None:
    """_cell, with the common cases first: most service values are strings or None."""
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "True" if value else "False"
    if kind is int:
        return str(value)
    if kind is list:
        return "System.Object[]"
    if kind is datetime:
        return format_datetime(value)
    return _cell(value)


def _columns(obj: Any) -> list[str]:
    if isinstance(obj, (PSObject, Mapping)) or hasattr(obj, "__dict__"):
        return property_names(obj)
    # A string's only property is Length, as PowerShell exports it.
    return ["Length"] if isinstance(obj, str) else []


def _value(obj: Any, name: str) -> Any:
    if isinstance(obj, str) and name == "Length":
        return len(obj)
    if isinstance(obj, PSObject):
        return obj.get(name)
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


class _Writer:
    """Turns objects into CSV lines under -Delimiter, -UseQuotes and -QuoteFields."""

    def __init__(self, ctx: CmdletContext) -> None:
        self.delim = _delimiter(ctx)
        self.mode = str(ctx.bound.get("UseQuotes", "Always")).lower()
        fields = ctx.bound.get("QuoteFields")
        self.quote_fields = (
            {str(f).lower() for f in as_list(fields)} if fields is not None else None
        )
        self.columns: list[str] | None = None
        # The shape of objects whose properties are exactly the columns, in their order:
        # their values make a row as they are, with no lookup per column.
        self._shape: dict[str, str] | None = None
        self._quote_all = self.quote_fields is None and self.mode == "always"

    def _field(self, column: str, text: str | None) -> str:
        if self.quote_fields is not None:
            quote = column.lower() in self.quote_fields
        elif self.mode == "never":
            quote = False
        elif self.mode == "asneeded":
            quote = text is not None and any(c in text for c in (self.delim, '"', "\n", "\r"))
        else:
            quote = text is not None  # PowerShell leaves $null fields bare even under Always
        if text is None:
            return ""
        return '"' + text.replace('"', '""') + '"' if quote else text

    def header(self) -> str:
        assert self.columns is not None
        return self.delim.join(self._field(c, c) for c in self.columns)

    def row(self, obj: Any) -> str:
        columns = self.columns
        assert columns is not None
        if not isinstance(obj, PSObject):
            texts = [_cell(_value(obj, c)) for c in columns]
        elif self._quote_all:
            values = self._values(obj, columns)
            return self._quoted(values, _marked(values))
        else:
            texts = [_text(v) for v in self._values(obj, columns)]
        if self._quote_all:
            return self._quoted(texts, [_NULL if t is None else t for t in texts])
        return self.delim.join(self._field(c, t) for c, t in zip(columns, texts, strict=True))

    def _values(self, obj: PSObject, columns: list[str]) -> list[Any]:
        shape = obj.shape
        if shape is not None and shape is self._shape:
            return obj.values()
        if shape is not None and self._shape is None and obj.names() == columns:
            self._shape = shape
        return obj.values_of(columns)

    def _quoted(self, values: list[Any], texts: list[str]) -> str:
        """Every field quoted but the null ones (_NULL in TEXTS), as -UseQuotes Always
        writes them. A row whose fields hold no quote or mark (the common case) is joined
        with its separators at once, with nothing to escape; any other field by field."""
        nulls = values.count(None)
        between = '"' + self.delim + '"'
        line = between.join(texts)
        if line.count('"') == 2 * (len(texts) - 1) and line.count(_NULL) == nulls:
            line = '"' + line + '"'
            return line.replace(_BARE, "") if nulls else line
        return self.delim.join(
            "" if v is None else '"' + t.replace('"', '""') + '"'
            for v, t in zip(values, texts, strict=True)
        )


# The mark of a null field for _Writer._quoted (a C0 control, which service text does
# not carry; a row where a field does is written field by field).
_NULL = "\x1e"
_BARE = '"\x1e"'


def _marked(values: list[Any]) -> list[str]:
    """The fields of a row as text, null ones as _NULL; the common kinds inline (a
    function call per field is a good part of a long export's time)."""
    return [
        v
        if (kind := v.__class__) is str
        else _NULL
        if v is None
        else ("True" if v else "False")
        if kind is bool
        else "System.Object[]"
        if kind is list
        else _text(v) or ""
        for v in values
    ]


def _delimiter(ctx: CmdletContext) -> str:
    if ctx.bound.get("UseCulture"):
        return ","  # en-US list separator
    delim = to_string(ctx.bound.get("Delimiter", ","))
    if len(delim) != 1:
        raise CmdletError("The -Delimiter must be a single character.")
    return delim


def _type_line(obj: Any) -> str:
    return f"#TYPE {type_name(obj)}"


def _lines(
    ctx: CmdletContext, items: Iterable[Any], writer: _Writer, header: bool
) -> Iterator[str]:
    include_type = bool(ctx.bound.get("IncludeTypeInformation")) and not ctx.bound.get(
        "NoTypeInformation"
    )
    for obj in items:
        if writer.columns is None:
            writer.columns = _columns(obj)
            if include_type:
                yield _type_line(obj)
            if header and not ctx.bound.get("NoHeader"):
                yield writer.header()
        yield writer.row(obj)


def convertto_csv(ctx: CmdletContext) -> Iterator[Any]:
    """ConvertTo-Csv: one string per line, header first."""
    yield from _lines(ctx, input_items(ctx), _Writer(ctx), header=True)


def _existing_header(path: str, delim: str, encoding: str | None) -> list[str] | None:
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    for line in read_text(path, encoding).splitlines():
        if line.startswith("#TYPE") or not line.strip():
            continue
        return next(csv.reader([line], delimiter=delim))
    return None


def export_csv(ctx: CmdletContext) -> Iterator[Any]:
    """Export-Csv: write each row as its object arrives; never hold the whole input.

    A new file is written beside the old one and renamed over it at the end, so a stopped
    export (Ctrl-C, an error) leaves the old file as it was; -Append adds whole rows only.
    """
    path = file_path(ctx, "LiteralPath", "Path")
    append = bool(ctx.bound.get("Append"))
    force = bool(ctx.bound.get("Force"))
    if ctx.bound.get("NoClobber") and not append and os.path.exists(path):
        raise CmdletError(f"The file '{path}' already exists.")
    writer = _Writer(ctx)
    encoding = ctx.bound.get("Encoding")
    header = True
    if append:
        existing = _existing_header(path, writer.delim, encoding)
        if existing is not None:
            writer.columns = existing
            header = False
    with RecordFile(path, encoding, append=append) as out:
        items = iter(input_items(ctx))
        for obj in items:  # the first object: the header, and the check of an appended file
            if append and not header:
                _check_columns(path, writer.columns or [], obj, force)
            out.record("".join(line + os.linesep for line in _lines(ctx, [obj], writer, header)))
            break
        row, record, newline = writer.row, out.record, os.linesep
        for obj in items:
            record(row(obj) + newline)
    return iter(())


# Characters of records a new file gathers before writing them out.
GATHER = 1 << 16


class RecordFile:
    """A file written record by record: replaced whole at the end, or appended to whole
    records at a time. Leaving the block by an exception keeps only complete work."""

    def __init__(self, path: str, encoding: str | None, *, append: bool) -> None:
        self.path = path
        self.append = append
        self._codec, self._bom = codec(encoding)
        self._temp: str | None = None
        self._pending: list[str] = []  # records of a new file not yet written
        self._held = 0  # their characters

    def _open(self) -> None:
        if self.append:
            self._file = open(self.path, "ab")  # noqa: SIM115 - closed by __exit__
            fresh = self._file.tell() == 0
        else:
            self._temp = _sibling_temp(self.path)
            self._file = os.fdopen(os.open(self._temp, _NEW_FILE, 0o666), "wb")
            fresh = True
        if fresh and self._bom:
            self._file.write(self._bom)
        self._file.flush()
        self._whole = self._file.tell()  # the end of the last complete record on disk

    def record(self, text: str) -> None:
        """Write one record (its lines). Appended records reach the disk at once, whole; a
        new file is only seen, under its name, when it is complete, so its records are
        gathered and written some tens of kilobytes at a time."""
        if self._temp is None:
            self._file.write(text.encode(self._codec, errors="replace"))
            self._file.flush()
            self._whole = self._file.tell()
            return
        self._pending.append(text)
        self._held += len(text)
        if self._held >= GATHER:
            self._drain()

    def _drain(self) -> None:
        self._file.write("".join(self._pending).encode(self._codec, errors="replace"))
        self._pending.clear()
        self._held = 0

    def __enter__(self) -> RecordFile:
        # Opened here, not in __init__: once the file exists, __exit__ is sure to run, so a
        # Ctrl-C that comes just as the export starts leaves nothing behind either.
        try:
            self._open()
        except BaseException:
            if self._temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self._temp)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if kind is None:
            self._finish()
        else:
            self._abandon()

    def _finish(self) -> None:
        self._drain()
        self._file.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                # A replaced file keeps the mode it had (a private report stays private).
                os.chmod(self._temp, stat.S_IMODE(os.stat(self.path).st_mode))
            os.replace(self._temp, self.path)

    def _abandon(self) -> None:
        try:
            if self._temp is None:
                # A record cut by the interrupt is taken off again.
                with contextlib.suppress(OSError, ValueError):
                    self._file.flush()
                self._file.truncate(self._whole)
        finally:
            self._file.close()
            if self._temp is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self._temp)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _sibling_temp(path: str) -> str:
    """A new file name in PATH's folder, so that the final rename stays on one file system."""
    folder, name = os.path.split(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise CmdletError(f"Could not find a part of the path '{os.path.abspath(path)}'.")
    return os.path.join(folder, f".{name}.{secrets.token_hex(4)}.partial")


def _check_columns(path: str, columns: list[str], obj: Any, force: bool) -> None:
    have = {n.lower() for n in _columns(obj)}
    missing = [c for c in columns if c.lower() not in have]
    if missing and not force:
        raise CmdletError(
            f"Cannot append CSV content to the following file: {path}. The appended object "
            f"does not have a property that corresponds to the following column: {missing[0]}. "
            "To continue with mismatched properties, add the -Force parameter, and then retry "
            "the command."
        )


def _records(lines: Iterable[str], delim: str, header: list[str] | None) -> Iterator[PSObject]:
    """PSObjects of string values from CSV text lines (quoted fields may span lines)."""
    type_names: tuple[str, ...] = ()
    names = header

    def content() -> Iterator[str]:
        nonlocal type_names
        first = True
        for line in lines:
            if first and line.startswith("#TYPE "):
                type_names = ("CSV:" + line[6:].strip(),)
                first = False
                continue
            first = False
            if line.strip():
                yield line

    for row in csv.reader(content(), delimiter=delim):
        if names is None:
            names = _header_names(row)
            continue
        obj = PSObject(type_names=type_names)
        for i, name in enumerate(names):
            obj[name] = row[i] if i < len(row) else None
        yield obj


def _header_names(row: list[str]) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    for i, name in enumerate(row):
        name = name or f"H{i + 1}"
        if name.lower() in seen:
            raise CmdletError(f'The member "{name}" is already present.')
        seen.add(name.lower())
        names.append(name)
    return names


def _header_param(ctx: CmdletContext) -> list[str] | None:
    header = ctx.bound.get("Header")
    return [to_string(h) for h in as_list(header)] if header is not None else None


def import_csv(ctx: CmdletContext) -> Iterator[Any]:
    """Import-Csv: PSObjects with string values, one per row."""
    delim = _delimiter(ctx)
    paths = as_list(ctx.bound.get("LiteralPath", ctx.bound.get("Path")))
    for path in paths:
        path = os.path.expanduser(to_string(path))
        if not os.path.exists(path):
            raise CmdletError(f"Could not find file '{os.path.abspath(path)}'.")
        text = read_text(path, ctx.bound.get("Encoding"))
        yield from _records(text.splitlines(keepends=True), delim, _header_param(ctx))


def convertfrom_csv(ctx: CmdletContext) -> Iterator[Any]:
    """ConvertFrom-Csv: the piped strings as CSV text, the first line the header."""

    def lines() -> Iterator[str]:
        for item in input_items(ctx):
            for value in as_list(item):
                yield from to_string(value).splitlines(keepends=True) or [""]

    yield from _records(lines(), _delimiter(ctx), _header_param(ctx))


CMDLETS = {
    "Export-Csv": export_csv,
    "Import-Csv": import_csv,
    "ConvertTo-Csv": convertto_csv,
    "ConvertFrom-Csv": convertfrom_csv,
}
