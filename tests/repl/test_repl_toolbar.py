"""The bottom toolbar: connections, token time left, a schema refresh under way, or a hint."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from sccshell.connection.registry import Connection, ConnectionRegistry
from sccshell.repl.toolbar import (
    NOT_CONNECTED_HINT,
    refreshing_services,
    time_left,
    toolbar_fragments,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


def _text(fragments) -> str:
    return "".join(text for _style, text in fragments)


def _registry(schema) -> ConnectionRegistry:
    registry = ConnectionRegistry()
    registry.add(
        Connection(
            "exchange",
            schema,
            user="admin@contoso.onmicrosoft.com",
            organization="contoso.onmicrosoft.com",
            token_expiry=lambda: NOW + timedelta(minutes=42, seconds=30),
        )
    )
    registry.add(
        Connection(
            "compliance",
            schema,
            prefix="SCC",
            app_id="3f2a1b",
            tenant_id="0000-tenant",
            token_expiry=lambda: NOW + timedelta(seconds=90),
        )
    )
    return registry


def test_each_connection_is_shown_with_its_token_time(schema) -> None:
    fragments = toolbar_fragments(_registry(schema), now=lambda: NOW, refreshing=set)
    assert _text(fragments) == (
        " Exchange contoso.onmicrosoft.com admin@contoso.onmicrosoft.com (token 42m)"
        "  |   [SCC] Compliance 0000-tenant app 3f2a1b (token 1m)"
    )
    # Under five minutes left is shown as a warning.
    styles = {text: style for style, text in fragments}
    assert styles[" (token 1m)"] == "class:toolbar.warning"
    assert styles[" (token 42m)"] == "class:toolbar"


def test_a_refresh_in_progress_is_shown(schema) -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait, name="sccshell-metadata-compliance")
    thread.start()
    try:
        # Other tests' real refreshes may run at the same time: only ours is checked.
        assert "compliance" in refreshing_services()
        text = _text(toolbar_fragments(_registry(schema), now=lambda: NOW))
        assert text.endswith("(token 1m) refreshing cmdlets…")
    finally:
        release.set()
        thread.join()


def test_nothing_connected_gives_the_hint() -> None:
    assert _text(toolbar_fragments([])) == " " + NOT_CONNECTED_HINT
    assert "Connect-ExchangeOnline" in NOT_CONNECTED_HINT


def test_time_left_reads_well() -> None:
    assert time_left(None, NOW) == ("", False)
    assert time_left(NOW + timedelta(hours=1, minutes=5), NOW) == ("token 1h05m", False)
    assert time_left(NOW + timedelta(seconds=30), NOW) == ("token 30s", True)
    assert time_left(NOW - timedelta(seconds=1), NOW) == ("token expired", True)


def test_a_failing_expiry_never_breaks_the_toolbar(schema) -> None:
    registry = ConnectionRegistry()

    def broken():
        raise RuntimeError("token cache unreadable")

    registry.add(Connection("exchange", schema, user="u@x", organization="x", token_expiry=broken))
    assert _text(toolbar_fragments(registry, refreshing=set)) == " Exchange x u@x"
