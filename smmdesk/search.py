"""Matching what a user types: every word, in any order, ignoring case and accents.

"instagram followers brazil" finds "Instagram Followers | Brazil", and "seguidores
promocao" finds "Seguidores Promoção". Texts are folded once (`fold`) and kept; a query is
folded into words (`query_words`) on each keystroke; a text matches when it holds every
word. `find_all` reads the texts; over very many texts (the price board's 100,000) a
`WordIndex` of their words answers without reading them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress

# Combining marks: Latin, Cyrillic, Hebrew and Arabic diacritics, and the general blocks.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_NOT_ASCII = re.compile("[^\0-\x7f]+")


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


class SearchTexts:
    """Folded texts to search, each with an ASCII twin: the text with every run of
    other characters (emoji, Cyrillic, Arabic) replaced by one NUL.

    An ASCII query word lies in a text exactly when it lies in the text's twin (it can
    hold no replaced character, and the twin keeps every run of ASCII ones whole), and
    Python finds a word in an ASCII string faster than in a wider one: the Services
    search over 20,000 demo-panel names, each with an emoji or two, took 5.2-7.2 ms for
    "i" and 6.6-8.0 ms for "in" in the texts, 1.2-2.3 and 3.3-3.4 ms in their twins. A
    word with other characters is looked for in the texts themselves."""

    __slots__ = ("ascii", "texts")

    def __init__(self, texts: list[str], ascii: list[str] | None = None) -> None:
        self.texts = texts
        self.ascii = [ascii_twin(text) for text in texts] if ascii is None else ascii

    def __len__(self) -> int:
        return len(self.texts)

    def find(self, words: Sequence[str], among: Iterable[int] | None = None) -> list[int]:
        """As `find_all` over the texts."""
        matches = None if among is None else list(among)
        for word in words:
            matches = find_all(self.ascii if word.isascii() else self.texts, (word,), matches)
        return list(range(len(self.texts))) if matches is None else matches

    def reordered(self, order: Sequence[int]) -> SearchTexts:
        """The texts at these positions, in this order."""
        texts, ascii = self.texts, self.ascii
        return SearchTexts([texts[at] for at in order], [ascii[at] for at in order])


def ascii_twin(text: str) -> str:
    """`text` with every run of non-ASCII characters replaced by NUL (see `SearchTexts`)."""
    return text if text.isascii() else _NOT_ASCII.sub("\0", text)


def query_words(query: str) -> tuple[str, ...]:
    """The folded words of a query, each once, longest first (the rarest usually, so a
    non-match is found sooner)."""
    return tuple(sorted(set(fold(query).replace("\0", " ").split()), key=len, reverse=True))


def narrows(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether everything `after` matches was matched by `before` too: each earlier word
    lies inside a later one (the user typed on). Then only the earlier matches need
    looking at again."""
    return all(any(old in new for new in after) for old in before)


class WordIndex:
    """Which of many folded texts hold every query word, answered from an index of the
    texts' words instead of by reading every text on each keystroke (reading 100,000
    texts took 12-22 ms a word).

    A query word (`query_words`: no white space in it) lies inside a text exactly when it
    lies inside one of the text's words. So the texts it matches are the union of the
    texts of every indexed word that contains it, and a query's matches the intersection
    of its words' texts: the same answer as `find_all`. Sets of texts are Python ints used
    as bit sets (text i is bit n-1-i, so the binary digits read in text order), whose
    union and intersection run in C; a word held by few texts keeps a list of positions
    instead, as a bit set would cost more memory than it saves.

    `find` remembers the texts of its recent query words (typing on changes one word a
    keystroke) and its recent answers (a Backspace asks again), so call it from one
    thread only.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for at, text in enumerate(texts):
            for word in text.split():
                postings[word].append(at)
        self._build(len(texts), postings)

    @classmethod
    def of_parts(cls, size: int, parts: Mapping[str, list[int]]) -> WordIndex:
        """The index of `size` texts given by their parts: each folded part, and the
        positions of the texts that hold it. When texts share parts (a category, a
        panel's name) each part is split into words once, not once a text, and a part
        many texts hold is made a bit set once and joined to each of its words' sets,
        rather than its texts being added to each word one by one."""
        index = cls.__new__(cls)
        index._size = size
        postings: defaultdict[str, list[int]] = defaultdict(list)
        shared: defaultdict[str, int] = defaultdict(int)
        for part, holders in parts.items():
            if len(holders) > _SHARED_PART:
                bits = index._bits(holders)
                for word in set(part.split()):
                    shared[word] |= bits
            else:
                for word in part.split():
                    postings[word] += holders
        index._build(size, postings, shared)
        return index

    def _build(
        self, size: int, postings: Mapping[str, list[int]], shared: Mapping[str, int] | None = None
    ) -> None:
        """Keep bit sets for common words (and those of `shared` parts, with their bit
        sets), lists for rare ones (a list may hold a position twice: a text that holds
        a word twice), and for each character the words holding it."""
        self._size = size
        self._positions = list(range(size))
        shared = shared or {}
        dense = size // _DENSE_SHARE
        self._bit_sets: dict[str, int] = {}
        self._lists: dict[str, list[int]] = {}
        for word in postings.keys() | shared.keys():
            held = postings.get(word, [])
            if word in shared or len(held) > dense:
                self._bit_sets[word] = shared.get(word, 0) | (self._bits(held) if held else 0)
            else:
                self._lists[word] = held
        self._by_character: defaultdict[str, list[str]] = defaultdict(list)
        for word in self._bit_sets.keys() | self._lists.keys():
            for character in set(word):
                self._by_character[character].append(word)
        self._of_character: dict[str, int] = {}  # kept for good: a search starts with one
        for character, words in self._by_character.items():
            rare = sum(len(self._lists.get(word, ())) for word in words)
            if rare * _EAGER_SHARE > size:  # too many to gather on the first key typed
                self._of_character[character] = self._union(words)
        self._recent: dict[str, tuple[list[str], int]] = {}
        self._answers: dict[int, list[int]] = {}  # by bit set: a Backspace finds it again

    def find(self, words: Sequence[str]) -> list[int]:
        """Positions, in order, of the texts holding every word (all for no words). The
        same list may be answered again: do not change it."""
        found = -1  # every bit set: every text
        for word in filter(None, words):  # an empty word is in every text
            found &= self._texts_holding(word)
            if not found:
                return []
        if found < 0:
            return self._positions
        positions = self._answers.pop(found, None)
        if positions is None:
            positions = self._positions_of(found)
        self._answers[found] = positions  # the most recent last
        if len(self._answers) > _RECENT_ANSWERS:
            del self._answers[next(iter(self._answers))]
        return positions

    def _positions_of(self, found: int) -> list[int]:
        """The positions of a bit set's texts: found by `bytes.find` when they are few,
        picked by `compress` from all when many (either way C does the scanning)."""
        digits = format(found, f"0{self._size}b").encode("ascii")
        if found.bit_count() * _FEW_SHARE > self._size:
            return list(compress(self._positions, digits.translate(_FLAGS)))
        positions = []
        at = digits.find(b"1")
        while at >= 0:
            positions.append(at)
            at = digits.find(b"1", at + 1)
        return positions

    def _texts_holding(self, word: str) -> int:
        if len(word) == 1:  # the first key typed
            found = self._of_character.get(word)
            if found is None:
                found = self._of_character[word] = self._union(self._by_character.get(word, []))
            return found
        remembered = self._recent.pop(word, None)
        if remembered is None:
            words = self._words_containing(word)
            remembered = words, self._union(words)
        self._recent[word] = remembered  # the most recent last
        if len(self._recent) > _RECENT_WORDS:
            del self._recent[next(iter(self._recent))]
        return remembered[1]

    def _words_containing(self, word: str) -> list[str]:
        """The indexed words holding `word`: looked for among those holding its rarest
        character, or a recent query word inside it (the user typed on), if fewer."""
        empty: list[str] = []
        candidates = min((self._by_character.get(c, empty) for c in set(word)), key=len)
        for earlier, (holding, _) in self._recent.items():
            if earlier in word and len(holding) < len(candidates):
                candidates = holding
        return [indexed for indexed in candidates if word in indexed]

    def _union(self, words: Iterable[str]) -> int:
        """The texts holding any of these indexed words."""
        bits = 0
        few: list[int] = []
        for word in words:
            dense = self._bit_sets.get(word)
            if dense is None:
                few += self._lists[word]
            else:
                bits |= dense
        return bits | self._bits(few) if few else bits

    def _bits(self, positions: list[int]) -> int:
        flags = bytearray(self._size)
        for at in positions:
            flags[at] = 1
        return int(flags.translate(_DIGITS), 2)


_DENSE_SHARE = 64  # a bit set (n/8 bytes) beats a list (8 bytes an entry) above n/64 texts
_SHARED_PART = 64  # texts: a part held by more gets its own bit set
_EAGER_SHARE = 16  # a character's texts are gathered with the index when its rare words
# hold over n/16 positions (IDs' digits), else when first typed
_RECENT_WORDS = 64
_RECENT_ANSWERS = 8  # up to n positions each: 0.8 MB at 100,000 texts
_FEW_SHARE = 32  # texts found one by one below n/32 of them, else picked from all
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FLAGS = bytes.maketrans(b"01", b"\x00\x01")
