"""Panel URLs: what SMMDesk accepts as an API endpoint (no network, no httpx)."""

from __future__ import annotations

from urllib.parse import urlsplit

from .errors import InvalidPanelUrl

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def validate_panel_url(url: str, *, allow_insecure_http: bool = False) -> str:
    """The URL as given (trimmed), or `InvalidPanelUrl` with a message for the user.

    Plain http:// is accepted for loopback, or when the user explicitly allowed it.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
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
