"""Hypothesis strategies that break YAML files the way people and attackers do."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import strategies as st

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["", "~", "yes", "0x1F", "O365Default", "certificate", "*", "&a", "\t"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=3),
)
ODD_KEYS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["version", "profiles", "auth", "method", "prefix", "Auth", "<<", "? x"]),
)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, prefix + (i,))
    return found


def _parent(data: Any, path: tuple) -> tuple[Any, Any]:
    for step in path[:-1]:
        data = data[step]
    return data, path[-1]


@st.composite
def shape_mutations(draw, text: str) -> str:
    """TEXT's document with values of the wrong type, unknown, renamed or missing keys."""
    data = yaml.safe_load(text)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths or not isinstance(data, dict):
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path)
        op = draw(st.integers(0, 3))
        if op == 0:
            parent[key] = draw(ODD_VALUES)
        elif op == 1 and isinstance(parent, dict):
            del parent[key]
        elif op == 2 and isinstance(parent, dict):
            parent[draw(ODD_KEYS)] = parent.pop(key)
        elif isinstance(parent, dict):
            parent[draw(ODD_KEYS)] = draw(ODD_VALUES)
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)


JUNK = st.sampled_from(
    [
        "\t",
        ":",
        "- ",
        "{",
        "[",
        "]",
        "}",
        "&x ",
        "*x",
        "*nope",
        "!!python/object:os.system ",
        "!!binary ",
        "'",
        '"',
        "#",
        "\x00",
        "\ufeff",
        "\u2028",
        "? ",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "<<: *x\n",
        "\r",
        "|",
        ">",
    ]
)


@st.composite
def text_mutations(draw, text: str) -> str:
    """TEXT with lines dropped, doubled (duplicate keys), re-indented or sprinkled with junk."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.integers(0, 4))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "      "])) + lines[i].lstrip()
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(JUNK) + lines[i][at:]
    return "\n".join(lines)


def alias_bomb(levels: int, width: int, *, indent: str = "") -> str:
    """Anchors that each repeat the previous one WIDTH times: WIDTH**LEVELS values."""
    rows = [f"{indent}l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        rows.append(f"{indent}l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(rows) + "\n"
