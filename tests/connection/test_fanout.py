"""The fan-out of pipelined calls against the sandbox: order, nothing lost, bounded, adaptive."""

from __future__ import annotations

import io
import random
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from test_client_helpers import SERVICE_HOSTS, make_client

from sccshell.connection.client import BatchResult
from sccshell.connection.fanout import Cancelled, FanOut, Pacing, batched_calls
from sccshell.sandbox.core import Sandbox, SandboxConfig

INPUTS = 200


class Watch:
    """WSGI middleware in front of the sandbox: random extra latency per request, requests
    in flight (now and at most), and a 500 for every $batch that names a poisoned input."""

    def __init__(self, app, jitter: float = 0.0, poison: str | None = None) -> None:
        self.app = app
        self.jitter = jitter
        self.poison = poison
        self.now = 0
        self.peak = 0
        self.started = 0
        self._random = random.Random(7)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            self.started += 1
            self.now += 1
            self.peak = max(self.peak, self.now)
            pause = self._random.uniform(0, self.jitter)
        try:
            time.sleep(pause)
            body = environ["wsgi.input"].read()
            environ["wsgi.input"] = io.BytesIO(body)
            if self.poison and "$batch" in environ["PATH_INFO"] and self.poison.encode() in body:
                start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
                return [b"poisoned batch"]
            return list(self.app(environ, start_response))  # the whole answer, while counted
        finally:
            with self._lock:
                self.now -= 1


class Burst:
    """WSGI middleware: the first SIZE $batch requests wait for one another, then reach the
    app together, so a limit below SIZE is met however slow the machine is."""

    def __init__(self, app, size: int) -> None:
        self.app = app
        self.size = size
        self.arrived = 0
        self._barrier = threading.Barrier(size)
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        if "$batch" in environ["PATH_INFO"]:
            with self._lock:
                self.arrived += 1
                first = self.arrived <= self.size
            if first:
                self._barrier.wait(timeout=60)  # broken (and the test fails) if never SIZE
        return self.app(environ, start_response)


@pytest.fixture(scope="module")
def tenant() -> tuple[Sandbox, list[str], list[list[tuple]]]:
    """A sandbox, INPUTS mailbox identities, and each one's permissions asked one at a time."""
    sandbox = Sandbox(SandboxConfig(mailboxes=INPUTS + 20))
    client, _, _ = make_client(sandbox)
    ids = [m["Identity"] for m in client.invoke("Get-Mailbox", {}, result_size="Unlimited")]
    ids = ids[:INPUTS]
    expected = [_keys(client.invoke("Get-MailboxPermission", {"Identity": i})) for i in ids]
    return sandbox, ids, expected


@pytest.fixture
def sandbox(tenant) -> Iterator[Sandbox]:
    sandbox = tenant[0]
    yield sandbox
    faults = sandbox.faults
    faults.latency, faults.max_concurrency, faults.rate_limit = 0.0, None, None
    faults.error_rate, faults.retry_after = 0.0, 1.0


def _keys(records) -> list[tuple]:
    return [(r["Identity"], r["User"], tuple(r["AccessRights"])) for r in records]


def _client(sandbox: Sandbox, watch: Watch | Burst | None = None, **options):
    app = watch or sandbox
    transport = httpx.WSGITransport(app=app)
    http = httpx.Client(mounts={f"https://{h}": transport for h in SERVICE_HOSTS})
    client, _, _ = make_client(sandbox, http=http, **options)
    return client


def _fan_out(client, ids, pacing: Pacing | None = None) -> list[BatchResult]:
    sets = ({"Identity": i} for i in ids)
    return list(batched_calls(client, "Get-MailboxPermission", sets, pacing=pacing))


def _assert_exact(results: list[BatchResult], expected: list[list[tuple]]) -> None:
    assert [r.error for r in results if r.error] == []
    # One answer per input, at its place: nothing lost, nothing twice, nothing moved.
    assert [_keys(r.objects) for r in results] == expected


# --- order, bounds, laziness ---------------------------------------------------------------


def test_answers_keep_the_input_order_under_random_latency(sandbox, tenant) -> None:
    _, ids, expected = tenant
    watch = Watch(sandbox, jitter=0.05)
    client = _client(sandbox, watch)
    pacing = Pacing(6)
    _assert_exact(_fan_out(client, ids, pacing), expected)
    assert watch.started == INPUTS // 10  # ten to a $batch, none sent twice
    assert watch.peak > 1  # batches really overlapped


@pytest.mark.parametrize("ceiling", [1, 3])
def test_batches_in_flight_never_exceed_the_ceiling(sandbox, tenant, ceiling) -> None:
    _, ids, expected = tenant
    watch = Watch(sandbox, jitter=0.02)
    client = _client(sandbox, watch)
    pacing = Pacing(ceiling)
    _assert_exact(_fan_out(client, ids[:100], pacing), expected[:100])
    assert watch.peak == ceiling  # reached, never passed, as the service saw it
    assert pacing.peak == ceiling


def test_the_client_setting_names_the_concurrency(sandbox, tenant) -> None:
    _, ids, expected = tenant
    watch = Watch(sandbox, jitter=0.02)
    client = _client(sandbox, watch, concurrency=2)
    _assert_exact(_fan_out(client, ids[:80]), expected[:80])
    assert watch.peak == 2


def test_input_is_pulled_only_a_few_batches_ahead(sandbox, tenant) -> None:
    _, ids, _ = tenant
    client = _client(sandbox)
    pulled = 0

    def source():
        nonlocal pulled
        for i in ids:
            pulled += 1
            yield {"Identity": i}

    answers = batched_calls(client, "Get-MailboxPermission", source(), pacing=Pacing(3))
    first = next(answers)
    assert first.objects
    assert pulled <= 2 * 3 * 10  # the reorder window: twice the ceiling, in batches
    answers.close()


def test_one_pipelined_invocation_shares_one_request_id(sandbox, tenant) -> None:
    _, ids, _ = tenant
    client = _client(sandbox)
    sandbox.log.clear()
    _fan_out(client, ids[:50])
    batches = sandbox.log.entries(path_contains="$batch")
    assert len(batches) == 5
    assert len({b.header("client-request-id") for b in batches}) == 1


# --- errors: every input gets its answer or its error ----------------------------------------


def test_an_input_whose_call_fails_gets_its_error_at_its_place(sandbox, tenant) -> None:
    _, ids, expected = tenant
    inputs = list(ids[:30])
    missing = {3: "nobody-3", 10: "nobody-10", 29: "nobody-29"}
    for place, name in missing.items():
        inputs[place] = name
    results = _fan_out(_client(sandbox), inputs)
    assert len(results) == 30
    for place, result in enumerate(results):
        if place in missing:
            assert result.error is not None and missing[place] in result.error.message
            assert result.objects == []
        else:
            assert result.error is None
            assert _keys(result.objects) == expected[place]


def test_a_batch_that_fails_whole_gives_each_member_the_error(sandbox, tenant) -> None:
    _, ids, expected = tenant
    watch = Watch(sandbox, poison=ids[14])
    results = _fan_out(_client(sandbox, watch), ids[:30])
    assert len(results) == 30
    assert all(r.error is not None and r.error.status == 500 for r in results[10:20])
    assert [_keys(r.objects) for r in results[:10]] == expected[:10]
    assert [_keys(r.objects) for r in results[20:]] == expected[20:30]


def test_an_exception_reaches_the_consumer_at_its_batch() -> None:
    def call(items: list[int]) -> list[int]:
        if 25 in items:
            raise LookupError("batch with 25")
        return [i * 2 for i in items]

    answers = FanOut(call, pacing=Pacing(4)).run(range(100))
    got = [next(answers) for _ in range(20)]
    assert got == [i * 2 for i in range(20)]
    with pytest.raises(LookupError, match="batch with 25"):
        next(answers)


# --- throttling and service faults ----------------------------------------------------------


def test_nothing_is_lost_in_a_429_storm_from_max_concurrency(sandbox, tenant) -> None:
    _, ids, expected = tenant
    sandbox.faults.latency = 0.02
    sandbox.faults.max_concurrency = 1
    sandbox.faults.retry_after = 0.1
    watch = Watch(sandbox, jitter=0.05)
    sandbox.log.clear()
    pacing = Pacing(8)
    _assert_exact(_fan_out(_client(sandbox, watch), ids, pacing), expected)
    statuses = [e.status for e in sandbox.log.entries(path_contains="$batch")]
    # Every refusal was seen and slowed the fan-out down. (How many calls overlap, and so
    # how many are refused, depends on how busy the machine is: the rate-limit test below
    # makes refusals certain.)
    assert statuses.count(429) == pacing.throttles
    assert pacing.decreases >= (1 if pacing.throttles else 0)
    assert statuses.count(200) == INPUTS // 10


def test_nothing_is_lost_under_a_rate_limit(sandbox, tenant) -> None:
    _, ids, expected = tenant
    sandbox.faults.latency = 0.01
    # Six a second, and the first eight batches arrive together: at least two are refused
    # whatever the machine's speed. A Retry-After as long as the service's one-second window:
    # after a refusal every request waits until the window is empty, and then fewer batches
    # are in flight than it admits, so no batch can be refused until its retries run out.
    sandbox.faults.rate_limit = 6
    sandbox.faults.retry_after = 1.0
    sandbox.log.clear()
    pacing = Pacing(8)
    burst = Burst(sandbox, 8)
    _assert_exact(_fan_out(_client(sandbox, burst), ids, pacing), expected)
    refused = [e.status for e in sandbox.log.entries()].count(429)
    assert refused == pacing.throttles >= 2  # every refusal was seen
    assert pacing.limit < 8  # and slowed the fan-out down
    statuses = [e.status for e in sandbox.log.entries(path_contains="$batch")]
    assert statuses.count(200) == INPUTS // 10  # no batch was sent again once answered


def test_nothing_is_lost_with_503s(sandbox, tenant) -> None:
    _, ids, expected = tenant
    sandbox.faults.error_rate = 0.35
    sandbox.log.clear()
    pacing = Pacing(6)
    _assert_exact(_fan_out(_client(sandbox), ids, pacing), expected)
    statuses = [e.status for e in sandbox.log.entries()]
    assert statuses.count(503) > 0
    assert pacing.throttles == 0 and pacing.limit == 6  # a 503 is not throttling


def test_the_rate_limit_budget_pauses_before_it_runs_out(tenant) -> None:
    _, ids, expected = tenant
    sandbox = Sandbox(SandboxConfig(mailboxes=INPUTS + 20))
    # A small budget per one-second window, as Rate-Limit-* headers report it.
    sandbox.faults.budget = 80
    sandbox.faults.budget_window = 1
    pacing = Pacing(6)
    _assert_exact(_fan_out(_client(sandbox), ids[:160], pacing), expected[:160])
    assert pacing.budget_pauses >= 1
    # It paused before the budget ran out: the service never had to refuse a call. (How
    # long it waited depends on where in the service's window it started.)
    assert 429 not in [e.status for e in sandbox.log.entries()]


# --- Ctrl-C ------------------------------------------------------------------------------------


class CountingPacing(Pacing):
    """Pacing that counts the requests let through, under its own lock: a cancel comes
    strictly before or after each of them."""

    def __init__(self, ceiling: int) -> None:
        super().__init__(ceiling)
        self.let_through = 0

    def hold(self) -> float:
        with self._cond:  # reentrant: hold() waits on the same condition
            sent = super().hold()
            self.let_through += 1
            return sent


def test_stopping_the_consumer_starts_no_new_batch(sandbox, tenant) -> None:
    _, ids, _ = tenant
    sandbox.faults.latency = 0.2
    watch = Watch(sandbox)
    client = _client(sandbox, watch)
    pacing = CountingPacing(6)
    answers = batched_calls(client, "Get-MailboxPermission", _sets(ids), pacing=pacing)
    with pytest.raises(KeyboardInterrupt):
        try:
            for _ in answers:
                raise KeyboardInterrupt  # as Ctrl-C arrives while the first answer is printed
        finally:
            answers.close()  # what the pipeline does with a remote command it leaves
    assert pacing.cancelled
    on_their_way = pacing.let_through  # past their last check when the fan-out stopped
    assert on_their_way <= 2 * 6 < INPUTS // 10  # at most the batches queued ahead
    deadline = time.monotonic() + 30
    while client.in_flight is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.in_flight is None  # the abandoned requests finished and were counted out
    # The service saw just the requests already on their way: nothing new after the stop.
    assert watch.started == pacing.let_through == on_their_way


def _sets(ids):
    return ({"Identity": i} for i in ids)


# --- pacing on its own ------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_429_halves_once_per_congestion_and_successes_raise_it_slowly() -> None:
    clock = FakeClock()
    pacing = Pacing(8, clock=clock)
    sent_before = clock()
    clock.now += 1
    pacing.throttled(2.0, sent_before)
    assert pacing.limit == 4 and pacing.paused_until == clock.now + 2
    pacing.throttled(2.0, sent_before)  # sent before the halving: no news
    assert pacing.limit == 4 and pacing.decreases == 1
    clock.now += 0.5
    pacing.throttled(1.0, clock())  # sent after it: halves again
    assert pacing.limit == 2 and pacing.decreases == 2
    pacing.active = 2  # the limit is in use
    for _ in range(2):
        pacing.succeeded()
    assert 2.5 < pacing.limit < 3.5  # about one step per full window
    pacing.active = 8
    for _ in range(200):
        pacing.succeeded()
    assert pacing.limit == 8  # never above the ceiling


def test_an_unused_limit_does_not_grow() -> None:
    pacing = Pacing(8)
    pacing.limit = 2.0
    pacing.active = 1
    for _ in range(20):
        pacing.succeeded()
    assert pacing.limit == 2.0


def test_the_budget_headers_slow_down_then_pause() -> None:
    clock = FakeClock()
    pacing = Pacing(6, clock=clock, wall=lambda: 1_000_000_000.0)
    pacing.observe({"Rate-Limit-Remaining": "29000", "Rate-Limit-Reset": "1000003600"})
    assert pacing.limit == 6 and pacing.paused_until == 0
    pacing.observe({"rate-limit-remaining": "25"})
    assert pacing.limit == 2
    pacing.observe(
        {"Rate-Limit-Remaining": "4", "Rate-Limit-Reset": "2001-09-09T01:47:10.5000000Z"}
    )
    assert pacing.limit == 1
    assert pacing.paused_until == pytest.approx(clock.now + 30.5)
    assert pacing.budget_pauses == 1
    pacing.observe({"Rate-Limit-Remaining": "soon"})  # not a number: ignored
    assert pacing.limit == 1


def test_a_pause_holds_requests_and_a_cancel_releases_them() -> None:
    pacing = Pacing(2)
    pacing.throttled(0.3, pacing.clock())
    started = time.monotonic()
    pacing.hold()
    assert time.monotonic() - started >= 0.25
    pacing.throttled(30.0, pacing.clock())
    threading.Timer(0.2, pacing.cancel).start()
    with pytest.raises(Cancelled):
        pacing.sleep(30.0)
    with pytest.raises(Cancelled):
        pacing.hold()


def test_a_batch_with_the_wrong_number_of_answers_is_an_error() -> None:
    answers = FanOut(lambda items: items[:-1], pacing=Pacing(2)).run(range(15))
    with pytest.raises(RuntimeError, match="10 inputs gave 9 answers"):
        list(answers)
