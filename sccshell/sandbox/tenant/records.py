"""Compact records of the tenant's objects.

A recipient keeps only what differs between recipients (names, addresses, serial);
everything else is derived from its serial number when an object is formatted, and
`props` holds what an admin has changed. 100,000 mailboxes stay cheap that way.
"""

from __future__ import annotations

from typing import Any

ONMICROSOFT = "contoso.onmicrosoft.com"
VANITY = "contoso.com"
ORGANIZATION = "contoso"

# RecipientTypeDetails -> RecipientType
RECIPIENT_TYPE = {
    "UserMailbox": "UserMailbox",
    "SharedMailbox": "UserMailbox",
    "RoomMailbox": "UserMailbox",
    "EquipmentMailbox": "UserMailbox",
    "DiscoveryMailbox": "UserMailbox",
    "GroupMailbox": "MailUniversalDistributionGroup",
    "MailUser": "MailUser",
    "GuestMailUser": "MailUser",
    "MailContact": "MailContact",
    "MailUniversalDistributionGroup": "MailUniversalDistributionGroup",
    "MailUniversalSecurityGroup": "MailUniversalSecurityGroup",
    "RoomList": "MailUniversalDistributionGroup",
    "DynamicDistributionGroup": "DynamicDistributionGroup",
    "User": "User",
}
MAILBOXES = frozenset(
    {"UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox", "DiscoveryMailbox"}
)
GROUPS = frozenset({"MailUniversalDistributionGroup", "MailUniversalSecurityGroup", "RoomList"})
USERS = MAILBOXES | frozenset({"MailUser", "GuestMailUser", "User"}) - {"DiscoveryMailbox"}
ALL_TYPES = frozenset(RECIPIENT_TYPE)
# Canonical spellings, for parameters that name recipient types in any letter case.
TYPE_NAMES = {name.lower(): name for name in RECIPIENT_TYPE}


class Recipient:
    """A mail-enabled object: mailbox, mail user, contact or group."""

    __slots__ = (
        "n",
        "rtd",
        "name",
        "alias",
        "first",
        "last",
        "display",
        "local",
        "domain",
        "created",
        "changed",
        "props",
    )

    def __init__(
        self,
        n: int,
        rtd: str,
        name: str,
        *,
        alias: str | None = None,
        first: str = "",
        last: str = "",
        display: str | None = None,
        local: str | None = None,
        domain: str = VANITY,
        created: float = 0.0,
        changed: float | None = None,
        props: dict[str, Any] | None = None,
    ) -> None:
        self.n = n  # serial number: GUIDs and per-object variation derive from it
        self.rtd = rtd  # RecipientTypeDetails
        self.name = name
        self.alias = alias  # None: same as name
        self.first = first
        self.last = last
        self.display = display  # None: "first last"
        self.local = local  # local part of the primary SMTP address; None: alias
        self.domain = domain
        self.created = created
        self.changed = changed  # None: same as created
        self.props = props  # properties an admin has set, by their service names

    def __repr__(self) -> str:
        return f"Recipient({self.n}, {self.rtd}, {self.name!r})"

    @property
    def mail_nickname(self) -> str:
        return self.alias if self.alias is not None else self.name

    @property
    def display_name(self) -> str:
        if self.display is not None:
            return self.display
        return f"{self.first} {self.last}".strip() or self.name

    @property
    def primary_smtp(self) -> str:
        return f"{self.local if self.local is not None else self.mail_nickname}@{self.domain}"

    @property
    def when_changed(self) -> float:
        return self.changed if self.changed is not None else self.created

    def get(self, name: str, default: Any = None) -> Any:
        props = self.props
        return props.get(name, default) if props else default

    def put(self, name: str, value: Any) -> None:
        if self.props is None:
            self.props = {}
        self.props[name] = value

    def addresses(self) -> list[str]:
        """EmailAddresses: what was set, else the primary address plus the onmicrosoft one."""
        explicit = self.get("EmailAddresses")
        if explicit is not None:
            return list(explicit)
        primary = "SMTP:" + self.primary_smtp
        routing = f"smtp:{self.mail_nickname}@{ONMICROSOFT}"
        if routing[5:].lower() == primary[5:].lower():
            return [primary]
        return [primary, routing]

    def upn(self) -> str:
        return self.get("UserPrincipalName") or self.primary_smtp

    def to_row(self) -> list[Any]:
        return [
            self.n,
            self.rtd,
            self.name,
            self.alias,
            self.first,
            self.last,
            self.display,
            self.local,
            self.domain,
            self.created,
            self.changed,
            self.props,
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Recipient:
        n, rtd, name, alias, first, last, display, local, domain, created, changed, props = row
        return cls(
            n,
            rtd,
            name,
            alias=alias,
            first=first,
            last=last,
            display=display,
            local=local,
            domain=domain,
            created=created,
            changed=changed,
            props=props,
        )


class Item:
    """Any other object (policy, rule, label, case, search, ...): a serial and its properties."""

    __slots__ = ("n", "kind", "props")

    def __init__(self, n: int, kind: str, props: dict[str, Any]) -> None:
        self.n = n
        self.kind = kind
        self.props = props

    def __repr__(self) -> str:
        return f"Item({self.n}, {self.kind}, {self.props.get('Name')!r})"

    @property
    def name(self) -> str:
        return str(self.props.get("Name", ""))

    def get(self, name: str, default: Any = None) -> Any:
        return self.props.get(name, default)

    def put(self, name: str, value: Any) -> None:
        self.props[name] = value
