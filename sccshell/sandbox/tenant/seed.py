"""Deterministic seed data: the contoso organization for N mailboxes.

One seeded random generator drives every choice, so the same seed gives the same
objects (GUIDs derive from the seed and serial numbers, see Tenant.guid). Records
are compact (records.Recipient); per-mailbox variation that needs no choice here is
derived when an object is formatted (derive.py).
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from sccshell.sandbox import hosts
from sccshell.sandbox.tenant.records import ONMICROSOFT, VANITY, Recipient
from sccshell.sandbox.tenant.seedwords import (
    DEPARTMENTS,
    EQUIPMENT,
    FIRST_NAMES,
    GROUPS,
    LAST_NAMES,
    M365_GROUPS,
    PARTNER_DOMAINS,
    PLACES,
    SHARED_MAILBOXES,
)
from sccshell.sandbox.tenant.values import utc

FIRST_CREATED = utc(2019, 3, 4, 9, 12, 31)
LAST_CREATED = utc(2024, 11, 28, 16, 40, 5)
DISCOVERY = "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}"
# The accounts the sign-in side knows (directory.py): they have mailboxes too, with the
# directory's names and object ids.
SERVICE_ACCOUNTS = (
    ("admin", "MOD", "Administrator", "MOD Administrator"),
    ("helpdesk", "Helpdesk", "Operator", "Helpdesk Operator"),
    ("mfa.user", "Megan", "Bowen", "Megan Bowen"),
)


def directory_object_id(alias: str) -> str:
    """The object id directory.py gives the account ALIAS (uuid5 in the tenant's namespace)."""
    return str(uuid.uuid5(uuid.UUID(hosts.TENANT_ID), f"user/{alias}"))


class _Names:
    """Unique names: the second 'anab' becomes 'anab2', as admins make them."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def take(self, base: str) -> str:
        key = base.lower()
        count = self._next.get(key)
        if count is None:
            self._next[key] = 2
            return base
        self._next[key] = count + 1
        return f"{base}{count}"

    def reserve(self, name: str) -> None:
        self._next.setdefault(name.lower(), 2)


def _clean(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() or c == ".")


class _Seeder:
    def __init__(self, tenant: Any, mailboxes: int) -> None:
        self.t = tenant
        self.rng = random.Random(tenant.seed)
        self.mailboxes = max(mailboxes, len(SERVICE_ACCOUNTS) + 1)  # + the discovery mailbox
        self.aliases = _Names()  # name and alias (they are the same for seeded objects)
        self.locals = _Names()  # local parts of SMTP addresses at contoso.com
        self.total = self._planned()
        self.made = 0
        self.users: list[int] = []
        self.shared: list[int] = []

    def _planned(self) -> int:
        m = self.mailboxes
        return (
            m
            + max(2, m // 50)
            + max(1, m // 200)
            + max(3, m // 25)
            + max(4, m // 20)
            + max(2, m // 100)
            + 1
        )

    def created(self) -> float:
        """Creation times rise with the serial number, with some jitter."""
        self.made += 1
        span = LAST_CREATED - FIRST_CREATED
        base = FIRST_CREATED + span * self.made / (self.total + 1)
        return float(int(base + self.rng.random() * 3600 * 6))

    def add(self, rtd: str, name: str, **fields: Any) -> Recipient:
        recipient = Recipient(self.t.serial(), rtd, name, created=self.created(), **fields)
        self.t.store.recipients[recipient.n] = recipient
        return recipient

    # --- mailboxes ---------------------------------------------------------------------

    def run(self) -> None:
        for alias, first, last, display in SERVICE_ACCOUNTS:
            self.aliases.reserve(alias)
            r = self.add(
                "UserMailbox",
                alias,
                first=first,
                last=last,
                display=display,
                domain=ONMICROSOFT,
                props={"ExternalDirectoryObjectId": directory_object_id(alias)},
            )
            self.users.append(r.n)
        self.add(
            "DiscoveryMailbox",
            DISCOVERY,
            display="Discovery Search Mailbox",
            local=DISCOVERY,
            domain=ONMICROSOFT,
        )
        remaining = self.mailboxes - len(SERVICE_ACCOUNTS) - 1
        shared = round(self.mailboxes * 0.05)
        rooms = min(max(2, self.mailboxes // 100), 400)
        equipment = min(max(1, self.mailboxes // 250), 200)
        extras = min(remaining, shared + rooms + equipment)
        users = remaining - extras
        shared, rooms, equipment = _fit(extras, shared, rooms, equipment)
        # Interleave so that every kind is spread over the creation timeline.
        plan = ["u"] * users + ["s"] * shared + ["r"] * rooms + ["e"] * equipment
        self.rng.shuffle(plan)
        counters = {"s": 0, "r": 0, "e": 0}
        for kind in plan:
            if kind == "u":
                self.user_mailbox()
            elif kind == "s":
                self.shared_mailbox(counters["s"])
            elif kind == "r":
                self.room(counters["r"])
            else:
                self.equipment(counters["e"])
            if kind != "u":
                counters[kind] += 1
        self.mail_users()
        self.contacts()
        self.groups()
        self.group_mailboxes()
        self.permissions()

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def user_mailbox(self) -> None:
        first, last = self.person()
        alias = self.aliases.take(_clean(first + last[0]))
        local = self.locals.take(_clean(f"{first}.{last}"))
        r = self.add("UserMailbox", alias, first=first, last=last, local=local, domain=VANITY)
        self.users.append(r.n)

    def shared_mailbox(self, i: int) -> None:
        if i < len(SHARED_MAILBOXES):
            display, base = SHARED_MAILBOXES[i]
        else:
            dept = DEPARTMENTS[i % len(DEPARTMENTS)]
            city = PLACES[(i // len(DEPARTMENTS)) % len(PLACES)][0]
            display = f"{dept} {city}"
            base = _clean(display.replace(" ", ""))
        alias = self.aliases.take(base)
        if alias != base:
            display = f"{display} {alias[len(base) :]}"
        r = self.add(
            "SharedMailbox", alias, display=display, local=self.locals.take(alias), domain=VANITY
        )
        self.shared.append(r.n)

    def room(self, i: int) -> None:
        last = LAST_NAMES[(i * 7) % len(LAST_NAMES)]
        base = _clean(f"confroom{last}")
        alias = self.aliases.take(base)
        suffix = alias[len(base) :]
        display = f"Conf Room {last}" + (f" {suffix}" if suffix else "")
        self.add(
            "RoomMailbox", alias, display=display, local=self.locals.take(alias), domain=VANITY
        )

    def equipment(self, i: int) -> None:
        display = f"{EQUIPMENT[i % len(EQUIPMENT)]} {i // len(EQUIPMENT) + 1}"
        alias = self.aliases.take(_clean(display.replace(" ", "")))
        self.add(
            "EquipmentMailbox", alias, display=display, local=self.locals.take(alias), domain=VANITY
        )

    # --- other recipients ----------------------------------------------------------------------

    def mail_users(self) -> None:
        for i in range(max(2, self.mailboxes // 50)):
            first, last = self.person()
            partner = PARTNER_DOMAINS[i % len(PARTNER_DOMAINS)]
            alias = self.aliases.take(_clean(first + last[0]))
            local = self.locals.take(_clean(f"{first}.{last}"))
            self.add(
                "MailUser",
                alias,
                first=first,
                last=last,
                local=local,
                domain=VANITY,
                props={"ExternalEmailAddress": f"SMTP:{_clean(first)}.{_clean(last)}@{partner}"},
            )
        for i in range(max(1, self.mailboxes // 200)):
            first, last = self.person()
            partner = PARTNER_DOMAINS[(i + 2) % len(PARTNER_DOMAINS)]
            external = f"{_clean(first)}.{_clean(last)}@{partner}"
            guest = self.aliases.take(external.replace("@", "_") + "#EXT#")
            self.add(
                "GuestMailUser",
                guest,
                alias=self.aliases.take(
                    _clean(external.split("@")[0].replace(".", "")) + "_" + partner.split(".")[0]
                ),
                first=first,
                last=last,
                local=guest,
                domain=ONMICROSOFT,
                props={"ExternalEmailAddress": f"SMTP:{external}"},
            )

    def contacts(self) -> None:
        for i in range(max(3, self.mailboxes // 25)):
            first, last = self.person()
            partner = PARTNER_DOMAINS[i % len(PARTNER_DOMAINS)]
            company = partner.split(".")[0].capitalize()
            display = self.aliases.take(f"{first} {last} ({company})")
            alias = self.aliases.take(_clean(first + last + company))
            local = f"{_clean(first)}.{_clean(last)}"
            self.add(
                "MailContact",
                display,
                alias=alias,
                first=first,
                last=last,
                display=display,
                local=local,
                domain=partner,
                props={
                    "ExternalEmailAddress": f"SMTP:{local}@{partner}",
                    "EmailAddresses": [f"SMTP:{local}@{partner}"],
                },
            )

    def groups(self) -> None:
        admin = self.t.store.recipients[self.users[0]].name
        count = max(4, self.mailboxes // 20)
        pool = self.users[len(SERVICE_ACCOUNTS) :] or self.users
        for i in range(count):
            if i < len(GROUPS):
                display, base = GROUPS[i]
            else:
                dept = DEPARTMENTS[i % len(DEPARTMENTS)]
                city = PLACES[(i // len(DEPARTMENTS)) % len(PLACES)][0]
                display = f"{dept} - {city}"
                base = _clean(f"{dept}{city}".replace(" ", ""))
            alias = self.aliases.take(base)
            if alias != base:
                display = f"{display} {alias[len(base) :]}"
            rtd = "MailUniversalSecurityGroup" if i % 4 == 3 else "MailUniversalDistributionGroup"
            group = self.add(
                rtd,
                alias,
                display=display,
                local=self.locals.take(alias),
                domain=VANITY,
                props={"ManagedBy": [admin]},
            )
            size = min(len(pool), 200 if base == "allstaff" else self.rng.randint(3, 25))
            self.t.store.members[group.n] = sorted(self.rng.sample(pool, size))
        # Shared mailboxes reach their delegates through a group now and then.
        if self.shared and len(self.t.store.members) > 1:
            first_group = next(iter(self.t.store.members))
            self.t.store.members[first_group].append(self.shared[0])

    def group_mailboxes(self) -> None:
        for i in range(max(2, self.mailboxes // 100)):
            display = (
                M365_GROUPS[i]
                if i < len(M365_GROUPS)
                else f"Team {DEPARTMENTS[i % len(DEPARTMENTS)]} {i}"
            )
            base = _clean(display.replace(" ", ""))
            alias = self.aliases.take(base)
            name = f"{alias}_{self.t.guid(self.made + 1, 'group-suffix')[:8]}"
            self.add(
                "GroupMailbox",
                name,
                alias=alias,
                display=display,
                local=self.locals.take(alias),
                domain=ONMICROSOFT,
            )

    # --- permissions -----------------------------------------------------------------------------

    def permissions(self) -> None:
        store = self.t.store
        pool = self.users[len(SERVICE_ACCOUNTS) :] or self.users
        for n in self.shared:
            delegates = self.rng.sample(pool, min(len(pool), self.rng.randint(1, 3)))
            store.permissions[n] = [_ace(u) for u in delegates]
            store.send_as[n] = [{"u": delegates[0], "rights": ["SendAs"]}]
        for n in pool:
            if self.rng.random() < 0.02:
                delegate = self.rng.choice(pool)
                if delegate != n:
                    store.permissions.setdefault(n, []).append(_ace(delegate))


def _ace(user: int, rights: list[str] | None = None) -> dict[str, Any]:
    return {
        "u": user,
        "rights": rights or ["FullAccess"],
        "deny": False,
        "inheritance": "All",
        "automap": True,
    }


def _fit(total: int, *wanted: int) -> tuple[int, ...]:
    """Cut the WANTED counts down (in order of priority, last first) to TOTAL."""
    counts = list(wanted)
    index = len(counts) - 1
    while sum(counts) > total and index >= 0:
        excess = sum(counts) - total
        cut = min(excess, counts[index])
        counts[index] -= cut
        index -= 1
    return tuple(counts)


def populate(tenant: Any, mailboxes: int) -> None:
    """Fill TENANT with the seed data for MAILBOXES mailboxes."""
    from sccshell.sandbox.tenant.seed_audit import seed_audit
    from sccshell.sandbox.tenant.seed_items import seed_items

    seeder = _Seeder(tenant, mailboxes)
    seeder.run()
    seed_items(tenant, random.Random(f"{tenant.seed}:items"), seeder.users)
    seed_audit(tenant, random.Random(f"{tenant.seed}:audit"), seeder.users)
