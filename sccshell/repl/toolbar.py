"""The bottom toolbar: each connection, its token's time left, and a schema refresh under way."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any

from prompt_toolkit.formatted_text import StyleAndTextTuples

NOT_CONNECTED_HINT = (
    "not connected: Connect-ExchangeOnline or Connect-IPPSSession to sign in, "
    "or start with --profile NAME or --sandbox"
)
# The thread name MetadataRefresher.start() gives its background fetch.
REFRESH_THREAD_PREFIX = "sccshell-metadata-"
WARN_BELOW = 300  # seconds of token life left from which the timer is shown as a warning


def time_left(expiry: datetime | None, now: datetime) -> tuple[str, bool]:
    """('token 42m', warn?) for a token expiring at EXPIRY; warn when close or expired."""
    if expiry is None:
        return "", False
    seconds = int((expiry - now).total_seconds())
    if seconds <= 0:
        return "token expired", True
    if seconds >= 3600:
        text = f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    elif seconds >= 60:
        text = f"{seconds // 60}m"
    else:
        text = f"{seconds}s"
    return f"token {text}", seconds < WARN_BELOW


def refreshing_services() -> set[str]:
    """The services whose cmdlet list is being fetched in the background right now."""
    return {
        thread.name[len(REFRESH_THREAD_PREFIX) :]
        for thread in threading.enumerate()
        if thread.name.startswith(REFRESH_THREAD_PREFIX) and thread.is_alive()
    }


def connection_label(connection: Any) -> str:
    service = "Exchange" if connection.service == "exchange" else "Compliance"
    prefix = f"[{connection.prefix}] " if connection.prefix else ""
    tenant = connection.organization or connection.tenant_id
    who = connection.user or f"app {connection.app_id}"
    return f"{prefix}{service} {tenant} {who}"


def toolbar_fragments(
    connections: Iterable[Any],
    *,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    refreshing: Callable[[], set[str]] = refreshing_services,
) -> StyleAndTextTuples:
    connections = list(connections)
    if not connections:
        return [("class:toolbar", " " + NOT_CONNECTED_HINT)]
    fragments: StyleAndTextTuples = []
    busy = refreshing()
    moment = now()
    for index, connection in enumerate(connections):
        if index:
            fragments.append(("class:toolbar", "  |  "))
        fragments.append(("class:toolbar", " " + connection_label(connection)))
        try:
            expiry = connection.token_expiry()
        except Exception:  # noqa: BLE001 - a toolbar must never break the prompt
            expiry = None
        text, warn = time_left(expiry, moment)
        if text:
            fragments.append(("class:toolbar.warning" if warn else "class:toolbar", f" ({text})"))
        if connection.service in busy:
            fragments.append(("class:toolbar.warning", " refreshing cmdlets…"))
    return fragments
