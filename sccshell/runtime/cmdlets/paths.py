"""Join-Path, Split-Path, Test-Path."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..api import CmdletContext
from ..values import to_string
from ._common import as_list
from ._props import has_wildcard

_SEPS = "/\\"


def join_path(ctx: CmdletContext) -> Iterator[Any]:
    """Join-Path: each -Path joined with -ChildPath and any further parts."""
    children = [to_string(ctx.bound.get("ChildPath", ""))]
    children += [to_string(c) for c in as_list(ctx.bound.get("AdditionalChildPath"))]
    for base in as_list(ctx.bound.get("Path")):
        text = to_string(base)
        for child in children:
            if not child:
                continue
            text = text.rstrip(_SEPS) + os.sep + child.lstrip(_SEPS) if text else child
        yield text


def _split(path: str) -> tuple[str, str]:
    """Parent and leaf, accepting both separators as PowerShell does."""
    trimmed = path.rstrip(_SEPS) or path
    cut = max(trimmed.rfind("/"), trimmed.rfind("\\"))
    if cut < 0:
        return "", trimmed
    parent = trimmed[:cut]
    if not parent or parent.endswith(":"):
        parent = trimmed[: cut + 1]  # keep the root: "/" or "C:\"
    return parent, trimmed[cut + 1 :]


def split_path(ctx: CmdletContext) -> Iterator[Any]:
    """Split-Path: the parent (default), -Leaf, -LeafBase, -Extension, -Qualifier, ..."""
    b = ctx.bound
    for p in as_list(b.get("LiteralPath", b.get("Path"))):
        path = to_string(p)
        parent, leaf = _split(path)
        if b.get("Leaf"):
            yield leaf
        elif b.get("LeafBase"):
            yield os.path.splitext(leaf)[0]
        elif b.get("Extension"):
            yield os.path.splitext(leaf)[1]
        elif b.get("Qualifier"):
            yield path[:2] if len(path) > 1 and path[1] == ":" else ""
        elif b.get("NoQualifier"):
            yield path[2:] if len(path) > 1 and path[1] == ":" else path
        elif b.get("IsAbsolute"):
            yield path.startswith(("/", "\\")) or (
                len(path) > 2 and path[1] == ":" and path[2] in _SEPS
            )
        else:
            yield parent


def test_path(ctx: CmdletContext) -> Iterator[Any]:
    """Test-Path: True when each path exists (and is of -PathType)."""
    b = ctx.bound
    kind = str(b.get("PathType", "Any")).lower()
    for p in as_list(b.get("LiteralPath", b.get("Path"))):
        path = os.path.expanduser(to_string(p))
        if b.get("IsValid"):
            yield "\0" not in path and path != ""
            continue
        found = glob.glob(path) if has_wildcard(path) and "LiteralPath" not in b else [path]
        yield any(_fits(f, kind, b) for f in found if os.path.exists(f))


def _fits(path: str, kind: str, b: dict[str, Any]) -> bool:
    if kind == "leaf" and not os.path.isfile(path):
        return False
    if kind == "container" and not os.path.isdir(path):
        return False
    mtime = datetime.fromtimestamp(os.path.getmtime(path))
    if "OlderThan" in b and not mtime < b["OlderThan"]:
        return False
    return not ("NewerThan" in b and not mtime > b["NewerThan"])


CMDLETS = {"Join-Path": join_path, "Split-Path": split_path, "Test-Path": test_path}
