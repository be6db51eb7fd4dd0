"""Refresh an identity's cmdlet metadata in the background and hand the REPL a new Schema.

At connect the REPL can start from the cached module at once (`cached_schema`), then let
`start()` fetch EXOModuleFile on a daemon thread; when the fresh module is read, cached and
merged, `on_schema` receives the new Schema (the REPL swaps its completer to it).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sccshell.connection import metadata_cache
from sccshell.connection.metadata import (
    ModuleInfo,
    limit,
    read_module,
    read_response,
    split_command_name,
)
from sccshell.connection.metadata_merge import merge
from sccshell.schema.model import Schema

# Given the -CommandName header value, the EXOModuleFile response (as RestClient.module_file
# returns it) or the bare module text.
Fetch = Callable[[str], Mapping[str, Any] | str]


class MetadataRefresher:
    """Fetches, reads, caches and merges one service's module; reports the merged Schema."""

    def __init__(
        self,
        fetch: Fetch,
        bundled: Schema,
        *,
        module_name: str,
        on_schema: Callable[[Schema], None],
        key: metadata_cache.CacheKey | None = None,
        command_name: str | Iterable[str] | None = "*",
        on_error: Callable[[BaseException], None] | None = None,
        cache_dir: str | None = None,
    ) -> None:
        self.fetch = fetch
        self.bundled = bundled
        self.module_name = module_name
        self.on_schema = on_schema
        self.on_error = on_error
        self.patterns = split_command_name(command_name)
        self.command_name = ",".join(self.patterns)
        if key is not None and key.command_name != self.command_name:
            key = key._replace(command_name=self.command_name)
        self.key = key
        self.cache_dir = cache_dir
        self.info: ModuleInfo | None = None
        self.schema: Schema | None = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def cached_schema(self) -> Schema | None:
        """The merged Schema of the cached module, or None without a usable cache."""
        if self.key is None:
            return None
        info = metadata_cache.load_cached(self.key, self.cache_dir)
        if info is None:
            return None
        self.info = limit(info, self.patterns)
        return merge(self.info, self.bundled, module_name=self.module_name)

    def cache_age(self) -> float | None:
        """Seconds since the cached module was written, or None without one."""
        if self.key is None:
            return None
        try:
            return time.time() - os.path.getmtime(
                metadata_cache.cache_file(self.key, self.cache_dir)
            )
        except OSError:
            return None

    def refresh(self) -> Schema:
        """Fetch and merge now, in this thread; store the module and call on_schema."""
        fetched = self.fetch(self.command_name)
        info = read_module(fetched) if isinstance(fetched, str) else read_response(fetched)
        # The server narrows by the CommandName header already; narrowing here as well keeps
        # the contract when it does not (older servers, other fetchers).
        info = limit(info, self.patterns)
        if self.key is not None:
            metadata_cache.store(self.key, info, self.cache_dir)
        schema = merge(info, self.bundled, module_name=self.module_name)
        self.info, self.schema = info, schema
        self.on_schema(schema)
        return schema

    def start(self) -> threading.Thread:
        """Refresh on a daemon thread (it must not keep the shell alive on exit)."""
        thread = threading.Thread(
            target=self._run, name=f"sccshell-metadata-{self.module_name}", daemon=True
        )
        self._thread = thread
        thread.start()
        return thread

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the background refresh; True when it has finished."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            self.refresh()
        except Exception as error:  # noqa: BLE001 - a failed refresh leaves the old schema in use
            self.error = error
            if self.on_error is not None:
                self.on_error(error)
