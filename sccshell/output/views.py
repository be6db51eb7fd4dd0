"""Default views: the columns PowerShell's and Exchange's format data show for known objects.

Sources: Group-Object (Count 5 wide, Name 25, Group) and Measure-Object (a list) are from
PowerShell's own format data.  The Exchange and compliance views follow the columns the
EXO/SCC cmdlets print by default (Exchange's format data; for Get-Mailbox "Name, Alias,
Database, ProhibitSendQuota, ExternalDirectoryObjectId").  Where the official view is not
known exactly (compliance policies, labels, cases, role groups) the columns are a sensible
choice of the identifying and status properties.  Widths are not fixed for Exchange views:
they are fitted to the first objects, as PowerShell's out-default does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sccshell.runtime.objects import PSObject

from .props import Column, columns_for


@dataclass(frozen=True)
class View:
    """A default view: table or list, with its columns (label, optional fixed width)."""

    kind: str  # "table" | "list"
    columns: tuple[tuple[str, int | None], ...] = ()

    def make_columns(self, first: Any) -> list[Column]:
        """The view's columns; a list view without columns shows every property."""
        if not self.columns:
            return columns_for(first, None)
        base = {c.label.lower(): c for c in columns_for(first, [n for n, _ in self.columns])}
        return [Column(n, base[n.lower()].getter, w) for n, w in self.columns]


def _table(*names: str) -> View:
    return View("table", tuple((n, None) for n in names))


_MAILBOX = _table("Name", "Alias", "Database", "ProhibitSendQuota", "ExternalDirectoryObjectId")
_GROUP_INFO = View("table", (("Count", 5), ("Name", 25), ("Group", None)))
_MEASURE = View("list")

_BY_CMDLET: dict[str, View] = {
    "get-mailbox": _MAILBOX,
    "get-recipient": _table("Name", "RecipientType"),
    "get-user": _table("Name", "RecipientType"),
    "get-distributiongroup": _table("Name", "DisplayName", "GroupType", "PrimarySmtpAddress"),
    "get-distributiongroupmember": _table("Name", "RecipientType"),
    "get-mailboxpermission": _table("Identity", "User", "AccessRights", "IsInherited", "Deny"),
    "get-mailboxstatistics": _table(
        "DisplayName", "ItemCount", "StorageLimitStatus", "LastLogonTime"
    ),
    "get-accepteddomain": _table("Name", "DomainName", "DomainType", "Default"),
    "get-transportrule": _table("Name", "State", "Mode", "Priority", "Comments"),
    "get-inboxrule": _table("Name", "Enabled", "Priority", "RuleIdentity"),
    "get-retentioncompliancepolicy": _table("Name", "Enabled", "Mode", "DistributionStatus"),
    "get-dlpcompliancepolicy": _table("Name", "Enabled", "Mode", "DistributionStatus"),
    "get-label": _table("Name", "DisplayName", "Priority"),
    "get-compliancesearch": _table("Name", "RunBy", "JobEndTime", "Status"),
    "get-compliancecase": _table("Name", "Status", "CreatedDateTime"),
    "get-rolegroup": _table("Name", "AssignedRoles", "RoleAssignments", "ManagedBy"),
    "group-object": _GROUP_INFO,
    "measure-object": _MEASURE,
}

# Type names (without "Deserialized.") of objects that carry their own view wherever they go.
_BY_TYPE: dict[str, View] = {
    "microsoft.powershell.commands.groupinfo": _GROUP_INFO,
    "microsoft.powershell.commands.genericmeasureinfo": _MEASURE,
    "microsoft.exchange.data.directory.management.mailbox": _MAILBOX,
}


def view_for(cmdlet_name: str | None) -> View | None:
    """The default view of what cmdlet_name outputs (any letter case, module prefix ignored)."""
    if not cmdlet_name:
        return None
    # A prefixed name (Get-ContosoMailbox) is resolved by the connection layer, not guessed here.
    return _BY_CMDLET.get(cmdlet_name.lower())


def view_for_object(obj: Any) -> View | None:
    """The view chosen by the object's own type names, if any is known."""
    if not isinstance(obj, PSObject):
        return None
    for name in obj.type_names:
        view = _BY_TYPE.get(name.lower().removeprefix("deserialized."))
        if view is not None:
            return view
    return None
