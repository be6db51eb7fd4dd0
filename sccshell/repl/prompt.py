"""The prompt: which profile or tenant the commands go to, coloured so production stands out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prompt_toolkit.formatted_text import StyleAndTextTuples

CONTINUATION = ">> "


def style_for_color(color: str) -> str:
    """A profile's `color:` (a basic colour name or #rrggbb) as a prompt_toolkit style."""
    name = color.strip().lower()
    if name.startswith("#"):
        return f"{name} bold"
    if name == "grey":
        name = "gray"
    return f"ansi{name} bold"


def prompt_label(profile: Any, connections: Iterable[Any]) -> str:
    """The profile's name, else the first connection's tenant; empty when nothing is connected."""
    if profile is not None:
        return str(profile.name)
    for connection in connections:
        organization = connection.organization or connection.tenant_id
        return organization.split(".")[0]
    return ""


def prompt_class(profile: Any) -> str:
    """The style class of the prompt: production wins over a profile's own colour."""
    if profile is not None and profile.production:
        return "class:prompt.production"
    if profile is not None and profile.color:
        return "class:prompt.profile"
    return "class:prompt"


def prompt_fragments(profile: Any, connections: Iterable[Any]) -> StyleAndTextTuples:
    label = prompt_label(profile, connections)
    text = f"PS {label}>" if label else "PS>"
    return [(prompt_class(profile), text), ("", " ")]


def continuation_fragments(width: int, line_number: int, wrap_count: int) -> StyleAndTextTuples:
    """The '>> ' of every line after the first, as PowerShell's console shows it."""
    return [("class:continuation", CONTINUATION.rjust(width))]
