"""The streams cmdlets write to besides the pipeline: warnings, errors, the host, prompts."""

from __future__ import annotations

import getpass
from typing import TextIO

from sccshell.environment import Environment


class ShellHost:
    """Host for the run modes: warnings and errors on stderr, Write-Host on stdout."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.errors = 0
        self.machine_output = False  # -o json|jsonl|csv|yaml: stdout carries data only

    # The environment's streams as they are now: a transcript replaces them while it runs.
    @property
    def stdout(self) -> TextIO:
        return self.env.stdout

    @property
    def stderr(self) -> TextIO:
        return self.env.stderr

    def write_warning(self, text: str) -> None:
        self.env.clear_status()
        print(f"WARNING: {text}", file=self.stderr)

    def write_error(self, text: str) -> None:
        self.errors += 1
        self.env.clear_status()
        print(f"error: {text}", file=self.stderr)

    def write_host(self, text: str, newline: bool = True) -> None:
        self.env.clear_status()
        stream = self.stderr if self.machine_output else self.stdout
        stream.write(text + ("\n" if newline else ""))

    def read_line(self, prompt: str, secret: bool = False) -> str:
        if not self.env.stdin_isatty:
            raise EOFError(f"{prompt}: no terminal to ask on")
        if secret:
            return getpass.getpass(prompt)
        stream = self.stderr if self.machine_output else self.stdout
        stream.write(prompt)
        stream.flush()
        return self.env.stdin.readline().rstrip("\n")
