"""Identity parameters: find the object an admin names, the way the service does.

Recipients resolve by GUID (Guid, ExchangeGuid, ExternalDirectoryObjectId), DN,
canonical name, `domain\\name`, SMTP address (any proxy, with or without `smtp:`),
UPN, name, alias, and, when nothing else matched, display name; wildcards match
names and addresses. Other objects resolve by name, GUID or Identity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.derive import guids
from sccshell.sandbox.tenant.records import Item, Recipient
from sccshell.sandbox.tenant.values import is_guid, wildcard


def _plain(identity: str) -> str:
    """The part of an identity that names the object (strips DN, canonical and prefix forms)."""
    text = identity.strip()
    lowered = text.lower()
    if lowered.startswith("cn="):
        return text[3:].split(",", 1)[0].replace("\\,", ",")
    if lowered.startswith(("smtp:", "sip:")):
        return text.split(":", 1)[1]
    if "/" in text and "@" not in text:
        return text.rsplit("/", 1)[1]
    if "\\" in text:
        return text.rsplit("\\", 1)[1]
    return text


def find_recipients(
    tenant: Any, identity: str, types: Iterable[str] | None = None, *, deleted: bool = False
) -> list[Recipient]:
    """Every recipient IDENTITY names (of TYPES, when given), without raising."""
    allowed = frozenset(types) if types is not None else None
    text = str(identity).strip()
    if not text:
        return []
    store = tenant.store
    if deleted:
        return _scan(tenant, store.deleted.values(), text, allowed)
    if "*" in text:
        return _scan(tenant, store.recipients.values(), text, allowed)
    if is_guid(text.strip("{}")):
        found = store.by_guid(text.strip("{}"))
        return [found] if found is not None and _ok(found, allowed) else []
    key = _plain(text)
    matches = [r for r in store.by_key(key) if _ok(r, allowed)]
    if not matches:
        matches = [r for r in store.by_display(key) if _ok(r, allowed)]
    return _unique(matches)


def resolve_recipient(
    tenant: Any,
    identity: Any,
    types: Iterable[str] | None = None,
    *,
    deleted: bool = False,
    compliance: bool = False,
) -> Recipient:
    """The one recipient IDENTITY names; not-found (404) or ambiguous (400) errors otherwise."""
    text = str(identity).strip()
    matches = find_recipients(tenant, text, types, deleted=deleted)
    if "*" in text and matches:
        if len(matches) > 1:
            raise errors.ambiguous(text)
        return matches[0]
    if not matches:
        raise errors.not_found(text, compliance=compliance)
    if len(matches) > 1:
        raise errors.ambiguous(text)
    return matches[0]


def _ok(recipient: Recipient, allowed: frozenset[str] | None) -> bool:
    return allowed is None or recipient.rtd in allowed


def _unique(recipients: list[Recipient]) -> list[Recipient]:
    seen: set[int] = set()
    out = []
    for recipient in recipients:
        if recipient.n not in seen:
            seen.add(recipient.n)
            out.append(recipient)
    return out


def _scan(
    tenant: Any, recipients: Iterable[Recipient], text: str, allowed: frozenset[str] | None
) -> list[Recipient]:
    pattern = wildcard(_plain(text)) if "*" in text else None
    wanted = _plain(text).lower()
    out = []
    for recipient in recipients:
        if not _ok(recipient, allowed):
            continue
        candidates = (
            recipient.name,
            recipient.mail_nickname,
            recipient.display_name,
            recipient.primary_smtp,
            recipient.upn(),
        )
        if pattern is not None:
            if any(pattern.match(c) for c in candidates):
                out.append(recipient)
        elif wanted in (c.lower() for c in candidates) or wanted.strip("{}") in guids(
            recipient, tenant
        ):
            out.append(recipient)
    return out


# --- other objects ------------------------------------------------------------------------------


def find_items(tenant: Any, kind: str, identity: str) -> list[Item]:
    text = str(identity).strip()
    lowered = text.lower()
    pattern = wildcard(text) if "*" in text else None
    out = []
    for item in tenant.store.iter_items(kind):
        names = (
            item.name,
            str(item.get("Identity") or ""),
            str(item.get("DisplayName") or ""),
            str(tenant.item_guid(item)),
            str(item.get("ImmutableId") or ""),
        )
        if pattern is not None:
            if pattern.match(item.name):
                out.append(item)
        elif lowered in (n.lower() for n in names if n):
            out.append(item)
    return out


def resolve_item(tenant: Any, kind: str, identity: Any, *, compliance: bool = False) -> Item:
    text = str(identity).strip()
    matches = find_items(tenant, kind, text)
    if not matches:
        raise errors.not_found(text, compliance=compliance)
    if len(matches) > 1:
        # A name wins over display names that happen to be equal to it.
        exact = [m for m in matches if m.name.lower() == text.lower()]
        if len(exact) == 1:
            return exact[0]
        raise errors.ambiguous(text)
    return matches[0]
