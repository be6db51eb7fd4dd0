"""What counts as a secret in a line of text, and the private folders secrets may live in.

History and transcripts both keep lines with secrets off the disk; this is their one rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

# Why each rule is here: these parameters and cmdlets take a secret as typed text, and
# JWTs, long base64 and long hex strings are what tokens, keys and passwords look like.
BUILTIN_PATTERNS = (
    r"-(Certificate)?Password\b",
    r"-AccessToken\b",
    r"-ClientSecret\b",
    r"\bConvertTo-SecureString\b",
    r"\beyJ[A-Za-z0-9_-]{8,}",
    r"(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{32,}",
    r"\b[0-9a-f]{32,}\b",
)


class SecretFilter:
    """Tells whether a line may be written to the history file or a transcript."""

    def __init__(self, extra: Iterable[str] = (), *, enabled: bool = True) -> None:
        self.enabled = enabled
        patterns = [*BUILTIN_PATTERNS, *extra]
        self._pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    def is_secret(self, line: str) -> bool:
        return self.enabled and self._pattern.search(line) is not None


def private_dir(path: Path, *, own: bool) -> None:
    """Create PATH readable by its owner only; OWN: sccshell's own folder, made private even
    if it already exists (a folder the user named, such as home, is left as it is)."""
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if own or not existed:
        os.chmod(path, 0o700)  # mkdir's mode is masked by the umask
