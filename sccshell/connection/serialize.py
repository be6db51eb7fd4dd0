"""Parameter values as the service wants them in CmdletInput.Parameters (protocol §2.5)."""

from __future__ import annotations

import base64
import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

HASHTABLE = "#Exchange.GenericHashTable"
HASHTABLES = "#Collection(Exchange.GenericHashTable)"
BYTE_ARRAY = "#Exchange.ByteArrayType"
BYTE_ARRAYS = "#Collection(Exchange.ByteArrayType)"
FILTER_PARAMETERS = frozenset({"filter", "recipientfilter", "recipientpreviewfilter"})
NO_KEY = (
    "Required resource is not available to encrypt the value of parameter '{name}'. "
    "Please re-establish the connection."
)
_TRUE = re.compile(r"\$true\b", re.IGNORECASE)
_FALSE = re.compile(r"\$false\b", re.IGNORECASE)


class SecureValue(str):
    """A SecureString: its text is only ever sent encrypted, and never printed."""

    def __repr__(self) -> str:
        return "System.Security.SecureString"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "System.Security.SecureString"

    def reveal(self) -> str:
        """The plaintext, for encryption only."""
        return str.__str__(self)


@dataclass(frozen=True)
class Credential:
    """A PSCredential: user name and a SecureValue password."""

    user: str
    password: SecureValue

    def __repr__(self) -> str:
        return f"Credential(user={self.user!r}, password=System.Security.SecureString)"


class MissingKeyError(ValueError):
    """A secret was to be sent but the connection has no public key."""


def serialize_parameters(parameters: Mapping[str, Any], public_key: str | None) -> dict[str, Any]:
    """The Parameters object of one InvokeCommand body."""
    out: dict[str, Any] = {}
    for name, value in parameters.items():
        if isinstance(value, (list, tuple)) and value:
            if all(isinstance(item, Mapping) for item in value):
                out[f"{name}@odata.type"] = HASHTABLES
            elif all(isinstance(item, (bytes, bytearray)) for item in value):
                # byte[][]: items carry only Data, the type sits beside the value.
                out[name] = [{"Data": list(item)} for item in value]
                out[f"{name}@odata.type"] = BYTE_ARRAYS
                continue
        if name.lower() in FILTER_PARAMETERS and isinstance(value, str):
            value = _TRUE.sub("'True'", _FALSE.sub("'False'", value))
        out[name] = serialize_value(value, public_key, name)
    return out


def serialize_value(value: Any, public_key: str | None = None, name: str = "") -> Any:
    """One value as JSON-ready data (§2.5); NAME is for error messages."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, SecureValue):
        return _secret(value.reveal(), public_key, name)
    if isinstance(value, Credential):
        payload = json.dumps(
            {"UserName": value.user, "Password": _plaintext(value.password)},
            separators=(",", ":"),
        )
        return _secret(payload, public_key, name, always=True)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (int, float, str)):
        return value
    if isinstance(value, (bytes, bytearray)):
        # The metadata types Data as Collection(Edm.Byte); ConvertTo-Json writes byte[] as numbers.
        return {"@odata.type": BYTE_ARRAY, "Data": list(value)}
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_datetime(datetime.combine(value, time()))
    if isinstance(value, timedelta):
        return format_timespan(value)
    if isinstance(value, Mapping):
        out = {str(k): serialize_value(v, public_key, str(k)) for k, v in value.items()}
        out["@odata.type"] = HASHTABLE
        return out
    if isinstance(value, (list, tuple, set, frozenset)):
        return [serialize_value(item, public_key, name) for item in value]
    return str(value)  # IPAddress, CultureInfo, ScriptBlock, GUID...: ToString()


def format_datetime(value: datetime) -> str:
    """UTC, sortable pattern, no Z and no fraction; naive values are local time (.NET Unspecified)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def format_timespan(value: timedelta) -> str:
    """.NET TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff]."""
    ticks = (value.days * 86400 + value.seconds) * 10_000_000 + value.microseconds * 10
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    seconds, fraction = divmod(ticks, 10_000_000)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if days:
        text = f"{days}.{text}"
    if fraction:
        text = f"{text}.{fraction:07d}"
    return sign + text


def encrypt(public_key_xml: str, plaintext: str) -> str:
    """RSA PKCS#1 v1.5 over the UTF-8 bytes, base64 (RSACryptoServiceProvider.Encrypt(…, false))."""
    key = RSAPublicNumbers(
        _xml_number(public_key_xml, "Exponent"), _xml_number(public_key_xml, "Modulus")
    )
    cipher = key.public_key().encrypt(plaintext.encode("utf-8"), padding.PKCS1v15())
    return base64.b64encode(cipher).decode("ascii")


def _plaintext(value: str) -> str:
    return value.reveal() if isinstance(value, SecureValue) else str(value)


def _secret(plaintext: str, public_key: str | None, name: str, always: bool = False) -> str:
    if not plaintext and not always:
        return plaintext  # §2.5: empty strings pass through
    if not public_key:
        raise MissingKeyError(NO_KEY.format(name=name))
    return encrypt(public_key, plaintext)


def _xml_number(xml: str, tag: str) -> int:
    found = re.search(rf"<{tag}>\s*([^<]*?)\s*</{tag}>", xml)
    if found is None:
        raise ValueError(f"the public key has no <{tag}>")
    return int.from_bytes(base64.b64decode(found.group(1)), "big")


def public_key_from_module(module_text: str) -> str | None:
    """The `$PublicKey` <RSAKeyValue> embedded in the generated module (§4)."""
    found = re.search(
        r"\$PublicKey\s*=\s*['\"]\s*(<RSAKeyValue>.*?</RSAKeyValue>)", module_text, re.DOTALL
    ) or re.search(r"(<RSAKeyValue>.*?</RSAKeyValue>)", module_text, re.DOTALL)
    return found.group(1) if found else None
