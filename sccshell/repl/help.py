"""F1: the syntax and parameters of the cmdlet under or before the cursor, as Get-Help shows them."""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"[A-Za-z0-9_?%-]+")
_SEPARATORS = "|;{(\n"


def cmdlet_name_at(text: str, cursor: int) -> str | None:
    """The command word of the pipeline element the cursor is in (or the word under it)."""
    # The whole word under the cursor counts, even when the cursor is in its middle.
    end = cursor
    while end < len(text) and (text[end].isalnum() or text[end] in "-_"):
        end += 1
    before = text[:end]
    start = max(before.rfind(ch) for ch in _SEPARATORS) + 1
    for match in _WORD.finditer(before, start):
        word = match.group()
        if not word.startswith("-"):
            return word
    return None


def help_for(session: Any, text: str, cursor: int) -> str:
    """The help text of the cmdlet at CURSOR, or a one-line reason why there is none."""
    from sccshell.commands_info import help_text
    from sccshell.repl.highlight import NameChecker

    name = cmdlet_name_at(text, cursor)
    if name is None:
        return "F1: put the cursor on a cmdlet name to see its syntax and parameters"
    cmdlet = NameChecker(session).cmdlet(name)
    if cmdlet is None:
        suggestions = session.schema.suggest_cmdlet(name, limit=1)
        hint = f"; did you mean {suggestions[0]}?" if suggestions else ""
        return f"F1: no help for '{name}': it is not a known cmdlet{hint}"
    return "\n".join(help_text(cmdlet)).strip("\n")
