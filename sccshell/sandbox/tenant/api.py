"""What the REST front end and the tenant say to each other.

The REST layer (service/) speaks HTTP and the protocol; the tenant (tenant/) knows the
objects and the cmdlets. One call of a cmdlet crosses this line as `Tenant.invoke`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class InvocationContext:
    service: str  # "exchange" or "compliance"
    caller: str  # the signed-in user's UPN, or the app's display name
    caller_id: str  # the user's or app's object id
    is_app: bool = False
    search_only: bool = False  # the token is for the -EnableSearchOnlySession audience
    organization: str = ""  # the tenant domain the call is for (DelegatedOrganization too)


@dataclass
class CmdletResult:
    # A sequence, not an iterator: the REST layer slices it page by page (protocol §3.3),
    # so a lazy sequence that formats only the objects of the page keeps big results cheap.
    objects: Sequence[dict[str, Any]] = ()
    warnings: list[str] = field(default_factory=list)  # -> @adminapi.warnings (§3.2)
    errors: list[str] = field(default_factory=list)  # non-terminating -> @adminapi.errors (§3.2)


class CmdletError(Exception):
    """A terminating cmdlet error, rendered by the REST layer in the shape of §3.4."""

    def __init__(
        self,
        status: int,
        exception_type: str,
        message: str,
        *,
        category: str = "NotSpecified",
        target: str = "",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.exception_type = exception_type  # e.g. Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException
        self.message = message
        self.category = category
        self.target = target
