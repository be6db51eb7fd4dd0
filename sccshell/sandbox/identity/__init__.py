"""The sandbox's Microsoft identity platform: sign-in endpoints, tokens, managed identity."""

from sccshell.sandbox.identity.service import IdentityService
from sccshell.sandbox.identity.tokens import TokenRejected, TokenService

__all__ = ["IdentityService", "TokenRejected", "TokenService"]
