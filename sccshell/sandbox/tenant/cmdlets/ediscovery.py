"""eDiscovery: compliance cases, compliance searches and their actions (preview, export, purge).

Searches and actions move NotStarted -> InProgress -> Completed with the tenant's clock:
a search started at T is in progress until T + its duration. The *-ComplianceSearch
cmdlets and New-ComplianceSearchAction need a search-only session (protocol §1.2).
"""

from __future__ import annotations

from typing import Any

from sccshell.sandbox.tenant import errors
from sccshell.sandbox.tenant.api import CmdletResult, InvocationContext
from sccshell.sandbox.tenant.cmdlets import compliance_common as cc
from sccshell.sandbox.tenant.cmdlets.common import (
    done,
    identities,
    identity_cmdlet,
    message,
    new_cmdlet,
    unchanged,
)
from sccshell.sandbox.tenant.items import job_end, job_status, new_item, touch
from sccshell.sandbox.tenant.params import Params
from sccshell.sandbox.tenant.records import MAILBOXES, Item
from sccshell.sandbox.tenant.registry import cmdlet
from sccshell.sandbox.tenant.resolve import resolve_item
from sccshell.sandbox.tenant.shape import Prop, Shape, lazy
from sccshell.sandbox.tenant.values import mix

CASE = "ComplianceCase"
SEARCH = "ComplianceSearch"
ACTION = "ComplianceSearchAction"
SEARCH_LOCATIONS = [
    "ExchangeLocation",
    "ExchangeLocationExclusion",
    "SharePointLocation",
    "SharePointLocationExclusion",
    "PublicFolderLocation",
]
ACTION_SECONDS = {"Purge": 30, "Preview": 10, "Export": 60, "Report": 20, "RetentionReport": 20}
PURGE_LIMIT_PER_LOCATION = 10  # the service purges at most 10 items per mailbox per action


def _guid(i: Item, t: Any) -> str:
    return t.item_guid(i)


def _tail() -> list[Prop]:
    """The trailing properties of cases, searches and actions: identified by GUID."""
    return [
        Prop("Identity", "str", _guid),
        Prop("Guid", "guid", _guid),
        Prop("IsValid", "bool", True),
        Prop("ObjectState", "str", "Unchanged"),
    ]


CASE_SHAPE = Shape(
    [
        Prop("Name", "str"),
        Prop("Description", "str", ""),
        Prop("Status", "str", "Active"),
        Prop("CaseType", "str", "eDiscovery"),
        Prop("CreatedDateTime", "date", lambda i, t: i.get("WhenCreated")),
        Prop("LastModifiedDateTime", "date", lambda i, t: i.get("WhenChanged")),
        Prop("ClosedDateTime", "date", None),
        Prop("ClosedBy", "str", None),
        Prop("ExternalId", "str", ""),
        Prop("SecondaryCaseMembers", "coll", []),
        *_tail(),
    ]
)


# --- search results, derived from the query and the locations ----------------------------------------------


def _hits(t: Any, search: Item) -> list[tuple[str, int, int]]:
    """(location, items, bytes) of each location where the query finds something."""
    key = (t.seed, search.name.lower(), str(search.get("ContentMatchQuery", "")).lower())
    locations = list(search.get("ExchangeLocation") or [])
    if locations == ["All"]:
        pool = [r for r in t.store.recipients.values() if r.rtd in MAILBOXES][:200]
        chosen = [r.primary_smtp for r in pool if mix(*key, r.n) % 5 == 0][:25]
    else:
        chosen = [_address_of(t, name) for name in locations]
    out = []
    for location in chosen:
        value = mix(*key, location)
        count = value % 140
        if count:
            out.append((location, count, count * (18_000 + value % 90_000)))
    for site in search.get("SharePointLocation") or []:
        value = mix(*key, site)
        count = value % 60 + 1
        out.append(
            (
                site if site != "All" else "https://contoso.sharepoint.com/sites/Sales",
                count,
                count * 240_000,
            )
        )
    return out


def _address_of(t: Any, name: str) -> str:
    from sccshell.sandbox.tenant.resolve import find_recipients

    found = find_recipients(t, name)
    return found[0].primary_smtp if len(found) == 1 else name


def _completed(i: Item, t: Any) -> bool:
    return job_status(i, t) == "Completed"


def _items(i: Item, t: Any) -> int:
    return sum(h[1] for h in _hits(t, i)) if _completed(i, t) else 0


def _size(i: Item, t: Any) -> int:
    return sum(h[2] for h in _hits(t, i)) if _completed(i, t) else 0


def _success_results(i: Item, t: Any) -> str:
    if not _completed(i, t):
        return ""
    lines = [
        f"Location: {loc}, Item count: {count}, Total size: {size}"
        for loc, count, size in _hits(t, i)
    ]
    return "{" + ", ".join(lines) + "}" if lines else ""


def _progress(i: Item, t: Any) -> int:
    status = job_status(i, t)
    if status == "Completed":
        return 100
    if status != "InProgress":
        return 0
    elapsed = t.now() - i.get("StartedAt", t.now())
    return min(99, int(100 * elapsed / max(1, i.get("Duration", 1))))


SEARCH_SHAPE = Shape(
    [
        Prop("Name", "str"),
        Prop("RunBy", "str", ""),
        Prop("JobStartTime", "date", lambda i, t: i.get("StartedAt")),
        Prop("JobEndTime", "date", job_end),
        Prop("Status", "str", job_status),
        Prop("JobProgress", "int32", _progress),
        Prop("Errors", "str", ""),
        Prop("Items", "int64", _items),
        Prop("Size", "int64", _size),
        Prop("UnindexedItems", "int64", lambda i, t: _items(i, t) // 40),
        Prop("UnindexedSize", "int64", lambda i, t: _size(i, t) // 55),
        Prop("SuccessResults", "str", _success_results),
        Prop(
            "NumBindings",
            "int32",
            lambda i, t: (
                len(i.get("ExchangeLocation") or []) + len(i.get("SharePointLocation") or [])
            ),
        ),
        *cc.locations(SEARCH_LOCATIONS),
        Prop("AllowNotFoundExchangeLocationsEnabled", "bool", False),
        Prop("ContentMatchQuery", "str", ""),
        Prop("Language", "str", ""),
        Prop("IncludeUserAppContent", "bool", False),
        Prop("IncludeOrgContent", "bool", False),
        Prop("Description", "str", ""),
        Prop("Case", "str", ""),
        Prop("HoldNames", "coll", []),
        Prop("SearchType", "str", "EstimateSearch"),
        Prop("LogLevel", "str", "Suppressed"),
        Prop("CreatedBy", "str", "MOD Administrator"),
        Prop("CreatedTime", "date", lambda i, t: i.get("WhenCreated")),
        Prop("LastModifiedBy", "str", lambda i, t: i.get("CreatedBy", "MOD Administrator")),
        Prop("LastModifiedTime", "date", lambda i, t: i.get("WhenChanged")),
        *_tail(),
    ]
)


def _action_results(i: Item, t: Any) -> str:
    if not _completed(i, t):
        return ""
    search = _search_of(t, i)
    hits = _hits(t, search) if search is not None else []
    kind = i.get("Action")
    if kind == "Purge":
        count = sum(min(h[1], PURGE_LIMIT_PER_LOCATION) for h in hits)
        size = sum(h[2] * min(h[1], PURGE_LIMIT_PER_LOCATION) // max(1, h[1]) for h in hits)
        details = "; ".join(
            f"Location: {h[0]}, Item count: {min(h[1], PURGE_LIMIT_PER_LOCATION)}" for h in hits
        )
        return f"Purge Type: {i.get('PurgeType')}; Item count: {count}; Total size {size}; Details: {{{details}}}"
    if kind == "Export":
        return f"Container url: https://contoso.blob.core.windows.net/{t.item_guid(i)}; SAS token: <Specify -IncludeCredential parameter to show the SAS token>; Scenario: General; Scope: IndexedItemsOnly; Total sources: {len(hits)}; Estimated size: {sum(h[2] for h in hits)}; Estimated items: {sum(h[1] for h in hits)}"
    if kind == "Preview":
        rows = []
        for location, count, _ in hits[:5]:
            for n in range(min(count, 3)):
                rows.append(
                    f"Location: {location}; Sender: someone@fabrikam.com; Subject: Search hit {n + 1}; Type: Email; Size: {20_000 + 731 * n}; Received Time: 11/2/2024 9:1{n}:00 AM; Data Link: data/All/{t.guid(i.n, location, n)}.eml"
                )
        return "{" + ",\r\n".join(rows) + "}"
    return f"Total sources: {len(hits)}"


def _search_of(t: Any, action: Item) -> Item | None:
    for item in t.store.iter_items(SEARCH):
        if item.name == action.get("SearchName"):
            return item
    return None


ACTION_SHAPE = Shape(
    [
        Prop("Name", "str"),
        Prop("SearchName", "str"),
        Prop("RunBy", "str", ""),
        Prop("JobStartTime", "date", lambda i, t: i.get("StartedAt")),
        Prop("JobEndTime", "date", job_end),
        Prop("Status", "str", job_status),
        Prop("Action", "str"),
        Prop("PurgeType", "str", None),
        Prop("Errors", "str", ""),
        Prop("Results", "str", _action_results),
        Prop("Case", "str", ""),
        Prop("CreatedBy", "str", ""),
        Prop("CreatedTime", "date", lambda i, t: i.get("WhenCreated")),
        *_tail(),
    ]
)


def search(t: Any, identity: Any) -> Item:
    return resolve_item(t, SEARCH, identity, compliance=True)


def case(t: Any, identity: Any) -> Item:
    return resolve_item(t, CASE, identity, compliance=True)


def _action(t: Any, identity: Any) -> Item:
    return resolve_item(t, ACTION, identity, compliance=True)


def _of_case(t: Any, p: Params, items: list[Item]) -> list[Item]:
    """ITEMS, narrowed to the case -Case names when given."""
    if p.text("Case"):
        wanted_case = case(t, p.text("Case")).name
        items = [i for i in items if i.get("Case") == wanted_case]
    return items


# --- cases ---------------------------------------------------------------------------------------------------


@cmdlet("Get-ComplianceCase")
def get_compliance_case(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    wanted = identities(p)
    items = cc.selected(t, p, CASE)
    case_type = p.text("CaseType")
    if case_type:
        items = [
            i for i in items if str(i.get("CaseType", "eDiscovery")).lower() == case_type.lower()
        ]
    elif not wanted:
        # Like the service: without -CaseType, classic eDiscovery cases only.
        items = [i for i in items if i.get("CaseType", "eDiscovery") == "eDiscovery"]
    return done(lazy(items, CASE_SHAPE, t))


@new_cmdlet("New-ComplianceCase")
def new_compliance_case(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    if any(i.name.lower() == name.lower() for i in t.store.iter_items(CASE)):
        raise errors.invalid(
            f'The case "{name}" already exists.',
            "Microsoft.Office.ComplianceJob.Tasks.ComplianceCaseAlreadyExistsException",
        )
    item = new_item(
        t,
        CASE,
        {
            "Name": name,
            "Description": p.text("Description") or "",
            "CaseType": p.text("CaseType") or "eDiscovery",
            "Status": "Active",
            "CreatedBy": ctx.caller,
            "ExternalId": p.text("ExternalId") or "",
        },
    )
    return done([CASE_SHAPE.render(item, t)])


# --- searches ----------------------------------------------------------------------------------------------------


def _search_locations(t: Any, item: Item, p: Params) -> bool:
    changed = False
    allow_missing = item.get("AllowNotFoundExchangeLocationsEnabled") or p.flag(
        "AllowNotFoundExchangeLocationsEnabled"
    )
    for prop in SEARCH_LOCATIONS:
        names = [prop, f"Add{prop}", f"Remove{prop}"]
        if not any(n in p for n in names):
            continue
        current = list(item.get(prop) or [])
        value = current
        if prop in p:
            value = _locations(t, prop, p.strings(prop) or [], allow_missing)
        if f"Add{prop}" in p:
            value = value + [
                v
                for v in _locations(t, prop, p.strings(f"Add{prop}") or [], allow_missing)
                if v not in value
            ]
        if f"Remove{prop}" in p:
            drop = {v.lower() for v in p.strings(f"Remove{prop}") or []}
            value = [v for v in value if v.lower() not in drop]
        if value != current:
            item.put(prop, value)
            changed = True
    return changed


def _locations(t: Any, prop: str, values: list[str], allow_missing: bool) -> list[str]:
    if not prop.startswith("Exchange") or allow_missing:
        return [v for v in values if v]
    return cc.location_values(t, prop, values)


@cmdlet("Get-ComplianceSearch", search_only=True)
def get_compliance_search(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    return done(lazy(_of_case(t, p, cc.selected(t, p, SEARCH)), SEARCH_SHAPE, t))


@new_cmdlet("New-ComplianceSearch", search_only=True)
def new_compliance_search(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Name")
    name = (p.text("Name") or "").strip()
    if any(i.name.lower() == name.lower() for i in t.store.iter_items(SEARCH)):
        raise errors.invalid(
            f'The compliance search "{name}" already exists.',
            "Microsoft.Office.ComplianceJob.Tasks.ComplianceSearchAlreadyExistsException",
        )
    case_name = case(t, p.text("Case")).name if p.text("Case") else ""
    item = new_item(
        t,
        SEARCH,
        {
            "Name": name,
            "Case": case_name,
            "ContentMatchQuery": p.text("ContentMatchQuery") or "",
            "Description": p.text("Description") or "",
            "CreatedBy": _display(t, ctx),
            "AllowNotFoundExchangeLocationsEnabled": bool(
                p.boolean("AllowNotFoundExchangeLocationsEnabled")
            ),
            "StartedAt": None,
            "Duration": 0,
        },
    )
    try:
        _search_locations(t, item, p)
    except Exception:
        t.store.drop_item(item)
        raise
    return done([SEARCH_SHAPE.render(item, t)])


def _display(t: Any, ctx: InvocationContext) -> str:
    from sccshell.sandbox.tenant.resolve import find_recipients

    found = find_recipients(t, ctx.caller)
    return found[0].display_name if len(found) == 1 else ctx.caller


def _duration(item: Item) -> int:
    locations = item.get("ExchangeLocation") or []
    return (
        120
        if locations == ["All"]
        else 20 + 10 * len(locations) + 15 * len(item.get("SharePointLocation") or [])
    )


@identity_cmdlet("Set-ComplianceSearch", search, search_only=True)
def set_compliance_search(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = search(t, p.text("Identity"))
    changed = _search_locations(t, item, p)
    for name in ("ContentMatchQuery", "Description"):
        if name in p and p.text(name) != item.get(name):
            item.put(name, p.text(name))
            changed = True
    if not changed:
        return done(warnings=[unchanged(item.name)])
    item.put("StartedAt", None)  # a changed search has to run again
    item.put("StoppedAt", None)
    item.put("LastModifiedBy", _display(t, ctx))
    touch(t, item)
    return done()


@identity_cmdlet("Start-ComplianceSearch", search, search_only=True)
def start_compliance_search(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = search(t, p.text("Identity"))
    if job_status(item, t) == "InProgress":
        raise errors.invalid(
            f'The search "{item.name}" is currently running. Please wait until it completes.',
            "Microsoft.Office.ComplianceJob.Tasks.ComplianceJobInProgressException",
        )
    item.put("StartedAt", t.now())
    item.put("StoppedAt", None)
    item.put("Duration", _duration(item))
    item.put("RunBy", _display(t, ctx))
    touch(t, item)
    return done()


@identity_cmdlet("Stop-ComplianceSearch", search, search_only=True)
def stop_compliance_search(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = search(t, p.text("Identity"))
    if job_status(item, t) != "InProgress":
        return done(warnings=[f'The search "{item.name}" isn\'t running.'])
    item.put("StoppedAt", t.now())
    return done()


@identity_cmdlet("Remove-ComplianceSearch", search, search_only=True)
def remove_compliance_search(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    item = search(t, p.text("Identity"))
    for action in t.store.iter_items(ACTION):
        if action.get("SearchName") == item.name:
            t.store.drop_item(action)
    t.store.drop_item(item)
    return done()


# --- actions ------------------------------------------------------------------------------------------------------


def _action_kind(p: Params) -> str:
    kinds = [k for k in ("Purge", "Preview", "Export", "Report", "RetentionReport") if p.flag(k)]
    if len(kinds) != 1:
        raise errors.CmdletError(
            400,
            errors.BINDING,
            "Parameter set cannot be resolved using the specified named parameters. One or more parameters "
            "issued cannot be used together or an insufficient number of parameters were provided.",
            category="InvalidArgument",
        )
    return kinds[0]


def _purge_message(t: Any, p: Params, ctx: InvocationContext) -> str:
    names = p.strings("SearchName") or p.strings("SearchNames") or []
    if not names:
        raise errors.missing_parameters("SearchName")
    found = search(t, names[0])
    kind = _action_kind(p)
    if kind == "Purge":
        return (
            f"This operation will make message items meeting the criteria of the compliance search "
            f'"{found.name}" completely inaccessible to users. There is no automatic method to undo the '
            "removal of these message items."
        )
    return message("New-ComplianceSearchAction", f"{found.name}_{kind}")


@cmdlet("New-ComplianceSearchAction", search_only=True, describe=_purge_message)
def new_compliance_search_action(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    names = p.strings("SearchName") or p.strings("SearchNames") or []
    if not names:
        raise errors.missing_parameters("SearchName")
    kind = _action_kind(p)
    purge_type = None
    if kind == "Purge":
        purge_type = {"softdelete": "SoftDelete", "harddelete": "HardDelete"}.get(
            (p.text("PurgeType") or "SoftDelete").lower()
        )
        if purge_type is None:
            raise errors.not_in_set("PurgeType", p.text("PurgeType"), ["SoftDelete", "HardDelete"])
    results = []
    for name in names:
        found = search(t, name)
        status = job_status(found, t)
        if status == "NotStarted":
            raise errors.invalid(
                f'The search "{found.name}" hasn\'t run yet. Run Start-ComplianceSearch and wait for it to complete before you create an action.',
                "Microsoft.Office.ComplianceJob.Tasks.ComplianceSearchNotCompletedException",
            )
        if status != "Completed":
            raise errors.invalid(
                f'The search "{found.name}" is still running. Wait until it completes before you create an action.',
                "Microsoft.Office.ComplianceJob.Tasks.ComplianceSearchNotCompletedException",
            )
        action_name = p.text("ActionName") or f"{found.name}_{kind}"
        for existing in t.store.iter_items(ACTION):
            if existing.name.lower() == action_name.lower():
                if job_status(existing, t) != "Completed":
                    raise errors.invalid(
                        f'The action "{existing.name}" is still running.',
                        "Microsoft.Office.ComplianceJob.Tasks.ComplianceJobInProgressException",
                    )
                t.store.drop_item(existing)  # a finished action of the same name is replaced
        item = new_item(
            t,
            ACTION,
            {
                "Name": action_name,
                "SearchName": found.name,
                "Action": kind,
                "PurgeType": purge_type,
                "Case": found.get("Case", ""),
                "CreatedBy": _display(t, ctx),
                "RunBy": _display(t, ctx),
                "StartedAt": t.now(),
                "Duration": ACTION_SECONDS[kind],
            },
        )
        results.append(ACTION_SHAPE.render(item, t))
    return done(results)


@cmdlet("Get-ComplianceSearchAction")
def get_compliance_search_action(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    items = cc.selected(t, p, ACTION)
    for kind in ("Purge", "Preview", "Export"):
        if p.flag(kind):
            items = [i for i in items if i.get("Action") == kind]
    return done(lazy(_of_case(t, p, items), ACTION_SHAPE, t))


@identity_cmdlet("Remove-ComplianceSearchAction", _action)
def remove_compliance_search_action(t: Any, p: Params, ctx: InvocationContext) -> CmdletResult:
    p.require("Identity")
    t.store.drop_item(_action(t, p.text("Identity")))
    return done()
