"""Start-Transcript / Stop-Transcript: a private file of what the session typed and printed.

While a transcript runs, the environment's stdout and stderr are tees: everything keeps
going to the terminal, and each finished line also goes to the file, unless the secret
filter flags it (a password, a token), in which case the file gets a marker instead.
"""

from __future__ import annotations

import getpass
import os
import platform
import socket
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from sccshell.secrets import SecretFilter, private_dir

BANNER = "**********************"
REMOVED = "[a line with a secret was left out]"
REMOVED_COMMAND = "[a command with a secret was left out]"


class TranscriptError(Exception):
    """The transcript cannot be started or stopped as asked."""


class Transcript:
    """One open transcript file; lines with secrets never reach it."""

    def __init__(self, path: Path, secrets: SecretFilter, *, append: bool) -> None:
        self.path = path
        self.secrets = secrets
        private_dir(path.parent, own=False)
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        fd = os.open(path, flags, 0o600)
        os.chmod(path, 0o600)  # an existing file keeps its mode otherwise
        self._file: TextIO = os.fdopen(fd, "w", encoding="utf-8")
        self._header("start")

    def _header(self, what: str) -> None:
        lines = [BANNER, f"sccshell transcript {what}"]
        if what == "start":
            lines += [
                f"Start time: {datetime.now():%Y%m%d%H%M%S}",
                f"Username: {_user()}",
                f"Machine: {socket.gethostname()} ({platform.system()} {platform.release()})",
            ]
        else:
            lines.append(f"End time: {datetime.now():%Y%m%d%H%M%S}")
        lines.append(BANNER)
        self._file.write("\n".join(lines) + "\n")
        self._file.flush()

    def line(self, text: str) -> None:
        """One finished line of the session, kept unless it carries a secret."""
        self._file.write((REMOVED if self.secrets.is_secret(text) else text) + "\n")
        self._file.flush()

    def command(self, text: str) -> None:
        """A command as typed at the prompt. A command of several lines with a secret in any
        of them is left out whole: its other lines (a here-string's body) may be the secret."""
        if "\n" in text and self.secrets.is_secret(text):
            self.line(f"PS> {REMOVED_COMMAND}")
            return
        for line in text.split("\n"):
            self.line(f"PS> {line}")

    def close(self) -> None:
        self._header("end")
        self._file.close()


class Tee:
    """A text stream that writes through to STREAM and gives whole lines to a transcript."""

    def __init__(self, stream: TextIO, transcript: Transcript) -> None:
        self.stream = stream
        self.transcript = transcript
        self._partial = ""

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        # A carriage return redraws a line in place (the live count): keep the last form.
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        for line in lines:
            self.transcript.line(line.rsplit("\r", 1)[-1])
        return written

    def flush_partial(self) -> None:
        if self._partial.strip("\r "):
            self.transcript.line(self._partial.rsplit("\r", 1)[-1])
        self._partial = ""

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty()) if isatty is not None else False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class Transcripts:
    """The session's transcript, at most one at a time, as in PowerShell's console."""

    def __init__(self, env: Any, secrets: SecretFilter | None = None) -> None:
        self.env = env
        self.secrets = secrets or SecretFilter()
        self.current: Transcript | None = None

    def default_path(self) -> Path:
        from sccshell.config import data_dir

        stamp = datetime.now().strftime("%Y%m%d%H%M%S")
        return data_dir(self.env.environ) / "transcripts" / f"sccshell_transcript.{stamp}.txt"

    def start(self, path: str | None, *, append: bool, no_clobber: bool) -> Path:
        if self.current is not None:
            raise TranscriptError(
                f"a transcript is already running ({self.current.path}); stop it with "
                "Stop-Transcript first"
            )
        target = Path(path).expanduser() if path else self.default_path()
        if target.is_dir():
            raise TranscriptError(f"{target} is a folder; give a file name for the transcript")
        if no_clobber and target.exists() and not append:
            raise TranscriptError(f"{target} already exists and -NoClobber was given")
        try:
            transcript = Transcript(target.resolve(), self.secrets, append=append)
        except OSError as err:
            raise TranscriptError(f"cannot write the transcript {target}: {err.strerror}") from None
        self.current = transcript
        self.env.stdout = Tee(self.env.stdout, transcript)
        self.env.stderr = Tee(self.env.stderr, transcript)
        return transcript.path

    def stop(self) -> Path:
        transcript = self.current
        if transcript is None:
            raise TranscriptError(
                "the host is not currently transcribing; start one with Start-Transcript"
            )
        for name in ("stdout", "stderr"):
            stream = getattr(self.env, name)
            if isinstance(stream, Tee) and stream.transcript is transcript:
                stream.flush_partial()
                setattr(self.env, name, stream.stream)
        transcript.close()
        self.current = None
        return transcript.path

    def command(self, text: str) -> None:
        """Record a command typed at the prompt, if a transcript is running."""
        if self.current is not None:
            self.current.command(text)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
