"""Pages of a cmdlet's result: the signed $skiptoken and the results kept between pages (protocol §3.3).

A nextLink is the same InvokeCommand URL plus `$skiptoken`; the client POSTs the same body
to it. The token says where the next page starts and binds itself to that body, caller and
client-request-id, under an HMAC, so a changed token or body is refused. The result itself is
kept here for a while, so a later page neither re-runs the cmdlet nor sees objects shift;
when it is gone (expired, evicted) the cmdlet runs again and the page is cut from that.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TTL_SECONDS = 600
KEPT_RESULTS = 64


class InvalidToken(ValueError):
    """A $skiptoken this service did not write, or one that was altered."""


@dataclass(frozen=True)
class PageToken:
    offset: int  # index of the first object of the next page
    digest: str  # of the request that started the result (see request_digest)
    request_id: str  # its client-request-id, "" when it had none
    result: str  # key of the kept result


@dataclass(frozen=True)
class Snapshot:
    """What later pages are cut from: the objects up to the ResultSize limit."""

    objects: Sequence[Mapping[str, Any]]
    limit: int  # how many of them the caller gets in all (ResultSize, §3.3)
    truncated: bool  # more objects exist than the limit: the §3.2 warning applies


def request_digest(*parts: Any) -> str:
    """A stable digest of the parts that must not change between pages."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Pager:
    """Writes and checks skiptokens; keeps recent results for their later pages."""

    def __init__(self, now: Callable[[], float], secret: bytes | None = None) -> None:
        self._now = now
        self._secret = secret or secrets.token_bytes(32)
        self._kept: OrderedDict[str, tuple[float, Snapshot]] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, token: PageToken) -> str:
        payload = json.dumps(
            [token.offset, token.digest, token.request_id, token.result], separators=(",", ":")
        ).encode("utf-8")
        return _b64(payload) + "." + _b64(self._sign(payload))

    def decode(self, text: str) -> PageToken:
        """The token written by encode; raises InvalidToken for anything else."""
        body, _, signature = text.partition(".")
        try:
            payload = _unb64(body)
            given = _unb64(signature)
        except (binascii.Error, ValueError):
            raise InvalidToken("not a skip token") from None
        if not hmac.compare_digest(given, self._sign(payload)):
            raise InvalidToken("the skip token was altered")
        offset, digest, request_id, result = json.loads(payload)
        return PageToken(int(offset), str(digest), str(request_id), str(result))

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()[:16]

    def keep(self, snapshot: Snapshot) -> str:
        """Keep SNAPSHOT for later pages; the key goes into the token."""
        key = uuid.uuid4().hex
        with self._lock:
            self._kept[key] = (self._now() + TTL_SECONDS, snapshot)
            while len(self._kept) > KEPT_RESULTS:
                self._kept.popitem(last=False)
        return key

    def recall(self, key: str) -> Snapshot | None:
        now = self._now()
        with self._lock:
            entry = self._kept.get(key)
            if entry is None:
                return None
            expires, snapshot = entry
            if expires < now:
                del self._kept[key]
                return None
            self._kept.move_to_end(key)
            return snapshot

    def forget(self, key: str) -> None:
        with self._lock:
            self._kept.pop(key, None)
