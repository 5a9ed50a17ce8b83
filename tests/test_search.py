from hypothesis import given
from hypothesis import strategies as st

from smmdesk.search import SearchTexts, WordIndex, find_all, fold, narrows, query_words


def matches(folded: str, words: tuple[str, ...]) -> bool:
    return all(word in folded for word in words)


def test_fold_drops_case_and_accents() -> None:
    assert fold("Seguidores PROMOÇÃO Türkiye") == "seguidores promocao turkiye"
    assert fold("Instagram 🇧🇷 Followers") == "instagram 🇧🇷 followers"


def test_query_words_are_folded_and_each_kept_once() -> None:
    assert sorted(query_words("  Brazil brazil  Instagram ")) == ["brazil", "instagram"]
    assert query_words("   ") == ()


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=40), st.text(max_size=20), st.text(max_size=20))
def test_a_narrower_query_never_matches_what_the_wider_one_did_not(
    text: str, before: str, after: str
) -> None:
    wider, narrower = query_words(before), query_words(after)
    folded = fold(text)
    if narrows(wider, narrower) and matches(folded, narrower):
        assert matches(folded, wider)


@given(st.lists(st.sampled_from(["insta", "followers", "brazil", "views"]), min_size=1))
def test_words_match_in_any_order(words: list[str]) -> None:
    assert matches(fold("Instagram Followers | Brazil Views"), query_words(" ".join(words)))


TEXTS = [
    fold(text)
    for text in (
        "Instagram Followers | Brazil 🇧🇷 | 30 Days Refill",
        "Seguidores Promoção\nInstagram",
        "TikTok Views [R30]",
        "YouTube Likes | HQ",
        "",
        "   ",
        "Telegram Post Views 12345",
        "instagram instagram likes",
    )
]
WORDS = st.sampled_from(["insta", "gram", "30", "r30", "|", "views", "o", "12", "", "x", "ç", "🇧🇷"])


@given(st.lists(st.lists(WORDS, max_size=3), max_size=8))
def test_the_word_index_finds_what_reading_every_text_finds(queries: list[list[str]]) -> None:
    index = WordIndex(TEXTS)
    for words in queries:  # one index over many queries: what it remembers never changes answers
        assert index.find(words) == find_all(TEXTS, words)


@given(st.lists(st.sampled_from(TEXTS), min_size=1, max_size=40), st.lists(WORDS, max_size=3))
def test_an_index_of_parts_finds_what_one_of_whole_texts_finds(
    texts: list[str], words: list[str]
) -> None:
    """Each text made of two parts (shared by other texts), as the price board builds it."""
    parts: dict[str, list[int]] = {}
    for at, text in enumerate(texts):
        for part in (text, TEXTS[at % len(TEXTS)]):
            parts.setdefault(part, []).append(at)
    whole = [f"{text}\n{TEXTS[at % len(TEXTS)]}" for at, text in enumerate(texts)]
    assert WordIndex.of_parts(len(texts), parts).find(words) == find_all(whole, words)


def test_an_empty_index_finds_nothing_but_lists_all_for_no_words() -> None:
    assert WordIndex([]).find(["x"]) == []
    assert WordIndex([]).find([]) == []
    assert WordIndex(["a b", "c"]).find([]) == [0, 1]


@given(
    st.lists(st.sampled_from(["id1", "d12", "12", "1", "insta", "7 ", "views", "x"]), max_size=3)
)
def test_words_in_few_texts_are_found_as_those_in_many(words: list[str]) -> None:
    """600 texts: each text's own ID is a word held by one text (kept as a list of
    positions), the other words by many (kept as bit sets); given as parts, each of the
    eight shared parts is held by 75 texts (made a bit set of its own)."""
    texts = [f"{TEXTS[at % len(TEXTS)]}\nid{at}" for at in range(600)]
    parts: dict[str, list[int]] = {}
    for at in range(600):
        parts.setdefault(TEXTS[at % len(TEXTS)], []).append(at)
        parts.setdefault(f"id{at}", []).append(at)
    query = query_words(" ".join(words))
    assert WordIndex(texts).find(query) == find_all(texts, query)
    assert WordIndex.of_parts(len(texts), parts).find(query) == find_all(texts, query)


MIXED = st.text(alphabet=st.sampled_from("ab c\0é🇧🇷⭐я|"), max_size=30)


@given(st.lists(MIXED, max_size=12), MIXED, st.booleans())
def test_search_texts_find_what_reading_the_texts_finds(
    texts: list[str], query: str, narrow: bool
) -> None:
    """The ASCII twins answer as the texts do, for ASCII and other words alike, a typed
    NUL included (it is no word: it must not find the twins' separators)."""
    folded = [fold(text) for text in texts]
    words = query_words(query)
    among = list(range(0, len(folded), 2)) if narrow else None
    expected = [
        at
        for at in (among if among is not None else range(len(folded)))
        if all(word in folded[at] for word in words)
    ]
    assert SearchTexts(folded).find(words, among) == expected
    assert SearchTexts(folded).reordered(range(len(folded))[::-1]).find(words) == [
        len(folded) - 1 - at for at in reversed(find_all(folded, words))
    ]


def test_an_ascii_word_is_not_found_across_an_emoji() -> None:
    texts = SearchTexts([fold("Followers ab⭐cd | Brazil"), fold("abcd")])
    assert texts.ascii[0] == "followers ab\0cd | brazil"
    assert texts.find(("bc",)) == [1]
    assert texts.find(("b⭐c",)) == [0]
