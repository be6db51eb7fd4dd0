"""The REPL's completer for a live session: threaded, with a model a daemon keeps fresh."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from prompt_toolkit.completion import ThreadedCompleter

from sccshell.repl.completion.completer import ModelCompleter
from sccshell.repl.completion.live import LiveObjects
from sccshell.repl.completion.model import CompletionModel, RecentProperties, Usage, build_model

POLL_SECONDS = 0.5  # how often the refresher looks for connections coming and going


class SessionCompleter(ThreadedCompleter):
    """ThreadedCompleter over a ModelCompleter built from SESSION."""

    def __init__(
        self,
        session: Any,
        recent: Any = None,
        *,
        poll: float = POLL_SECONDS,
        fuzzy: bool = True,
    ) -> None:
        self.session = session
        self.fuzzy = fuzzy
        self.recent = recent if recent is not None else RecentProperties()
        self.usage = Usage()
        self.live = LiveObjects()
        self.poll = poll
        self._signature: tuple = ()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        super().__init__(ModelCompleter(self._build()))

    @property
    def model(self) -> CompletionModel:
        return self.completer.model  # type: ignore[attr-defined, no-any-return]

    @model.setter
    def model(self, model: CompletionModel) -> None:
        self.completer.model = model  # type: ignore[attr-defined]

    def refresh(self) -> CompletionModel:
        """Rebuild the model from the session now (connections, profiles) and swap it in."""
        with self._lock:
            model = self._build()
            self.model = model
            return model

    def start(self) -> None:
        """Start the daemon that refreshes the model when the connections change."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._watch, name="completion-refresh", daemon=True
            )
            self._thread.start()

    def close(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                if self._current_signature() != self._signature:
                    self.refresh()
            except Exception:  # the session changing under us: try again next time
                continue

    def _current_signature(self) -> tuple:
        session = self.session
        connections = tuple(
            (c.connection_id, c.prefix, id(c.schema)) for c in list(session.registry)
        )
        return (id(session.schema), connections)

    def _build(self) -> CompletionModel:
        session = self.session
        self._signature = self._current_signature()
        evaluator = session.evaluator
        return build_model(
            session.schema,
            list(session.registry),
            variables=lambda: _spelled(evaluator.global_scope),
            functions=lambda: [f.name for f in list(evaluator.functions.values())],
            environ=lambda: _environ(evaluator),
            profiles=_profile_names(session),
            recent=self.recent,
            usage=self.usage,
            live=self.live,
            fuzzy=self.fuzzy,
        )


def _environ(evaluator: Any) -> Mapping[str, str]:
    return dict(evaluator.environ)


def _profile_names(session: Any) -> tuple[str, ...]:
    """The profiles defined for this user; none when the files are missing or invalid."""
    try:
        from sccshell.profiles import load_profiles

        return tuple(load_profiles(session.env).names())
    except Exception:  # a broken profile file is reported by --list-profiles, not here
        return ()


def _spelled(scope: Any) -> dict[str, Any]:
    """The scope's variables under the names the user typed ($reportDate, not $reportdate)."""
    spelling = getattr(scope, "spelling", {})
    return {spelling.get(name, name): value for name, value in scope.vars.items()}
