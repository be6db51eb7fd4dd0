"""The cmdlets of the sandbox tenant: each module registers its own (see registry.py)."""

from sccshell.sandbox.tenant.cmdlets import (  # noqa: F401
    audit_search,
    dlp,
    ediscovery,
    groups,
    inbox_rules,
    labels,
    mailbox,
    organization,
    permissions,
    recipients,
    retention,
    statistics,
    transport_rules,
)
