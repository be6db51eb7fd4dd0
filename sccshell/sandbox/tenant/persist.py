"""The tenant on disk (`--state-dir`): one JSON document, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from sccshell.sandbox.clock import Clock
from sccshell.sandbox.tenant.records import Item, Recipient

FORMAT = "sccshell-sandbox-tenant"
VERSION = 1


def to_document(tenant: Any) -> dict[str, Any]:
    store = tenant.store
    return {
        "format": FORMAT,
        "version": VERSION,
        "seed": tenant.seed,
        "anchor": tenant.anchor,
        "tenant_id": tenant.tenant_id,
        "next_serial": tenant.next_serial,
        "recipients": [r.to_row() for r in store.recipients.values()],
        "deleted": [r.to_row() for r in store.deleted.values()],
        "members": {str(k): v for k, v in store.members.items()},
        "permissions": {str(k): v for k, v in store.permissions.items()},
        "send_as": {str(k): v for k, v in store.send_as.items()},
        "items": {
            kind: [[i.n, i.props] for i in items.values()] for kind, items in store.items.items()
        },
        "audit": tenant.audit.to_rows(),
        "audit_next": tenant.audit.next_serial,
    }


def from_document(document: dict[str, Any], clock: Clock) -> Any:
    from sccshell.sandbox.tenant.tenant import Tenant

    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ValueError("not a sandbox tenant state file of a version this sandbox reads")
    tenant = Tenant(clock, seed=document["seed"], anchor=document["anchor"])
    tenant.tenant_id = document["tenant_id"]
    tenant.next_serial = document["next_serial"]
    store = tenant.store
    for row in document["recipients"]:
        recipient = Recipient.from_row(row)
        store.recipients[recipient.n] = recipient
    for row in document["deleted"]:
        recipient = Recipient.from_row(row)
        store.deleted[recipient.n] = recipient
    store.members = {int(k): v for k, v in document["members"].items()}
    store.permissions = {int(k): v for k, v in document["permissions"].items()}
    store.send_as = {int(k): v for k, v in document["send_as"].items()}
    for kind, rows in document["items"].items():
        for n, props in rows:
            store.put_item(Item(n, kind, props))
    tenant.audit.load_rows(document["audit"], document["audit_next"])
    return tenant


def save(tenant: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tenant-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(to_document(tenant), out, separators=(",", ":"))
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def load(path: Path, clock: Clock) -> Any:
    with open(path, encoding="utf-8") as handle:
        return from_document(json.load(handle), clock)
