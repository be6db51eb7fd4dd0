"""The sandbox tenant: Exchange Online and Security & Compliance objects and their cmdlets."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.clock import Clock
from sccshell.sandbox.tenant import derive, errors
from sccshell.sandbox.tenant.api import CmdletError, CmdletResult, InvocationContext
from sccshell.sandbox.tenant.audit import AuditLog
from sccshell.sandbox.tenant.fragments import FragmentCache
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import ONMICROSOFT, Item
from sccshell.sandbox.tenant.registry import Handler, lookup
from sccshell.sandbox.tenant.store import Store
from sccshell.sandbox.tenant.values import derived_guid


def _day(ts: float) -> float:
    return float(int(ts) // 86400 * 86400)


class Tenant:
    """The organization "contoso": its recipients, policies, searches and audit log."""

    def __init__(self, clock: Clock, *, seed: int = 0, anchor: float | None = None) -> None:
        self.clock = clock
        self.seed = seed
        # Seeded times that must look recent (audit records, logons) count back from the
        # day the tenant was seeded, so two tenants seeded the same day are identical.
        self.anchor = anchor if anchor is not None else _day(clock.time())
        self.store = Store(lambda recipient: derive.guids(recipient, self))
        self.audit = AuditLog(self)
        self.tenant_id = hosts.TENANT_ID  # the directory's tenant (tokens carry it as `tid`)
        self.next_serial = 1
        self.audit_sessions: dict[str, dict[str, Any]] = {}  # Search-UnifiedAuditLog -SessionId
        self._lock = threading.RLock()
        self.fragments = FragmentCache()  # encoded objects of cached shapes (Get-Mailbox)
        self.ctx = InvocationContext(
            service="exchange", caller=f"admin@{ONMICROSOFT}", caller_id=""
        )

    # --- construction and state --------------------------------------------------------

    @classmethod
    def seeded(cls, clock: Clock, *, mailboxes: int = 500, seed: int = 0) -> Tenant:
        """A tenant with deterministic seed data: the same SEED gives the same objects."""
        from sccshell.sandbox.tenant.seed import populate

        tenant = cls(clock, seed=seed)
        populate(tenant, mailboxes)
        return tenant

    @classmethod
    def load(cls, path: str | Path, clock: Clock) -> Tenant:
        from sccshell.sandbox.tenant.persist import load

        return load(Path(path), clock)

    def save(self, path: str | Path) -> None:
        """Write the tenant to PATH as JSON (atomically: temp file, then replace)."""
        from sccshell.sandbox.tenant.persist import save

        with self._lock:
            save(self, Path(path))

    # --- helpers the cmdlets share ----------------------------------------------------------

    def now(self) -> float:
        return self.clock.time()

    def guid(self, n: int, purpose: str, *extra: object) -> str:
        """The GUID of object N for PURPOSE: stable for a seed, distinct across purposes."""
        return derived_guid(self.seed, n, purpose, *extra)

    def serial(self) -> int:
        n = self.next_serial
        self.next_serial += 1
        return n

    def item_guid(self, item: Item) -> str:
        return str(item.props.get("Guid") or self.guid(item.n, item.kind))

    def set_directory_id(self, identity: str, object_id: str) -> None:
        """Make a recipient's ExternalDirectoryObjectId the directory's object id for it."""
        from sccshell.sandbox.tenant.resolve import resolve_recipient

        with self._lock:
            recipient = resolve_recipient(self, identity)
            self.fragments.changed()
            self.store.unindex(recipient)
            recipient.put("ExternalDirectoryObjectId", object_id)
            self.store.index(recipient)

    # --- the contract with the REST layer (api.py) -----------------------------------------------

    def implements(self, cmdlet: str) -> bool:
        _load_cmdlets()
        return lookup(cmdlet) is not None

    def invoke(
        self, cmdlet: str, parameters: Mapping[str, Any] | None, ctx: InvocationContext
    ) -> CmdletResult:
        """Run CMDLET; CmdletError for terminating errors (protocol §3.4)."""
        handler, params = self._prepare(cmdlet, parameters, ctx)
        with self._lock:
            if params.flag("WhatIf"):
                # -WhatIf reports and changes nothing; the identity must still exist.
                self._message(handler, params, ctx)
                return CmdletResult()
            self.ctx = ctx  # who is calling, for properties that record it (LitigationHoldOwner)
            if not handler.changes_state:
                return handler.run(self, params, ctx)
            # Before and after: a page rendered meanwhile must not be kept (fragments.py).
            self.fragments.changed()
            try:
                result = handler.run(self, params, ctx)
            finally:
                self.fragments.changed()
            self.audit.record_cmdlet(handler.name, params, ctx)
            return result

    def describe(
        self, cmdlet: str, parameters: Mapping[str, Any] | None, ctx: InvocationContext
    ) -> str:
        """The confirmation message of a -Confirm / -WhatIf call (§2.6); changes nothing."""
        handler, params = self._prepare(cmdlet, parameters, ctx)
        with self._lock:
            return self._message(handler, params, ctx)

    def _prepare(
        self, cmdlet: str, parameters: Mapping[str, Any] | None, ctx: InvocationContext
    ) -> tuple[Handler, Params]:
        _load_cmdlets()
        handler = lookup(cmdlet)
        schema_cmdlet = _schema_cmdlet(cmdlet)
        if handler is None:
            if schema_cmdlet is None:
                raise errors.unknown_cmdlet(cmdlet)
            raise errors.not_available(schema_cmdlet.name)
        if handler.search_only and not ctx.search_only:
            raise errors.search_only_required()
        return handler, Params.parse(handler.name, parameters, schema_cmdlet)

    def _message(self, handler: Handler, params: Params, ctx: InvocationContext) -> str:
        if handler.describe is not None:
            return handler.describe(self, params, ctx)
        from sccshell.sandbox.tenant.cmdlets.common import generic_message

        return generic_message(handler.name, params)


_loaded = False


def _load_cmdlets() -> None:
    """Import the cmdlet modules (they register themselves) on first use."""
    global _loaded
    if not _loaded:
        import sccshell.sandbox.tenant.cmdlets  # noqa: F401

        _loaded = True


def _schema_cmdlet(name: str) -> Any:
    from sccshell.schema.loader import get_schema

    cmdlet = get_schema().get(name)
    if cmdlet is None or cmdlet.module not in ("exchange", "compliance"):
        return None
    return cmdlet


__all__ = ["Tenant", "CmdletError", "CmdletResult", "InvocationContext"]
