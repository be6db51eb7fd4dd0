"""Who is calling: the bearer token checked for this service, and the caller's roles (protocol §1.1–1.3)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.http import Request
from sccshell.sandbox.identity.tokens import TokenRejected
from sccshell.sandbox.service.errors import ServiceError, odata_error, unauthorized
from sccshell.sandbox.tenant.api import InvocationContext

# protocol §1.1, §1.2: the audiences each service accepts; the search-only session's
# audience is the sandbox's choice of an unconfirmed fact (hosts.SEARCH_RESOURCE).
AUDIENCES = {
    "exchange": (hosts.EXCHANGE_RESOURCE,),
    "compliance": (hosts.COMPLIANCE_RESOURCE, hosts.SEARCH_RESOURCE),
}
# protocol §1.3: app-only callers need this application permission in `roles`.
APP_ROLE = "Exchange.ManageAsApp"
ACCESS_DENIED = "Microsoft.Exchange.Configuration.Tasks.CmdletAccessDeniedException"
EXPIRED = "The access token has expired"


@dataclass(frozen=True)
class Caller:
    claims: Mapping[str, Any]
    account: Any
    context: InvocationContext
    cmdlets: frozenset[str] | None  # lowercase names the caller's roles allow; None = all
    key: str  # whose budget a request spends (protocol §3.1 Rate-Limit-*)

    def may_run(self, cmdlet: str) -> bool:
        return self.cmdlets is None or cmdlet.lower() in self.cmdlets


def authenticate(request: Request, service: str, sandbox: Any) -> Caller:
    """The caller of REQUEST on SERVICE; raises ServiceError with a 401 or 403."""
    authorize = sandbox.url_for(hosts.LOGIN) + "/common/oauth2/authorize"
    token = _bearer(request.headers.get("Authorization"))
    if token is None:
        raise ServiceError(unauthorized(authorize, "The request carries no bearer token"))
    try:
        claims = sandbox.tokens.verify(token, AUDIENCES[service])
    except TokenRejected as rejected:
        reason = getattr(rejected, "reason", "invalid_token")
        description = EXPIRED if reason == "expired" else _description(rejected)
        raise ServiceError(unauthorized(authorize, description)) from None
    if claims.get("tid", hosts.TENANT_ID) != hosts.TENANT_ID:
        raise ServiceError(unauthorized(authorize, "The token was issued for another tenant"))
    is_app = _is_app(claims)
    if is_app and APP_ROLE not in (claims.get("roles") or ()):
        # Issue #11008: an app the service cannot authorize gets "UnAuthorized".
        raise ServiceError(
            unauthorized(
                authorize, f"The token does not grant the {APP_ROLE} application permission"
            )
        )
    account = sandbox.directory.account_from_claims(claims)
    if account is None:
        raise ServiceError(unauthorized(authorize, "The caller is not known to this organization"))
    allowed = sandbox.directory.role_cmdlets(account, service)
    cmdlets = None if allowed is None else frozenset(name.lower() for name in allowed)
    name = _caller_name(claims, account, is_app)
    if cmdlets is not None and not cmdlets:
        raise ServiceError(_no_role(name, claims, is_app))
    caller_id = str(claims.get("oid") or getattr(account, "object_id", "") or claims.get("sub", ""))
    context = InvocationContext(
        service=service,
        caller=name,
        caller_id=caller_id,
        is_app=is_app,
        search_only=hosts.SEARCH_RESOURCE in _audiences(claims),
        organization=hosts.TENANT_DOMAIN,
    )
    return Caller(claims, account, context, cmdlets, caller_id or name)


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _description(rejected: Exception) -> str:
    text = getattr(rejected, "description", "") or str(rejected) or "The access token is not valid"
    return text.replace('"', "'")


def _is_app(claims: Mapping[str, Any]) -> bool:
    if claims.get("idtyp"):
        return claims["idtyp"] == "app"
    return "scp" not in claims and not (claims.get("upn") or claims.get("unique_name"))


def _audiences(claims: Mapping[str, Any]) -> tuple[str, ...]:
    aud = claims.get("aud")
    return tuple(aud) if isinstance(aud, (list, tuple)) else (str(aud),)


def _caller_name(claims: Mapping[str, Any], account: Any, is_app: bool) -> str:
    if is_app:
        return str(
            getattr(account, "display_name", None)
            or claims.get("app_displayname")
            or claims.get("appid")
            or claims.get("azp", "")
        )
    return str(
        claims.get("upn")
        or claims.get("unique_name")
        or claims.get("preferred_username")
        or getattr(account, "user_principal_name", "")
    )


def _no_role(name: str, claims: Mapping[str, Any], is_app: bool) -> Any:
    """403 for a caller with no Exchange role at all, in the words the service uses (§1.3)."""
    if is_app:
        app = claims.get("appid") or claims.get("azp") or name
        what = (
            f"application {app} isn't supported in this scenario. Please check online "
            "documentation for assigning correct Directory Roles to Azure AD Application for "
            "EXO App-Only Authentication."
        )
    else:
        what = f"user '{name}' isn't supported in this scenario."
    message = (
        f"[AuthZRequestId={uuid.uuid4()}][FailureCategory=AuthZ-CmdletAccessDeniedException] "
        f"The role assigned to {what}"
    )
    return odata_error(403, ACCESS_DENIED, message)
