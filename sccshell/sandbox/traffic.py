"""Service requests in flight, now and at most, for `GET /sandbox/stats` on the login host."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SERVICE = "service"  # every request to the Exchange and compliance hosts
BATCH = "batch"  # the $batch requests among them (one per fan-out batch)
KINDS = (SERVICE, BATCH)
STATS_PATH = "/sandbox/stats"  # answered by the login host only


class Traffic:
    """Counts requests as they are answered; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now = dict.fromkeys(KINDS, 0)
        self._peak = dict.fromkeys(KINDS, 0)
        self._total = dict.fromkeys(KINDS, 0)

    @contextmanager
    def track(self, *kinds: str) -> Iterator[None]:
        """Count one request of each of KINDS as in flight while the block runs."""
        with self._lock:
            for kind in kinds:
                self._now[kind] += 1
                self._total[kind] += 1
                self._peak[kind] = max(self._peak[kind], self._now[kind])
        try:
            yield
        finally:
            with self._lock:
                for kind in kinds:
                    self._now[kind] -= 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "in_flight": dict(self._now),
                "peak_in_flight": dict(self._peak),
                "requests": dict(self._total),
            }

    def reset(self) -> None:
        """Start counting afresh: peaks fall to what is in flight now, totals to zero."""
        with self._lock:
            self._peak = dict(self._now)
            self._total = dict.fromkeys(KINDS, 0)
