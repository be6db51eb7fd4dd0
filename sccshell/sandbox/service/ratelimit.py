"""The per-caller budget behind the Rate-Limit-* and X-ConcurrencyCount headers (protocol §3.1, §3.5)."""

from __future__ import annotations

import math
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

    def retry_after(self, now: float) -> int:
        """Whole seconds from NOW until the window resets (at least one)."""
        return max(1, math.ceil(self.reset - now))

    def headers(self) -> list[tuple[str, str]]:
        reset = datetime.fromtimestamp(self.reset, tz=timezone.utc)
        # .NET's seven fraction digits; a short window may end inside a second.
        stamp = reset.strftime("%Y-%m-%dT%H:%M:%S.") + f"{reset.microsecond:06d}0Z"
        return [
            ("Rate-Limit-Limit", str(self.limit)),
            ("Rate-Limit-Remaining", str(max(self.remaining, 0))),
            ("Rate-Limit-Reset", stamp),
        ]


class RateLimiter:
    """LIMIT requests per caller per window; the clock is the sandbox's (tests move it)."""

    def __init__(
        self, now: Callable[[], float], limit: int = LIMIT, window: float = WINDOW_SECONDS
    ) -> None:
        self._now = now
        self.limit = limit
        self.window = window
        # caller -> (window length, window start, requests): a new length starts afresh
        self._used: dict[str, tuple[float, float, int]] = {}
        self._in_flight: dict[str, int] = {}
        self.refused = 0  # requests over budget since the start (or the last stats reset)
        self._lock = threading.Lock()

    def take(self, caller: str, limit: int | None = None, window: float | None = None) -> Budget:
        """Count one request of CALLER; remaining < 0 means it is over budget.

        LIMIT and WINDOW, when given (the budget fault), replace the limiter's own.
        """
        limit = self.limit if limit is None else limit
        window = self.window if window is None else window
        now = self._now()
        start = now - now % window
        with self._lock:
            length, begun, used = self._used.get(caller, (window, start, 0))
            if (length, begun) != (window, start):
                used = 0
            used += 1
            self._used[caller] = (window, start, used)
            if used > limit:
                self.refused += 1
        return Budget(limit, limit - used, start + window)

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
