"""Creating non-recipient objects, and the states that move with the clock."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant.records import Item

DISTRIBUTION_SECONDS = 60  # a new or changed compliance policy is "Pending" this long


def new_item(
    tenant: Any, kind: str, props: dict[str, Any], *, created: float | None = None
) -> Item:
    """Store a new object of KIND with PROPS; it gets a serial, a Guid and creation times."""
    n = tenant.serial()
    when = tenant.now() if created is None else created
    props.setdefault("Guid", tenant.guid(n, kind))
    props.setdefault("WhenCreated", when)
    props.setdefault("WhenChanged", when)
    return tenant.store.put_item(Item(n, kind, props))


def touch(tenant: Any, item: Item) -> None:
    item.props["WhenChanged"] = tenant.now()


def distribution_status(item: Item, tenant: Any) -> str:
    """Compliance policies distribute to the workloads for a while after each change."""
    since = item.get("DistributedAt")
    if since is not None and tenant.now() < since + DISTRIBUTION_SECONDS:
        return "Pending"
    return "Success"


def job_status(item: Item, tenant: Any) -> str:
    """NotStarted until started, InProgress for its duration, then Completed (or Stopped)."""
    started = item.get("StartedAt")
    if started is None:
        return "NotStarted"
    if item.get("StoppedAt") is not None:
        return "Stopped"
    if tenant.now() < started + item.get("Duration", 0):
        return "InProgress"
    return "Completed"


def job_end(item: Item, tenant: Any) -> float | None:
    if job_status(item, tenant) not in ("Completed",):
        return item.get("StoppedAt")
    return item.get("StartedAt", 0) + item.get("Duration", 0)
