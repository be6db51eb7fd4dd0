"""Command history kept in a private file, with the lines that carry secrets left out of it."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

from prompt_toolkit.history import History

from sccshell.secrets import SecretFilter, private_dir

__all__ = ["PrivateFileHistory", "SecretFilter"]


class PrivateFileHistory(History):
    """prompt_toolkit history in a 0600 file, trimmed to SIZE entries, secrets held in memory only.

    A line the filter flags stays available to the up arrow for this session, as the
    user may want to fix a mistyped sign-in, but never reaches the disk.
    The file format is prompt_toolkit's FileHistory format, so either can read it.
    """

    def __init__(
        self, path: Path, secrets: SecretFilter, size: int = 10000, *, own_dir: bool = True
    ) -> None:
        super().__init__()
        self.path = path
        self.secrets = secrets
        self.size = size
        self.own_dir = own_dir

    def load_history_strings(self) -> Iterator[str]:
        entries = self._read()
        if len(entries) > self.size:
            entries = entries[-self.size :]
            self._rewrite(entries)
        return reversed(entries)

    def store_string(self, string: str) -> None:
        if self.secrets.is_secret(string):
            return
        self._open_private()
        stamp = datetime.datetime.now().isoformat(sep=" ", timespec="seconds")
        lines = [f"\n# {stamp}\n", *(f"+{line}\n" for line in string.split("\n"))]
        with open(self.path, "a", encoding="utf-8") as out:
            out.writelines(lines)

    def _read(self) -> list[str]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        entries: list[str] = []
        current: list[str] = []
        for line in text.splitlines():
            if line.startswith("+"):
                current.append(line[1:])
            elif current:
                entries.append("\n".join(current))
                current = []
        if current:
            entries.append("\n".join(current))
        return entries

    def _rewrite(self, entries: list[str]) -> None:
        self._open_private()
        temp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for entry in entries:
                out.write("\n# trimmed\n")
                out.writelines(f"+{line}\n" for line in entry.split("\n"))
        os.replace(temp, self.path)

    def _open_private(self) -> None:
        private_dir(self.path.parent, own=self.own_dir)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        os.chmod(self.path, 0o600)
