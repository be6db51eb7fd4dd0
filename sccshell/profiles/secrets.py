"""Reading a secret a profile points at: an environment variable or a private file."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sccshell.profiles.errors import Mark, Problem, ProfileError


@dataclass(frozen=True)
class SecretSource:
    """Where a secret comes from; the secret itself is read on demand and never kept."""

    key: str  # the profile key that names it, e.g. "password_env"
    env: str | None = None
    file: Path | None = None
    mark: Mark | None = field(default=None, compare=False, repr=False)

    def read(self, environ: Mapping[str, str]) -> str:
        """The secret, from the environment variable or the file; ProfileError if unusable."""
        if self.env is not None:
            value = environ.get(self.env)
            if not value:
                self._fail(f"environment variable {self.env} (named by {self.key}) is not set")
            return value  # type: ignore[return-value]
        if self.file is None:  # pragma: no cover - the validator always sets one
            self._fail(f"{self.key} names no source")
        return read_secret_file(self.file, self.key, self.mark)

    def _fail(self, message: str) -> None:
        raise ProfileError(Problem(self.mark, message))


def read_secret_file(path: Path, key: str = "secret file", mark: Mark | None = None) -> str:
    """PATH's text less one trailing newline; refused if group or others may access it."""
    try:
        with open(path, encoding="utf-8") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            # Like ssh with private keys: a secret others can read is no longer a secret,
            # so say so instead of using it. POSIX modes only; Windows uses ACLs.
            if os.name == "posix" and mode & 0o077:
                raise ProfileError(
                    Problem(
                        mark,
                        f"{path} (named by {key}) is accessible by group or others "
                        f"(mode {stat.S_IMODE(mode):04o}); a secret file must be private: "
                        f"chmod 600 {path}",
                    )
                )
            text = handle.read()
    except OSError as exc:
        raise ProfileError(
            Problem(mark, f"cannot read {path} (named by {key}): {exc.strerror or exc}")
        ) from None
    except UnicodeDecodeError:
        raise ProfileError(Problem(mark, f"{path} (named by {key}) is not UTF-8 text")) from None
    # Editors add a final newline; the secret never ends with one.
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text
