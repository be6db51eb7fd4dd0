"""Whether Enter submits the buffer or continues it on a new line, as PowerShell's console decides."""

from __future__ import annotations

from sccshell.language import ParseError, parse


def needs_more(text: str) -> bool:
    """True while TEXT is an unfinished command: an open block, a trailing pipe or backtick.

    A complete command, and one with a real error, are both submitted: the error is
    then reported with its line:col instead of trapping the user in continuation lines.
    """
    try:
        parse(text, "<input>")
    except ParseError as err:
        return bool(err.incomplete)
    return False
