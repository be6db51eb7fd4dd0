"""The fan-out at scale: flat memory over a long stream, speed against one call at a time,
a real Ctrl-C, and a throttled sandbox served over TLS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest
from sandbox.conftest import Served  # tests/sandbox: the `serve` fixture's process wrapper
from test_client_helpers import make_client

from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.connection.fanout import Pacing, batched_calls
from sccshell.sandbox.core import Sandbox, SandboxConfig

# A stream of N inputs through the real client and fan-out, against a small WSGI service
# that answers every $batch member with one 2 KB object; prints the peak RSS in KB.
MEMORY_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    import httpx
    from sccshell.connection.client import RestClient
    from sccshell.connection.fanout import batched_calls

    def service(environ, start_response):
        body = json.loads(environ["wsgi.input"].read())
        answers = [
            {
                "id": m["id"],
                "status": 200,
                "headers": {"Rate-Limit-Remaining": "29000"},
                "body": {
                    "value": [
                        {
                            "Identity": m["body"]["CmdletInput"]["Parameters"]["Identity"],
                            "Blob": "x" * 2048,
                        }
                    ]
                },
            }
            for m in body["requests"]
        ]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"responses": answers}).encode()]

    http = httpx.Client(mounts={"https://svc.test": httpx.WSGITransport(app=service)})
    client = RestClient(
        http, base_url="https://svc.test", tenant="t", token=lambda force, claims: "token",
        allow=lambda url: True, anchor="UPN:a@b", connection_id="c", module_version="3.10.1",
    )
    count = int(sys.argv[1])
    stream = ({"Identity": f"user{i}", "Notes": f"{i:08}" + "n" * 1024} for i in range(count))
    seen = 0
    for n, result in enumerate(batched_calls(client, "Get-Thing", stream)):
        assert result.error is None and result.objects[0]["Identity"] == f"user{n}"
        seen += 1
    assert seen == count
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def _peak_rss_kb(count: int) -> int:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(count)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_memory_stays_flat_over_a_long_input_stream() -> None:
    small = _peak_rss_kb(2_000)
    large = _peak_rss_kb(20_000)
    # Holding the 18,000 extra inputs or answers would cost well over 50 MB.
    assert large - small < 8 * 1024, (small, large)


def test_fan_out_beats_one_call_at_a_time_by_far() -> None:
    sandbox = Sandbox(SandboxConfig(mailboxes=520))
    client, _, _ = make_client(sandbox)
    ids = [m["Identity"] for m in client.invoke("Get-Mailbox", {}, result_size="Unlimited")]
    ids = ids[:500]
    sandbox.faults.latency = 0.2
    started = time.monotonic()
    for identity in ids[:3]:
        list(client.invoke("Get-MailboxPermission", {"Identity": identity}))
    one_at_a_time = (time.monotonic() - started) / 3 * len(ids)
    started = time.monotonic()
    results = list(batched_calls(client, "Get-MailboxPermission", ({"Identity": i} for i in ids)))
    fanned = time.monotonic() - started
    assert len(results) == 500 and all(r.error is None and r.objects for r in results)
    assert one_at_a_time / fanned >= 8, (one_at_a_time, fanned)


# Ctrl-C while the consumer waits for a batch: prints when it was seen and what followed.
INTERRUPT_SCRIPT = textwrap.dedent(
    """
    import json, os, signal, sys, threading, time
    sys.path.insert(0, sys.argv[1])
    from test_client_helpers import make_client
    from sccshell.connection.fanout import batched_calls
    from sccshell.sandbox.core import Sandbox, SandboxConfig

    sandbox = Sandbox(SandboxConfig(mailboxes=120))
    client, _, _ = make_client(sandbox)
    ids = [m["Identity"] for m in client.invoke("Get-Mailbox", {}, result_size=100)]
    sandbox.faults.latency = 1.5
    sandbox.log.clear()
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
    sent = time.monotonic()
    got = 0
    try:
        for _ in batched_calls(client, "Get-MailboxPermission", ({"Identity": i} for i in ids)):
            got += 1
    except KeyboardInterrupt:
        seen = time.monotonic() - sent
        on_the_wire = client.in_flight
        print(json.dumps({"seen": seen, "got": got, "on_the_wire": on_the_wire}))
        sys.stdout.flush()
    """
)


def test_ctrl_c_stops_at_once_and_the_process_exits_without_waiting() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPT_SCRIPT, here],
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["got"] == 0  # every batch was still on the wire
    assert report["seen"] < 1.2  # seen before the 1.5 s answers came back
    assert report["on_the_wire"] == "Get-MailboxPermission"  # for the REPL's warning
    # Abandoned requests do not hold the process: it ends before they would have answered.
    assert took < 20


@pytest.fixture(scope="module")
def served():
    # Five calls a second and six batches at once: some are refused. A Retry-After as long as
    # the one-second window empties it before anyone sends again, so a refused batch is not
    # refused over and over until its retries run out, however the threads are scheduled.
    server = Served(
        [
            "--mailboxes",
            "100",
            "--latency",
            "0.05",
            "--rate-limit",
            "5",
            "--retry-after",
            "1",
            "--error-rate",
            "0.05",
        ],
        env=dict(os.environ),
    )
    yield server.info
    server.stop()


def test_over_tls_with_latency_and_a_rate_limit(served, schema) -> None:
    env = sandbox_environment(served)
    with build_http(ca_bundle=served["ca_file"]) as http:
        user = served["admin_user"]
        source = sign_in_password(
            env.authority, env.resource("exchange"), http, user, served["admin_password"]
        )
        connection = open_connection(
            env, "exchange", source, http, schema, use_cache=False, retry_base=0.05
        )
        client = connection.client
        ids = [m["Identity"] for m in client.invoke("Get-Mailbox", {}, result_size=100)]
        pacing = Pacing(6)
        results = list(
            batched_calls(
                client, "Get-MailboxPermission", ({"Identity": i} for i in ids), pacing=pacing
            )
        )
    assert [r.error for r in results if r.error] == []
    assert len(results) == len(ids) == 100
    # In order: each answer is about the mailbox that was asked about, at its place.
    for identity, result in zip(ids, results, strict=True):
        assert result.objects
        assert {str(o["Identity"]).lower() for o in result.objects} == {identity.lower()}
    assert pacing.throttles > 0  # the limit was met, and nothing was lost to it
