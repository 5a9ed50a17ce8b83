"""Proxy addresses: which are usable, what each refusal says (never the password), and the
password taken out and put back without changing a character of what was typed."""

from __future__ import annotations

import pytest

from smmdesk import logs
from smmdesk.api import proxies
from smmdesk.api.proxies import InvalidProxyUrl, ProxyAddress

PASSWORD = "pr0xy-S3cret"
NO_SCHEME = "Start the proxy address with http://, https://, socks5:// or socks5h://"


@pytest.mark.parametrize(
    ("typed", "url", "password"),
    [
        ("socks5://user:pass@host:1080", "socks5://user@host:1080", "pass"),
        ("http://user:pass@host:3128", "http://user@host:3128", "pass"),
        ("https://proxy.example:443", "https://proxy.example:443", None),
        ("socks5h://[::1]:1080", "socks5h://[::1]:1080", None),
        ("SOCKS5://u:p@h:1", "SOCKS5://u@h:1", "p"),
        ("http://u:p@ss:w0rd@host:3128", "http://u@host:3128", "p@ss:w0rd"),
        ("http://u:p%40ss@host:3128", "http://u@host:3128", "p%40ss"),
        ("http://:only-password@host:3128", "http://@host:3128", "only-password"),
        ("http://user@host:3128", "http://user@host:3128", None),
        ("http://user:@host:3128", "http://user@host:3128", None),
        ("  socks5://u:p@h:1080  ", "socks5://u@h:1080", "p"),
    ],
)
def test_a_usable_address_splits_and_joins_back_to_what_was_typed(
    typed: str, url: str, password: str | None
) -> None:
    address = proxies.parse(typed)
    assert (address.url, address.password) == (url, password)
    if password is not None:
        assert address.full == typed.strip()
    assert proxies.split(typed) == address


@pytest.mark.parametrize("typed", ["host:1080", "user:pass@host:1080", "127.0.0.1:3128", "proxy"])
def test_an_address_without_a_scheme_says_how_to_start_it(typed: str) -> None:
    with pytest.raises(InvalidProxyUrl) as raised:
        proxies.parse(typed)
    assert str(raised.value).startswith(NO_SCHEME)
    assert "pass" not in str(raised.value)


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("socks4://user:pass@host:1080", "socks4://"),
        ("ftp://host:21", "ftp://"),
        ("user:pass@host://x", "this kind of proxy"),
    ],
)
def test_an_unsupported_scheme_is_named_without_the_password(typed: str, named: str) -> None:
    with pytest.raises(InvalidProxyUrl) as raised:
        proxies.parse(typed)
    message = str(raised.value)
    assert f"SMMDesk cannot use {named}" in message and NO_SCHEME in message
    assert "pass" not in message


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("http://", "needs a host"),
        ("socks5://user:pass@:1080", "needs a host"),
        ("http://host:99999", "from 1 to 65535"),
        ("http://host:0", "from 1 to 65535"),
        ("http://host:port", "from 1 to 65535"),
        ("http://user:pa/ss@host:3128", "%2F"),
        ("http://user:pa#ss@host:3128", "%23"),
    ],
)
def test_other_unusable_addresses_say_what_is_wrong(typed: str, words: str) -> None:
    with pytest.raises(InvalidProxyUrl, match=words) as raised:
        proxies.parse(typed)
    assert "pa/ss" not in str(raised.value) and "pa#ss" not in str(raised.value)


def test_split_takes_the_password_even_out_of_an_unusable_address() -> None:
    """An older SMMDesk stored whatever was typed: the migration splits that too."""
    assert proxies.split("user:pass@host:1080") == ProxyAddress("user@host:1080", "pass")
    assert proxies.split("socks4://u:pw@h:1") == ProxyAddress("socks4://u@h:1", "pw")
    assert proxies.split("host:1080") == ProxyAddress("host:1080", None)


def test_the_password_is_never_in_the_repr() -> None:
    assert PASSWORD not in repr(proxies.parse(f"socks5://user:{PASSWORD}@host:1080"))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("socks5://user@host:1080", "socks5://user:••••@host:1080"),
        ("http://@host:3128", "http://:••••@host:3128"),
        ("http://host:3128", "http://host:3128"),
    ],
)
def test_a_stored_proxy_is_shown_with_a_mask_for_its_password(url: str, shown: str) -> None:
    assert proxies.masked(url) == shown
    assert proxies.has_user(url) == ("@" in url)


def test_the_mask_typed_back_parses_as_the_mask() -> None:
    """The form sends the mask back unchanged to mean "keep the saved password"."""
    shown = proxies.masked("socks5://user@host:1080")
    assert proxies.parse(shown).password == proxies.PASSWORD_MASK
    assert proxies.with_password("socks5://user@host:1080", PASSWORD).endswith(
        f"user:{PASSWORD}@host:1080"
    )


def test_password_forms_cover_the_escaped_the_sent_and_the_logged_spelling() -> None:
    assert proxies.password_forms("p%40ss-word") == ("p%40ss-word", "p@ss-word")
    assert proxies.password_forms(PASSWORD) == (PASSWORD,)
    assert proxies.password_forms("pässwört") == ("pässwört", r"p\xc3\xa4ssw\xc3\xb6rt")
    assert proxies.password_forms("it's\\") == ("it's\\", "it's\\\\")  # repr doubles "\\"


@pytest.mark.parametrize(
    "line",
    [
        "proxy socks5://user:ab@host:1080 refused",
        "connecting via http://me:x@y@proxy.example:3128/ now",
        "socks5h://:pw@[::1]:1080",
    ],
)
def test_the_log_scrubber_blanks_any_url_password_however_short(line: str) -> None:
    """Even a password too short to register (under `logs.MIN_SECRET_CHARS`)."""
    scrubbed = logs.scrub(line)
    assert ":***@" in scrubbed
    for secret in ("ab@", "x@y", "pw@"):
        assert secret not in scrubbed


def test_the_log_scrubber_leaves_urls_without_a_password_alone() -> None:
    line = "GET https://panel.example/api/v2?a=b@c via http://user@proxy:3128/"
    assert logs.scrub(line) == line
