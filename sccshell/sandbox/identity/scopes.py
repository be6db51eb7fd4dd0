"""The v2.0 `scope` parameter: which resource a request is for, and the OpenID scopes."""

from __future__ import annotations

from dataclasses import dataclass

from sccshell.sandbox.identity.errors import OAuthError
from sccshell.sandbox.identity.tokens import DELEGATED_SCOPES, RESOURCES

OIDC_SCOPES = frozenset({"openid", "profile", "offline_access", "email"})


@dataclass(frozen=True)
class ScopeRequest:
    resource: str  # the token's audience
    oidc: frozenset[str]  # openid / profile / offline_access / email as asked

    @property
    def wants_refresh_token(self) -> bool:
        return "offline_access" in self.oidc

    @property
    def wants_id_token(self) -> bool:
        return "openid" in self.oidc

    def granted(self) -> str:
        """The `scope` of a delegated token response: the resource's scopes, then .default.

        Echoing `<resource>/.default` lets a client find the cached token again by the
        scope it asked for (msal looks tokens up by scope).
        """
        names = [f"{self.resource}/{name}" for name in DELEGATED_SCOPES]
        return " ".join([*names, f"{self.resource}/.default"])


def _invalid_scope(message: str, code: int = 70011) -> OAuthError:
    return OAuthError(400, "invalid_scope", code, message)


def parse_scopes(scope: str, *, app_only: bool = False) -> ScopeRequest:
    """Split SCOPE into one resource and the OpenID scopes; OAuthError as Entra answers."""
    items = scope.split()
    oidc = frozenset(item for item in items if item in OIDC_SCOPES)
    resources: dict[str, str] = {}
    for item in items:
        if item in OIDC_SCOPES:
            continue
        resource, slash, permission = item.rpartition("/")
        if not slash or not resource:
            raise _invalid_scope(
                f"The provided value for the input parameter 'scope' isn't valid. The scope {item} isn't valid."
            )
        canonical = known_resource(resource)
        if canonical is None:
            raise OAuthError(
                400,
                "invalid_resource",
                500011,
                f"The resource principal named {resource} was not found in the tenant. This can "
                "happen if the application has not been installed by the administrator of the "
                "tenant or consented to by any user in the tenant. You might have sent your "
                "authentication request to the wrong tenant.",
            )
        if app_only and permission != ".default":
            raise _invalid_scope(
                f"The provided value for scope {item} is not valid. Client credential flows must "
                "have a scope value with /.default suffixed to the resource identifier "
                "(application ID URI).",
                1002012,
            )
        if permission != ".default" and permission not in DELEGATED_SCOPES:
            raise _invalid_scope(
                f"The provided value for the input parameter 'scope' isn't valid. The scope {item} isn't valid."
            )
        resources[canonical] = item
    if len(resources) > 1:
        raise _invalid_scope(
            "Provided value for the input parameter scope is not valid because it contains "
            "more than one resource. Scope " + " ".join(resources.values()) + " is not valid.",
            28000,
        )
    if not resources:
        # Entra would issue a Microsoft Graph token here; the sandbox has no Graph.
        raise _invalid_scope(
            f"The provided value for the input parameter 'scope' isn't valid. The scope {scope} "
            "names no resource this tenant serves."
        )
    return ScopeRequest(next(iter(resources)), oidc)


def known_resource(identifier: str) -> str | None:
    wanted = identifier.rstrip("/").lower()
    return next((r for r in RESOURCES if r.lower() == wanted), None)
