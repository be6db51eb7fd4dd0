"""Classify the docs' type strings (539 of them) into the few kinds the binder checks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

ANY = "any"  # not checked: enums without a ValidateSet, Fqdn, Uri, objects, ...
STRING = "string"
INT = "int"
FLOAT = "float"
BOOL = "bool"
SWITCH = "switch"
DATETIME = "datetime"
TIMESPAN = "timespan"
BYTESIZE = "bytesize"
UNLIMITED = "unlimited"  # Unlimited[T]: the word Unlimited, or a T
GUID = "guid"
SMTP = "smtp"
HASHTABLE = "hashtable"
SECURESTRING = "securestring"
CREDENTIAL = "credential"
ID = "id"  # *IdParameter: any single identity string

INT_BOUNDS = {
    "byte": (0, 2**8 - 1),
    "sbyte": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "uint16": (0, 2**16 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "uint32": (0, 2**32 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint64": (0, 2**64 - 1),
}

_SIMPLE = {
    "string": STRING,
    "char": STRING,
    "double": FLOAT,
    "single": FLOAT,
    "decimal": FLOAT,
    "boolean": BOOL,
    "bool": BOOL,
    "switchparameter": SWITCH,
    "datetime": DATETIME,
    "exdatetime": DATETIME,
    "datetimeoffset": DATETIME,
    "timespan": TIMESPAN,
    "enhancedtimespan": TIMESPAN,
    "bytequantifiedsize": BYTESIZE,
    "guid": GUID,
    "smtpaddress": SMTP,
    "securestring": SECURESTRING,
    "pscredential": CREDENTIAL,
    "hashtable": HASHTABLE,
    "pswshashtable": HASHTABLE,
}

_COLLECTIONS = {"multivaluedproperty", "mulitvaluedproperty"}  # sic: one docs typo


@dataclass(frozen=True, slots=True)
class TypeInfo:
    text: str  # as the docs write it
    kind: str  # kind of one element
    collection: bool = False  # X[], MultiValuedProperty, ...Collection: takes one value or many
    name: str = ""  # element type without namespace, e.g. "RecipientTypeDetails"
    bounds: tuple[int, int] | None = None  # for INT
    inner: tuple[str, ...] = ()  # for UNLIMITED: kinds accepted besides the word Unlimited


@cache
def classify(text: str | None) -> TypeInfo:
    """The TypeInfo of a docs type string; unknown types classify as ANY."""
    if not text:
        return TypeInfo(text or "", ANY)
    # "<MultiValuedProperty>", and one "MailboxIdParameter, AzureImportRequest" (a set
    # name glued on) are docs typos.
    element = text.split(",")[0].strip().strip("<>").strip()
    collection = False
    if element.endswith("[]"):
        collection = True
        element = element[:-2]
    low = element.lower()
    if "unlimited" in low:
        # The docs write most of these as a bare "Unlimited" (really Unlimited<int>,
        # Unlimited<ByteQuantifiedSize> or Unlimited<EnhancedTimeSpan>): accept any.
        inner = (INT,) if "int" in low else (INT, BYTESIZE, TIMESPAN)
        return TypeInfo(text, UNLIMITED, collection, "Unlimited", inner=inner)
    name = element.rsplit(".", 1)[-1].rsplit("+", 1)[-1]
    base = name.lower()
    if base in _COLLECTIONS or base.endswith("collection"):
        return TypeInfo(text, ANY, True, name)
    if base in INT_BOUNDS:
        return TypeInfo(text, INT, collection, name, bounds=INT_BOUNDS[base])
    if base in _SIMPLE:
        return TypeInfo(text, _SIMPLE[base], collection, name)
    if base.endswith("idparameter"):
        return TypeInfo(text, ID, collection, name)
    return TypeInfo(text, ANY, collection, name)
