"""The clouds sccshell can connect to: endpoints, sign-in authority, token audiences.

Values follow shared/protocol.md §1.1-1.2; where the protocol marks a value as
inferred [I] or unresolved, a comment says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

SERVICES = ("exchange", "compliance")


class EnvironmentError_(ValueError):
    """A cloud environment name or endpoint override that cannot be used."""


@dataclass(frozen=True)
class CloudEnvironment:
    """One cloud: where each service lives, who signs in, and where tokens may go."""

    name: str
    exchange_uri: str
    compliance_uri: str
    authority: str
    exchange_resource: str
    compliance_resource: str
    # Hosts a token of each service may be sent to: "host" matches exactly, ".suffix"
    # matches any subdomain; an optional ":port" (default 443) must match too.
    exchange_hosts: tuple[str, ...]
    compliance_hosts: tuple[str, ...]
    # The audience of a search-only compliance session (-EnableSearchOnlySession);
    # None where the protocol knows none.
    search_resource: str | None = None

    @property
    def token_host_suffixes(self) -> tuple[str, ...]:
        """All hosts any token of this environment may go to (both services)."""
        return self.exchange_hosts + self.compliance_hosts

    def uri(self, service: str) -> str:
        """The service's base URI ('exchange' or 'compliance')."""
        return self.exchange_uri if _service(service) == "exchange" else self.compliance_uri

    def resource(self, service: str, search_only: bool = False) -> str:
        """The token audience of SERVICE; the scope is this + '/.default'."""
        if _service(service) == "exchange":
            return self.exchange_resource
        if search_only:
            if self.search_resource is None:
                raise EnvironmentError_(
                    f"search-only sessions (-EnableSearchOnlySession) are not known in "
                    f"{self.name}; connect without it"
                )
            return self.search_resource
        return self.compliance_resource

    def hosts_for(self, service: str) -> tuple[str, ...]:
        return self.exchange_hosts if _service(service) == "exchange" else self.compliance_hosts

    def allows(self, url: str, service: str) -> bool:
        """True if a token of SERVICE may be sent to URL (https, host and port listed)."""
        try:
            parts = urlsplit(url)
            port = parts.port or 443
        except ValueError:
            return False
        host = (parts.hostname or "").lower()
        if parts.scheme.lower() != "https" or not host:
            return False
        mine = _best_match(host, port, self.hosts_for(service))
        other = "compliance" if service == "exchange" else "exchange"
        # The most specific entry owns a host, so a host of the other service never gets
        # this token even where its name lies under this service's domain (21Vianet:
        # ps.compliance.protection.partner.outlook.cn under partner.outlook.cn).
        return mine > 0 and mine > _best_match(host, port, self.hosts_for(other))


def _service(service: str) -> str:
    if service not in SERVICES:
        raise ValueError(f"unknown service '{service}'; expected exchange or compliance")
    return service


def _best_match(host: str, port: int, entries: tuple[str, ...]) -> int:
    """The length of the longest entry matching host and port; 0 if none does."""
    best = 0
    for entry in entries:
        name, _, entry_port = entry.lower().partition(":")
        if port != (int(entry_port) if entry_port else 443):
            continue
        if name.startswith("."):
            if host.endswith(name) and len(host) > len(name):
                best = max(best, len(name))
        elif host == name:
            best = max(best, len(name) + 1)  # an exact host beats a suffix of equal length
    return best


def _cloud(
    name: str,
    exchange: str,
    compliance: str,
    login: str,
    *,
    exchange_resource: str | None = None,
    compliance_resource: str | None = None,
    exchange_hosts: tuple[str, ...] = (),
    compliance_hosts: tuple[str, ...] = (),
    search_resource: str | None = None,
) -> CloudEnvironment:
    # Each service host plus its subdomains (prefixed Exchange hosts, regional
    # compliance hosts, §1.1-1.2); never a parent domain shared with other services.
    return CloudEnvironment(
        name=name,
        exchange_uri=f"https://{exchange}",
        compliance_uri=f"https://{compliance}",
        authority=f"https://{login}/organizations",
        exchange_resource=exchange_resource or f"https://{exchange}",
        compliance_resource=compliance_resource or f"https://{compliance}",
        exchange_hosts=(exchange, f".{exchange}", *exchange_hosts),
        compliance_hosts=(compliance, f".{compliance}", *compliance_hosts),
        search_resource=search_resource,
    )


ENVIRONMENTS: dict[str, CloudEnvironment] = {
    env.name: env
    for env in (
        _cloud(
            "O365Default",
            "outlook.office365.com",
            "ps.compliance.protection.outlook.com",
            "login.microsoftonline.com",
            # third-party findings, unconfirmed (protocol §1.2)
            search_resource="https://dataservice.o365filtering.com",
        ),
        # Resources of GCC High are third-party findings (SCUBA), [I] for the module.
        _cloud(
            "O365USGovGCCHigh",
            "outlook.office365.us",
            "ps.compliance.protection.office365.us",
            "login.microsoftonline.us",
        ),
        # DoD is unresolved in the protocol: the docs' ConnectionUri host is
        # webmail.apps.mil while SCUBA uses outlook-dod.office365.us as front door and
        # audience; we use the latter and allow both. The compliance host is the docs'
        # l5.ps.compliance host, its resource the GCC High one (SCUBA, unconfirmed).
        _cloud(
            "O365USGovDoD",
            "outlook-dod.office365.us",
            "l5.ps.compliance.protection.office365.us",
            "login.microsoftonline.us",
            compliance_resource="https://ps.compliance.protection.office365.us",
            exchange_hosts=("webmail.apps.mil",),
        ),
        # Legacy cloud: the Exchange resource is [I] from the host; the protocol lists
        # no compliance endpoint, so that host and resource are [I] by analogy.
        _cloud(
            "O365GermanyCloud",
            "outlook.office.de",
            "ps.compliance.protection.outlook.de",
            "login.microsoftonline.de",
        ),
        # 21Vianet: resources are third-party/[I]; the authority is the IPPS docs' one
        # (a third-party tool uses login.partner.microsoftonline.cn instead).
        _cloud(
            "O365China",
            "partner.outlook.cn",
            "ps.compliance.protection.partner.outlook.cn",
            "login.chinacloudapi.cn",
        ),
    )
}
DEFAULT_ENVIRONMENT = "O365Default"


def environment(name: str) -> CloudEnvironment:
    """The environment called NAME (ExchangeEnvironmentName, any case)."""
    for known, env in ENVIRONMENTS.items():
        if known.lower() == name.strip().lower():
            return env
    raise EnvironmentError_(
        f"unknown environment '{name}'; expected one of: {', '.join(ENVIRONMENTS)}"
    )


def _https_origin(value: str, parameter: str) -> str:
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except (ValueError, AttributeError):
        raise EnvironmentError_(f"Invalid {parameter} parameter '{value}'") from None
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise EnvironmentError_(f"Invalid {parameter} parameter '{value}'")
    return parts.netloc.lower()


def with_overrides(
    env: CloudEnvironment,
    connection_uri: str | None = None,
    authority: str | None = None,
    service: str = "exchange",
) -> CloudEnvironment:
    """ENV with -ConnectionUri (for SERVICE) and -AzureADAuthorizationEndpointUri applied."""
    changes: dict[str, Any] = {}
    if connection_uri is not None:
        # The REST API lives at /adminapi/beta on the host; the docs' path is dropped.
        netloc = _https_origin(connection_uri, "ConnectionUri")
        hosts_field = f"{_service(service)}_hosts"
        changes[f"{service}_uri"] = f"https://{netloc}"
        # The user named this host for the service, so its token may go there.
        changes[hosts_field] = (*getattr(env, hosts_field), netloc)
    if authority is not None:
        _https_origin(authority, "AzureADAuthorizationEndpointUri")
        changes["authority"] = authority.strip().rstrip("/")
    return replace(env, **changes) if changes else env


def sandbox_environment(base_urls: dict[str, str] | None = None) -> CloudEnvironment:
    """The sandbox tenant: in-process hosts, or the URLs `sccshell-sandbox serve` printed."""
    from sccshell.sandbox import hosts

    if base_urls is None:
        base_urls = {
            "login": f"https://{hosts.LOGIN}",
            "exchange": f"https://{hosts.EXCHANGE}",
            "compliance": f"https://{hosts.COMPLIANCE}",
            "compliance_region": f"https://{hosts.COMPLIANCE_REGION}",
        }
    try:
        origins = {
            key: _https_origin(base_urls[key], "ConnectionUri")
            for key in ("login", "exchange", "compliance", "compliance_region")
        }
    except KeyError as missing:
        raise EnvironmentError_(f"sandbox description lacks {missing}") from None
    return CloudEnvironment(
        name="Sandbox",
        exchange_uri=f"https://{origins['exchange']}",
        compliance_uri=f"https://{origins['compliance']}",
        authority=f"https://{origins['login']}/organizations",
        exchange_resource=base_urls.get("exchange_resource", hosts.EXCHANGE_RESOURCE),
        compliance_resource=base_urls.get("compliance_resource", hosts.COMPLIANCE_RESOURCE),
        # Exact host:port entries: on loopback every service is localhost on its own port.
        exchange_hosts=(origins["exchange"],),
        compliance_hosts=(origins["compliance"], origins["compliance_region"]),
        search_resource=base_urls.get("search_resource", hosts.SEARCH_RESOURCE),
    )
