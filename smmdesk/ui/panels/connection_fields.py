"""The panel form's proxy and pacing fields: what they show and what the user typed.

A saved proxy password is never shown: the field shows `user:••••@host`, and the mask
typed back unchanged means "keep the saved password" (see `PanelProfiles.save`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP

from smmdesk.api import proxies
from smmdesk.api.proxies import InvalidProxyUrl
from smmdesk.services.panels import parse_requests_per_minute
from smmdesk.store import Panel

# Marked for lupdate; the panels dialog translates them (context "PanelsDialog") when shown.
PROXY_HINT = str(
    QT_TRANSLATE_NOOP("PanelsDialog", "optional, e.g. socks5://user:password@host:1080")
)
LIMIT_HINT = str(QT_TRANSLATE_NOOP("PanelsDialog", "no limit"))
LIMIT_TIP = str(
    QT_TRANSLATE_NOOP(
        "PanelsDialog",
        "Most panels allow 60 to 120 requests a minute per key. Set the panel's limit here so "
        "SMMDesk never exceeds it; leave empty for no limit.",
    )
)


@dataclass(frozen=True, slots=True)
class ConnectionFields:
    """The fields as typed and checked: `proxy` as typed (None: none) and the limit
    (None: no limit)."""

    proxy: str | None = field(repr=False)
    requests_per_minute: int | None


def proxy_text(panel: Panel | None) -> str:
    """The proxy as the form shows it: its password, if any, as a mask."""
    return proxies.masked(panel.proxy) if panel is not None and panel.proxy else ""


def limit_text(panel: Panel | None) -> str:
    if panel is None or panel.requests_per_minute is None:
        return ""
    return str(panel.requests_per_minute)


def read_fields(proxy: str, limit: str) -> ConnectionFields:
    """The fields checked before anything is saved or tested; `ValueError` (an
    `InvalidProxyUrl` for the proxy) carries the words to show beside the form."""
    typed = proxy.strip() or None
    if typed is not None:
        try:
            proxies.parse(typed)
        except InvalidProxyUrl as error:
            raise ValueError(str(error)) from None
    return ConnectionFields(typed, parse_requests_per_minute(limit))


def typed_password(proxy: str | None) -> str | None:
    """The password typed into a checked proxy address; None when there is none or the
    mask stands for the saved one."""
    password = proxies.split(proxy).password if proxy else None
    return None if password == proxies.PASSWORD_MASK else password
