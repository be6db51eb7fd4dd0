"""The table of cmdlets the tenant implements, filled by the modules in cmdlets/."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sccshell.sandbox.tenant.api import CmdletResult

Run = Callable[[Any, Any, Any], CmdletResult]  # (tenant, params, ctx)
Describe = Callable[[Any, Any, Any], str]

READ_VERBS = ("get", "search", "test", "export")


@dataclass(frozen=True)
class Handler:
    name: str
    run: Run
    describe: Describe | None = None
    search_only: bool = False  # needs an -EnableSearchOnlySession token (protocol §1.2)

    @property
    def changes_state(self) -> bool:
        return self.name.split("-", 1)[0].lower() not in READ_VERBS


REGISTRY: dict[str, Handler] = {}


def cmdlet(
    name: str, *, describe: Describe | None = None, search_only: bool = False
) -> Callable[[Run], Run]:
    """Register the decorated function as the implementation of cmdlet NAME."""

    def register(run: Run) -> Run:
        REGISTRY[name.lower()] = Handler(name, run, describe, search_only)
        return run

    return register


def lookup(name: str) -> Handler | None:
    return REGISTRY.get(name.lower())
