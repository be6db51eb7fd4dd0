"""Shared by the profile tests: in-memory Environments and profile files in tmp dirs."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from sccshell.environment import Environment


def make_env(environ: dict[str, str] | None = None) -> Environment:
    return Environment(
        stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ=environ or {}
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
