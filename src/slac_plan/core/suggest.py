"""The "did you mean" of every error: the known names nearest a mistyped one.

One place, so a lower-case id (`sg-r1.1`), a capitalised choice (`Complete`) and a near miss
(`head-of-safeguard`) are answered the same way by every command. A check that asks many times
builds one `Suggestions` and reuses it: a plan of thousands of files has tens of thousands of
ids, and comparing each mistake with all of them took seconds per mistake.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable

POOL = 400
"""The most names one lookup compares in full. Beyond it, the names next to the mistake in
sorted order, which share the longest start with it, are compared (ids are hierarchical)."""


class Suggestions:
    """Known names, indexed once for the many lookups of one check."""

    def __init__(self, known: Iterable[str]) -> None:
        self._by_folded: dict[str, str] = {}
        for name in sorted(set(known)):
            self._by_folded.setdefault(name.casefold(), name)
        self._folded = sorted(self._by_folded)

    def nearest(self, word: str, *, n: int = 3, cutoff: float = 0.6) -> list[str]:
        """Up to `n` known names closest to `word`; a match ignoring case comes alone."""
        key = word.casefold()
        if key in self._by_folded:
            return [self._by_folded[key]]
        close = difflib.get_close_matches(key, self._pool(key), n=n, cutoff=cutoff)
        return [self._by_folded[name] for name in close]

    def did_you_mean(self, word: str, *, n: int = 3, cutoff: float = 0.6) -> str | None:
        """'did you mean 'a' or 'b'?', or None when nothing known is close."""
        close = self.nearest(word, n=n, cutoff=cutoff)
        if not close:
            return None
        return "did you mean " + " or ".join(f"'{name}'" for name in close) + "?"

    def _pool(self, key: str) -> list[str]:
        if len(self._folded) <= POOL:
            return self._folded
        at = bisect.bisect_left(self._folded, key)
        start = max(0, min(at - POOL // 2, len(self._folded) - POOL))
        return self._folded[start : start + POOL]


def did_you_mean(word: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> str | None:
    """One lookup: 'did you mean 'a' or 'b'?', or None when nothing known is close."""
    return Suggestions(known).did_you_mean(word, n=n, cutoff=cutoff)
