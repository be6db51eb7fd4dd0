"""PowerShell's prompt for the mandatory parameters a command left out."""

from __future__ import annotations

from typing import Any


def ask_missing(session: Any, cmdlet: Any, names: list[str]) -> dict[str, Any]:
    """Ask for each of NAMES on the terminal; SecureString and PSCredential values are hidden."""
    from sccshell.runtime.evaluator import ScriptError
    from sccshell.runtime.values import SecureString

    host = session.host
    host.write_host(f"cmdlet {cmdlet.name} at command pipeline position 1")
    host.write_host("Supply values for the following parameters:")
    values: dict[str, Any] = {}
    for name in names:
        parameter = cmdlet.parameter(name)
        secret = parameter is not None and (parameter.type or "").lower() in (
            "securestring",
            "pscredential",
        )
        answer = host.read_line(f"{name}: ", secret=secret)
        if answer == "":
            raise ScriptError(f"Cannot bind parameter '{name}': no value was given.")
        values[name] = SecureString(answer) if secret else answer
    return values
