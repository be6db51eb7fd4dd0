"""Faults on demand: latency, throttling, a small request budget, 503s, short tokens,
connections cut mid-page and malformed pages."""

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
    # The Rate-Limit-* budget (protocol §3.5): requests per caller per window. None: the
    # service's own (30000 an hour).
    budget: int | None = None
    budget_window: float | None = None  # seconds
    malformed: str | None = None  # how InvokeCommand pages are spoiled: one of malformed.KINDS
    malformed_rate: float = 0.0  # share of InvokeCommand pages spoiled that way
    seed: int = 0
    _random: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        from sccshell.sandbox.malformed import KINDS

        if self.malformed is not None and self.malformed not in KINDS:
            raise ValueError(
                f"unknown kind of malformed page: {self.malformed!r}; one of {', '.join(KINDS)}"
            )
        self._random = random.Random(self.seed)

    def roll(self, rate: float) -> bool:
        """True with probability RATE, from the faults' own seeded generator."""
        if rate <= 0:
            return False
        with self._lock:
            return self._random.random() < rate
