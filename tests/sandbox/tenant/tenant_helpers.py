"""Helpers for the tenant tests: run a cmdlet, get plain objects back."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import CmdletResult, InvocationContext, Tenant


def run(tenant: Tenant, ctx: InvocationContext, cmdlet: str, **parameters: Any) -> CmdletResult:
    return tenant.invoke(cmdlet, parameters, ctx)


def objects(tenant: Tenant, ctx: InvocationContext, cmdlet: str, **parameters: Any) -> list[dict]:
    return list(run(tenant, ctx, cmdlet, **parameters).objects)


def one(tenant: Tenant, ctx: InvocationContext, cmdlet: str, **parameters: Any) -> dict:
    found = objects(tenant, ctx, cmdlet, **parameters)
    assert len(found) == 1, [o.get("Identity") for o in found]
    return found[0]


def plain(obj: dict) -> dict:
    """OBJ without its type annotations."""
    return {k: v for k, v in obj.items() if "@" not in k}
