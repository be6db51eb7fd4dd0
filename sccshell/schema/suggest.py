"""'Did you mean' suggestions: the candidates closest to a mistyped name."""

from __future__ import annotations

from collections.abc import Iterable


def distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def suggest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to NAME, best first.

    A case-insensitive exact match is the only answer; then candidates NAME is a
    prefix of; then close spellings (difflib similarity, ranked by edit distance).
    """
    key = name.lower().lstrip("-")
    if not key:
        return []
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(candidate.lower(), candidate)
    if key in by_key:
        return [by_key[key]]
    prefixed = sorted((k for k in by_key if k.startswith(key)), key=lambda k: (len(k), k))
    if prefixed:
        return [by_key[k] for k in prefixed[:limit]]
    import difflib  # only when something is mistyped

    close = difflib.get_close_matches(key, by_key, n=max(limit * 3, 6), cutoff=0.6)
    # A transposed or dropped letter is the common typo: rank by edit distance first.
    ranked = sorted(
        (distance(key, k), -difflib.SequenceMatcher(None, key, k).ratio(), k) for k in close
    )
    if not ranked:
        return []
    # Far worse than the best is noise: "-Identity or -EmailAddressPolicyEnabled?"
    best = ranked[0][0]
    return [by_key[k] for d, _, k in ranked[:limit] if d <= best + 2]


def did_you_mean(suggestions: list[str], prefix: str = "") -> str:
    """'; did you mean -A?' / '; did you mean -A or -B?' or '' when there is nothing to say."""
    if not suggestions:
        return ""
    words = [prefix + s for s in suggestions]
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"; did you mean {text}?"
