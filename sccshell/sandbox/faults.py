"""Faults on demand: latency, throttling, 503s, short tokens, connections cut mid-page."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field


@dataclass
class Faults:
    latency: float = 0.0  # seconds added to every service request
    max_concurrency: int | None = None  # requests in flight above this get 429
    rate_limit: float | None = None  # requests per second above this get 429
    retry_after: float = 1.0  # the Retry-After a 429 carries, in seconds
    error_rate: float = 0.0  # share of service requests answered 503
    token_lifetime: int | None = None  # seconds; None: the usual 60 to 90 minutes
    reset_rate: float = 0.0  # share of paged responses whose connection is cut mid-body
    seed: int = 0
    _random: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def roll(self, rate: float) -> bool:
        """True with probability RATE, from the faults' own seeded generator."""
        if rate <= 0:
            return False
        with self._lock:
            return self._random.random() < rate
