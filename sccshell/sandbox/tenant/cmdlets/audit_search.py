"""Search-UnifiedAuditLog, with -SessionId / -SessionCommand paging as the service does it.

Without a session: the newest ResultSize matches (default 100). With a SessionId, the
first call fixes the result set; each call with the same SessionId returns the next
ResultSize records, ResultIndex counting on across calls. ReturnLargeSet is unsorted
(here: oldest first) up to 50,000 results; ReturnNextPreviewPage is newest first up to
5,000.
"""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.audit import RECORD_TYPE_NAMES, Record
from sccshell.sandbox.tenant.cmdlets.common import done
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.shape import LazyObjects

DEFAULT_SIZE = 100
MAX_SIZE = 5000
LARGE_SET_LIMIT = 50_000
PREVIEW_LIMIT = 5_000
COMMANDS = {"returnlargeset": "ReturnLargeSet", "returnnextpreviewpage": "ReturnNextPreviewPage"}


def _size(p: Params) -> int:
    size = p.integer("ResultSize")
    if size is None:
        return DEFAULT_SIZE
    if size < 1 or size > MAX_SIZE:
        raise errors.CmdletError(
            400,
            errors.BINDING,
            f"Cannot validate argument on parameter 'ResultSize'. The {size} argument is "
            f"{'greater than the maximum' if size > MAX_SIZE else 'less than the minimum'} allowed range of "
            f"{MAX_SIZE if size > MAX_SIZE else 1}. Supply an argument that is "
            f"{'less than or equal to ' + str(MAX_SIZE) if size > MAX_SIZE else 'greater than or equal to 1'} "
            "and then try the command again.",
            category="InvalidData",
            target="ResultSize",
        )
    return size


def _matcher(p: Params) -> Any:
    start, end = p.date("StartDate"), p.date("EndDate")
    assert start is not None and end is not None
    if end <= start:
        raise errors.invalid(
            "The end date should be later than the start date.",
            "Microsoft.Exchange.Management.SystemConfigurationTasks.InvalidDateRangeException",
        )
    record_type = None
    if p.text("RecordType"):
        record_type = RECORD_TYPE_NAMES.get((p.text("RecordType") or "").lower())
        if record_type is None:
            raise errors.bad_value(
                "RecordType",
                p.text("RecordType"),
                "Microsoft.Exchange.Management.SystemConfigurationTasks.AuditRecordType",
                f"Unable to match the identifier name {p.text('RecordType')} to a valid enumerator name.",
            )
    operations = {o.lower() for o in p.strings("Operations") or []}
    users = {u.lower() for u in p.strings("UserIds") or []}
    objects = {o.lower() for o in p.strings("ObjectIds") or []}
    addresses = {a.lower() for a in p.strings("IPAddresses") or []}
    free_text = (p.text("FreeText") or "").lower()

    def matches(record: Record, audit: Any) -> bool:
        if not (start <= record.ts < end):
            return False
        if record_type is not None and record.record_type != record_type:
            return False
        if operations and record.operation.lower() not in operations:
            return False
        if users and record.user.lower() not in users:
            return False
        if objects and record.object_id.lower() not in objects:
            return False
        if addresses and record.client_ip.lower() not in addresses:
            return False
        return not free_text or free_text in audit.audit_data(record).lower()

    return matches


@cmdlet("Search-UnifiedAuditLog")
def search_unified_audit_log(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("StartDate", "EndDate")
    size = _size(p)
    command = p.text("SessionCommand")
    if command is not None:
        command = COMMANDS.get(command.lower())
        if command is None:
            raise errors.not_in_set(
                "SessionCommand", p.text("SessionCommand"), list(COMMANDS.values())
            )
    session_id = p.text("SessionId")
    matches = _matcher(p)
    audit = t.audit
    if session_id:
        session = t.audit_sessions.get(session_id)
        if session is None:
            found = [r for r in audit.records if matches(r, audit)]
            if command == "ReturnLargeSet":
                found = found[:LARGE_SET_LIMIT]
            else:
                found = sorted(found, key=lambda r: r.ts, reverse=True)[:PREVIEW_LIMIT]
            session = {"records": found, "position": 0}
            t.audit_sessions[session_id] = session
        position = session["position"]
        chunk = session["records"][position : position + size]
        session["position"] = position + len(chunk)
        total = len(session["records"])
        first = position + 1
    else:
        found = sorted(
            (r for r in audit.records if matches(r, audit)), key=lambda r: r.ts, reverse=True
        )
        chunk = found[:size]
        total = len(found)
        first = 1
    numbered = list(enumerate(chunk, first))
    return done(LazyObjects(numbered, lambda pair: audit.render(pair[1], pair[0], total)))
