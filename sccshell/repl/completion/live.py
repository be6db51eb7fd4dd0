"""Live tenant objects for -Identity and its kin, fetched within a deadline and cached.

A lookup waits at most its budget: a slow fetch yields nothing now, goes on in a daemon
thread and fills the cache, so the next Tab has the names. Results are kept per
connection and listing cmdlet for a short while (the tenant changes under us).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from itertools import islice
from typing import Any

BUDGET = 0.3  # seconds a keystroke may wait for the service
TTL = 60.0  # seconds a listing stays fresh
FAILED_TTL = 10.0  # seconds before a failed listing is tried again
LIMIT = 1000  # objects kept per listing: completion needs names, not the whole tenant

# What each object is offered as, and what is shown beside it.
_NAME_FIELDS = ("Name", "Identity", "DisplayName")
_META_FIELDS = ("PrimarySmtpAddress", "DisplayName", "RecipientTypeDetails", "Mode")


@dataclass(frozen=True, slots=True)
class LiveObject:
    name: str
    meta: str = ""


class LiveObjects:
    """Fetches and caches listings (`Get-Mailbox`, ...) of the live connections."""

    def __init__(
        self,
        budget: float = BUDGET,
        ttl: float = TTL,
        limit: int = LIMIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.budget = budget
        self.ttl = ttl
        self.limit = limit
        self.clock = clock
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[float, tuple[LiveObject, ...]]] = {}
        self._pending: dict[tuple[str, str], Future[tuple[LiveObject, ...]]] = {}
        self.fetches = 0  # listings requested from the service (for tests and the toolbar)

    def lookup(
        self, connection: Any, lister: str, budget: float | None = None
    ) -> tuple[LiveObject, ...] | None:
        """The objects LISTER returns on CONNECTION, or None when not known within BUDGET."""
        key = (str(connection.connection_id), lister.lower())
        now = self.clock()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] > now:
                return cached[1]
            future = self._pending.get(key)
            if future is None:
                future = Future()
                self._pending[key] = future
                self.fetches += 1
                thread = threading.Thread(
                    target=self._fetch, args=(key, connection, lister, future), daemon=True
                )
                thread.start()
        wait = self.budget if budget is None else budget
        try:
            return future.result(timeout=max(wait, 0.0))
        except FutureTimeout:
            return None
        except Exception:
            return None

    def forget(self, connection_id: str | None = None) -> None:
        """Drop cached listings (of one connection, or all)."""
        with self._lock:
            for key in list(self._cache):
                if connection_id is None or key[0] == connection_id:
                    del self._cache[key]

    def _fetch(
        self,
        key: tuple[str, str],
        connection: Any,
        lister: str,
        future: Future[tuple[LiveObject, ...]],
    ) -> None:
        ttl = self.ttl
        try:
            items = tuple(_objects(_records(connection, lister, self.limit), self.limit))
        except Exception:  # a failed listing only means no suggestions; never a traceback
            items, ttl = (), FAILED_TTL
        with self._lock:
            self._cache[key] = (self.clock() + ttl, items)
            self._pending.pop(key, None)
        future.set_result(items)


def _records(connection: Any, lister: str, limit: int) -> Iterable[dict]:
    cmdlet = connection.cmdlet(lister) if hasattr(connection, "cmdlet") else None
    takes_size = cmdlet is not None and cmdlet.parameter("ResultSize") is not None
    return connection.client.invoke(lister, {}, result_size=limit if takes_size else None)


def _objects(records: Iterable[dict], limit: int) -> Iterable[LiveObject]:
    seen: set[str] = set()
    for record in islice(records, limit):
        name = next((str(record[f]) for f in _NAME_FIELDS if record.get(f)), "")
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        meta = next((str(record[f]) for f in _META_FIELDS if record.get(f)), "")
        yield LiveObject(name, "" if meta == name else meta)
