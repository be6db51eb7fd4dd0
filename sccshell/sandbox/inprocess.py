"""The sandbox tenant mounted in-process on an httpx client: what `--sandbox` uses.

This is the one place outside the sandbox's own tests where sccshell reaches the
sandbox: it only provides transports and sign-in details; the connection code that
uses them is the same that talks to Microsoft 365.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from sccshell.sandbox import hosts
from sccshell.sandbox.core import IDENTITY_HOST, Sandbox, SandboxConfig


@dataclass(frozen=True)
class InProcessSandbox:
    sandbox: Sandbox
    mounts: dict[str, httpx.BaseTransport]
    user: str
    password: str


def start(mailboxes: int = 500) -> InProcessSandbox:
    """A fresh sandbox tenant and the transports that reach it without a socket."""
    sandbox = Sandbox(SandboxConfig(mailboxes=mailboxes, auto_approve=True))
    transport = httpx.WSGITransport(app=sandbox)
    mounts: dict[str, httpx.BaseTransport] = {f"https://{h}": transport for h in hosts.VHOSTS}
    mounts[f"http://{IDENTITY_HOST}"] = transport
    directory = sandbox.directory
    return InProcessSandbox(sandbox, mounts, directory.admin_upn, directory.admin_password)
