"""File path suggestions: the directory the typed path points into, filtered by its last part."""

from __future__ import annotations

import os
from itertools import islice

from sccshell.repl.completion.rank import Entry

SCAN_LIMIT = 2000  # entries read from one directory: a huge folder must not stall a keystroke
_SPECIAL = frozenset(" \t'\"`$&(){}[];,|<>#@")


def path_entries(typed: str, quote: str = "", suffix: str | None = None) -> list[Entry]:
    """Entries completing TYPED (the word without its opening QUOTE) to a path.

    With SUFFIX (".scc") only directories and files ending in it are offered. The
    entries' keys are the names within the directory; their texts replace the whole word.
    """
    head, sep, tail = _split(typed)
    directory = os.path.expanduser(head or ("." if not sep else sep))
    try:
        with os.scandir(directory) as listing:
            found = list(islice(listing, SCAN_LIMIT))
    except (OSError, ValueError):
        return []
    out: list[Entry] = []
    show_hidden = tail.startswith(".")
    for item in found:
        name = item.name
        if name.startswith(".") and not show_hidden:
            continue
        try:
            is_dir = item.is_dir()
        except OSError:
            continue
        if not is_dir and suffix is not None and not name.lower().endswith(suffix):
            continue
        slash = _slash(typed)
        path = head + name + (slash if is_dir else "")
        out.append(
            Entry(
                _quoted(path, quote, closed=not is_dir),
                key=name,
                display=name + (slash if is_dir else ""),
                meta="directory" if is_dir else "file",
                kind="path",
                tie=0 if is_dir else 1,
            )
        )
    return out


def looks_like_path(word: str) -> bool:
    return (
        word.startswith((".", "/", "~", "\\")) or "/" in word or "\\" in word or word[1:3] == ":\\"
    )


def _split(typed: str) -> tuple[str, str, str]:
    """(directory part with its separator, the separator, the name part)."""
    cut = max(typed.rfind("/"), typed.rfind("\\"))
    if cut < 0:
        return "", "", typed
    return typed[: cut + 1], typed[cut], typed[cut + 1 :]


def _slash(typed: str) -> str:
    return "\\" if "\\" in typed and "/" not in typed else "/"


def _quoted(path: str, quote: str, closed: bool) -> str:
    if quote:
        return quote + path.replace(quote, quote * 2) + (quote if closed else "")
    if any(ch in _SPECIAL for ch in path):
        return "'" + path.replace("'", "''") + ("'" if closed else "")
    return path
