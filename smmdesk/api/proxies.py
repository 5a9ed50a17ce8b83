"""Proxy addresses: which ones SMMDesk can use, and their password kept apart.

A proxy URL may carry a password (`socks5://user:pass@host:1080`). The password is a
secret like the API key: it lives in the keyring, while the rest of the URL (user name
included) is stored and shown. So a URL is split into a password-less `url` and the
`password`, and joined again only when a client is built. Splitting works on the text as
typed (percent-escapes and all), so joining gives back exactly what the user wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from .errors import ApiError

SCHEMES = ("http", "https", "socks5", "socks5h")
PASSWORD_MASK = "••••"  # shown instead of a saved password; typed back, it means "keep it"
NO_SCHEME = "Start the proxy address with http://, https://, socks5:// or socks5h://"
_EXAMPLE = "e.g. socks5://host:1080"
_SCHEME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}")
_NOT_IN_PASSWORD = "/?#"  # they would end the address early: they must be %-escaped


class InvalidProxyUrl(ApiError):
    """The proxy address cannot be used. The message says how to write it and never
    quotes the address (it may hold a password)."""

    request_sent = False


@dataclass(frozen=True, slots=True)
class ProxyAddress:
    """A proxy URL without its password (`url`, fit to store and show) and the password
    (`password`, for the keyring only; None when the URL has none)."""

    url: str
    password: str | None = field(default=None, repr=False)

    @property
    def full(self) -> str:
        """The URL a client is given: the password back in its place."""
        return with_password(self.url, self.password)


def split(text: str) -> ProxyAddress:
    """Take the password out of a proxy URL without judging the rest, so that even an
    address no client could use (say, one without a scheme, from an older SMMDesk) never
    keeps its password beside it. An empty password counts as none."""
    prefix, rest = _scheme_and_rest(text.strip())
    userinfo, at, host = rest.rpartition("@")
    if not at:
        return ProxyAddress(prefix + rest)
    user, _, password = userinfo.partition(":")
    return ProxyAddress(f"{prefix}{user}@{host}", password or None)


def parse(text: str) -> ProxyAddress:
    """`split`, for an address a client can use; `InvalidProxyUrl` says why not."""
    text = text.strip()
    scheme, sep, _ = text.partition("://")
    if not sep:
        raise InvalidProxyUrl(f"{NO_SCHEME}, {_EXAMPLE}.")
    if scheme.lower() not in SCHEMES:
        named = f"{scheme}:// proxies" if _SCHEME_WORD.fullmatch(scheme) else "this kind of proxy"
        raise InvalidProxyUrl(f"SMMDesk cannot use {named}. {NO_SCHEME}, {_EXAMPLE}.")
    address = split(text)
    if address.password and any(c in address.password for c in _NOT_IN_PASSWORD):
        raise InvalidProxyUrl(
            "The proxy password contains / ? or #: write them as %2F, %3F and %23."
        )
    _check_host_and_port(address.url)
    return address


def with_password(url: str, password: str | None) -> str:
    """`url` (without a password) with `password` put back after the user name."""
    if password is None:
        return url
    prefix, rest = _scheme_and_rest(url)
    userinfo, at, host = rest.rpartition("@")
    user = userinfo.partition(":")[0] if at else ""
    return f"{prefix}{user}:{password}@{host if at else rest}"


def masked(url: str) -> str:
    """How a stored proxy is shown: `socks5://user:••••@host:1080` when it has a user
    (its password, if any, is in the keyring), else as it is."""
    prefix, rest = _scheme_and_rest(url)
    userinfo, at, host = rest.rpartition("@")
    if not at:
        return url
    return f"{prefix}{userinfo.partition(':')[0]}:{PASSWORD_MASK}@{host}"


def has_user(url: str) -> bool:
    """Whether the address names a user (and so may need a password)."""
    return "@" in _scheme_and_rest(url)[1]


def password_forms(password: str) -> tuple[str, ...]:
    """The password as written in the URL, as sent to the proxy (%-escapes decoded), and
    as httpcore's debug log prints the SOCKS credentials (a bytes literal), for the log
    scrubber and the error mask."""
    sent = unquote(password)
    as_bytes = repr(sent.encode())[2:-1]
    return tuple(dict.fromkeys((password, sent, as_bytes)))


def _scheme_and_rest(text: str) -> tuple[str, str]:
    scheme, sep, rest = text.partition("://")
    return (f"{scheme}://", rest) if sep else ("", text)


def _check_host_and_port(url: str) -> None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidProxyUrl("The proxy port must be a number from 1 to 65535.") from None
    if not parts.hostname:
        raise InvalidProxyUrl(f"The proxy address needs a host, {_EXAMPLE}.")
    if port == 0:
        raise InvalidProxyUrl("The proxy port must be a number from 1 to 65535.")
