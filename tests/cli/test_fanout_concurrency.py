"""How many $batch requests a fan-out keeps in flight: config.yaml's fanout.concurrency, a
profile connection's `concurrency:`, and what the service sees when a pipeline fans out."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox.conftest import Served  # tests/sandbox: a `sccshell-sandbox serve` process

from sccshell.cli import build_parser, run
from sccshell.config import ConfigError, default_text, defaults, merge_text
from sccshell.connection.fanout import DEFAULT_CONCURRENCY
from sccshell.environment import Environment
from sccshell.modes.command import connect_as_asked, open_session
from sccshell.status import ExitStatus

PASSWORD = "Sandbox-Admin-1!"
CREDENTIAL = (
    f'$p = ConvertTo-SecureString "{PASSWORD}" -AsPlainText -Force; '
    '$c = New-Object System.Management.Automation.PSCredential("admin@contoso.onmicrosoft.com", $p); '
)
# Every mailbox's permissions: 100 inputs, ten $batch requests of ten.
FAN_OUT = "Get-Mailbox -ResultSize 100 | Get-MailboxPermission"


def _profiles(exchange: str = "", compliance: str = "") -> str:
    return (
        "version: 1\n"
        "profiles:\n"
        "  lab:\n"
        "    environment: Sandbox\n"
        "    organization: contoso.onmicrosoft.com\n"
        "    auth:\n"
        "      method: password\n"
        "      user: admin@contoso.onmicrosoft.com\n"
        "      password_env: LAB_PASSWORD\n"
        "    connections:\n"
        f"      - service: exchange\n{exchange}"
        f"      - service: compliance\n        prefix: SCC\n{compliance}"
    )


def _folder(tmp_path: Path, profiles: str | None = None, config: str | None = None) -> Path:
    """$XDG_CONFIG_HOME/sccshell under TMP_PATH, with these profiles.yaml and config.yaml."""
    folder = tmp_path / "sccshell"
    folder.mkdir(parents=True, exist_ok=True)
    if profiles is not None:
        (folder / "profiles.yaml").write_text(profiles, encoding="utf-8")
    if config is not None:
        (folder / "config.yaml").write_text(config, encoding="utf-8")
    return folder


def _environ(folder: Path, served: dict[str, Any] | None = None) -> dict[str, str]:
    environ = {
        "XDG_CONFIG_HOME": str(folder.parent),
        "SCCSHELL_CACHE_DIR": str(folder.parent / "cache"),
        "LAB_PASSWORD": PASSWORD,
    }
    if served is not None:
        environ["SCCSHELL_SANDBOX"] = served["file"]
    return environ


def _env(environ: dict[str, str]) -> Environment:
    return Environment(
        stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ=environ
    )


def _session(argv: list[str], environ: dict[str, str]) -> Any:
    """A session connected as `sccshell ARGV -c ...` connects it, before the command runs."""
    args = build_parser().parse_args(argv)
    env = _env(environ)
    session = open_session(args, env)
    connect_as_asked(session, args, env)
    return session


class BatchesInFlight:
    """Counts $batch requests between their sending and their answer, on the real client."""

    def __init__(self, http: httpx.Client) -> None:
        self.now = 0
        self.peak = 0
        self.sent = 0
        self._lock = threading.Lock()
        http.event_hooks["request"].append(self._request)
        http.event_hooks["response"].append(self._response)

    @staticmethod
    def _is_batch(request: httpx.Request) -> bool:
        return request.url.path.endswith("/$batch")

    def _request(self, request: httpx.Request) -> None:
        if self._is_batch(request):
            with self._lock:
                self.now += 1
                self.sent += 1
                self.peak = max(self.peak, self.now)

    def _response(self, response: httpx.Response) -> None:
        if self._is_batch(response.request):
            with self._lock:
                self.now -= 1


def _identities_in_order(objects: list[Any]) -> list[str]:
    seen: list[str] = []
    for item in objects:
        identity = str(item["Identity"])
        if identity not in seen:
            seen.append(identity)
    return seen


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A sandbox over TLS whose every answer takes 100 ms: batches overlap on the wire."""
    import json
    import os

    server = Served(["--latency", "0.1", "--mailboxes", "120"], env=dict(os.environ))
    path = tmp_path_factory.mktemp("served") / "sandbox.json"
    path.write_text(json.dumps(server.info), encoding="utf-8")
    yield {**server.info, "file": str(path)}
    server.stop()


# --- config.yaml ------------------------------------------------------------------------


def test_the_packaged_config_holds_the_fanout_default_with_its_comment() -> None:
    assert defaults()["fanout"] == {"concurrency": DEFAULT_CONCURRENCY}
    text = default_text()
    section = text[text.index("\nfanout:") :]
    assert "from 1 to 32" in section and "`concurrency:`" in section


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "fanout:\n  concurrency: 40\n",
            "c.yaml:2:16: 'fanout.concurrency' must be from 1 to 32, not 40",
        ),
        (
            "fanout:\n  concurrency: 0\n",
            "c.yaml:2:16: 'fanout.concurrency' must be from 1 to 32, not 0",
        ),
        (
            "fanout:\n  concurrency: two\n",
            "c.yaml:2:16: 'fanout.concurrency' must be a whole number",
        ),
        (
            "fanout:\n  concurrency: yes\n",
            "c.yaml:2:16: 'fanout.concurrency' must be a whole number",
        ),
        (
            "fanout:\n  concurency: 3\n",
            "c.yaml:2:3: unknown setting 'fanout.concurency'; did you mean 'fanout.concurrency'?",
        ),
        ("fanout: 3\n", "c.yaml:1:9: 'fanout' must be a mapping"),
    ],
)
def test_a_config_mistake_is_placed(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        merge_text(defaults(), text, "c.yaml")
    assert [str(p) for p in caught.value.problems] == [expected]


def test_sandbox_and_typed_connects_use_the_configs_value(tmp_path: Path) -> None:
    folder = _folder(tmp_path, config="# tuned for a busy tenant\nfanout:\n  concurrency: 3\n")
    session = _session(["--sandbox", "-c", "Get-Date"], _environ(folder))
    try:
        session.evaluator.run(
            CREDENTIAL
            + "Connect-ExchangeOnline -Credential $c -Prefix T -ShowBanner:$false; "
            + "Connect-IPPSSession -Credential $c -Prefix S -ShowBanner:$false"
        )
        connections = list(session.registry)
        assert [(c.service, c.prefix) for c in connections] == [
            ("exchange", ""),
            ("compliance", ""),
            ("exchange", "T"),
            ("compliance", "S"),
        ]
        assert [c.client.concurrency for c in connections] == [3, 3, 3, 3]
        assert session.env.stderr.getvalue() == ""
    finally:
        session.close()


def test_a_bad_config_value_is_reported_with_its_place_and_the_default_used(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path, config="edit_mode: vi\nfanout:\n  concurrency: 64\n")
    session = _session(["--sandbox", "-c", "Get-Date"], _environ(folder))
    try:
        assert [c.client.concurrency for c in session.registry] == [DEFAULT_CONCURRENCY] * 2
        lines = session.env.stderr.getvalue().splitlines()
    finally:
        session.close()
    assert lines == [
        f"sccshell: warning: {folder / 'config.yaml'}:3:16: "
        "'fanout.concurrency' must be from 1 to 32, not 64",
        f"sccshell: warning: fan-out keeps the default of {DEFAULT_CONCURRENCY} "
        "$batch requests in flight",
    ]
    # The one-off command still runs, on the default.
    env = _env(_environ(folder))
    assert run(["--sandbox", "-c", "(Get-Mailbox -ResultSize 12 | Get-User).Count"], env) == 0
    assert env.stdout.getvalue().strip() == "12"
    assert "3:16: 'fanout.concurrency'" in env.stderr.getvalue()


# --- profiles ---------------------------------------------------------------------------


def test_a_profile_connection_overrides_the_config(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        profiles=_profiles(exchange="        concurrency: 2\n"),
        config="fanout:\n  concurrency: 5\n",
    )
    session = _session(["--profile", "lab", "-c", "Get-Date"], _environ(folder))
    try:
        assert [(c.service, c.client.concurrency) for c in session.registry] == [
            ("exchange", 2),
            ("compliance", 5),
        ]
    finally:
        session.close()


def test_a_profile_with_concurrency_2_never_has_more_than_2_batches_on_the_wire(
    tmp_path: Path, served: dict[str, Any]
) -> None:
    folder = _folder(tmp_path / "two", profiles=_profiles(exchange="        concurrency: 2\n"))
    session = _session(["--profile", "lab", "-c", FAN_OUT], _environ(folder, served))
    try:
        assert [c.client.concurrency for c in session.registry] == [2, DEFAULT_CONCURRENCY]
        batches = BatchesInFlight(session.http)
        objects = session.evaluator.run(FAN_OUT)
        mailboxes = [
            str(m["Identity"]) for m in session.evaluator.run("Get-Mailbox -ResultSize 100")
        ]
    finally:
        session.close()
    assert _identities_in_order(objects) == mailboxes  # every input answered, in order
    assert batches.sent == 10
    assert batches.peak == 2


def test_the_same_pipeline_on_the_default_has_more_on_the_wire(
    tmp_path: Path, served: dict[str, Any]
) -> None:
    # The counter above can see more than two: without the profile's key, the default holds.
    folder = _folder(tmp_path / "default", profiles=_profiles())
    session = _session(["--profile", "lab", "-c", FAN_OUT], _environ(folder, served))
    try:
        batches = BatchesInFlight(session.http)
        objects = session.evaluator.run(FAN_OUT)
    finally:
        session.close()
    assert len(_identities_in_order(objects)) == 100
    assert batches.sent == 10
    assert 2 < batches.peak <= DEFAULT_CONCURRENCY


def test_the_command_line_runs_the_fan_out_on_a_profile_with_concurrency_2(
    tmp_path: Path, served: dict[str, Any]
) -> None:
    folder = _folder(tmp_path, profiles=_profiles(exchange="        concurrency: 2\n"))
    env = _env(_environ(folder, served))
    command = f"({FAN_OUT} | Group-Object Identity).Count"
    assert run(["--profile", "lab", "-c", command], env) == ExitStatus.SUCCESS, (
        env.stderr.getvalue()
    )
    assert env.stdout.getvalue().strip() == "100"


def test_a_bad_profile_value_stops_before_connecting_with_its_place(tmp_path: Path) -> None:
    folder = _folder(tmp_path, profiles=_profiles(exchange="        concurrency: 100\n"))
    env = _env(_environ(folder))
    status = run(["--profile", "lab", "-c", "Get-Date"], env)
    assert status == ExitStatus.USAGE
    assert (
        f"{folder / 'profiles.yaml'}:12:22: error: concurrency must be from 1 to 32 "
        "$batch requests in flight, not 100"
    ) in env.stderr.getvalue()
