"""Show long output through $PAGER (less -FRX by default) when a person reads it on a terminal."""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from typing import Any, TextIO

from .machine import MACHINE_FORMATS

DEFAULT_PAGER = "less -FRX"  # quit if one screen, keep colours, leave text on exit

# spawn(argv) -> a process with a text `stdin` and `wait()`, as subprocess.Popen gives.
Spawn = Callable[[list[str]], Any]


def _popen(argv: list[str]) -> Any:
    return subprocess.Popen(argv, stdin=subprocess.PIPE, text=True, encoding="utf-8")


def page_if_needed(
    lines: Iterable[str],
    *,
    height: int,
    stream: TextIO,
    is_terminal: bool,
    fmt: str | None = None,
    environ: Mapping[str, str] | None = None,
    spawn: Spawn = _popen,
    patience: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> bool:
    """Write lines to stream, or through the pager if taller than height on a terminal; True if paged.

    With PATIENCE, output slower than that to fill a screen is not held back for the
    pager: what came so far is written, and the rest as it comes.
    """
    it = iter(lines)
    if not is_terminal or (fmt or "").lower() in MACHINE_FORMATS:
        for line in it:
            stream.write(line + "\n")
        return False
    # read just enough to know whether the output is taller than the screen
    head: list[str] = []
    started = clock()
    for line in it:
        head.append(line)
        if len(head) > height:
            break
        if patience is not None and clock() - started > patience:
            for line in chain(head, it):
                stream.write(line + "\n")
                stream.flush()
            return False
    else:
        for line in head:
            stream.write(line + "\n")
        return False
    env = os.environ if environ is None else environ
    argv = shlex.split(env.get("PAGER") or DEFAULT_PAGER)
    try:
        process = spawn(argv)
    except OSError:  # no pager installed: print as is
        for line in chain(head, it):
            stream.write(line + "\n")
        return False
    try:
        for line in chain(head, it):
            process.stdin.write(line + "\n")
        process.stdin.close()
    except BrokenPipeError:
        pass  # the person quit the pager early
    process.wait()
    return True
