"""TLS failures name the host and say what is wrong with its certificate; nothing turns
verification off."""

from __future__ import annotations

import datetime as dt
import ssl
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from .conftest import Sandbox, assert_one_clear_line, run_shell, shell_env, start_sandbox
from .hostile import TlsServer, description_with, reply, server_context


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    served = start_sandbox(tmp_path_factory.mktemp("tls"), "--mailboxes", "30")
    yield served
    served.stop()


def _self_signed() -> ssl.SSLContext:
    # A certificate that is its own issuer: trustme's CA certificate served as is.
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as folder:
        pem = Path(folder) / "self.pem"
        pem.write_bytes(ca.private_key_pem.bytes() + ca.cert_pem.bytes())
        context.load_cert_chain(str(pem))
    return context


TRUSTED = trustme.CA()
PAST = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
CASES = {
    "self-signed": (lambda: _self_signed(), "is not trusted (self-signed certificate)"),
    "unknown CA": (
        lambda: server_context(trustme.CA()),
        "is not trusted (unable to get local issuer certificate)",
    ),
    "expired": (
        lambda: server_context(TRUSTED, not_before=PAST, not_after=PAST + dt.timedelta(days=30)),
        "has expired",
    ),
    "wrong name": (
        lambda: server_context(TRUSTED, "elsewhere.example"),
        "does not match the host name",
    ),
}


def _never(handler) -> None:
    reply(handler, 500, {}, b"the handshake should have failed")


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_sign_in_certificate_is_a_clear_sign_in_failure(
    sandbox, home, tmp_path: Path, case: str
) -> None:
    context, says = CASES[case]
    with TlsServer(context(), _never) as server:
        url = f"https://localhost:{server.port}"
        description = description_with(tmp_path, sandbox.info, TRUSTED, login=url)
        env = shell_env(None, home, SCCSHELL_SANDBOX=str(description))
        done = run_shell("--sandbox", "-c", "Get-Mailbox", env=env, timeout=60)
    assert server.seen.requests == []
    assert done.returncode == 3
    line = assert_one_clear_line(done.stderr)
    assert f"The certificate of localhost:{server.port} {says}" in line, line


def test_a_bad_service_certificate_stops_the_connection(sandbox, home, tmp_path: Path) -> None:
    with TlsServer(server_context(TRUSTED, "elsewhere.example"), _never) as server:
        url = f"https://localhost:{server.port}"
        description = description_with(tmp_path, sandbox.info, TRUSTED, exchange=url)
        env = shell_env(None, home, SCCSHELL_SANDBOX=str(description))
        done = run_shell("--sandbox", "-c", "Get-Mailbox", env=env, timeout=60)
    assert server.seen.requests == []
    assert done.returncode == 3  # a connection failure (the contract's exit 3)
    line = assert_one_clear_line(done.stderr)
    assert f"The certificate of localhost:{server.port} does not match the host name" in line


def test_nothing_turns_certificate_verification_off(home, tmp_path: Path) -> None:
    done = run_shell("--help", env=shell_env(None, home))
    assert done.returncode == 0
    for word in ("insecure", "no-verify", "verify", "skip-cert", "ssl"):
        assert word not in done.stdout.lower()
    for key in ("verify: false", "insecure: true", "skip_certificate_check: true"):
        profiles = tmp_path / f"p{abs(hash(key))}.yaml"
        profiles.write_text(
            "version: 1\nprofiles:\n  p:\n    environment: O365Default\n"
            f"    organization: contoso.onmicrosoft.com\n    {key}\n"
            "    auth:\n      method: device\n    connections:\n      - service: exchange\n"
        )
        done = run_shell(
            "--list-profiles", "--profile-file", str(profiles), env=shell_env(None, home)
        )
        assert done.returncode == 2, (key, done.stdout, done.stderr)
        assert key.split(":")[0] in done.stderr
