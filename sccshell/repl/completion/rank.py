"""Matching and ranking: exact, then prefix, then fuzzy subsequence, then the most used.

A fuzzy match is a case-insensitive subsequence (`gmbx` finds Get-Mailbox); among fuzzy
matches those that follow the name's word initials (`Get-RCP` for
Get-RetentionCompliancePolicy) come first, then the shortest and earliest match, as
pgcli ranks them. `NameIndex` precomputes what a keystroke needs (lowercase names in
sorted order, one newline-joined text for a single regex scan) so that matching the
whole schema stays well under a millisecond or two.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

EXACT, PREFIX, FUZZY = 0, 1, 2
# Fuzzy matching of one or two letters finds nearly everything: noise, and slow.
FUZZY_MIN = 2
FUZZY_SCORED = 600  # at most this many fuzzy hits are scored per keystroke
LIMIT = 300  # a menu longer than this helps nobody: fuzzy hits only fill it up to here

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


@dataclass(frozen=True, slots=True)
class Entry:
    """Something that can be suggested: its text and how it is shown and grouped."""

    text: str  # inserted as is
    key: str = ""  # what the typed word is matched against; the text when empty
    display: str = ""
    meta: str = ""
    kind: str = ""
    group: int = 0  # ranked after every lower group (common parameters: 1)
    tie: int = 0  # order among equals (e.g. mandatory parameters first)

    @property
    def match_key(self) -> str:
        return self.key or self.text


class NameIndex:
    """Entries prepared for matching: lowercase keys, sorted order, one text to scan."""

    __slots__ = ("entries", "lowers", "_order", "_sorted", "_blob", "_offsets", "_words")

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self.lowers = tuple(e.match_key.lower() for e in self.entries)
        self._order = sorted(range(len(self.lowers)), key=self.lowers.__getitem__)
        self._sorted = [self.lowers[i] for i in self._order]
        # One line per entry in entry order, so a regex hit's offset gives the entry.
        self._blob = "\n".join(k.replace("\n", " ") for k in self.lowers)
        offsets, at = [], 0
        for low in self.lowers:
            offsets.append(at)
            at += len(low) + 1
        self._offsets = offsets
        self._words: dict[int, tuple[str, ...]] = {}  # entry -> its words, split on first use

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, typed: str, fuzzy: bool = True) -> list[tuple[int, int, tuple]]:
        """(entry index, class, fuzzy score) of every entry TYPED matches."""
        low = typed.lower()
        if not low:
            return [(i, PREFIX, ()) for i in range(len(self.entries))]
        found: list[tuple[int, int, tuple]] = []
        seen: set[int] = set()
        at = bisect_left(self._sorted, low)
        while at < len(self._sorted) and self._sorted[at].startswith(low):
            index = self._order[at]
            found.append((index, EXACT if self._sorted[at] == low else PREFIX, ()))
            seen.add(index)
            at += 1
        # Fuzzy hits rank after every prefix hit: score only as many as can still be shown.
        room = min(FUZZY_SCORED, LIMIT - len(found))
        if not fuzzy or len(low) < FUZZY_MIN or "\n" in low or room <= 0:
            return found
        pattern, search = _patterns(low)
        scored = 0
        for hit in pattern.finditer(self._blob):
            index = bisect_left(self._offsets, hit.start())
            if index in seen:
                continue
            words = self._words.get(index)
            if words is None:
                words = self._words[index] = name_words(self.entries[index].match_key)
            found.append((index, FUZZY, _fuzzy_score(search, low, self.lowers[index], words)))
            scored += 1
            if scored >= room:
                break
        return found

    def scored(
        self,
        typed: str,
        usage: Callable[[Entry], int] | None = None,
        fuzzy: bool = True,
    ) -> list[tuple[tuple, Entry]]:
        """(sort key, entry) of the entries TYPED matches, best first; keys of two
        indexes compare, so their lists can be merged."""
        entries = self.entries
        lowers = self.lowers
        out = []
        for index, cls, score in self.match(typed, fuzzy):
            entry = entries[index]
            used = usage(entry) if usage is not None else 0
            out.append(((cls, entry.group, -used, score, entry.tie, lowers[index]), entry))
        out.sort(key=_first)
        return out

    def ranked(
        self,
        typed: str,
        usage: Callable[[Entry], int] | None = None,
        fuzzy: bool = True,
    ) -> list[Entry]:
        """The entries TYPED matches, best first."""
        return [entry for _, entry in self.scored(typed, usage, fuzzy)]


def _first(pair: tuple[tuple, Entry]) -> tuple:
    return pair[0]


@lru_cache(maxsize=256)
def _patterns(low: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A line-anchored subsequence pattern over the index text, and one for a single key."""
    steps = "[^\n]*?".join(re.escape(c) for c in low)
    return re.compile(r"(?m)^[^\n]*?" + steps), re.compile(steps)


def _fuzzy_score(search: re.Pattern[str], low: str, key: str, words: tuple[str, ...]) -> tuple:
    hit = search.search(key)
    span = len(hit.group()) if hit else len(key)
    start = hit.start() if hit else 0
    return (0 if initials_match(low, words) else 1, span, start)


def name_words(name: str) -> tuple[str, ...]:
    """NAME's words, lowercase: Get-RetentionCompliancePolicy -> get retention compliance policy."""
    return tuple(w.lower() for w in _WORDS.findall(name))


def initials_match(typed: str, words: tuple[str, ...]) -> bool:
    """TYPED spells out the WORDS of a name by their starts (`get-rcp`, `grcp`)."""
    letters = "".join(ch for ch in typed.lower() if ch.isalnum())
    return bool(letters) and _consume(letters, words)


@lru_cache(maxsize=4096)
def _consume(letters: str, words: tuple[str, ...]) -> bool:
    if not letters:
        return True
    for w, word in enumerate(words):
        if not word or word[0] != letters[0]:
            continue
        # Take a prefix of this word, then go on with a later one.
        size = 1
        while size <= len(word) and size <= len(letters) and word[size - 1] == letters[size - 1]:
            if _consume(letters[size:], words[w + 1 :]):
                return True
            size += 1
    return False
