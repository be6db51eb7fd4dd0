"""Completion: a pure function from (text, cursor) to typed suggestions, and its Completer."""

from __future__ import annotations

from typing import Any


def build_completer(session: Any, recent: Any = None) -> Any:
    """The prompt_toolkit Completer of the REPL for SESSION.

    RECENT remembers the properties of the objects each cmdlet last returned
    (see RecentProperties), for property-name completion.
    """
    from prompt_toolkit.completion import ThreadedCompleter

    from sccshell.repl_basic import SchemaCompleter

    return ThreadedCompleter(SchemaCompleter(session.schema))
