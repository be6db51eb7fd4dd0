"""A small schema for completion tests: a few Exchange and compliance cmdlets written out
as the bundled JSON writes them, plus some of sccshell's own cmdlets taken as they are."""

from __future__ import annotations

from sccshell.schema.builtin_cmdlets import CMDLETS
from sccshell.schema.model import IndexEntry, Schema

EXCHANGE = ["Exchange Online"]
COMPLIANCE = ["Security & Compliance"]
LOCAL = {
    "Select-Object",
    "Sort-Object",
    "Where-Object",
    "Group-Object",
    "Format-Table",
    "Export-Csv",
    "Get-Content",
    "Connect-ExchangeOnline",
    "ForEach-Object",
}


def param(name: str, type_: str, *, aliases: tuple[str, ...] = (), values=None) -> dict:
    entry: dict = {"name": name, "type": type_, "aliases": list(aliases), "pipeline_input": False}
    if values:
        entry["accepted_values"] = list(values)
    return entry


def member(name: str, required: bool = False, position: int | None = None) -> dict:
    return {"name": name, "required": required, "position": position}


def cmdlet(name: str, products: list[str], params: list[dict], sets: dict[str, list]) -> dict:
    default = next(iter(sets))
    return {
        "name": name,
        "products": products,
        "default_parameter_set": default,
        "common_parameters": True,
        "parameters": params,
        "parameter_sets": [
            {"name": set_name, "default": set_name == default, "parameters": members}
            for set_name, members in sets.items()
        ],
    }


GET_MAILBOX = cmdlet(
    "Get-Mailbox",
    EXCHANGE,
    [
        param("Identity", "MailboxIdParameter"),
        param("Anr", "String"),
        param("Archive", "SwitchParameter"),
        param("Filter", "String"),
        param("ResultSize", "Unlimited"),
    ],
    {
        "Identity": [member("Identity", position=0), member("Archive"), member("ResultSize")],
        "AnrSet": [member("Anr", required=True), member("Archive"), member("ResultSize")],
        "FilterSet": [member("Filter", required=True), member("ResultSize")],
    },
)

SET_MAILBOX = cmdlet(
    "Set-Mailbox",
    EXCHANGE,
    [
        param("Identity", "MailboxIdParameter"),
        param("LitigationHoldEnabled", "Boolean"),
        param("RetentionPolicy", "MailboxPolicyIdParameter"),
        param(
            "Type", "ConvertibleMailboxSubType", values=["Regular", "Room", "Equipment", "Shared"]
        ),
        param("DisplayName", "String", aliases=("dn",)),
        param("WhatIf", "SwitchParameter", aliases=("wi",)),
        param("Confirm", "SwitchParameter", aliases=("cf",)),
    ],
    {
        "Identity": [
            member("Identity", True, 0),
            member("LitigationHoldEnabled"),
            member("RetentionPolicy"),
            member("DisplayName"),
            member("WhatIf"),
            member("Confirm"),
        ],
        "ConvertSet": [
            member("Identity", True, 0),
            member("Type", True),
            member("WhatIf"),
            member("Confirm"),
        ],
    },
)

GET_RETENTION = cmdlet(
    "Get-RetentionCompliancePolicy",
    COMPLIANCE,
    [param("Identity", "PolicyIdParameter"), param("DistributionDetail", "SwitchParameter")],
    {"Identity": [member("Identity", position=0), member("DistributionDetail")]},
)

GET_APP_RETENTION = cmdlet(
    "Get-AppRetentionCompliancePolicy",
    COMPLIANCE,
    [param("Identity", "PolicyIdParameter")],
    {"Identity": [member("Identity", position=0)]},
)

GET_RECIPIENT = cmdlet(
    "Get-Recipient",
    EXCHANGE,
    [param("Identity", "RecipientIdParameter"), param("ResultSize", "Unlimited")],
    {"Identity": [member("Identity", position=0), member("ResultSize")]},
)

REMOTE = [GET_MAILBOX, SET_MAILBOX, GET_RETENTION, GET_APP_RETENTION, GET_RECIPIENT]


def fixture_schema() -> Schema:
    """The fixture's cmdlets as a Schema, built the way the loader builds one."""
    entries = {}
    for data in REMOTE:
        module = "compliance" if data["products"] == COMPLIANCE else "exchange"
        entries[data["name"].lower()] = IndexEntry(data["name"], module, data)
    for data in CMDLETS:
        if data["name"] in LOCAL:
            entries[data["name"].lower()] = IndexEntry(data["name"], data["module"], data)
    return Schema(entries)
