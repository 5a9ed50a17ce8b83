"""Matching what a user types: every word, in any order, ignoring case and accents.

"instagram followers brazil" finds "Instagram Followers | Brazil", and "seguidores
promocao" finds "Seguidores Promoção". Texts are folded once (`fold`) and kept; a query is
folded into words (`query_words`) on each keystroke; a text matches when it holds every
word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import compress

# Combining marks: Latin, Cyrillic, Hebrew and Arabic diacritics, and the general blocks.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def fold(text: str) -> str:
    """Lower case without accents: "Promoção" → "promocao". ASCII text takes a fast path;
    the rest is decomposed and stripped of its marks by C code (a character-by-character
    loop took 7 s for 100,000 names with emoji in them; this takes 0.2 s)."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def find_all(
    haystacks: Sequence[str], words: Sequence[str], among: Iterable[int] | None = None
) -> list[int]:
    """Positions, from `among` (all when None) in its order, of the haystacks holding every
    word: one pass a word over what the previous word left. A pass over all of them builds
    the tests in one comprehension and picks with `compress` (8.0 ms instead of 10.1 ms for
    100,000 texts); a pass over fewer indexes them directly, which is faster there."""
    matches = None if among is None else list(among)
    for word in words:
        if matches is None:
            matches = list(compress(range(len(haystacks)), [word in h for h in haystacks]))
        else:
            matches = [at for at in matches if word in haystacks[at]]
    return list(range(len(haystacks))) if matches is None else matches


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a query, each once, longest first (the rarest usually, so a
    non-match is found sooner)."""
    return tuple(sorted(set(fold(query).split()), key=len, reverse=True))


def narrows(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether everything `after` matches was matched by `before` too: each earlier word
    lies inside a later one (the user typed on). Then only the earlier matches need
    looking at again."""
    return all(any(old in new for new in after) for old in before)
