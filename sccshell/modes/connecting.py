"""Connecting a session at start-up: the built-in sandbox profile."""

from __future__ import annotations

from sccshell.connection.auth import sign_in_password
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment
from sccshell.session import Session


def connect_sandbox(session: Session, mailboxes: int = 500) -> None:
    """Sign in to the in-process sandbox tenant by password and connect Exchange and
    Compliance side by side, as the built-in `--sandbox` profile."""
    from sccshell.sandbox.inprocess import start

    tenant = start(mailboxes)
    http = build_http(mounts=tenant.mounts)
    session.http = http
    env = sandbox_environment()
    for service in ("exchange", "compliance"):
        source = sign_in_password(
            env.authority, env.resource(service), http, tenant.user, tenant.password
        )
        connection = open_connection(
            env, service, source, http, session.schema, organization="contoso.onmicrosoft.com"
        )
        session.registry.add(connection)
