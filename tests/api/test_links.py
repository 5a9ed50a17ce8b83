"""Link keys (`smmdesk.api.links`): the spellings of one page share a key, different pages
never do. Table-driven: each row is what a user might type and the key it must give."""

from __future__ import annotations

import pytest

from smmdesk.api.links import link_key, order_link_key

POST = "instagram.com/p/CxYz12AbC"

SAME_KEY: list[tuple[str, str]] = [
    # scheme, host case, www., trailing slash
    ("https://www.instagram.com/p/CxYz12AbC/", POST),
    ("http://instagram.com/p/CxYz12AbC", POST),
    ("HTTPS://WWW.INSTAGRAM.COM/p/CxYz12AbC", POST),
    ("  https://instagram.com/p/CxYz12AbC//  ", POST),
    # bare hosts, default ports, a fully qualified host's dot
    ("instagram.com/p/CxYz12AbC", POST),
    ("www.instagram.com/p/CxYz12AbC/", POST),
    ("https://instagram.com:443/p/CxYz12AbC", POST),
    ("http://instagram.com:80/p/CxYz12AbC", POST),
    ("https://instagram.com./p/CxYz12AbC", POST),
    # tracking parameters, the fragment
    ("https://www.instagram.com/p/CxYz12AbC/?igshid=MzRlODBiNWFlZA==", POST),
    ("https://www.instagram.com/p/CxYz12AbC/?igsh=abc&utm_source=ig_web_copy_link", POST),
    ("https://instagram.com/p/CxYz12AbC?UTM_Medium=x&fbclid=IwAR0&gclid=Cj0", POST),
    ("https://instagram.com/p/CxYz12AbC?ref=share&ref_src=twsrc&mc_cid=1&_ga=2", POST),
    ("https://instagram.com/p/CxYz12AbC#comments", POST),
    # mobile faces of the same site
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share&si=Ab",
     "youtube.com/watch?v=dQw4w9WgXcQ"),
    ("https://mobile.twitter.com/someone/status/1", "twitter.com/someone/status/1"),
    ("https://www.tiktok.com/@someone/video/7?is_from_webapp=1&sender_device=pc",
     "tiktok.com/@someone/video/7"),
    ("https://open.spotify.com/track/4uLU6hMC?si=9f8e", "open.spotify.com/track/4uLU6hMC"),
    # parameters that choose the page stay, in name order, as written
    ("https://example.com/page?b=2&a=1", "example.com/page?a=1&b=2"),
    ("https://example.com/page?a=1&b=2&utm_campaign=z", "example.com/page?a=1&b=2"),
    ("https://example.com/watch?v=AbC&list=PLx", "example.com/watch?list=PLx&v=AbC"),
    # handles
    ("@Someone", "@someone"),
    ("someone", "@someone"),
    ("  @someone  ", "@someone"),
    ("@@someone", "@someone"),
    # bare hosts and other ports
    ("example.com", "example.com"),
    ("EXAMPLE.com/", "example.com"),
    ("https://example.com:8443/x/", "example.com:8443/x"),
    ("http://[::1]:8080/p/", "[::1]:8080/p"),
    # escapes compare in one case; the path otherwise as typed
    ("https://example.com/a%2fb", "example.com/a%2Fb"),
    # a "#!" route chooses the page
    ("https://example.com/#!/someone", "example.com#!/someone"),
    # other schemes keep their scheme
    ("tg://resolve?domain=SomeChannel", "tg://resolve?domain=SomeChannel"),
    # not a URL at all: compared as typed, never an error
    ("https://example.com:99999/", "https://example.com:99999/"),
    ("http://[::1", "http://[::1"),
]  # fmt: skip

DIFFERENT_PAGES: list[tuple[str, str]] = [
    ("https://instagram.com/p/CxYz12AbC", "https://instagram.com/p/cxyz12abc"),  # path case
    ("https://youtube.com/watch?v=AbC", "https://youtube.com/watch?v=abc"),
    ("https://youtube.com/watch?v=AbC", "https://youtube.com/watch?v=AbD"),
    ("https://example.com/x", "https://example.com:8080/x"),
    ("https://m.io/x", "https://io/x"),  # `m.` is a site of its own when nothing follows
    ("@someone", "https://instagram.com/someone"),
    ("https://t.me/channel/1", "https://t.me/channel/2"),
]


@pytest.mark.parametrize(("typed", "key"), SAME_KEY, ids=[typed for typed, _ in SAME_KEY])
def test_the_key_of_each_spelling(typed: str, key: str) -> None:
    assert link_key(typed) == key


@pytest.mark.parametrize(("one", "other"), DIFFERENT_PAGES)
def test_different_pages_keep_different_keys(one: str, other: str) -> None:
    assert link_key(one) != link_key(other)


@pytest.mark.parametrize("empty", [None, "", "   ", "\n\t"])
def test_nothing_to_compare_has_no_key(empty: str | None) -> None:
    assert link_key(empty) is None


@pytest.mark.parametrize(
    ("link", "fields", "key"),
    [
        (SAME_KEY[0][0], {"username": "ignored"}, POST),  # the link wins when there is one
        (None, {"username": "@Someone"}, "@someone"),  # a subscription follows an account
        ("  ", {"username": "someone"}, "@someone"),
        (None, {}, None),
    ],
)
def test_an_order_is_guarded_by_its_link_or_its_subscription_account(
    link: str | None, fields: dict[str, str], key: str | None
) -> None:
    assert order_link_key(link, fields) == key


@pytest.mark.parametrize(
    "nasty", ["\x00", "\ud800", "http://", "://x", "https://@/", "%%%", "[", "a" * 5000, "?#&="]
)
def test_no_input_raises(nasty: str) -> None:
    key = link_key(nasty)
    assert key is None or isinstance(key, str)
