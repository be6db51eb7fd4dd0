"""Shared settings for the fuzz tests: a short CI run, or a long one with SCCSHELL_FUZZ=long."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG = os.environ.get("SCCSHELL_FUZZ", "").lower() == "long"


def fuzz(examples: int) -> settings:
    """EXAMPLES cases in CI (the same ones each run); fifty times as many, random, when long."""
    return settings(
        max_examples=examples * 50 if LONG else examples,
        deadline=None,
        derandomize=not LONG,
        database=None if not LONG else settings.default.database,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )
