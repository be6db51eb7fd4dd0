"""The sandbox's virtual hosts and the fixed facts of its tenant."""

from __future__ import annotations

LOGIN = "login.sandbox.test"
EXCHANGE = "outlook.sandbox.test"
COMPLIANCE = "ps.compliance.sandbox.test"
# The regional host the compliance front door redirects to (protocol §1.2).
COMPLIANCE_REGION = "nam01b.ps.compliance.sandbox.test"
VHOSTS = (LOGIN, EXCHANGE, COMPLIANCE, COMPLIANCE_REGION)

# Token audiences: the resource of each service (protocol §1.1, §1.2).
EXCHANGE_RESOURCE = f"https://{EXCHANGE}"
COMPLIANCE_RESOURCE = f"https://{COMPLIANCE}"
# The -EnableSearchOnlySession audience (protocol §1.2, unconfirmed there; the sandbox's choice).
SEARCH_RESOURCE = "https://dataservice.o365filtering.com"

TENANT_DOMAIN = "contoso.onmicrosoft.com"
TENANT_NAME = "contoso"
TENANT_ID = "6f3c8a52-1d4b-4e8f-9a7c-2b5d0e9f1a34"
# The module's public client id (protocol §1.3).
MODULE_CLIENT_ID = "fb78d390-0c51-40cd-8e17-fdbfab77341b"


def service_of(vhost: str) -> str | None:
    """'exchange' or 'compliance' for a service host, None for the login host."""
    if vhost == EXCHANGE:
        return "exchange"
    if vhost in (COMPLIANCE, COMPLIANCE_REGION):
        return "compliance"
    return None
