"""One object that carries the process's streams and settings.

Every run mode takes an Environment instead of reaching for sys.stdin or
os.environ, so tests can drive each mode in-process with their own streams.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Environment:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    debug: bool = False
    assume_yes: bool = False  # --yes: answer yes to confirmation prompts
    # A transient line on the terminal (the live count of a long result); anything
    # written for a person clears it first.
    status: Any = field(default=None, repr=False, compare=False)

    def clear_status(self) -> None:
        if self.status is not None:
            self.status.clear()

    @property
    def stdin_isatty(self) -> bool:
        return _isatty(self.stdin)

    @property
    def stdout_isatty(self) -> bool:
        return _isatty(self.stdout)

    def error(self, message: str) -> None:
        """Print an error for a person on stderr."""
        print(f"sccshell: error: {message}", file=self.stderr)
