"""Authorities: which tenant path segments the sign-in service answers, and its endpoints."""

from __future__ import annotations

from sccshell.sandbox import hosts
from sccshell.sandbox.identity.errors import tenant_not_found

MULTI_TENANT = ("organizations", "common")


def resolve_tenant(segment: str) -> str:
    """The segment endpoints are named with: organizations/common as given, else the tenant id.

    protocol §1.1: the authority is …/organizations; a tenant domain or id also works.
    Anything else is another tenant, which does not exist here (AADSTS90002).
    """
    lowered = segment.lower()
    if lowered in MULTI_TENANT:
        return lowered
    if lowered in (hosts.TENANT_DOMAIN, hosts.TENANT_ID):
        return hosts.TENANT_ID
    raise tenant_not_found(segment)


def v2_endpoints(login_base: str, tenant: str) -> dict[str, str]:
    prefix = f"{login_base}/{tenant}"
    return {
        "authorization_endpoint": f"{prefix}/oauth2/v2.0/authorize",
        "token_endpoint": f"{prefix}/oauth2/v2.0/token",
        "device_authorization_endpoint": f"{prefix}/oauth2/v2.0/devicecode",
        "end_session_endpoint": f"{prefix}/oauth2/v2.0/logout",
        "jwks_uri": f"{prefix}/discovery/v2.0/keys",
        "kerberos_endpoint": f"{prefix}/kerberos",
    }


def token_endpoint_aliases(login_base: str) -> set[str]:
    """Every URL a client assertion's `aud` may name for this tenant's token endpoint."""
    aliases = set()
    for tenant in (*MULTI_TENANT, hosts.TENANT_ID, hosts.TENANT_DOMAIN):
        aliases.add(f"{login_base}/{tenant}/oauth2/v2.0/token")
        aliases.add(f"{login_base}/{tenant}/oauth2/token")
    aliases.add(f"{login_base}/{hosts.TENANT_ID}/v2.0")
    return {alias.lower() for alias in aliases}
