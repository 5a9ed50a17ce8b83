"""Panel URLs: what SMMDesk accepts as an API endpoint (no network, no httpx)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from .errors import InvalidPanelUrl


def is_loopback(url: str) -> bool:
    """True only when the host is this machine: an IPv4 address in 127/8, IPv6 `::1`, or
    exactly `localhost`.

    Decided from the parsed host, never by its spelling: `127.evil.example` and
    `127.0.0.1.evil.example` are names anyone can point anywhere, and plain http:// to
    them would send the key over the internet without the user's consent.
    """
    try:
        host = urlsplit(url.strip()).hostname  # lower-cased, IPv6 brackets removed
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_panel_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """The URL as given (trimmed), or `InvalidPanelUrl` with a message for the user.

    Plain http:// is accepted for loopback, or when the user explicitly allowed it.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
        _ = parts.port  # raises ValueError when out of range or not a number
    except ValueError:
        usable = False
    if not usable:
        raise InvalidPanelUrl(
            "The API URL must start with https:// and name a host, "
            "e.g. https://panel.example/api/v2"
        )
    if parts.scheme == "http" and not (allow_insecure_http or is_loopback(url)):
        raise InvalidPanelUrl(
            "This panel URL uses plain http://: the API key would travel unencrypted. "
            "Use https://, or confirm that you accept the risk."
        )
    return url
