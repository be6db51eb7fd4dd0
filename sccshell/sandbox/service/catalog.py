"""Which cmdlets each service serves, and which of their parameters it accepts, from the schema."""

from __future__ import annotations

from collections.abc import Iterable

from sccshell.schema.common import COMMON_NAMES, SHOULD_PROCESS_NAMES
from sccshell.schema.model import Cmdlet, Parameter, Schema

EXCHANGE = "exchange"
COMPLIANCE = "compliance"
SERVICE_PRODUCTS = {
    EXCHANGE: frozenset({"Exchange Online", "Exchange Online Protection"}),
    COMPLIANCE: frozenset({"Security & Compliance"}),
}
# Cmdlets compiled into the ExchangeOnlineManagement module itself (Get-EXO*, Viva, the
# connection cmdlets): their help lives in the module's own files and the server generates
# no proxy for them (protocol §4 "Built-in compiled cmdlets", §6).
MODULE_HELP_FILES = frozenset(
    {
        "microsoft.exchange.management.restapiclient.dll-help.xml",
        "microsoft.exchange.management.exopowershellgallerymodule.dll-help.xml",
        "exchangeonlinemanagement-help.xml",
    }
)
_SERVED_MODULES = ("exchange", "compliance")
SECURE_TYPES = frozenset({"securestring", "system.security.securestring"})
CREDENTIAL_TYPES = frozenset({"pscredential", "system.management.automation.pscredential"})


class Catalog:
    """The schema seen from one service: served cmdlets and the parameters they accept."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._names: dict[str, tuple[str, ...]] = {}

    def cmdlet(self, name: str, service: str) -> Cmdlet | None:
        """The cmdlet NAME (any letter case) if SERVICE serves it, else None."""
        if self.schema.module_of(name) not in _SERVED_MODULES:
            return None  # sccshell's own ("local") and the connection cmdlets
        cmdlet = self.schema.get(name)
        if cmdlet is None or not _served_by(cmdlet, service):
            return None
        return cmdlet

    def names(self, service: str) -> tuple[str, ...]:
        """Every cmdlet SERVICE serves, sorted case-insensitively."""
        found = self._names.get(service)
        if found is None:
            found = tuple(
                name
                for name in self.schema.names_in(*_SERVED_MODULES)
                if self.cmdlet(name, service) is not None
            )
            self._names[service] = found
        return found

    def declared(self, cmdlet: Cmdlet, service: str) -> list[Parameter]:
        """The cmdlet's own parameters on SERVICE: no common ones, no WhatIf/Confirm."""
        return [
            p
            for p in cmdlet.parameters.values()
            if not p.common and p.name.lower() not in SHOULD_PROCESS_NAMES and available(p, service)
        ]

    def accepted(self, cmdlet: Cmdlet, service: str, name: str) -> Parameter | None:
        """The parameter a request may name NAME (name or alias; no abbreviation), or None."""
        parameter = cmdlet.parameter(name)
        if parameter is None:
            return None
        if parameter.common or parameter.name.lower() in SHOULD_PROCESS_NAMES:
            return parameter
        return parameter if available(parameter, service) else None


def _served_by(cmdlet: Cmdlet, service: str) -> bool:
    if (cmdlet.help_file or "").lower() in MODULE_HELP_FILES:
        return False
    return bool(SERVICE_PRODUCTS[service].intersection(cmdlet.products))


def available(parameter: Parameter, service: str) -> bool:
    """False for on-premises-only parameters and those documented for other products only."""
    if parameter.exchange_server_only:
        return False
    products = parameter.products
    return not products or bool(SERVICE_PRODUCTS[service].intersection(products))


def supports_should_process(cmdlet: Cmdlet) -> bool:
    return "whatif" in cmdlet.parameters or "confirm" in cmdlet.parameters


def is_common(name: str) -> bool:
    return name.lower() in COMMON_NAMES


def kind_of(parameter: Parameter) -> str | None:
    """'secure' for SecureString, 'credential' for PSCredential, else None (protocol §2.5)."""
    types = {parameter.type or ""} | {t for _, t in parameter.type_by_set}
    lowered = {t.lower() for t in types}
    if lowered & CREDENTIAL_TYPES:
        return "credential"
    if lowered & SECURE_TYPES:
        return "secure"
    return None


def match_names(patterns: Iterable[str], names: Iterable[str]) -> list[str]:
    """NAMES matching any of PATTERNS (wildcards * and ?, any letter case), in NAMES order."""
    from fnmatch import fnmatchcase

    lowered = [p.strip().lower() for p in patterns if p.strip()]
    return [n for n in names if any(fnmatchcase(n.lower(), p) for p in lowered)]
