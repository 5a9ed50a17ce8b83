"""Which panel URLs count as loopback (plain http:// without asking), and which are usable."""

from __future__ import annotations

import pytest

from smmdesk.api import InvalidPanelUrl, is_loopback, validate_panel_url

LOOPBACK = [
    "http://127.0.0.1/api/v2",
    "http://127.0.0.1:8080/api/v2",
    "http://127.1.2.3/api/v2",
    "http://127.255.255.254/",
    "http://[::1]/api/v2",
    "http://[::1]:8080/api/v2",
    "http://[0:0:0:0:0:0:0:1]:80/",
    "http://localhost/api/v2",
    "http://LOCALHOST:5000/api/v2",
    "http://LocalHost/",
    "  http://localhost/api/v2  ",
    "http://user:pw@127.0.0.1/api/v2",
]
NOT_LOOPBACK = [
    "http://127.evil.example/api/v2",
    "http://127.0.0.1.evil.example/",
    "http://127.0.0.1.nip.io/api/v2",
    "http://localhost.evil.example/",
    "http://evil-localhost/",
    "http://localhost./",  # a name the resolver may send elsewhere: not exactly localhost
    "http://sub.localhost/",
    "http://127.1/",  # shorthand only some resolvers expand
    "http://2130706433/",  # 127.0.0.1 as one number
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped: not what Python 3.11 calls loopback
    "http://[fe80::1]/",
    "http://10.0.0.1/",
    "http://128.0.0.1/",
    "http://126.255.255.255/",
    "http://panel.example/api/v2",
    "http://127.0.0.1@evil.example/",  # the host is evil.example
    "http://evil.example#@127.0.0.1/",
    "http:///api/v2",
    "http://[::1/",
    "not a url",
    "",
]


@pytest.mark.parametrize("url", LOOPBACK)
def test_loopback_hosts(url: str) -> None:
    assert is_loopback(url)


@pytest.mark.parametrize("url", NOT_LOOPBACK)
def test_hosts_that_only_look_like_loopback(url: str) -> None:
    assert not is_loopback(url)


@pytest.mark.parametrize("url", LOOPBACK)
def test_plain_http_to_loopback_needs_no_consent(url: str) -> None:
    assert validate_panel_url(url) == url.strip()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.evil.example/api/v2",
        "http://127.0.0.1.evil.example/",
        "http://localhost.evil.example/",
        "http://127.0.0.1@evil.example/",
    ],
)
def test_plain_http_to_a_lookalike_needs_consent(url: str) -> None:
    with pytest.raises(InvalidPanelUrl, match="plain http"):
        validate_panel_url(url)
    assert validate_panel_url(url, allow_insecure_http=True) == url


@pytest.mark.parametrize(
    "url",
    [
        "ftp://panel.example/api/v2",
        "https:///api/v2",
        "https://[::1/api/v2",
        "https://panel.example:99999/api/v2",
        "https://panel.example:port/api/v2",
        "panel.example/api/v2",
        "",
    ],
)
def test_unusable_urls_are_refused_with_a_message(url: str) -> None:
    with pytest.raises(InvalidPanelUrl, match="must start with https://"):
        validate_panel_url(url, allow_insecure_http=True)


def test_https_to_any_host_is_fine() -> None:
    assert validate_panel_url("https://panel.example/api/v2") == "https://panel.example/api/v2"
