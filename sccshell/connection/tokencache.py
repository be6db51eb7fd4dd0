"""msal's token cache kept on disk per profile, private to the user and safe to share
between shells running at the same time."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import msal
import platformdirs

try:
    import fcntl
except ImportError:  # Windows: no flock; two shells writing at once may lose an update
    fcntl = None  # type: ignore[assignment]

_PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def cache_dir() -> Path:
    """The folder holding token caches: $SCCSHELL_CACHE_DIR or the user cache dir, + tokens."""
    base = os.environ.get("SCCSHELL_CACHE_DIR") or platformdirs.user_cache_dir("sccshell")
    return Path(base) / "tokens"


class PersistentTokenCache:
    """An msal SerializableTokenCache mirrored to <cache_dir>/<profile>.json."""

    def __init__(self, profile: str, directory: Path | None = None) -> None:
        if not _PROFILE_NAME.match(profile):
            raise ValueError(f"profile name '{profile}' cannot name a cache file")
        self.directory = Path(directory) if directory is not None else cache_dir()
        self.path = self.directory / f"{profile}.json"
        self._lock_path = self.directory / f"{profile}.lock"
        self.cache = msal.SerializableTokenCache()

    @contextlib.contextmanager
    def session(self) -> Iterator[msal.SerializableTokenCache]:
        """Under the file lock: load the disk state, let msal work, write back any change."""
        self._prepare_directory()
        with self._locked():
            self._load()
            try:
                yield self.cache
            finally:
                if self.cache.has_state_changed:
                    self._write(self.cache.serialize())
                    self.cache.has_state_changed = False

    def save_merged(self) -> None:
        """Write tokens got outside a session, keeping what other shells wrote meanwhile."""
        self._prepare_directory()
        with self._locked():
            mine = json.loads(self.cache.serialize())
            try:
                merged = json.loads(self.path.read_text(encoding="utf-8"))
            except (FileNotFoundError, ValueError):
                merged = {}
            # Entry by entry, ours win: they are the newest for our accounts.
            for kind, entries in mine.items():
                if isinstance(entries, dict) and isinstance(merged.get(kind), dict):
                    merged[kind].update(entries)
                else:
                    merged[kind] = entries
            text = json.dumps(merged, indent=1)
            self._write(text)
            self.cache.deserialize(text)
            self.cache.has_state_changed = False

    def _prepare_directory(self) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkdir's mode does not apply to a folder that already existed.
        os.chmod(self.directory, 0o700)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _load(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        if os.stat(self.path).st_mode & 0o077:
            os.chmod(self.path, 0o600)
        try:
            # Replaces the in-memory state: another shell may have written since.
            self.cache.deserialize(text)
        except ValueError:
            pass  # a damaged file is overwritten by the next sign-in
        self.cache.has_state_changed = False

    def _write(self, text: str) -> None:
        fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.directory)
        try:
            # mkstemp creates the file 0600; the rename keeps that mode.
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise


class MemoryTokenCache:
    """The same interface as PersistentTokenCache, kept in memory only (no profile)."""

    def __init__(self) -> None:
        self.cache = msal.SerializableTokenCache()

    @contextlib.contextmanager
    def session(self) -> Iterator[msal.SerializableTokenCache]:
        yield self.cache


TokenCache = PersistentTokenCache | MemoryTokenCache
