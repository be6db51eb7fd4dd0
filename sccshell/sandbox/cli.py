"""`sccshell-sandbox serve`: the sandbox tenant over TLS on loopback, for tests and trials."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.malformed import KINDS
from sccshell.sandbox.traffic import STATS_PATH


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sccshell-sandbox", description="The sccshell sandbox tenant."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser(
        "serve",
        help="serve the sandbox over TLS on loopback",
        description="Serve the sandbox tenant over TLS on loopback. Prints one JSON line "
        "with its URLs, CA file and sign-in details, then serves until killed. "
        f"GET <login>{STATS_PATH} (the login host only) answers what the sandbox has seen "
        "since it started: service requests in flight now and at most ('service': all "
        "requests to the Exchange and compliance hosts, 'batch': the $batch requests among "
        "them), how many were answered, and how many calls the --budget refused; "
        f"POST <login>{STATS_PATH}/reset starts counting afresh.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument(
        "--port",
        type=int,
        default=0,
        help="first port: login, Exchange, compliance, regional compliance and managed "
        "identity listen on PORT..PORT+4 (default: any free ports)",
    )
    serve.add_argument("--mailboxes", type=int, default=500, metavar="N")
    serve.add_argument("--state-dir", type=Path, metavar="DIR", help="keep the tenant in DIR")
    serve.add_argument(
        "--auto-approve",
        action="store_true",
        help="device code and browser sign-ins approve themselves for the admin",
    )
    serve.add_argument("--seed", type=int, default=0, help="seed of the tenant's data")
    faults = serve.add_argument_group("faults")
    faults.add_argument("--latency", type=float, default=0.0, metavar="SECONDS")
    faults.add_argument("--max-concurrency", type=int, metavar="N", help="429 above N in flight")
    faults.add_argument(
        "--rate-limit", type=float, metavar="PER_SECOND", help="429 above this rate"
    )
    faults.add_argument("--retry-after", type=float, default=1.0, metavar="SECONDS")
    faults.add_argument("--error-rate", type=float, default=0.0, metavar="P", help="share of 503s")
    faults.add_argument("--token-lifetime", type=int, metavar="SECONDS")
    faults.add_argument(
        "--reset-rate", type=float, default=0.0, metavar="P", help="share of pages cut mid-body"
    )
    faults.add_argument(
        "--budget",
        type=_positive_int,
        metavar="N",
        help="each caller's Rate-Limit-Limit: N cmdlet calls per window (each $batch member "
        "counts); past it, 429 with Retry-After until Rate-Limit-Reset (default: 30000)",
    )
    faults.add_argument(
        "--budget-window",
        type=_positive_float,
        metavar="SECONDS",
        help="the length of the budget's window (default: 3600, on the clock's hour)",
    )
    faults.add_argument(
        "--malformed",
        choices=KINDS,
        help="spoil InvokeCommand pages: not-json (a text), truncated (half the page), nul "
        "(NUL bytes), wrong-type ('value' a string, not a list)",
    )
    faults.add_argument(
        "--malformed-rate",
        type=float,
        metavar="P",
        help="share of InvokeCommand pages --malformed spoils (default: 1)",
    )
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def describe(sandbox: Any, ca_file: Path) -> dict[str, Any]:
    """What a client needs to reach and sign in to the served sandbox."""
    from sccshell.sandbox.core import IDENTITY_HOST

    directory = sandbox.directory
    info: dict[str, Any] = {
        "login": sandbox.url_for(hosts.LOGIN),
        "exchange": sandbox.url_for(hosts.EXCHANGE),
        "compliance": sandbox.url_for(hosts.COMPLIANCE),
        "compliance_region": sandbox.url_for(hosts.COMPLIANCE_REGION),
        "identity_endpoint": sandbox.url_for(IDENTITY_HOST) + "/msi/token",
        "exchange_resource": hosts.EXCHANGE_RESOURCE,
        "compliance_resource": hosts.COMPLIANCE_RESOURCE,
        "ca_file": str(ca_file),
        "tenant": hosts.TENANT_DOMAIN,
        "tenant_id": hosts.TENANT_ID,
        "admin_user": directory.admin_upn,
        "admin_password": directory.admin_password,
    }
    info.update(directory.served_details())
    return info


def serve(args: argparse.Namespace) -> int:
    from sccshell.sandbox.core import Sandbox, SandboxConfig
    from sccshell.sandbox.faults import Faults
    from sccshell.sandbox.server import SandboxServer
    from sccshell.sandbox.tls import create_tls_files

    with tempfile.TemporaryDirectory(prefix="sccshell-sandbox-") as scratch:
        base = args.state_dir or Path(scratch)
        faults = Faults(
            latency=args.latency,
            max_concurrency=args.max_concurrency,
            rate_limit=args.rate_limit,
            retry_after=args.retry_after,
            error_rate=args.error_rate,
            token_lifetime=args.token_lifetime,
            reset_rate=args.reset_rate,
            budget=args.budget,
            budget_window=args.budget_window,
            malformed=args.malformed,
            malformed_rate=_malformed_rate(args),
            seed=args.seed,
        )
        config = SandboxConfig(
            mailboxes=args.mailboxes,
            auto_approve=args.auto_approve,
            state_dir=args.state_dir,
            faults=faults,
            seed=args.seed,
        )
        sandbox = Sandbox(config)
        tls = create_tls_files(base / "tls", () if args.host == "127.0.0.1" else (args.host,))
        server = SandboxServer(sandbox, tls, host=args.host, port=args.port)
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        with server:
            print(json.dumps(describe(sandbox, tls.ca_file)), flush=True)
            stop.wait()
        sandbox.save()
    return 0


def _malformed_rate(args: argparse.Namespace) -> float:
    if args.malformed_rate is not None:
        return args.malformed_rate
    return 1.0 if args.malformed else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return serve(args)
    except OSError as exc:
        print(f"sccshell-sandbox: error: {exc}", file=sys.stderr)
        return 3
