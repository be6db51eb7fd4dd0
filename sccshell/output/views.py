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
    group_by: str | None = None  # a table starts again under "   Label: value" when it changes

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
# Get-Member's table, one per input type, as PowerShell's format data groups it.
_MEMBER = View("table", (("Name", None), ("MemberType", None), ("Definition", None)), "TypeName")

# Keyed by the cmdlet's documented spelling: a view's -View name comes from its noun.
_VIEWS: dict[str, View] = {
    "Get-Mailbox": _MAILBOX,
    "Get-Recipient": _table("Name", "RecipientType"),
    "Get-User": _table("Name", "RecipientType"),
    "Get-DistributionGroup": _table("Name", "DisplayName", "GroupType", "PrimarySmtpAddress"),
    "Get-DistributionGroupMember": _table("Name", "RecipientType"),
    "Get-MailboxPermission": _table("Identity", "User", "AccessRights", "IsInherited", "Deny"),
    "Get-MailboxStatistics": _table(
        "DisplayName", "ItemCount", "StorageLimitStatus", "LastLogonTime"
    ),
    "Get-AcceptedDomain": _table("Name", "DomainName", "DomainType", "Default"),
    "Get-TransportRule": _table("Name", "State", "Mode", "Priority", "Comments"),
    "Get-InboxRule": _table("Name", "Enabled", "Priority", "RuleIdentity"),
    "Get-RetentionCompliancePolicy": _table("Name", "Enabled", "Mode", "DistributionStatus"),
    "Get-DlpCompliancePolicy": _table("Name", "Enabled", "Mode", "DistributionStatus"),
    "Get-Label": _table("Name", "DisplayName", "Priority"),
    "Get-ComplianceSearch": _table("Name", "RunBy", "JobEndTime", "Status"),
    "Get-ComplianceCase": _table("Name", "Status", "CreatedDateTime"),
    "Get-RoleGroup": _table("Name", "AssignedRoles", "RoleAssignments", "ManagedBy"),
    "Group-Object": _GROUP_INFO,
    "Measure-Object": _MEASURE,
    "Get-Member": _MEMBER,
}

_BY_CMDLET = {cmdlet.lower(): view for cmdlet, view in _VIEWS.items()}

# Type names (without "Deserialized.") of objects that carry their own view wherever they go.
_BY_TYPE: dict[str, View] = {
    "microsoft.powershell.commands.groupinfo": _GROUP_INFO,
    "microsoft.powershell.commands.genericmeasureinfo": _MEASURE,
    "microsoft.powershell.commands.memberdefinition": _MEMBER,
    "microsoft.exchange.data.directory.management.mailbox": _MAILBOX,
}


def _view_name(cmdlet: str) -> str:
    """A cmdlet's view is named after what it returns: Get-MailboxPermission -> MailboxPermission."""
    return cmdlet.split("-", 1)[1]


_CANONICAL = {
    "Group-Object": "GroupInfo",
    "Measure-Object": "GenericMeasureInfo",
}

# -View NAME: every default view by the name of the type it shows (any letter case).
_BY_NAME: dict[str, tuple[str, View]] = {}
for _cmdlet, _view in _VIEWS.items():
    _name = _CANONICAL.get(_cmdlet) or _view_name(_cmdlet)
    _BY_NAME.setdefault(_name.lower(), (_name, _view))


def known_views() -> list[str]:
    """The names -View accepts, sorted."""
    return sorted((name for name, _ in _BY_NAME.values()), key=str.lower)


class UnknownView(ValueError):
    """-View named a view that does not exist; the message lists the known ones."""


def view_named(name: str) -> View:
    """The default view called name (Mailbox, GroupInfo, ...), or UnknownView."""
    found = _BY_NAME.get(name.strip().lower())
    if found is None:
        raise UnknownView(f"no view named '{name}'; known views: {', '.join(known_views())}")
    return found[1]


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
        key = name.lower().removeprefix("deserialized.")
        # the connection names a service object's type after the cmdlet that returned it
        view = _BY_TYPE.get(key) or _BY_CMDLET.get(key)
        if view is not None:
            return view
    return None
