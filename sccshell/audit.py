"""`--log-file`: one JSON line per remote cmdlet run, with secrets removed."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Any, TextIO

_SECRET_NAMES = ("password", "token", "secret", "credential", "key")
REDACTED = "***"


def redact(parameters: dict[str, Any]) -> dict[str, Any]:
    """PARAMETERS safe to keep: secrets and values named like secrets become ***."""
    out: dict[str, Any] = {}
    for name, value in parameters.items():
        secret = hasattr(value, "reveal") or any(s in name.lower() for s in _SECRET_NAMES)
        if hasattr(value, "type_names") and str(value.type_names[0]).endswith("PSCredential"):
            secret = True
        out[name] = REDACTED if secret else _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return redact(value)
    return str(value)


class AuditLog:
    """An append-only JSON-lines file, readable by its owner alone."""

    def __init__(self, path: str, profile: str | None = None) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._file: TextIO = os.fdopen(fd, "a", encoding="utf-8")
        self.profile = profile

    def write(
        self,
        *,
        connection: Any,
        cmdlet: str,
        parameters: dict[str, Any],
        results: int,
        error: str | None,
        seconds: float,
    ) -> None:
        record = {
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "profile": self.profile,
            "tenant": connection.tenant_id,
            "connection": connection.name,
            "cmdlet": cmdlet,
            "parameters": redact(parameters),
            "results": results,
            "error": error,
            "duration_ms": round(seconds * 1000, 1),
        }
        self._file.write(json.dumps(record) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()
