"""Get-MailboxStatistics: sizes, item counts and logons, derived per mailbox (deterministic)."""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import derive as d
from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets.common import done
from sccshell.sandbox.tenant.cmdlets.mailbox import mailbox
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import Recipient
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.shape import Prop, Shape

GB = d.GB


class _View:
    """A mailbox seen through its primary or archive statistics."""

    __slots__ = ("r", "archive", "props")

    def __init__(self, r: Recipient, archive: bool) -> None:
        self.r = r
        self.archive = archive
        self.props = None


def _size(v: _View, t: Any) -> int:
    size = d.total_item_bytes(v.r, t)
    return size // 3 if v.archive else size


def _items(v: _View, t: Any) -> int:
    count = d.item_count(v.r, t)
    return count // 3 if v.archive else count


def _guid(v: _View, t: Any) -> str:
    return (
        d.archive_guid(v.r, t) if v.archive else v.r.get("ExchangeGuid") or d.exchange_guid(v.r, t)
    )


def _logon(v: _View, t: Any) -> float | None:
    return None if v.archive else d.last_logon(v.r, t)


def _action(v: _View, t: Any) -> float | None:
    logon = _logon(v, t)
    return None if logon is None else logon + 60 * (5 + d.bits(v.r, t, 29, 300))


STATISTICS = Shape(
    [
        Prop("MailboxGuid", "guid", _guid),
        Prop("DeletedItemCount", "raw", lambda v, t: _items(v, t) // 14),
        Prop("DisconnectDate", "date", None),
        Prop("DisconnectReason", "str", None),
        Prop(
            "DisplayName",
            "str",
            lambda v, t: f"In-Place Archive -{v.r.display_name}" if v.archive else v.r.display_name,
        ),
        Prop("ItemCount", "raw", _items),
        Prop("LastInteractionTime", "date", _action),
        Prop("LastLoggedOnUserAccount", "str", None),
        Prop(
            "LastLogoffTime",
            "date",
            lambda v, t: None if _logon(v, t) is None else _logon(v, t) + 3600 * 3,
        ),
        Prop("LastLogonTime", "date", _logon),
        Prop("LastUserActionTime", "date", _action),
        Prop("LegacyDN", "str", lambda v, t: d.legacy_dn(v.r, t).upper()),
        Prop("MailboxTypeDetail", "str", lambda v, t: v.r.rtd),
        Prop("ObjectClass", "str", "Mailbox"),
        Prop("StorageLimitStatus", "str", None),
        Prop("SystemMessageCount", "raw", lambda v, t: 400 + d.bits(v.r, t, 31, 600)),
        Prop("SystemMessageSize", "size", lambda v, t: (400 + d.bits(v.r, t, 31, 600)) * 5120),
        Prop("SystemMessageSizeWarningQuota", "size", 2_147_483_648 - 104_857_600 * 5),
        Prop("SystemMessageSizeShutoffQuota", "size", 2_147_483_648),
        Prop(
            "TotalDeletedItemSize",
            "size",
            lambda v, t: d.deleted_item_bytes(v.r, t) // (3 if v.archive else 1),
        ),
        Prop("TotalItemSize", "size", _size),
        Prop("MessageTableTotalSize", "size", lambda v, t: _size(v, t) // 60),
        Prop("MessageTableAvailableSize", "size", lambda v, t: _size(v, t) // 600),
        Prop("AttachmentTableTotalSize", "size", lambda v, t: _size(v, t) // 2),
        Prop("AttachmentTableAvailableSize", "size", lambda v, t: _size(v, t) // 400),
        Prop("OtherTablesTotalSize", "size", lambda v, t: _size(v, t) // 90),
        Prop("OtherTablesAvailableSize", "size", lambda v, t: _size(v, t) // 900),
        Prop("DatabaseIssueWarningQuota", "size", 98 * GB),
        Prop("DatabaseProhibitSendQuota", "size", 99 * GB),
        Prop("DatabaseProhibitSendReceiveQuota", "size", 100 * GB),
        Prop("NamedPropertiesCountQuota", "raw", 16384),
        Prop("MessagesPerFolderCountWarningQuota", "raw", 900000),
        Prop("MessagesPerFolderCountReceiveQuota", "raw", 1000000),
        Prop("DumpsterMessagesPerFolderCountWarningQuota", "raw", 2750000),
        Prop("DumpsterMessagesPerFolderCountReceiveQuota", "raw", 3000000),
        Prop("FolderHierarchyChildrenCountWarningQuota", "raw", 9000),
        Prop("FolderHierarchyChildrenCountReceiveQuota", "raw", 10000),
        Prop("FolderHierarchyDepthWarningQuota", "raw", 275),
        Prop("FolderHierarchyDepthReceiveQuota", "raw", 300),
        Prop("FoldersCountWarningQuota", "raw", None),
        Prop("FoldersCountReceiveQuota", "raw", None),
        Prop("IsArchiveMailbox", "bool", lambda v, t: v.archive),
        Prop("IsMoveDestination", "bool", False),
        Prop("MailboxType", "str", lambda v, t: "Archive" if v.archive else "Primary"),
        Prop(
            "ResourceUsageRollingAvgRop",
            "raw",
            lambda v, t: round(d.bits(v.r, t, 33, 5000) / 1000, 3),
        ),
        Prop("ResourceUsageRollingClientTypes", "str", "OWA;REST;MAPI"),
        Prop("ServerName", "str", lambda v, t: d.server_name(v.r, t)),
        Prop("DatabaseName", "str", lambda v, t: d.database(v.r, t)),
        Prop("Database", "str", lambda v, t: d.database(v.r, t)),
        Prop("IsDatabaseCopyActive", "bool", True),
        Prop("IsQuarantined", "bool", False),
        Prop("QuarantineDescription", "str", None),
        Prop("OwnerADGuid", "guid", lambda v, t: v.r.get("Guid") or d.guid(v.r, t)),
        Prop("ExternalDirectoryOrganizationId", "guid", lambda v, t: t.tenant_id),
        Prop("Identity", "str", _guid),
        Prop("MapiIdentity", "str", _guid),
        Prop(
            "OriginatingServer",
            "str",
            lambda v, t: d.server_name(v.r, t).upper() + ".namprd01.prod.outlook.com",
        ),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]
)


@cmdlet("Get-MailboxStatistics")
def get_mailbox_statistics(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    r = mailbox(t, p.text("Identity"))
    archive = p.flag("Archive")
    if archive and not d.has_archive(r, t):
        raise errors.invalid(
            f'The specified mailbox "{d.identity(r, t)}" doesn\'t have an archive.',
            "Microsoft.Exchange.Configuration.Tasks.MdbAdminTaskException",
        )
    return done([STATISTICS.render(_View(r, archive), t)])
