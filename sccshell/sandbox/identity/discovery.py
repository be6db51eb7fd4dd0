"""OpenID Connect discovery, the signing keys, and home realm discovery (userrealm)."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.identity.authority import MULTI_TENANT, v2_endpoints

_CLAIMS_SUPPORTED = [
    "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
    "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username",
    "name", "tid", "ver", "at_hash", "c_hash", "email",
]  # fmt: skip


def openid_configuration(login_base: str, tenant: str) -> dict[str, Any]:
    """The v2.0 discovery document for TENANT (organizations, common or the tenant id)."""
    # Entra leaves the issuer templated for the multi-tenant authorities.
    issuer_tenant = "{tenantid}" if tenant in MULTI_TENANT else hosts.TENANT_ID
    return {
        **v2_endpoints(login_base, tenant),
        "token_endpoint_auth_methods_supported": [
            "client_secret_post",
            "private_key_jwt",
            "client_secret_basic",
        ],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": f"{login_base}/{issuer_tenant}/v2.0",
        "request_uri_parameter_supported": False,
        "http_logout_supported": True,
        "frontchannel_logout_supported": True,
        "claims_supported": _CLAIMS_SUPPORTED,
        "tenant_region_scope": None if tenant in MULTI_TENANT else "NA",
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
        "rbac_url": "https://pas.windows.net",
    }


def openid_configuration_v1(login_base: str, tenant: str) -> dict[str, Any]:
    """The v1.0 discovery document (the sandbox serves only the v2.0 endpoints it names)."""
    issuer_tenant = "{tenantid}" if tenant in MULTI_TENANT else hosts.TENANT_ID
    prefix = f"{login_base}/{tenant}"
    return {
        "token_endpoint": f"{prefix}/oauth2/token",
        "authorization_endpoint": f"{prefix}/oauth2/authorize",
        "device_authorization_endpoint": f"{prefix}/oauth2/devicecode",
        "end_session_endpoint": f"{prefix}/oauth2/logout",
        "jwks_uri": f"{prefix}/discovery/keys",
        "token_endpoint_auth_methods_supported": [
            "client_secret_post",
            "private_key_jwt",
            "client_secret_basic",
        ],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": [
            "code",
            "id_token",
            "code id_token",
            "token id_token",
            "token",
        ],
        "scopes_supported": ["openid"],
        "issuer": f"https://sts.sandbox.test/{issuer_tenant}/",
        "microsoft_multi_refresh_token": True,
        "claims_supported": _CLAIMS_SUPPORTED,
        "tenant_region_scope": None if tenant in MULTI_TENANT else "NA",
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
        "rbac_url": "https://pas.windows.net",
    }


def user_realm(login: str, api_version: str) -> dict[str, Any]:
    """Home realm discovery for LOGIN: contoso's domain is a managed (cloud-only) domain."""
    domain = login.rpartition("@")[2].lower()
    managed = domain == hosts.TENANT_DOMAIN
    if api_version.startswith("2"):
        # The newer shape (…/userrealm/?user=…&api-version=2.1), as the sign-in page uses.
        return {
            "State": 4 if managed else 1,
            "UserState": 1 if managed else 0,
            "Login": login,
            "NameSpaceType": "Managed" if managed else "Unknown",
            "DomainName": domain,
            "IsFederatedNS": False,
            "FederationBrandName": "Contoso" if managed else None,
            "CloudInstanceName": "microsoftonline.com",
            "CloudInstanceIssuerUri": "urn:federation:MicrosoftOnline",
        }
    if not managed:
        return {
            "ver": "1.0",
            "account_type": "Unknown",
            "cloud_instance_name": "microsoftonline.com",
        }
    return {
        "ver": "1.0",
        "account_type": "Managed",
        "domain_name": hosts.TENANT_DOMAIN,
        "cloud_instance_name": "microsoftonline.com",
        "cloud_audience_urn": "urn:federation:MicrosoftOnline",
    }
