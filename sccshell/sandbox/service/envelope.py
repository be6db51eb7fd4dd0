"""The success body of InvokeCommand (protocol §3.1, §3.2) and its JSON encoding."""

from __future__ import annotations

import base64
import enum
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sccshell.sandbox.http import Response
from sccshell.sandbox.service.errors import ODATA_JSON, WARNINGS_TYPE

CONTEXT_FRAGMENT = "$metadata#Collection(Exchange.GenericHashTable)"
# protocol §3.2: the warning the module suppresses while it fetches further pages.
MORE_RESULTS = (
    "There are more results available than are currently displayed. "
    "To view them, increase the value for the ResultSize parameter."
)


def invoke_body(
    context_url: str,
    objects: Sequence[Mapping[str, Any]],
    *,
    warnings: Iterable[str] = (),
    errors: Iterable[str] = (),
    next_link: str | None = None,
    confirmation: str | None = None,
) -> dict[str, Any]:
    """The OData envelope, keys in the order the service writes them."""
    body: dict[str, Any] = {
        "@odata.context": context_url,
        "adminapi.warnings@odata.type": WARNINGS_TYPE,
        "@adminapi.warnings": list(warnings),
    }
    errors = list(errors)
    if errors:
        body["adminapi.errors@odata.type"] = WARNINGS_TYPE
        body["@adminapi.errors"] = errors
    if confirmation is not None:
        body["@adminapi.confirmationmessage"] = confirmation
    body["value"] = list(objects)
    if next_link is not None:
        body["@odata.nextLink"] = next_link
    return body


def odata_response(
    payload: Any, headers: Iterable[tuple[str, str]] = (), status: int = 200
) -> Response:
    """PAYLOAD (or its bytes, already encoded) as an OData JSON response."""
    body = payload if isinstance(payload, bytes) else encode(payload)
    return Response(
        status, [("Content-Type", ODATA_JSON), ("OData-Version", "4.0"), *headers], body
    )


def encode_with_values(body: Mapping[str, Any], values: Sequence[bytes]) -> bytes:
    """BODY encoded, its `value` array written from VALUES, objects encoded one by one.

    The bytes are those of encode(BODY) with the objects in place: a JSON array is its
    members' encodings joined by commas, so each object can be encoded (and kept) alone.
    """
    keys = list(body)
    at = keys.index("value")
    head = encode({k: body[k] for k in keys[:at]})
    parts = [head[:-1], b',"value":[', b",".join(values), b"]"]
    if at + 1 < len(keys):
        parts += [b",", encode({k: body[k] for k in keys[at + 1 :]})[1:-1]]
    parts.append(b"}")
    return b"".join(parts)


def encode(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":"), default=_plain).encode("utf-8")


def _plain(value: Any) -> Any:
    """JSON for what a tenant may leave in an object; dates as the service writes them (§3.1)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        text = value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        return f"{text}.{value.microsecond * 10:07d}+00:00"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def select(objects: Sequence[Mapping[str, Any]], names: Sequence[str]) -> list[dict[str, Any]]:
    """`$select` (protocol §2.1): keep the named properties and their annotations."""
    wanted = {n.strip().lower() for n in names if n.strip()}
    kept = []
    for item in objects:
        kept.append({k: v for k, v in item.items() if k.partition("@")[0].lower() in wanted})
    return kept
