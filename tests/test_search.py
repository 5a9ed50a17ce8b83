from hypothesis import given
from hypothesis import strategies as st

from smmdesk.search import fold, narrows, query_words


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
