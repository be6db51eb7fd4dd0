"""Live connections side by side, and which one a cmdlet name routes to (protocol §4, §5.4)."""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sccshell.schema.model import Cmdlet, Schema

_PREFIX = re.compile(r"^[a-z0-9]+$", re.IGNORECASE)


class PrefixError(ValueError):
    """A -Prefix the module would refuse, with the module's own words (protocol §4)."""


def validate_prefix(prefix: str) -> str:
    """PREFIX as given, or PrefixError: letters and digits only, and never EXO."""
    if prefix == "":
        return prefix
    if not _PREFIX.match(prefix):
        raise PrefixError("Use of any special characters in the Prefix string is not supported.")
    if prefix.lower() == "exo":
        raise PrefixError("Prefix 'EXO' is a reserved Prefix, please use a different prefix.")
    return prefix


@dataclass
class Connection:
    """One connection: a service, who signed in, its prefix and the cmdlets it may run."""

    service: str  # "exchange" or "compliance"
    schema: Schema
    prefix: str = ""
    user: str = ""  # UPN, or empty for app-only
    app_id: str = ""
    tenant_id: str = ""
    organization: str = ""
    delegated_organization: str = ""
    connection_uri: str = ""  # the bare host, regional for compliance (§5.4)
    authority: str = ""
    page_size: int = 1000
    certificate: bool = False
    token_expiry: Callable[[], datetime | None] = lambda: None
    client: Any = None  # the RestClient of this connection
    connection_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    id: int = 0  # numbered by the registry, 1, 2, ...

    def current_uri(self) -> str:
        """The bare service host now: regional once the compliance redirect was followed."""
        base = getattr(self.client, "base_url", None)
        if not base:
            return self.connection_uri
        scheme, _, rest = str(base).partition("://")
        host = rest.split("/", 1)[0].removesuffix(":443")
        return f"{scheme}://{host}"

    def cmdlet(self, name: str) -> Cmdlet | None:
        """The cmdlet NAME of this connection's service, if this identity may run it.

        The connection's schema also holds sccshell's own and the other service's
        cmdlets (for binding); only its own service's cmdlets run here.
        """
        if self.schema.module_of(name) != self.service:
            return None
        return self.schema.get(name)

    @property
    def name(self) -> str:
        kind = "ExchangeOnlineProtection" if self.service == "compliance" else "ExchangeOnline"
        return f"{kind}_{self.id}"

    def information(self, used_for_inbuilt: bool) -> dict[str, Any]:
        """The fields of Get-ConnectionInformation, in its order (protocol §5.4)."""
        expiry = self.token_expiry()
        return {
            "ConnectionId": self.connection_id,
            "State": "Connected",
            "Id": self.id,
            "Name": self.name,
            "UserPrincipalName": self.user or None,
            "ConnectionUri": self.current_uri(),
            "AzureAdAuthorizationEndpointUri": self.authority,
            "TokenExpiryTimeUTC": expiry,
            "CertificateAuthentication": self.certificate,
            "ModuleName": "",  # no temporary module: the metadata lives in sccshell's cache
            "ModulePrefix": self.prefix,
            "Organization": self.organization,
            "DelegatedOrganization": self.delegated_organization or None,
            "AppId": self.app_id or None,
            "PageSize": self.page_size,
            "TenantID": self.tenant_id,
            "TokenStatus": "Active"
            if expiry is None or expiry > datetime.now(expiry.tzinfo)
            else "Expired",
            "ConnectionUsedForInbuiltCmdlets": used_for_inbuilt,
            "IsEopSession": self.service == "compliance",
        }


@dataclass(frozen=True)
class Route:
    connection: Connection
    cmdlet: Cmdlet
    warning: str | None = None  # said once, when two connections could run the name


def find_cmdlet(connections: Sequence[Connection], name: str) -> Route | None:
    """Where NAME runs among CONNECTIONS (oldest first), without the side effects of
    ConnectionRegistry.route: a prefixed name (Get-SCCLabel) on the connection with that
    prefix, else the plain name on the most recent unprefixed connection that has it."""
    verb, dash, noun = name.partition("-")
    if not dash:
        return None
    for connection in reversed(connections):
        prefix = connection.prefix
        if prefix and noun.lower().startswith(prefix.lower()) and len(noun) > len(prefix):
            cmdlet = connection.cmdlet(f"{verb}-{noun[len(prefix) :]}")
            if cmdlet is not None:
                return Route(connection, cmdlet)
    for connection in reversed(connections):
        if not connection.prefix and (cmdlet := connection.cmdlet(name)) is not None:
            return Route(connection, cmdlet)
    return None


class ConnectionRegistry:
    """The open connections, newest last."""

    def __init__(self) -> None:
        self._connections: list[Connection] = []
        self._ids = itertools.count(1)
        self._warned: set[tuple[str, ...]] = set()

    def __iter__(self) -> Iterator[Connection]:
        return iter(list(self._connections))

    def __len__(self) -> int:
        return len(self._connections)

    def add(self, connection: Connection) -> Connection:
        validate_prefix(connection.prefix)
        connection.id = next(self._ids)
        self._connections.append(connection)
        return connection

    def remove(
        self, connection_ids: list[str] | None = None, prefixes: list[str] | None = None
    ) -> list[Connection]:
        """Disconnect by id or by prefix (§5.3); with neither, every connection."""

        def chosen(c: Connection) -> bool:
            if connection_ids is None and prefixes is None:
                return True
            if connection_ids is not None and c.connection_id.lower() in {
                i.lower() for i in connection_ids
            }:
                return True
            return prefixes is not None and c.prefix.lower() in {p.lower() for p in prefixes}

        gone = [c for c in self._connections if chosen(c)]
        self._connections = [c for c in self._connections if not chosen(c)]
        return gone

    def inbuilt(self) -> Connection | None:
        """The connection the Get-EXO* cmdlets use: the most recent Exchange one (§4)."""
        exchange = [c for c in self._connections if c.service == "exchange"]
        return exchange[-1] if exchange else None

    def information(self) -> list[dict[str, Any]]:
        inbuilt = self.inbuilt()
        return [c.information(c is inbuilt) for c in self._connections]

    def route(self, name: str) -> Route | None:
        """The connection and cmdlet NAME runs on, or None when no connection has it.

        A prefixed name (Get-SCCLabel) goes to the connection with that prefix; an
        unprefixed one to the unprefixed connections that have it, the most recent
        first, with a warning the first time two of them could take it.
        """
        found = find_cmdlet(self._connections, name)
        if found is None or found.connection.prefix:
            return found
        holders = [
            (c, cmdlet)
            for c in reversed(self._connections)
            if not c.prefix and (cmdlet := c.cmdlet(name)) is not None
        ]
        if not holders:
            return None
        connection, cmdlet = holders[0]
        warning = None
        if len(holders) > 1:
            key = tuple(sorted([cmdlet.name.lower(), *(c.connection_id for c, _ in holders)]))
            if key not in self._warned:
                self._warned.add(key)
                others = ", ".join(c.name for c, _ in holders[1:])
                warning = (
                    f"{cmdlet.name} is available on {connection.name} and {others}; "
                    f"running it on {connection.name}, the most recent. "
                    "Connect with -Prefix to tell them apart."
                )
        return Route(connection, cmdlet, warning)
