"""Running the administrator scripts of tests/e2e/scripts, and an independent view of the tenant."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sccshell.cli import run
from sccshell.environment import Environment
from sccshell.sandbox.clock import Clock
from sccshell.sandbox.tenant import InvocationContext, Tenant

SCRIPTS = Path(__file__).parent / "scripts"
ADMIN = "admin@contoso.onmicrosoft.com"


@dataclass
class Outcome:
    status: int
    out: Any  # stdout parsed as JSON (the script ran with -o json)
    err: str
    folder: Path

    def csv(self, name: str) -> list[dict[str, str]]:
        with open(self.folder / name, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    def json(self, name: str) -> Any:
        return json.loads((self.folder / name).read_text(encoding="utf-8-sig"))


def run_script(
    name: str,
    folder: Path,
    *args: str,
    argv: tuple[str, ...] = ("--sandbox",),
    output: str | None = "json",
    environ: dict[str, str] | None = None,
) -> Outcome:
    """Run SCRIPTS/NAME.scc (with -o json unless OUTPUT is None: then `out` is the text)."""
    env = Environment(
        stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ=environ or {}
    )
    formats = ["-o", output] if output else []
    status = run([*argv, *formats, str(SCRIPTS / f"{name}.scc"), *args], env)
    text = env.stdout.getvalue()
    out: Any = text
    if output == "json":
        out = json.loads(text) if text.strip() else []
    return Outcome(int(status), out, env.stderr.getvalue(), folder)


class Oracle:
    """The seeded tenant read through the sandbox's own API, not through sccshell."""

    def __init__(self) -> None:
        self.tenant = Tenant.seeded(Clock(), mailboxes=500, seed=0)

    def get(self, cmdlet: str, service: str = "exchange", **params: Any) -> list[dict[str, Any]]:
        ctx = InvocationContext(service=service, caller=ADMIN, caller_id="oracle")
        return list(self.tenant.invoke(cmdlet, params, ctx).objects)

    def mailboxes(self, kind: str | None = None) -> list[dict[str, Any]]:
        found = self.get("Get-Mailbox", ResultSize="Unlimited")
        return [m for m in found if kind is None or m["RecipientTypeDetails"] == kind]
