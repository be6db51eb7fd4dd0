"""Fan-out of pipelined calls: batches on a few worker threads, answers in input order.

Input is pulled lazily, ten objects to a batch (protocol §2.7), and at most a few batches
are ahead of the consumer, so memory stays flat however long the stream. The pace adapts
to the service (§3.5): a 429 halves the batches in flight and pauses new requests for its
Retry-After, successes raise the number again one step at a time (AIMD), and a
Rate-Limit-Remaining that is nearly used up pauses until Rate-Limit-Reset.
"""

from __future__ import annotations

import math
import queue
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

if TYPE_CHECKING:
    from sccshell.connection.client import BatchResult, RestClient

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CONCURRENCY = 6  # batches in flight at most
BATCH_SIZE = 10  # protocol §2.7
MAX_PAUSE = 3600.0  # the longest pause a Rate-Limit-Reset may impose, in seconds
_WAKE = 0.25  # how often a waiting consumer looks up, so Ctrl-C is seen on every platform


class Cancelled(Exception):
    """The fan-out was stopped; an abandoned worker gives up instead of retrying."""


class Pacing:
    """How many batches may be in flight, and until when new requests must wait.

    Shared by the workers of one fan-out; every method is thread-safe.
    """

    def __init__(
        self,
        ceiling: int = DEFAULT_CONCURRENCY,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.ceiling = max(1, ceiling)
        self.limit = float(self.ceiling)
        self.clock = clock
        self.wall = wall
        self.active = 0  # batches running
        self.peak = 0  # most batches running at once
        self._turn = 0  # the next turn to get a slot
        self.throttles = 0  # 429s seen
        self.decreases = 0  # times the limit was halved
        self.budget_pauses = 0  # times Rate-Limit-Remaining ran low and paused everyone
        self.paused_until = 0.0
        self.cancelled = False
        self._decreased_at = -math.inf
        self._cond = threading.Condition()

    # --- slots -----------------------------------------------------------------------------

    def acquire(self, turn: int) -> None:
        """Wait for a free slot under the current limit, outside any pause.

        Slots go out in TURN order (0, 1, 2, ...: the batches' input order), so the batch
        the consumer waits for is never passed by a later one.
        """
        with self._cond:
            while True:
                if self.cancelled:
                    raise Cancelled()
                wait = self.paused_until - self.clock()
                if wait <= 0 and turn == self._turn and self.active < max(1, int(self.limit)):
                    self.active += 1
                    self.peak = max(self.peak, self.active)
                    self._turn += 1
                    self._cond.notify_all()
                    return
                self._cond.wait(wait if wait > 0 else None)

    def release(self) -> None:
        with self._cond:
            self.active -= 1
            self._cond.notify_all()

    # --- per request -----------------------------------------------------------------------

    def hold(self) -> float:
        """Wait out any pause before a request is sent; when it was sent (for throttled())."""
        with self._cond:
            while True:
                if self.cancelled:
                    raise Cancelled()
                wait = self.paused_until - self.clock()
                if wait <= 0:
                    return self.clock()
                self._cond.wait(wait)

    def sleep(self, seconds: float) -> None:
        """Sleep between attempts; a cancelled fan-out ends the sleep at once."""
        end = self.clock() + seconds
        with self._cond:
            while not self.cancelled:
                wait = end - self.clock()
                if wait <= 0:
                    return
                self._cond.wait(wait)
            raise Cancelled()

    def throttled(self, retry_after: float, sent: float) -> None:
        """A 429: pause everyone for RETRY_AFTER and halve the limit, once per congestion.

        Answers to requests sent before the last halving say nothing new, so they do not
        halve it again.
        """
        with self._cond:
            self.throttles += 1
            now = self.clock()
            self.paused_until = max(self.paused_until, now + max(0.0, retry_after))
            if sent >= self._decreased_at:
                self.limit = max(1.0, self.limit / 2)
                self._decreased_at = now
                self.decreases += 1
            self._cond.notify_all()

    def succeeded(self) -> None:
        """An answer without throttling: about one more batch in flight per full window."""
        with self._cond:
            # Only a limit that is in use has shown it can grow (a short tail would not).
            if self.limit < self.ceiling and self.active >= int(self.limit):
                before = int(self.limit)
                self.limit = min(float(self.ceiling), self.limit + 1 / self.limit)
                if int(self.limit) > before:
                    self._cond.notify_all()

    def observe(self, headers: Mapping[str, str] | httpx.Headers) -> None:
        """Rate-Limit-Remaining and -Reset: slow down, then pause, as the budget runs out."""
        headers = headers if isinstance(headers, httpx.Headers) else httpx.Headers(dict(headers))
        try:
            remaining = int(str(headers.get("Rate-Limit-Remaining", "")).strip())
        except ValueError:
            return
        reset = reset_seconds(headers.get("Rate-Limit-Reset"), self.wall())
        with self._cond:
            # Each batch member spends one request of the budget.
            fits = remaining // BATCH_SIZE
            if fits < self.limit:
                self.limit = max(1.0, float(fits))
            if remaining <= BATCH_SIZE and reset is not None and reset > 0:
                self.paused_until = max(self.paused_until, self.clock() + min(reset, MAX_PAUSE))
                self.budget_pauses += 1
            self._cond.notify_all()

    def cancel(self) -> None:
        with self._cond:
            self.cancelled = True
            self._cond.notify_all()


def reset_seconds(value: str | None, now: float) -> float | None:
    """Seconds until Rate-Limit-Reset: delta seconds, epoch seconds or an ISO 8601 time."""
    if not value:
        return None
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        number = None
    if number is not None:
        return number - now if number > 1e9 else number
    # .NET writes seven fraction digits; fromisoformat takes at most six.
    head, dot, rest = text.partition(".")
    if dot:
        digits = "".join(c for c in rest if c.isdigit())
        text = f"{head}.{digits[:6]}{rest[len(digits) :]}"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.timestamp() - now


class _Job(Generic[T, R]):
    """One batch: its inputs, then its answers or the exception it ended with."""

    def __init__(self, items: list[T], turn: int) -> None:
        self.items = items
        self.turn = turn
        self.results: Sequence[R] | None = None
        self.error: BaseException | None = None
        self._done = threading.Event()

    def finish(self, results: Sequence[R] | None, error: BaseException | None) -> None:
        self.results, self.error = results, error
        self._done.set()

    def wait(self) -> Sequence[R]:
        while not self._done.wait(_WAKE):
            pass
        if self.error is not None:
            raise self.error
        assert self.results is not None
        return self.results


class FanOut(Generic[T, R]):
    """Runs CALL on batches of the input on a few daemon threads; answers in input order.

    CALL gets up to BATCH_SIZE inputs and returns one answer per input, in the same order.
    Workers are daemons: when the consumer stops (Ctrl-C, an error, enough output), nothing
    new is started and requests still on the wire finish, or are abandoned, on their own.
    """

    def __init__(
        self,
        call: Callable[[list[T]], Sequence[R]],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        batch_size: int = BATCH_SIZE,
        pacing: Pacing | None = None,
    ) -> None:
        self.call = call
        self.pacing = pacing or Pacing(concurrency)
        self.batch_size = batch_size
        # The reorder buffer: enough batches queued that a slow one at the head does not
        # leave the other slots idle, few enough that memory does not grow with the input.
        self.ahead = 2 * self.pacing.ceiling
        self._jobs: queue.SimpleQueue[_Job[T, R] | None] = queue.SimpleQueue()
        self._workers: list[threading.Thread] = []
        self._turns = 0

    def run(self, items: Iterable[T]) -> Iterator[R]:
        """The answers, one per input, in input order; the input is read only as needed."""
        source = iter(items)
        window: deque[_Job[T, R]] = deque()
        exhausted = False
        try:
            while True:
                while not exhausted and len(window) < self.ahead:
                    chunk = list(islice(source, self.batch_size))
                    if not chunk:
                        exhausted = True
                        break
                    job: _Job[T, R] = _Job(chunk, self._turns)
                    self._turns += 1
                    window.append(job)
                    self._submit(job)
                if not window:
                    return
                head = window.popleft()
                results = head.wait()
                if len(results) != len(head.items):
                    raise RuntimeError(
                        f"a batch of {len(head.items)} inputs gave {len(results)} answers"
                    )
                yield from results
        finally:
            self._stop()

    def _submit(self, job: _Job[T, R]) -> None:
        self._jobs.put(job)
        if len(self._workers) < self.pacing.ceiling:
            worker = threading.Thread(target=self._work, name="sccshell-fanout", daemon=True)
            self._workers.append(worker)
            worker.start()

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                self.pacing.acquire(job.turn)
            except Cancelled as stopped:
                job.finish(None, stopped)
                return
            try:
                results = self.call(job.items)
            except BaseException as error:  # handed to the consumer at this batch's place
                job.finish(None, error)
            else:
                job.finish(results, None)
            finally:
                self.pacing.release()

    def _stop(self) -> None:
        self.pacing.cancel()
        for _ in self._workers:
            self._jobs.put(None)


def batched_calls(
    client: RestClient,
    cmdlet: str,
    parameter_sets: Iterable[Mapping[str, Any] | None],
    *,
    result_size: Any = None,
    warning_action: str | None = None,
    pacing: Pacing | None = None,
) -> Iterator[BatchResult | None]:
    """CMDLET once per parameter set, ten to a $batch, fanned out; one answer per set, in order.

    A None set (an input no parameter takes) is not sent and answers None at its place.
    """
    pacing = pacing or Pacing(client.concurrency or DEFAULT_CONCURRENCY)
    request_id = str(uuid.uuid4())  # one pipelined invocation (§2.2)

    def call(sets: list[Mapping[str, Any] | None]) -> list[BatchResult | None]:
        given = [s for s in sets if s is not None]
        with client.paced(pacing):
            answers = iter(
                client.invoke_batch(
                    cmdlet,
                    given,
                    result_size=result_size,
                    warning_action=warning_action,
                    request_id=request_id,
                )
                if given
                else ()
            )
        return [next(answers) if s is not None else None for s in sets]

    yield from FanOut(call, pacing=pacing).run(parameter_sets)
