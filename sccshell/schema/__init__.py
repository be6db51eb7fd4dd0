"""The cmdlet schema: what each cmdlet's parameters are, and binding arguments to them offline.

    from sccshell.schema.loader import load_schema      # Schema (cached index, lazy cmdlets)
    from sccshell.schema.binder import Arg, UNKNOWN, bind

Modules: model (Schema, Cmdlet, ParameterSet, Parameter), build (a Cmdlet from a
cmdlet dict), loader + cache (bundled gzip -> on-disk index), bundle (writes the
gzip), binder (+ arguments, convert, valuetypes, literals, known_enums, suggest),
common (PowerShell's common parameters). Names are re-exported here lazily so
that importing one module does not import them all.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Schema": "model",
    "Cmdlet": "model",
    "ParameterSet": "model",
    "Parameter": "model",
    "SetMember": "model",
    "load_schema": "loader",
    "get_schema": "loader",
    "bind": "binder",
    "Arg": "arguments",
    "UNKNOWN": "arguments",
    "ScriptBlockValue": "arguments",
    "BindResult": "arguments",
    "BindError": "arguments",
    "BoundParameter": "arguments",
    "suggest": "suggest",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
