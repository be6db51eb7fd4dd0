"""Golden outputs: fixed service-shaped objects, rendered as a person and a machine see them.

Each case is compared byte for byte with tests/output/golden/CASE[-WIDTH].txt.
SCCSHELL_UPDATE_GOLDEN=1 rewrites the files instead (then read the diff before committing).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from sccshell.output import write_objects
from sccshell.runtime.cmdlets.format import FormatRequest, render_lines
from sccshell.runtime.objects import PSObject

GOLDEN = Path(__file__).parent / "golden"
WIDTHS = (80, 120, 200)
UPDATE = os.environ.get("SCCSHELL_UPDATE_GOLDEN") == "1"


def _mailbox(name: str, alias: str, quota: str, items: int, addresses: list[str], **more):
    props = {
        "Name": name,
        "Alias": alias,
        "Database": "EURPR01DG123-db089",
        "ProhibitSendQuota": quota,
        "ExternalDirectoryObjectId": f"1b9f6b55-6a1c-4f3c-9a51-1c2f0e3b6a{items % 100:02d}",
        "ItemCount": items,
        "EmailAddresses": addresses,
        "WhenCreated": datetime(2022, 9, 21, 8, 7, 47),
        "LitigationHoldEnabled": False,
        "Department": None,
    }
    props.update(more)
    return PSObject(props, type_names=("Deserialized.Get-Mailbox", "Deserialized.System.Object"))


MAILBOXES = [
    _mailbox(
        "Alice Smith",
        "alice",
        "99 GB (106,300,440,576 bytes)",
        1520,
        ["SMTP:alice@contoso.com", "smtp:alice@contoso.onmicrosoft.com"],
        Department="Finance",
    ),
    _mailbox(
        "Zoë Ångström-Ørsted",
        "zoe",
        "49.5 GB (53,150,220,288 bytes)",
        7,
        [f"smtp:zoe{i}@contoso.com" for i in range(6)],
        WhenCreated=datetime(2023, 12, 1, 16, 30, 5),
    ),
    _mailbox(
        "山田 太郎",
        "taro.yamada",
        "Unlimited",
        1234567,
        [],
        Department="営業部 (Sales, Tokyo office, building 2, floor 14, desk cluster C)",
        LitigationHoldEnabled=True,
    ),
]

PERMISSIONS = [
    PSObject(
        {
            "Identity": ident,
            "User": user,
            "AccessRights": rights,
            "IsInherited": inh,
            "Deny": False,
        },
        type_names=("Deserialized.Get-MailboxPermission",),
    )
    for ident, user, rights, inh in [
        ("alice", "NT AUTHORITY\\SELF", ["FullAccess", "ReadPermission"], False),
        ("alice", "CONTOSO\\helpdesk", ["FullAccess"], True),
        ("taro.yamada", "NT AUTHORITY\\SELF", ["FullAccess", "ReadPermission"], False),
    ]
]

RETENTION = [
    PSObject(
        {
            "Name": name,
            "Enabled": enabled,
            "Mode": mode,
            "DistributionStatus": status,
            "ExchangeLocation": locations,
            "RetentionDuration": days,
            "Settings": PSObject({"Action": "Keep", "Days": days}),
        },
        type_names=("Deserialized.Get-RetentionCompliancePolicy",),
    )
    for name, enabled, mode, status, locations, days in [
        ("Keep mail 7 years", True, "Enforce", "Success", ["All"], 2555),
        (
            "Finance – delete after 10 years (legal hold review pending)",
            False,
            "Enforce",
            "Pending",
            ["alice@contoso.com", "bob@contoso.com"],
            3650,
        ),
    ]  # fmt: skip
]

SMALL = [
    PSObject({"Name": "alpha", "Size": 10, "Ratio": 0.25, "Note": None}),
    PSObject({"Name": "beta", "Size": 12345678, "Ratio": 1.5, "Note": "line one\nline two"}),
]


def _person(objects, cmdlet=None) -> Callable[[int], str]:
    def render(width: int) -> str:
        out = io.StringIO()
        write_objects(objects, out, None, width=width, cmdlet=cmdlet)
        return out.getvalue()

    return render


def _format(kind: str, objects, properties=None, **options) -> Callable[[int], str]:
    def render(width: int) -> str:
        request = FormatRequest(kind, list(objects), properties, options)
        return "".join(line + "\n" for line in render_lines([request], width))

    return render


def _machine(fmt: str, objects) -> Callable[[int], str]:
    def render(width: int) -> str:
        out = io.StringIO()
        write_objects(objects, out, fmt, width=width)
        return out.getvalue()

    return render


COLUMNS = ["Name", "ItemCount", "ProhibitSendQuota", "EmailAddresses"]

PERSON_CASES: dict[str, Callable[[int], str]] = {
    "default-mailboxes": _person(MAILBOXES, "Get-Mailbox"),
    "default-permissions": _person(PERMISSIONS),
    "default-retention": _person(RETENTION),
    "default-small-table": _person(SMALL),
    "default-many-properties-list": _person([PSObject(dict(MAILBOXES[1].items()))]),
    "ft-property": _format("table", MAILBOXES, COLUMNS),
    "ft-autosize": _format("table", MAILBOXES, COLUMNS, AutoSize=True),
    "ft-wrap": _format("table", MAILBOXES, ["Name", "Department", "EmailAddresses"], Wrap=True),
    "ft-groupby": _format("table", PERMISSIONS, ["User", "AccessRights"], GroupBy="Identity"),
    "ft-hideheaders": _format("table", PERMISSIONS, ["Identity", "User"], HideTableHeaders=True),
    "ft-view-mailbox": _format("table", MAILBOXES, View="Mailbox"),
    "ft-calculated": _format(
        "table",
        MAILBOXES,
        ["Alias", {"Label": "Items", "Expression": "ItemCount", "Width": 9}, "WhenCreated"],
    ),
    "fl-property": _format("list", MAILBOXES, ["Name", "EmailAddresses", "Department"]),
    "fl-star": _format("list", MAILBOXES[2:], ["*"]),
    "fl-nested": _format("list", RETENTION),
    "fw-default": _format("wide", MAILBOXES),
    "fw-column": _format("wide", MAILBOXES, ["Alias"], Column=3),
    "fw-autosize": _format("wide", MAILBOXES + MAILBOXES, ["Alias"], AutoSize=True),
}

MACHINE_CASES = {
    f"machine.{fmt}": _machine(fmt, MAILBOXES[:2] + RETENTION[:1])
    for fmt in ("json", "jsonl", "csv", "yaml")
}

CASES = [(f"{name}-{width}.txt", render, width) for name, render in PERSON_CASES.items()
         for width in WIDTHS] + [(name, render, 120) for name, render in MACHINE_CASES.items()]  # fmt: skip


@pytest.mark.parametrize(("filename", "render", "width"), CASES, ids=[c[0] for c in CASES])
def test_golden(filename, render, width):
    got = render(width)
    path = GOLDEN / filename
    if UPDATE:
        path.write_bytes(got.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with SCCSHELL_UPDATE_GOLDEN=1"
    assert got == path.read_bytes().decode("utf-8"), filename


def test_every_golden_file_has_a_case():
    names = {c[0] for c in CASES}
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(names)


def test_person_lines_fit_the_width():
    from sccshell.output.cells import text_width

    for filename, render, width in CASES:
        if not filename.startswith("machine."):
            assert all(text_width(line) <= width for line in render(width).splitlines()), filename
