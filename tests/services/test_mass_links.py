"""The links of a mass order are checked and keyed without `urlsplit` when they are plain
(`https://host/path`): those shortcuts must answer exactly as the full way does, for any
link, since the key is stored with every order and compared with the history's."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmdesk.api import forms, links

NEVER = re.compile(r"(?!)")
SCHEMES = st.sampled_from(["", "https://", "http://", "HTTPS://", "hTtP://", "ftp://", "//"])
HOSTS = st.one_of(
    st.sampled_from(["instagram.com", "www.Instagram.com", "m.youtube.com", "m.io", "x.", ".",
                     "a..b", "-", "host:8080", "user@host", "[::1]", "[x", "tiktok.com@x",
                     "WWW.X.COM.", "mobile.twitter.com", "xn--bcher-kva.example"]),
    st.text(alphabet="aZ09.-_:@[]%é ", min_size=1, max_size=12),
)  # fmt: skip
PATHS = st.one_of(
    st.sampled_from(["", "/", "/p/AbC/", "/@user", "/a%2fb", "/?utm_source=x&b=1", "#!/r",
                     "/p/x#frag", "/a//", "/é", "/a b", "/\x00", "/a\tb", ":443/x"]),
    st.text(alphabet="/aZ9?#%&=@.:-_é \t\x01", max_size=14),
)  # fmt: skip


def _the_full_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links, "_PLAIN_WEB_LINK", NEVER)
    monkeypatch.setattr(forms, "_PLAIN_WEB_HOST", NEVER)


@given(SCHEMES, HOSTS, PATHS)
def test_a_plain_link_has_the_key_and_check_of_the_full_way(
    scheme: str, host: str, path: str
) -> None:
    link = scheme + host + path
    shortcut = (links.link_key(link), _check(link))
    with pytest.MonkeyPatch.context() as monkeypatch:
        _the_full_way(monkeypatch)
        assert (links.link_key(link), _check(link)) == shortcut


@given(SCHEMES, HOSTS, PATHS)
def test_a_plain_web_address_has_its_key_and_passes_the_link_check(
    scheme: str, host: str, path: str
) -> None:
    """What the mass check relies on to skip `check_link`: a link with a plain key (and
    no longer than a link may be) is one `check_link` accepts, keyed as `link_key` does."""
    link = (scheme + host + path).strip()
    key = links.plain_web_key(link)
    if key is not None and len(link) <= forms.MAX_LINK_CHARS:
        assert forms.check_link(link) is None
        assert links.link_key(link) == key


def _check(link: str) -> str | type[ValueError] | None:
    try:
        return forms.check_link(link.strip())
    except ValueError:  # an unbalanced IPv6 bracket: the full way raises
        return ValueError


@pytest.mark.parametrize(
    ("link", "key"),
    [
        ("https://instagram.com/p/post1", "instagram.com/p/post1"),
        ("HTTP://WWW.Instagram.com/p/AbC/", "instagram.com/p/AbC"),
        ("instagram.com/p/x", "instagram.com/p/x"),
        ("https://m.youtube.com", "youtube.com"),
    ],
)
def test_plain_links_keep_their_keys(link: str, key: str) -> None:
    assert links.link_key(link) == key
    assert forms.check_link(link) is None
