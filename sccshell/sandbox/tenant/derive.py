"""Facts about a recipient that follow from its serial number and type.

Seeded objects vary (quotas, holds, departments, sizes) without storing anything:
each fact reads bits of one stable hash of (seed, serial). What an admin sets lands
in the record's `props` and wins over these defaults (see shape.Prop.raw).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sccshell.sandbox.tenant.records import ONMICROSOFT, RECIPIENT_TYPE, Recipient
from sccshell.sandbox.tenant.seedwords import DEPARTMENTS, PLACES, TITLES
from sccshell.sandbox.tenant.values import ZERO_GUID, mix

GB = 1 << 30
MB = 1 << 20
KB = 1 << 10
FOREST = "NAMPR01A001.PROD.OUTLOOK.COM"
OU_PATH = f"OU={ONMICROSOFT},OU=Microsoft Exchange Hosted Organizations,DC=NAMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM"
SOFT_DELETED_OU = "OU=Soft Deleted Objects," + OU_PATH
ORGANIZATIONAL_UNIT = (
    f"nampr01a001.prod.outlook.com/Microsoft Exchange Hosted Organizations/{ONMICROSOFT}"
)
ORGANIZATION_ID = (
    f"{FOREST}/Microsoft Exchange Hosted Organizations/{ONMICROSOFT} - "
    f"{FOREST}/ConfigurationUnits/{ONMICROSOFT}/Configuration"
)
ORIGINATING_SERVER = "SN4PR01A001DC002.NAMPR01A001.PROD.OUTLOOK.COM"
ADMIN_DISPLAY_VERSION = "Version 15.20 (Build 8722.21)"
RESOURCE_TYPES = {"RoomMailbox": "Room", "EquipmentMailbox": "Equipment"}
SHARED_LIKE = frozenset({"SharedMailbox", "RoomMailbox", "EquipmentMailbox"})
AUDIT_ADMIN = [
    "Update",
    "MoveToDeletedItems",
    "SoftDelete",
    "HardDelete",
    "SendAs",
    "SendOnBehalf",
    "Create",
    "UpdateFolderPermissions",
    "UpdateInboxRules",
    "UpdateCalendarDelegation",
    "ApplyRecord",
    "MailItemsAccessed",
    "Send",
]
AUDIT_DELEGATE = [
    "Update",
    "MoveToDeletedItems",
    "SoftDelete",
    "HardDelete",
    "SendAs",
    "SendOnBehalf",
    "Create",
    "UpdateFolderPermissions",
    "UpdateInboxRules",
    "ApplyRecord",
    "MailItemsAccessed",
]
AUDIT_OWNER = [
    "Update",
    "MoveToDeletedItems",
    "SoftDelete",
    "HardDelete",
    "UpdateFolderPermissions",
    "UpdateInboxRules",
    "UpdateCalendarDelegation",
    "ApplyRecord",
    "MailItemsAccessed",
    "Send",
]


@lru_cache(maxsize=8192)
def _hash(seed: int, n: int) -> int:
    return mix(seed, n)


def bits(r: Recipient, t: Any, shift: int, modulo: int) -> int:
    """A stable number in [0, MODULO) for recipient R (different SHIFTs are independent-ish)."""
    return (_hash(t.seed, r.n) >> shift) % modulo


# --- identity --------------------------------------------------------------------------


def guid(r: Recipient, t: Any) -> str:
    return t.guid(r.n, "object")


def exchange_guid(r: Recipient, t: Any) -> str:
    return t.guid(r.n, "mailbox")


def exchange_object_id(r: Recipient, t: Any) -> str:
    return t.guid(r.n, "exchange-object")


def external_id(r: Recipient, t: Any) -> str:
    return t.guid(r.n, "directory")


def guids(r: Recipient, t: Any) -> tuple[str, ...]:
    """Every GUID an identity parameter may name the recipient by."""
    values = [
        r.get("Guid") or guid(r, t),
        r.get("ExchangeGuid") or exchange_guid(r, t),
        r.get("ExternalDirectoryObjectId") or external_id(r, t),
        exchange_object_id(r, t),
    ]
    return tuple(v.lower() for v in values)


def identity(r: Recipient, t: Any) -> str:
    if r.get("IsSoftDeletedByRemove"):
        return f"Soft Deleted Objects\\{r.name}"
    return r.name


def distinguished_name(r: Recipient, t: Any) -> str:
    ou = SOFT_DELETED_OU if r.get("IsSoftDeletedByRemove") else OU_PATH
    return f"CN={r.name},{ou}"


def legacy_dn(r: Recipient, t: Any) -> str:
    return (
        "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/"
        f"cn={guid(r, t).replace('-', '')}-{r.mail_nickname}"
    )


def sam_account_name(r: Recipient, t: Any) -> str:
    code = _hash(t.seed, r.n)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV"
    tail = "".join(alphabet[(code >> (5 * i)) & 31] for i in range(12))
    return f"$S5G{tail[:2]}0-{tail[2:]}"


def recipient_type(r: Recipient, t: Any) -> str:
    return RECIPIENT_TYPE.get(r.rtd, r.rtd)


# --- where the mailbox lives -------------------------------------------------------------


def database(r: Recipient, t: Any) -> str:
    return f"NAMPR01DG{100 + bits(r, t, 3, 400):03d}-db{bits(r, t, 13, 120):03d}"


def database_guid(r: Recipient, t: Any) -> str:
    return t.guid(0, "database", database(r, t))


def server_name(r: Recipient, t: Any) -> str:
    return f"sn4pr01mb{1000 + bits(r, t, 21, 9000):04d}"


def server_legacy_dn(r: Recipient, t: Any) -> str:
    return (
        "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/"
        f"cn=Servers/cn={server_name(r, t).upper()}"
    )


def mailbox_locations(r: Recipient, t: Any) -> list[str]:
    primary = f"1;{exchange_guid(r, t)};Primary;nampr01.prod.outlook.com;{database_guid(r, t)}"
    if has_archive(r, t):
        return [
            primary,
            f"1;{archive_guid(r, t)};MainArchive;nampr01.prod.outlook.com;{database_guid(r, t)}",
        ]
    return [primary]


# --- plan, quotas, archive, holds -----------------------------------------------------------


def small_plan(r: Recipient, t: Any) -> bool:
    """Shared and resource mailboxes, and about one user in five, have the 50 GB plan."""
    return r.rtd in SHARED_LIKE or (r.rtd == "UserMailbox" and bits(r, t, 0, 5) == 0)


def mailbox_plan(r: Recipient, t: Any) -> str | None:
    if r.rtd not in ("UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox"):
        return None
    if small_plan(r, t):
        return "ExchangeOnline-" + t.guid(0, "plan", "ExchangeOnline")
    return "ExchangeOnlineEnterprise-" + t.guid(0, "plan", "ExchangeOnlineEnterprise")


def prohibit_send(r: Recipient, t: Any) -> int:
    return int(49.5 * GB) if small_plan(r, t) else 99 * GB


def prohibit_send_receive(r: Recipient, t: Any) -> int:
    return 50 * GB if small_plan(r, t) else 100 * GB


def issue_warning(r: Recipient, t: Any) -> int:
    return 49 * GB if small_plan(r, t) else 98 * GB


def has_archive(r: Recipient, t: Any) -> bool:
    status = r.get("ArchiveStatus")
    if status is not None:
        return status == "Active"
    return r.rtd == "UserMailbox" and bits(r, t, 5, 10) < 3


def archive_status(r: Recipient, t: Any) -> str:
    return "Active" if has_archive(r, t) else "None"


def archive_state(r: Recipient, t: Any) -> str:
    return "Local" if has_archive(r, t) else "None"


def archive_guid(r: Recipient, t: Any) -> str:
    return t.guid(r.n, "archive") if has_archive(r, t) else ZERO_GUID


def archive_database(r: Recipient, t: Any) -> str | None:
    return database(r, t) if has_archive(r, t) else None


def archive_database_guid(r: Recipient, t: Any) -> str:
    return database_guid(r, t) if has_archive(r, t) else ZERO_GUID


def archive_name(r: Recipient, t: Any) -> list[str]:
    return [f"In-Place Archive -{r.display_name}"] if has_archive(r, t) else []


def archive_release(r: Recipient, t: Any) -> str:
    return "E15" if has_archive(r, t) else ""


def litigation_hold(r: Recipient, t: Any) -> bool:
    return r.rtd == "UserMailbox" and bits(r, t, 9, 20) == 0


def litigation_hold_date(r: Recipient, t: Any) -> float | None:
    if not litigation_hold(r, t):
        return None
    return r.created + 86400 * (30 + bits(r, t, 17, 300))


def litigation_hold_owner(r: Recipient, t: Any) -> str:
    return f"admin@{ONMICROSOFT}" if litigation_hold(r, t) else ""


def forwarding_smtp(r: Recipient, t: Any) -> str | None:
    if r.rtd == "UserMailbox" and bits(r, t, 25, 60) == 0:
        return f"smtp:{r.mail_nickname}.home@outlook.com"
    return None


def deliver_and_forward(r: Recipient, t: Any) -> bool:
    return forwarding_smtp(r, t) is not None and bits(r, t, 31, 2) == 0


def hidden(r: Recipient, t: Any) -> bool:
    if r.rtd in SHARED_LIKE:
        return bits(r, t, 33, 6) == 0
    return False


def is_resource(r: Recipient, t: Any) -> bool:
    return r.rtd in RESOURCE_TYPES


def resource_type(r: Recipient, t: Any) -> str | None:
    return RESOURCE_TYPES.get(r.rtd)


def resource_capacity(r: Recipient, t: Any) -> int | None:
    return (4, 6, 8, 10, 12, 20)[bits(r, t, 35, 6)] if r.rtd == "RoomMailbox" else None


def account_disabled(r: Recipient, t: Any) -> bool:
    return r.rtd in SHARED_LIKE


def sku_assigned(r: Recipient, t: Any) -> bool | None:
    return True if r.rtd == "UserMailbox" else None


def persisted_capabilities(r: Recipient, t: Any) -> list[str]:
    if r.rtd != "UserMailbox":
        return []
    return (
        ["BPOS_S_Enterprise", "MIP_S_CLP2", "M365Auditing"]
        if not small_plan(r, t)
        else ["BPOS_S_Standard"]
    )


def address_lists(r: Recipient, t: Any) -> list[str]:
    if r.get("HiddenFromAddressListsEnabled", hidden(r, t)):
        return []
    lists = [
        "\\Default Global Address List",
        "\\All Recipients(VLV)",
        "\\Offline Global Address List",
    ]
    if r.rtd in ("UserMailbox", "SharedMailbox"):
        return ["\\All Users", *lists, "\\Mailboxes(VLV)", "\\All Mailboxes(VLV)"]
    if r.rtd in RESOURCE_TYPES:
        return ["\\All Rooms", *lists] if r.rtd == "RoomMailbox" else lists
    if r.rtd in ("MailUniversalDistributionGroup", "MailUniversalSecurityGroup", "GroupMailbox"):
        return ["\\All Distribution Lists", *lists, "\\Groups(VLV)"]
    if r.rtd == "MailContact":
        return ["\\All Contacts", *lists]
    return lists


def object_class(r: Recipient, t: Any) -> list[str]:
    if r.rtd == "MailContact":
        return ["top", "person", "organizationalPerson", "contact"]
    if r.rtd in (
        "MailUniversalDistributionGroup",
        "MailUniversalSecurityGroup",
        "RoomList",
        "GroupMailbox",
    ):
        return ["top", "group"]
    return ["top", "person", "organizationalPerson", "user"]


def object_category(r: Recipient, t: Any) -> str:
    leaf = {"MailContact": "Person"}.get(r.rtd, "Person")
    if "group" in object_class(r, t):
        leaf = "Group"
    return f"{FOREST}/Configuration/Schema/{leaf}"


def email_policy_enabled(r: Recipient, t: Any) -> bool:
    # Seeded addresses follow the policy; the service turns it off when an admin sets one.
    return r.get("EmailAddresses") is None and r.domain.lower() != ONMICROSOFT


def windows_live_id(r: Recipient, t: Any) -> str:
    return (
        r.upn()
        if r.rtd in ("UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox", "MailUser")
        else ""
    )


def upn(r: Recipient, t: Any) -> str:
    return r.upn()


def addresses(r: Recipient, t: Any) -> list[str]:
    return r.addresses()


def _field(attribute: str) -> Callable[[Recipient, Any], Any]:
    """A property that is one attribute of the record, read when rendered."""
    return lambda r, t: getattr(r, attribute)


primary_smtp = _field("primary_smtp")
display_name = _field("display_name")
name = _field("name")
alias = _field("mail_nickname")
first_name = _field("first")
last_name = _field("last")
created = _field("created")
changed = _field("when_changed")


def sts_valid_from(r: Recipient, t: Any) -> float:
    return r.created + 3600


def um_dtmf_map(r: Recipient, t: Any) -> list[str]:
    def digits(text: str) -> str:
        keys = {c: str(2 + i // 3) for i, c in enumerate("abcdefghijklmnoprstuvwxy")}
        keys.update({"q": "7", "z": "9"})
        return "".join(keys.get(c, "") for c in text.lower())

    entries = [f"emailAddress:{digits(r.mail_nickname)}"]
    if r.first or r.last:
        entries.append(f"lastNameFirstName:{digits(r.last + r.first)}")
        entries.append(f"firstNameLastName:{digits(r.first + r.last)}")
    return entries


# --- the person -------------------------------------------------------------------------------


def is_person(r: Recipient) -> bool:
    return r.rtd in ("UserMailbox", "MailUser", "GuestMailUser", "User") and bool(r.first)


def department(r: Recipient, t: Any) -> str:
    return DEPARTMENTS[bits(r, t, 37, len(DEPARTMENTS))] if is_person(r) else ""


def title(r: Recipient, t: Any) -> str:
    if not is_person(r):
        return ""
    titles = TITLES[department(r, t)]
    return titles[bits(r, t, 41, len(titles))]


def _place(r: Recipient, t: Any) -> tuple[str, str, str, str] | None:
    if not is_person(r) and r.rtd not in RESOURCE_TYPES:
        return None
    return PLACES[bits(r, t, 45, len(PLACES))]


def city(r: Recipient, t: Any) -> str:
    place = _place(r, t)
    return place[0] if place else ""


def country(r: Recipient, t: Any) -> str:
    place = _place(r, t)
    return place[1] if place else ""


def usage_location(r: Recipient, t: Any) -> str:
    place = _place(r, t)
    return place[1] if place and r.rtd == "UserMailbox" else ""


def office(r: Recipient, t: Any) -> str:
    place = _place(r, t)
    return place[3] if place else ""


def company(r: Recipient, t: Any) -> str:
    return "Contoso" if is_person(r) and r.rtd != "GuestMailUser" else ""


def phone(r: Recipient, t: Any) -> str:
    if not is_person(r):
        return ""
    return f"+1 425 555 {bits(r, t, 49, 10000):04d}"


def employee_type(r: Recipient, t: Any) -> str:
    """CustomAttribute1 in many tenants: the seed uses it for the employment type."""
    if not is_person(r) or r.rtd != "UserMailbox":
        return ""
    return "Contractor" if bits(r, t, 53, 8) == 0 else "Employee"


def cost_centre(r: Recipient, t: Any) -> str:
    if not is_person(r) or r.rtd != "UserMailbox":
        return ""
    return f"CC-{1000 + 10 * DEPARTMENTS.index(department(r, t)) + bits(r, t, 57, 3)}"


# --- statistics -------------------------------------------------------------------------------


def total_item_bytes(r: Recipient, t: Any) -> int:
    stored = r.get("TotalItemSize")
    if stored is not None:
        return int(stored)
    scale = {"UserMailbox": 9 * GB, "SharedMailbox": 3 * GB}.get(r.rtd, 200 * MB)
    fraction = (bits(r, t, 7, 10007) / 10007) ** 2  # most mailboxes are small, a few are big
    return int(40 * MB + scale * fraction * 4) + bits(r, t, 11, 1 << 20)


def item_count(r: Recipient, t: Any) -> int:
    return max(1, total_item_bytes(r, t) // (48 * KB + bits(r, t, 15, 60 * KB)))


def deleted_item_bytes(r: Recipient, t: Any) -> int:
    return total_item_bytes(r, t) // (12 + bits(r, t, 19, 20))


def last_logon(r: Recipient, t: Any) -> float | None:
    if r.rtd in RESOURCE_TYPES or bits(r, t, 23, 40) == 0:
        return None  # never signed in
    return t.anchor - 60 * bits(r, t, 27, 60 * 24 * 45)
