"""Completion: a pure function from (text, cursor) to typed suggestions, and its Completer.

    context.analyze(text, cursor)        what is being completed (pure)
    engine.complete(text, cursor, model) the suggestions, best first
    model.CompletionModel                the snapshot the matchers draw on
    completer.ModelCompleter             the prompt_toolkit adapter

`build_completer(session)` wires them to a live session and keeps the model fresh.
"""

from __future__ import annotations

from typing import Any

from sccshell.repl.completion.session_completer import SessionCompleter


def build_completer(session: Any, recent: Any = None, *, fuzzy: bool = True) -> SessionCompleter:
    """The prompt_toolkit Completer of the REPL for SESSION.

    RECENT remembers the properties of the objects each cmdlet last returned
    (see RecentProperties), for property-name completion. The returned completer runs
    in a thread (ThreadedCompleter), refreshes its model in a daemon thread when the
    connections change, and has `refresh()`, `usage` and `recent` for the REPL.
    FUZZY false offers only names that start with what was typed.
    """
    completer = SessionCompleter(session, recent, fuzzy=fuzzy)
    completer.start()
    return completer
