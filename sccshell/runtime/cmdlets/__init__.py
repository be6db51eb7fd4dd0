"""The cmdlets sccshell runs itself, by canonical name."""

from __future__ import annotations

from ..api import LocalCmdlet
from . import (
    content,
    csvdata,
    dates,
    filtering,
    foreach,
    format,
    grouping,
    hostio,
    jsondata,
    measuring,
    members,
    misc,
    paths,
    search,
    selection,
    sorting,
)
from .format import FormatRequest

LOCAL_CMDLETS: dict[str, LocalCmdlet] = {}
for _module in (
    filtering,
    selection,
    sorting,
    grouping,
    measuring,
    foreach,
    hostio,
    format,
    csvdata,
    jsondata,
    content,
    dates,
    misc,
    paths,
    search,
    members,
):
    LOCAL_CMDLETS.update(_module.CMDLETS)

__all__ = ["LOCAL_CMDLETS", "FormatRequest"]
