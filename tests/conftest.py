"""Shared fixtures: the schema is loaded once per test session, with the cache in a tmp dir."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Nothing a test does may touch the user's own cache or config.
    root = tmp_path_factory.mktemp("home")
    os.environ["SCCSHELL_CACHE_DIR"] = str(root / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(root / "config")
    os.environ["XDG_DATA_HOME"] = str(root / "data")
    os.environ["XDG_CACHE_HOME"] = str(root / "xdgcache")


@pytest.fixture(scope="session")
def schema():
    from sccshell.schema.loader import load_schema

    return load_schema()


@pytest.fixture(scope="session")
def analyzer(schema):
    from sccshell.analysis import Analyzer

    return Analyzer(schema)
