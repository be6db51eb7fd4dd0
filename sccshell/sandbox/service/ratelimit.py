"""The per-caller budget behind the Rate-Limit-* and X-ConcurrencyCount headers (protocol §3.1, §3.5)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

# protocol §3.5: only "Rate-Limit-Limit: 30000" has been seen; the window is the sandbox's
# choice (one hour, aligned to the clock hour).
LIMIT = 30000
WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Budget:
    limit: int
    remaining: int
    reset: float  # epoch seconds when the window ends

    @property
    def exhausted(self) -> bool:
        return self.remaining < 0

    def headers(self) -> list[tuple[str, str]]:
        reset = datetime.fromtimestamp(self.reset, tz=timezone.utc)
        return [
            ("Rate-Limit-Limit", str(self.limit)),
            ("Rate-Limit-Remaining", str(max(self.remaining, 0))),
            ("Rate-Limit-Reset", reset.strftime("%Y-%m-%dT%H:%M:%S.0000000Z")),
        ]


class RateLimiter:
    """LIMIT requests per caller per window; the clock is the sandbox's (tests move it)."""

    def __init__(
        self, now: Callable[[], float], limit: int = LIMIT, window: int = WINDOW_SECONDS
    ) -> None:
        self._now = now
        self.limit = limit
        self.window = window
        self._used: dict[str, tuple[float, int]] = {}  # caller -> (window start, requests)
        self._in_flight: dict[str, int] = {}
        self._lock = threading.Lock()

    def take(self, caller: str) -> Budget:
        """Count one request of CALLER; remaining < 0 means it is over budget."""
        now = self._now()
        start = now - now % self.window
        with self._lock:
            window, used = self._used.get(caller, (start, 0))
            if window != start:
                used = 0
            used += 1
            self._used[caller] = (start, used)
        return Budget(self.limit, self.limit - used, start + self.window)

    @contextmanager
    def in_flight(self, caller: str) -> Iterator[int]:
        """Yield how many requests of CALLER are in flight, this one included."""
        with self._lock:
            count = self._in_flight.get(caller, 0) + 1
            self._in_flight[caller] = count
        try:
            yield count
        finally:
            with self._lock:
                left = self._in_flight.get(caller, 1) - 1
                if left:
                    self._in_flight[caller] = left
                else:
                    self._in_flight.pop(caller, None)
