"""The on-disk index of the schema: one compressed marshal blob per cmdlet, read in ~1 ms.

The file is keyed by checksums of the bundled data and of the builtins' source,
the package version and the Python version (marshal's format is Python's own);
it is written atomically and checked by a CRC on reading: at any doubt the
caller falls back to the bundled gzip. Checksums come from zlib, not hashlib,
whose import alone costs more than reading the whole index.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Mapping

from sccshell import __version__

FORMAT = 1
MAGIC = b"SCCSCHM1"
ENV_DIR = "SCCSHELL_CACHE_DIR"

# (lowercase name, name, module, zlib-compressed marshal blob of the cmdlet's dict)
Row = tuple[str, str, str, bytes]


def cache_dir() -> str:
    """SCCSHELL_CACHE_DIR, else the platform's user cache dir for sccshell."""
    override = os.environ.get(ENV_DIR)
    if override:
        return override
    from platformdirs import user_cache_dir

    return user_cache_dir("sccshell", appauthor=False)


def _checksum(data: bytes) -> str:
    return f"{len(data)}-{zlib.crc32(data):08x}-{zlib.adler32(data):08x}"


def cache_key(data: bytes, extra: bytes = b"") -> str:
    """The key of an index built from DATA (the bundle) and EXTRA (the builtins' source)."""
    python = "{}.{}".format(*sys.version_info[:2])
    return f"{FORMAT}:{__version__}:{python}:{_checksum(data)}:{_checksum(extra)}"


def cache_path(directory: str, key: str) -> str:
    return os.path.join(directory, f"schema-{zlib.crc32(key.encode()):08x}.bin")


def decode_blob(blob: bytes) -> dict:
    """A cmdlet's dict from its row blob."""
    return marshal.loads(zlib.decompress(blob))


def read_cache(directory: str, key: str) -> tuple[dict, list[Row]] | None:
    """(source, rows) from the cache file for KEY, or None if absent, stale or damaged."""
    try:
        with open(cache_path(directory, key), "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    if len(blob) < 12 or blob[:8] != MAGIC:
        return None
    body = blob[12:]
    if zlib.crc32(body) != int.from_bytes(blob[8:12], "little"):
        return None
    try:
        stored_key, source, rows = marshal.loads(body)
    except (ValueError, EOFError, TypeError):  # marshal's ways of saying "damaged"
        return None
    if stored_key != key or not isinstance(rows, tuple):
        return None
    return source, list(rows)


def encode_rows(cmdlets: Mapping[str, tuple[str, str, Mapping]]) -> list[Row]:
    """Rows for a {lowercase name: (name, module, cmdlet dict)} mapping."""
    return [
        (key, name, module, zlib.compress(marshal.dumps(dict(data)), 1))
        for key, (name, module, data) in cmdlets.items()
    ]


def write_cache(directory: str, key: str, source: dict, rows: list[Row]) -> str | None:
    """Write the cache file atomically; return its path, or None when the dir is not writable."""
    body = marshal.dumps((key, source, tuple(rows)))
    blob = MAGIC + zlib.crc32(body).to_bytes(4, "little") + body
    path = cache_path(directory, key)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return None
    _remove_stale(directory, path)
    return path


def _remove_stale(directory: str, keep: str) -> None:
    """Drop cache files of other data or versions, so upgrades do not pile them up."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        path = os.path.join(directory, name)
        if name.startswith("schema-") and name.endswith(".bin") and path != keep:
            try:
                os.unlink(path)
            except OSError:
                pass
