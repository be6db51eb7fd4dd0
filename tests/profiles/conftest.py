"""Fixtures for the profile tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from profile_helpers import make_env, write

from sccshell.profiles import ProfileError, load_profiles


@pytest.fixture
def problems(tmp_path: Path) -> Callable[[str], list[str]]:
    """Load TEXT as a --profile-file; its problems as 'LINE:COL: error: MESSAGE' lines."""

    def load(text: str) -> list[str]:
        path = write(tmp_path / "p.yaml", text)
        try:
            load_profiles(make_env(), str(path))
        except ProfileError as exc:
            prefix = f"{path}:"
            assert all(line.startswith(prefix) for line in exc.lines), exc.lines
            return [line[len(prefix) :] for line in exc.lines]
        return []

    return load
