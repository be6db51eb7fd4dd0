"""E-mail addresses and names of recipients: validation, uniqueness, and changing them."""

from __future__ import annotations

import re
from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.derive import OU_PATH
from sccshell.sandbox.tenant.records import Recipient

SMTP = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")
ALIAS = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]+$")


def accepted_domains(t: Any) -> set[str]:
    return {str(i.get("DomainName")).lower() for i in t.store.iter_items("AcceptedDomain")}


def check_smtp(t: Any, address: str, *, accepted: bool = True) -> str:
    """ADDRESS if it is a valid SMTP address (in an accepted domain); the service's error if not."""
    address = address.strip()
    if not SMTP.match(address):
        raise errors.invalid(
            f'The email address "{address}" isn\'t correct. Please use this format: user name, the @ '
            "sign, followed by the domain name. For example, tonysmith@contoso.com or tony.smith@contoso.com.",
            "Microsoft.Exchange.Data.DataValidationException",
        )
    domain = address.rsplit("@", 1)[1]
    if accepted and domain.lower() not in accepted_domains(t):
        raise errors.domain_not_accepted(domain)
    return address


def check_free(t: Any, address: str, owner: Recipient | None, *, prefix: str = "SMTP") -> None:
    """ADDRESS must not belong to any recipient but OWNER."""
    for other in t.store.by_key(address):
        if other is owner:
            continue
        if (
            any(a.partition(":")[2].lower() == address.lower() for a in other.addresses())
            or other.upn().lower() == address.lower()
        ):
            raise errors.proxy_in_use(f"{prefix}:{address}", other.name)


def check_name_free(t: Any, name: str, owner: Recipient | None) -> None:
    for other in t.store.by_key(name):
        if other is not owner and other.name.lower() == name.lower():
            raise errors.already_exists(f"CN={name},{OU_PATH}")


def check_alias(t: Any, alias: str, owner: Recipient | None) -> str:
    if not ALIAS.match(alias) or alias.startswith(".") or alias.endswith(".") or ".." in alias:
        raise errors.invalid(
            f'The value "{alias}" of property "Alias" is invalid. Valid values are: Strings formed with '
            "characters from A to Z (uppercase or lowercase), digits from 0 to 9, !, #, $, %, &, ', *, +, -, /, =, ?, ^, _, `, {, |, } or ~. "
            "One or more periods may be embedded in an alias, but each period should be preceded and "
            "followed by at least one of the other characters. Unicode characters from U+00A1 to U+00FF "
            "are also valid in an alias, but they will be mapped to a best-fit US-ASCII string in the email "
            "address, which is generated from such an alias.",
            "Microsoft.Exchange.Data.DataValidationException",
        )
    for other in t.store.by_key(alias):
        if other is not owner and other.mail_nickname.lower() == alias.lower():
            raise errors.invalid(
                f'The value "{alias}" of property "Alias" is used by another recipient object. '
                "Please specify a unique value.",
                "Microsoft.Exchange.Data.DataValidationException",
            )
    return alias


def alias_from(text: str) -> str:
    """An alias made from a name or address, as the service makes one."""
    local = text.split("@", 1)[0]
    return "".join(c for c in local if c.isalnum() or c in "._-") or "user"


def normalize_proxy(value: str) -> str:
    text = str(value).strip()
    if ":" not in text:
        return "smtp:" + text
    prefix, _, rest = text.partition(":")
    if prefix.lower() == "smtp":
        return ("SMTP:" if prefix == "SMTP" else "smtp:") + rest
    return text


def update_addresses(current: list[str], delta: Any) -> list[str]:
    """CURRENT after a -EmailAddresses value: a replacement list or @{Add=...; Remove=...}."""
    if delta.replace is not None:
        values = [normalize_proxy(v) for v in delta.replace]
        if not any(v.startswith("SMTP:") for v in values):
            # In a plain list the first SMTP address is the primary one.
            first = next((i for i, v in enumerate(values) if v.lower().startswith("smtp:")), None)
            if first is not None:
                values[first] = "SMTP:" + values[first][5:]
        current = values
    else:
        current = list(current) + [normalize_proxy(v) for v in delta.add]
    drop = {normalize_proxy(v).lower() for v in delta.remove}
    return [a for a in current if a.lower() not in drop]


def set_addresses(t: Any, r: Recipient, addresses: list[str]) -> None:
    """Make ADDRESSES the recipient's EmailAddresses (exactly one primary SMTP), re-indexed."""
    # Later entries win: an added "SMTP:" address becomes the primary, the old one demoted.
    seen: set[str] = set()
    unique: list[str] = []
    for address in reversed(addresses):
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append(address)
    unique.reverse()
    primary_at = max((i for i, a in enumerate(unique) if a.startswith("SMTP:")), default=None)
    if primary_at is None:
        primary_at = next((i for i, a in enumerate(unique) if a.lower().startswith("smtp:")), None)
        if primary_at is None:
            raise errors.invalid(
                "The primary SMTP address can't be removed. Set another address as primary first.",
                "Microsoft.Exchange.Data.DataValidationException",
            )
    final = []
    for i, address in enumerate(unique):
        if address.lower().startswith("smtp:"):
            address = ("SMTP:" if i == primary_at else "smtp:") + address[5:]
        final.append(address)
    primary = final[primary_at]
    for address in final:
        prefix, _, rest = address.partition(":")
        if prefix.lower() == "smtp":
            check_smtp(t, rest, accepted=r.rtd != "MailContact")
            check_free(t, rest, r)
    local, _, domain = primary[5:].rpartition("@")
    t.store.unindex(r)
    r.put("EmailAddresses", final)
    r.local = local
    r.domain = domain
    t.store.index(r)


def set_primary(t: Any, r: Recipient, address: str) -> bool:
    address = check_smtp(t, address)
    if r.primary_smtp.lower() == address.lower():
        return False
    current = [("smtp:" + a[5:]) if a.startswith("SMTP:") else a for a in r.addresses()]
    current = [a for a in current if a.lower() != "smtp:" + address.lower()]
    set_addresses(t, r, ["SMTP:" + address, *current])
    return True
