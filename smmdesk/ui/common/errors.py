"""The one place that turns errors into words for the user.

Panes never format exceptions themselves: they call `describe()` for a status-bar line or
`show_error()` for a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from smmdesk.api import (
    ApiError,
    ConnectionFailed,
    InvalidPanelUrl,
    PanelError,
    ProtocolError,
    RequestTimeout,
    TransportError,
)
from smmdesk.secrets import KeyringUnavailable


@dataclass(frozen=True)
class Described:
    title: str
    text: str
    hint: str = ""

    @property
    def one_line(self) -> str:
        return f"{self.title}: {self.text}"


def describe(error: BaseException) -> Described:
    if isinstance(error, PanelError):
        hint = "Check the key in Panels…" if "key" in error.panel_message.lower() else ""
        return Described("The panel refused", error.panel_message, hint)
    if isinstance(error, RequestTimeout):
        return Described("No answer from the panel", str(error), _NETWORK_HINT)
    if isinstance(error, ConnectionFailed):
        return Described("Cannot reach the panel", str(error), _NETWORK_HINT)
    if isinstance(error, TransportError):
        return Described("Connection problem", str(error), _NETWORK_HINT)
    if isinstance(error, ProtocolError):
        return Described("Unexpected answer from the panel", str(error), _PROTOCOL_HINT)
    if isinstance(error, InvalidPanelUrl):
        return Described("Invalid panel URL", str(error))
    if isinstance(error, KeyringUnavailable):
        return Described("The system keyring is not available", str(error))
    if isinstance(error, ApiError | LookupError):
        return Described("Problem", str(error))
    return Described("Unexpected error", f"{type(error).__name__}: {error}", "See the log file.")


def show_error(parent: QWidget | None, error: BaseException) -> None:
    described = describe(error)
    box = QMessageBox(QMessageBox.Icon.Warning, described.title, described.text, parent=parent)
    if described.hint:
        box.setInformativeText(described.hint)
    box.setObjectName("errorDialog")
    box.open()


_NETWORK_HINT = "Check your connection or the panel's proxy setting, then try again."
_PROTOCOL_HINT = (
    "The panel may be down, behind a browser check, or the URL may not be its API endpoint."
)
