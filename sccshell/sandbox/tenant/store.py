"""Where the tenant's records live, with the lookup indexes identity resolution needs.

Indexes are built on first use (seeding 100,000 mailboxes does not pay for them) and
kept current by `unindex` / `index` around every change of a name or address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sccshell.sandbox.tenant.records import Item, Recipient

# A key maps to its one recipient, or to a list when several share it (saves memory).
Bucket = dict[str, "Recipient | list[Recipient]"]


class Store:
    def __init__(self, guid_of: Callable[[Recipient], tuple[str, ...]]) -> None:
        self.recipients: dict[int, Recipient] = {}  # active, in creation order
        self.deleted: dict[int, Recipient] = {}  # soft-deleted mailboxes
        self.members: dict[int, list[int]] = {}  # group serial -> member serials
        self.permissions: dict[int, list[dict[str, Any]]] = {}  # mailbox -> explicit ACEs
        self.send_as: dict[int, list[dict[str, Any]]] = {}  # recipient -> SendAs trustees
        self.items: dict[str, dict[int, Item]] = {}  # kind -> serial -> item
        self._guid_of = guid_of  # a recipient's GUIDs (Guid, ExchangeGuid, ...)
        self._strong: Bucket | None = None  # name, alias, addresses, UPN
        self._display: Bucket | None = None  # display names: matched last
        self._guids: dict[str, Recipient] | None = None

    # --- recipients -------------------------------------------------------------------

    def add(self, recipient: Recipient) -> None:
        self.recipients[recipient.n] = recipient
        self.index(recipient)

    def remove(self, recipient: Recipient) -> None:
        self.unindex(recipient)
        self.recipients.pop(recipient.n, None)

    def recipient(self, n: int) -> Recipient | None:
        return self.recipients.get(n)

    # --- indexes ----------------------------------------------------------------------

    @staticmethod
    def strong_keys(recipient: Recipient) -> set[str]:
        keys = {recipient.name.lower(), recipient.mail_nickname.lower(), recipient.upn().lower()}
        for address in recipient.addresses():
            prefix, _, rest = address.partition(":")
            if prefix.lower() == "smtp" and rest:
                keys.add(rest.lower())
        external = recipient.get("ExternalEmailAddress")
        if external:
            keys.add(str(external).partition(":")[2].lower() or str(external).lower())
        return keys

    def _ensure(self) -> tuple[Bucket, Bucket]:
        if self._strong is None or self._display is None:
            self._strong, self._display = {}, {}
            for recipient in self.recipients.values():
                self._put(recipient)
        return self._strong, self._display

    def _put(self, recipient: Recipient) -> None:
        assert self._strong is not None and self._display is not None
        for key in self.strong_keys(recipient):
            _add(self._strong, key, recipient)
        _add(self._display, recipient.display_name.lower(), recipient)

    def index(self, recipient: Recipient) -> None:
        if self._strong is not None:
            self._put(recipient)
        if self._guids is not None:
            for guid in self._guid_of(recipient):
                self._guids[guid] = recipient

    def unindex(self, recipient: Recipient) -> None:
        if self._strong is not None and self._display is not None:
            for key in self.strong_keys(recipient):
                _drop(self._strong, key, recipient)
            _drop(self._display, recipient.display_name.lower(), recipient)
        if self._guids is not None:
            for guid in self._guid_of(recipient):
                self._guids.pop(guid, None)

    def by_key(self, key: str) -> list[Recipient]:
        strong, _ = self._ensure()
        return _get(strong, key.lower())

    def by_display(self, key: str) -> list[Recipient]:
        _, display = self._ensure()
        return _get(display, key.lower())

    def by_guid(self, guid: str) -> Recipient | None:
        if self._guids is None:
            self._guids = {}
            for recipient in self.recipients.values():
                for value in self._guid_of(recipient):
                    self._guids[value] = recipient
        return self._guids.get(guid.lower())

    # --- other objects -----------------------------------------------------------------------

    def kind(self, kind: str) -> dict[int, Item]:
        return self.items.setdefault(kind, {})

    def put_item(self, item: Item) -> Item:
        self.kind(item.kind)[item.n] = item
        return item

    def drop_item(self, item: Item) -> None:
        self.kind(item.kind).pop(item.n, None)

    def iter_items(self, kind: str) -> Iterator[Item]:
        return iter(list(self.kind(kind).values()))


def _add(bucket: Bucket, key: str, recipient: Recipient) -> None:
    entry = bucket.get(key)
    if entry is None:
        bucket[key] = recipient
    elif isinstance(entry, list):
        if recipient not in entry:
            entry.append(recipient)
    elif entry is not recipient:
        bucket[key] = [entry, recipient]


def _get(bucket: Bucket, key: str) -> list[Recipient]:
    entry = bucket.get(key)
    if entry is None:
        return []
    return list(entry) if isinstance(entry, list) else [entry]


def _drop(bucket: Bucket, key: str, recipient: Recipient) -> None:
    entry = bucket.get(key)
    if entry is None:
        return
    if not isinstance(entry, list):
        if entry is recipient:
            del bucket[key]
        return
    remaining = [r for r in entry if r is not recipient]
    if len(remaining) > 1:
        bucket[key] = remaining
    elif remaining:
        bucket[key] = remaining[0]
    else:
        del bucket[key]
