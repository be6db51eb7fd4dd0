"""How the cyclic garbage collector runs in the shell.

A page of service objects is a thousand dicts of a hundred-odd values. With Python's default
threshold (a collection every 700 new containers) the collector would run dozens of times a
page and each time walk everything the page still holds: a third of the CPU of a long
`Get-Mailbox | Export-Csv`. Service objects hold no cycles (they are freed as soon as the
pipeline lets go of them), so collecting rarely loses nothing.
"""

from __future__ import annotations

import gc

# New containers between two collections of the youngest generation.
YOUNG_THRESHOLD = 20_000
_tuned = False


def tune() -> None:
    """Collect rarely. Called once, when the process is the shell's own (not a host
    program or a test that runs the shell in its process)."""
    global _tuned
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    _tuned = True


def settle() -> None:
    """After start-up, in the shell's own process: take what start-up built (the cmdlet
    schema, connections) out of later collections. It lives as long as the shell, and
    walking it again and again costs time for nothing."""
    if _tuned:
        gc.freeze()
