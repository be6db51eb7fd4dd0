"""The on-disk cache of ModuleInfos, one file per (environment, tenant, service, identity).

Files live in `<cache dir>/metadata/<sha256>.json` (the cache dir is SCCSHELL_CACHE_DIR or the
platform's user cache dir): 0600 files in a 0700 directory, since a cmdlet list tells what an
identity may do. Writes are atomic (temp file + os.replace); anything unreadable is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any, NamedTuple

from sccshell.connection.metadata import Membership, ModuleFunction, ModuleInfo, ModuleParameter
from sccshell.schema.cache import cache_dir

FORMAT = 1
SUBDIR = "metadata"


class CacheKey(NamedTuple):
    """Whose cmdlet set a cached module is; command_name only when -CommandName narrowed it."""

    environment: str
    tenant_id: str
    service: str  # "exchange" or "compliance"
    identity: str  # the signed-in UPN or app id
    command_name: str = "*"

    def as_list(self) -> list[str]:
        fields = [self.environment, self.tenant_id.lower(), self.service, self.identity.lower()]
        # A narrowed set is cached apart from the full one, which keeps its four-part key.
        return fields + ([self.command_name] if self.command_name != "*" else [])

    def digest(self) -> str:
        return hashlib.sha256("\0".join(self.as_list()).encode()).hexdigest()


def metadata_dir(directory: str | os.PathLike[str] | None = None) -> str:
    return os.path.join(os.fspath(directory) if directory is not None else cache_dir(), SUBDIR)


def cache_file(key: CacheKey, directory: str | os.PathLike[str] | None = None) -> str:
    return os.path.join(metadata_dir(directory), f"{key.digest()}.json")


def load_cached(
    key: CacheKey, directory: str | os.PathLike[str] | None = None
) -> ModuleInfo | None:
    """The cached ModuleInfo for KEY, or None when absent, for another key or damaged."""
    try:
        with open(cache_file(key, directory), encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("format") != FORMAT or document.get("key") != key.as_list():
            return None
        return decode(document)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def store(
    key: CacheKey, info: ModuleInfo, directory: str | os.PathLike[str] | None = None
) -> str | None:
    """Write INFO for KEY atomically; the file's path, or None when the dir is not writable."""
    target = cache_file(key, directory)
    folder = os.path.dirname(target)
    document = {"format": FORMAT, "key": key.as_list(), **encode(info)}
    temporary = None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)  # makedirs' mode is masked by the umask and skips existing dirs
        # mkstemp creates the file 0600, so the content is never readable by others.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, separators=(",", ":"))
        os.replace(temporary, target)
    except OSError:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return None
    return target


def encode(info: ModuleInfo) -> dict[str, Any]:
    """INFO as compact JSON-ready lists (positional fields, defaults left out)."""
    return {
        "fetched_at": info.fetched_at,
        "public_key": info.public_key,
        "exported": list(info.exported),
        "functions": [_encode_function(f) for f in info.functions.values()],
    }


def decode(document: dict[str, Any]) -> ModuleInfo:
    functions = [_decode_function(f) for f in document["functions"]]
    return ModuleInfo(
        functions={f.name.lower(): f for f in functions},
        public_key=document.get("public_key"),
        exported=tuple(document.get("exported") or ()),
        fetched_at=float(document["fetched_at"]),
    )


def _encode_function(function: ModuleFunction) -> list:
    return [
        function.name,
        function.default_parameter_set,
        int(function.supports_should_process),
        function.confirm_impact,
        function.help_file,
        [_encode_parameter(p) for p in function.parameters],
    ]


def _decode_function(row: list) -> ModuleFunction:
    name, default, should_process, impact, help_file, parameters = row
    return ModuleFunction(
        name=name,
        parameters=tuple(_decode_parameter(p) for p in parameters),
        default_parameter_set=default,
        supports_should_process=bool(should_process),
        confirm_impact=impact,
        help_file=help_file,
    )


def _encode_parameter(parameter: ModuleParameter) -> list:
    row: list = [parameter.name, parameter.type]
    memberships = [
        [m.set_name, int(m.mandatory), m.position, int(m.by_value) | int(m.by_property_name) << 1]
        for m in parameter.memberships
    ]
    tail = [memberships, list(parameter.aliases), parameter.accepted_values]
    while tail and not tail[-1]:  # most parameters have no aliases or ValidateSet
        tail.pop()
    return row + tail


def _decode_parameter(row: list) -> ModuleParameter:
    name, type_, *tail = row
    memberships, aliases, accepted = tail + [[], [], None][len(tail) :]
    return ModuleParameter(
        name=name,
        type=type_,
        aliases=tuple(aliases or ()),
        accepted_values=tuple(accepted) if accepted is not None else None,
        memberships=tuple(
            Membership(set_name, bool(mandatory), position, bool(flags & 1), bool(flags & 2))
            for set_name, mandatory, position, flags in memberships
        ),
    )
