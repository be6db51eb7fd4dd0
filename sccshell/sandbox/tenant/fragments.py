"""Each object's encoded JSON, kept between requests until the tenant changes.

Formatting a mailbox (100+ derived properties) costs far more than sending it, and a
paged `Get-Mailbox -ResultSize Unlimited` over a big tenant formats every object. Shapes
whose objects depend only on the tenant's state opt in (Shape(cached=True)); any change
of state (a cmdlet that is not a Get, Search, Test or Export) drops every kept fragment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

# 100,000 mailboxes of ~1.3 KB each fit; beyond this the cache stops growing.
MAX_FRAGMENTS = 250_000


class FragmentCache:
    """Encoded objects by (shape, record); cleared whenever the tenant changes."""

    def __init__(self, limit: int = MAX_FRAGMENTS) -> None:
        self.limit = limit
        self.generation = 0
        self._entries: dict[tuple[int, int], tuple[Any, bytes]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def changed(self) -> None:
        """The tenant's state changed (or is about to): forget every fragment."""
        with self._lock:
            self.generation += 1
            self._entries.clear()

    def fragment(
        self,
        shape: Any,
        record: Any,
        render: Callable[[Any], dict[str, Any]],
        encode: Callable[[Any], bytes],
    ) -> bytes:
        """RECORD rendered by RENDER and encoded by ENCODE, from the cache when it is there."""
        key = (id(shape), id(record))
        entry = self._entries.get(key)
        # The entry holds its record, so an id cannot be reused while it is kept.
        if entry is not None and entry[0] is record:
            return entry[1]
        generation = self.generation
        data = encode(render(record))
        with self._lock:
            # A change during the render may have left it half old: keep only clean ones.
            if generation == self.generation and len(self._entries) < self.limit:
                self._entries[key] = (record, data)
        return data
