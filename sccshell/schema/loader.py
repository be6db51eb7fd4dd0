"""Load the schema: the bundled Exchange / Compliance cmdlets plus sccshell's own.

The warm path reads the cache index (cache.py) and builds nothing: a cmdlet's
objects are built the first time it is looked up. The cold path (first run, new
data or code, damaged cache) parses the bundled gzip and writes the index.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from sccshell.schema import cache
from sccshell.schema.build import module_for
from sccshell.schema.model import IndexEntry, Schema

_HERE = os.path.dirname(os.path.abspath(__file__))
DATA_FILE = os.path.join(os.path.dirname(_HERE), "data", "exchange-cmdlets.json.gz")
BUILTIN_SOURCE = os.path.join(_HERE, "builtin_cmdlets.py")

_default: Schema | None = None

# lowercase name -> (name, module, cmdlet dict)
Index = dict[str, tuple[str, str, Mapping]]


def load_schema(
    *,
    data_path: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    builtins: Iterable[Mapping] | None = None,
) -> Schema:
    """A new Schema of the bundled cmdlets (DATA_PATH) merged with BUILTINS.

    BUILTINS defaults to builtin_cmdlets.CMDLETS; a builtin wins over a bundled
    cmdlet of the same name. The cache lives in CACHE_DIR, else SCCSHELL_CACHE_DIR,
    else the user cache dir; use_cache=False neither reads nor writes it.
    """
    with open(data_path or DATA_FILE, "rb") as handle:
        data = handle.read()
    # sccshell's own cmdlets are cached with the bundle, keyed by their source, so a
    # warm start does not even import builtin_cmdlets.
    own_source = _read(BUILTIN_SOURCE) if builtins is None else None
    if builtins is None and own_source is None:
        builtins = _own_builtins()
    rows = None
    directory = key = None
    if use_cache:
        directory = os.fspath(cache_dir) if cache_dir is not None else cache.cache_dir()
        key = cache.cache_key(data, own_source or b"")
        rows = cache.read_cache(directory, key)
    if rows is not None:
        source, found = rows
        entries = {lower: IndexEntry(name, module, blob) for lower, name, module, blob in found}
        origin = "cache"
    else:
        source, index = _parse_bundle(data)
        if own_source is not None:
            _merge(index, _own_builtins())
        if directory is not None and key is not None:
            cache.write_cache(directory, key, source, cache.encode_rows(index))
        entries = {lower: IndexEntry(*row) for lower, row in index.items()}
        origin = "bundle"
    if builtins is not None:
        index = {}
        _merge(index, builtins)
        entries.update((lower, IndexEntry(*row)) for lower, row in index.items())
    return Schema(entries, decode=cache.decode_blob, source=source, origin=origin)


def get_schema() -> Schema:
    """The process-wide schema, loaded on first use."""
    global _default
    if _default is None:
        _default = load_schema()
    return _default


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _own_builtins() -> list[dict]:
    from sccshell.schema.builtin_cmdlets import CMDLETS

    return CMDLETS


def _parse_bundle(data: bytes) -> tuple[dict, Index]:
    import gzip
    import json

    document = json.loads(gzip.decompress(data))
    index: Index = {}
    for cmdlet in document["cmdlets"]:
        module = module_for(cmdlet.get("products") or ())
        index[cmdlet["name"].lower()] = (cmdlet["name"], module, cmdlet)
    return dict(document.get("source") or {}), index


def _merge(index: Index, builtins: Iterable[Mapping]) -> None:
    """Add BUILTINS to INDEX; a builtin replaces a bundled cmdlet of the same name."""
    for cmdlet in builtins:
        index[cmdlet["name"].lower()] = (cmdlet["name"], cmdlet.get("module") or "local", cmdlet)
