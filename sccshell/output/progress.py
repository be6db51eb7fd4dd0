"""A live count of the objects a long result has produced so far, on a terminal only.

Use::

    live = LiveCount(objects, sys.stderr)      # wraps any iterable of objects
    out = live.guard(sys.stdout)               # writes through `out` erase the count first
    try:
        write_objects(live, out, fmt, width=width)
    finally:
        live.close()                           # erase the count line for good

Iterating `live` yields the objects unchanged.  When `stream.isatty()` is true, and once
the result has taken more than `delay` seconds or passed `min_count` objects, it shows
"\\r1,234 objects…" on `stream`, redrawn at most every `interval` seconds.  The line is
erased before anything is written through `guard(...)`, on `clear()` (call it before
writing anything else to the terminal, e.g. a warning), when the iteration ends or stops
early, and on `close()`.  On a stream that is not a terminal nothing is ever written.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

DELAY = 0.5  # seconds before a count is worth showing
MIN_COUNT = 200  # ... or this many objects, whichever comes first
INTERVAL = 0.125  # at most eight redraws a second


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class LiveCount:
    """Counts the objects it passes on and shows the count on a terminal stream."""

    def __init__(
        self,
        objects: Iterable[Any],
        stream: TextIO,
        *,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY,
        min_count: int = MIN_COUNT,
        interval: float = INTERVAL,
        noun: str = "objects",
    ) -> None:
        self.objects = objects
        self.stream = stream
        self.clock = clock
        self.delay = delay
        self.min_count = min_count
        self.interval = interval
        self.noun = noun
        self.count = 0
        self.enabled = _is_terminal(stream)
        self._shown = 0  # length of the text on screen now; 0: nothing to erase
        self._started: float | None = None
        self._drawn_at: float | None = None

    def __iter__(self) -> Iterator[Any]:
        if self._started is None:
            self._started = self.clock()
        try:
            for obj in self.objects:
                self.count += 1
                if self.enabled:
                    self._tick()
                yield obj
        finally:
            self.clear()

    def _tick(self) -> None:
        now = self.clock()
        started = now if self._started is None else self._started
        if now - started <= self.delay and self.count <= self.min_count:
            return
        if self._drawn_at is not None and now - self._drawn_at < self.interval:
            return
        text = f"{self.count:,} {self.noun}…"
        # the new text is never shorter than the old one: the count only grows
        self.stream.write("\r" + text)
        self.stream.flush()
        self._shown = len(text)
        self._drawn_at = now

    def clear(self) -> None:
        """Erase the count line if it is on screen (it comes back at the next redraw)."""
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def close(self) -> None:
        """Erase the count and draw no more."""
        self.clear()
        self.enabled = False

    def guard(self, out: TextIO) -> TextIO:
        """`out`, wrapped so that each write first erases the count line."""
        return _Guarded(out, self)


class _Guarded:
    """A text stream that clears the live count before passing each write on."""

    def __init__(self, out: TextIO, live: LiveCount) -> None:
        self._out = out
        self._live = live

    def write(self, text: str) -> int:
        self._live.clear()
        return self._out.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)
