"""The "did you mean" of every error: the known names nearest a mistyped one.

One place, so a lower-case id (`sg-r1.1`), a capitalised choice (`Complete`) and a near miss
(`head-of-safeguard`) are answered the same way by every command.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to `n` known names closest to `word`; a match ignoring case comes alone and first."""
    names = sorted(set(known))
    same = [name for name in names if name.casefold() == word.casefold()]
    if same:
        return same[:n]
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(name.casefold(), name)
    close = difflib.get_close_matches(word.casefold(), list(folded), n=n, cutoff=cutoff)
    return [folded[name] for name in close]


def did_you_mean(word: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> str | None:
    """'did you mean 'a' or 'b'?', or None when nothing known is close."""
    close = nearest(word, known, n=n, cutoff=cutoff)
    if not close:
        return None
    return "did you mean " + " or ".join(f"'{name}'" for name in close) + "?"
