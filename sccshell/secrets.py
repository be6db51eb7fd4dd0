"""What counts as a secret in a line of text, and the private folders secrets may live in.

History and transcripts both keep lines with secrets off the disk; this is their one rule.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

# Why each rule is here: these parameters and cmdlets take a secret as typed text, and the
# other forms are how tokens, keys and passwords are written in commands and in what the
# service prints. Matched without regard to case.
BUILTIN_PATTERNS = (
    # Parameters whose value is a secret, and the ways of typing a password in clear.
    r"-(Certificate)?Password\b",
    r"-AccessToken\b",
    r"-ClientSecret\b",
    r"\bConvertTo-SecureString\b",
    r"-AsPlainText\b",
    # A password, key or token given a value: `$AdminPassword = 'x'`, `Password=x;` in a
    # connection string, `"client_secret": "x"` in JSON, `AccountKey=` of Azure storage.
    r"(?:password|passwd|pwd|secret|accountkey|sharedaccesskey|(?:access|refresh|id)_token)"
    r"[\"']?\s*[:=]\s*\S",
    # Tokens: JWTs (the access and id tokens of Entra ID), HTTP bearer tokens.
    r"\beyJ[A-Za-z0-9_-]{8,}",
    r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}",
    # Private keys in PEM form (RSA, EC, PKCS#8, OpenSSH, encrypted or not).
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----",
    # The signature of a shared access signature (a SAS URL grants access on its own).
    r"[?&]sig=[A-Za-z0-9%+/=]{10,}",
    # 48 hex digits and more: keys and the like. Shorter runs are public identifiers and
    # are kept: GUIDs without dashes and LegacyExchangeDN values (32), certificate
    # thumbprints (40).
    r"\b[0-9a-f]{48,}\b",
)

# Runs of base64 text long enough to be a key; see _looks_random for which are.
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{32,}")


def _char_class(c: str) -> int:
    return 0 if c.isupper() else 1 if c.islower() else 2 if c.isdigit() else 3


def _looks_random(run: str) -> bool:
    """Whether RUN (base64 characters) reads as a key rather than as a path.

    A key mixes upper case, lower case and digits. So does a path such as
    `/home/alice/Reports/Q3Mailboxes2024/AllUsers`, but its words change from one kind
    of character to another at about one character in three, and random base64 at two
    in three: a run with a '/' is a key only when it changes at least at two in five.
    """
    classes = [_char_class(c) for c in run if c.isalnum()]
    if not {0, 1, 2} <= set(classes):
        return False
    if "/" not in run:
        return True
    changes = sum(a != b for a, b in pairwise(classes))
    return changes * 5 >= len(classes) * 2


class SecretFilter:
    """Tells whether a line may be written to the history file or a transcript."""

    def __init__(self, extra: Iterable[str] = (), *, enabled: bool = True) -> None:
        self.enabled = enabled
        patterns = [*BUILTIN_PATTERNS, *extra]
        self._pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    def is_secret(self, line: str) -> bool:
        if not self.enabled:
            return False
        if self._pattern.search(line) is not None:
            return True
        return any(_looks_random(run) for run in _BASE64_RUN.findall(line))


def private_dir(path: Path, *, own: bool) -> None:
    """Create PATH readable by its owner only; OWN: sccshell's own folder, made private even
    if it already exists (a folder the user named, such as home, is left as it is)."""
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if own or not existed:
        os.chmod(path, 0o700)  # mkdir's mode is masked by the umask
