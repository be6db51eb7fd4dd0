"""Get-Command and Get-Help: what can run here, and how to call it, from the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sccshell.runtime.objects import PSObject
from sccshell.runtime.values import like
from sccshell.schema.model import Cmdlet, Schema

# Microsoft's reference pages of the Exchange and Security & Compliance cmdlets live under
# this address, one lowercase page per cmdlet (the docs' folder ExchangePowerShell).
DOCS_BASE = "https://learn.microsoft.com/powershell/module/exchangepowershell/"


def _patterns(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]


def _matches(name: str, patterns: list[str]) -> bool:
    return not patterns or any(like(name, p) for p in patterns)


def commands(bound: dict[str, Any], schema: Schema, registry: Any) -> Iterator[PSObject]:
    """Get-Command: sccshell's own cmdlets and the cmdlets of the live connections."""
    names, verbs, nouns = (_patterns(bound.get(k)) for k in ("Name", "Verb", "Noun"))
    modules = [m.lower() for m in _patterns(bound.get("Module"))]
    rows: list[tuple[str, str]] = [
        (name, "sccshell") for name in schema.names_in("local", "connection")
    ]
    for connection in registry:
        for name in connection.schema.names_in(connection.service):
            verb, _, noun = name.partition("-")
            rows.append((f"{verb}-{connection.prefix}{noun}", connection.name))
    for name, source in sorted(rows, key=lambda row: row[0].lower()):
        verb, _, noun = name.partition("-")
        if not (_matches(name, names) and _matches(verb, verbs) and _matches(noun, nouns)):
            continue
        if modules and source.lower() not in modules:
            continue
        yield PSObject(
            {
                "CommandType": "Function" if source != "sccshell" else "Cmdlet",
                "Name": name,
                "Source": source,
            },
            type_names=("System.Management.Automation.CommandInfo",),
        )


def syntax(cmdlet: Cmdlet) -> list[str]:
    """One line per parameter set, as Get-Help's SYNTAX shows it."""
    lines = []
    for parameter_set in cmdlet.parameter_sets:
        parts = [cmdlet.name]
        positional = {name.lower(): i for i, name in enumerate(parameter_set.positional)}
        for member in parameter_set.members:
            parameter = cmdlet.parameter(member.name)
            if parameter is None or parameter.exchange_server_only:
                continue
            if parameter.is_switch:
                text = f"-{parameter.name}"
            else:
                name = f"-{parameter.name}"
                if member.name.lower() in positional:
                    name = f"[{name}]"
                text = f"{name} <{parameter.type or 'Object'}>"
            parts.append(text if parameter_set.is_mandatory(member.name) else f"[{text}]")
        if cmdlet.parameter_sets and any(p.common for p in cmdlet.parameters.values()):
            parts.append("[<CommonParameters>]")
        lines.append(" ".join(parts))
    return lines


def help_text(cmdlet: Cmdlet, parameter: str | None = None) -> list[str]:
    """Get-Help's text: name, syntax, parameters and the documentation page."""
    lines = ["", "NAME", f"    {cmdlet.name}", "", "SYNTAX"]
    lines += [f"    {line}" for line in syntax(cmdlet)] + [""]
    lines.append("PARAMETERS")
    for param in sorted(cmdlet.visible_parameters(), key=lambda p: p.name.lower()):
        if param.common or (parameter and not like(param.name, parameter)):
            continue
        lines.append(f"    -{param.name} <{param.type or 'Object'}>")
        if param.accepted_values:
            lines.append(f"        Accepted values: {', '.join(param.accepted_values)}")
        if param.aliases:
            lines.append(f"        Aliases: {', '.join(param.aliases)}")
    if cmdlet.module in ("exchange", "compliance"):
        lines += ["", "ONLINE VERSION", f"    {DOCS_BASE}{cmdlet.name.lower()}"]
    lines.append("")
    return lines
