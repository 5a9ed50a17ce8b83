"""Matching what a user types: every word, in any order, ignoring case and accents.

"instagram followers brazil" finds "Instagram Followers | Brazil", and "seguidores
promocao" finds "Seguidores Promoção". Texts are folded once (`fold`) and kept; a query is
folded into words (`query_words`) on each keystroke; a text matches when it holds every
word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def fold(text: str) -> str:
    """Lower case without accents: "Promoção" → "promocao". ASCII text (most of it, in
    measured catalogues) takes the fast path."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a query, each once, longest first (the rarest usually, so a
    non-match is found sooner)."""
    return tuple(sorted(set(fold(query).split()), key=len, reverse=True))


def narrows(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether everything `after` matches was matched by `before` too: each earlier word
    lies inside a later one (the user typed on). Then only the earlier matches need
    looking at again."""
    return all(any(old in new for new in after) for old in before)
