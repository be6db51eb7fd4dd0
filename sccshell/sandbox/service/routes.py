"""The service's URL paths (protocol §1.1, §1.4, §2.1, §2.7, §4); matched in any letter case."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sccshell.sandbox import hosts

INVOKE = "invoke"
INVOKE_V1 = "invoke-v1"
BATCH = "batch"
MODULE_FILE = "module-file"
BANNER = "banner"
METADATA = "metadata"

_ROUTES = (
    (INVOKE, r"/adminapi/beta/(?P<tenant>[^/]+)/InvokeCommand"),
    (INVOKE_V1, r"/adminapi/v1\.0/(?P<tenant>[^/]+)/InvokeCommand"),
    (BATCH, r"/adminapi/beta/(?P<tenant>[^/]+)/\$batch"),
    (MODULE_FILE, r"/adminapi/v1\.0/(?P<tenant>[^/]+)/EXOModuleFile"),
    (BANNER, r"/adminapi/beta/(?P<tenant>[^/]+)/EXOBanner\('AutogenSession'\)"),
    (METADATA, r"/adminapi/beta/(?P<tenant>[^/]+)/\$metadata"),
)
_COMPILED = tuple((kind, re.compile(pattern + r"/?", re.IGNORECASE)) for kind, pattern in _ROUTES)
# Only POST (or GET) is meaningful per route; anything else is 405.
METHODS = {
    INVOKE: ("POST",),
    INVOKE_V1: (),
    BATCH: ("POST",),
    MODULE_FILE: ("GET",),
    BANNER: ("GET",),
    METADATA: ("GET",),
}


@dataclass(frozen=True)
class Route:
    kind: str
    tenant: str  # the tenant segment as the client wrote it

    @property
    def ours(self) -> bool:
        """Whether the segment names the sandbox tenant, by GUID or domain (§1.1)."""
        return self.tenant.lower() in (hosts.TENANT_ID, hosts.TENANT_DOMAIN)


def match(path: str) -> Route | None:
    for kind, pattern in _COMPILED:
        found = pattern.fullmatch(path)
        if found is not None:
            return Route(kind, found.group("tenant"))
    return None
