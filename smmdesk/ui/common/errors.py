"""The one place that turns errors into words for the user.

Panes never format exceptions themselves: they call `describe()` and show its title, text
and hint where the user is looking (a status-bar line, a label beside the form).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.api import (
    ApiError,
    ConnectionFailed,
    InvalidPanelUrl,
    PanelError,
    ProtocolError,
    RefusalKind,
    RequestTimeout,
    TransportError,
    refusal_kind,
)
from smmdesk.secrets import KeyringUnavailable
from smmdesk.store import (
    CannotOpen,
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFailure,
    DiskFull,
    ReadOnlyStorage,
    StorageProblem,
    StoreError,
)
from smmdesk.workers import DeskError, InternalError

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


@dataclass(frozen=True)
class Described:
    """Our title and hint in the user's language; `text` is the error's own words (a
    panel's refusal as the panel wrote it)."""

    title: str
    text: str
    hint: str = ""

    @property
    def one_line(self) -> str:
        return translate("Errors", "{title}: {text}").format(title=self.title, text=self.text)


def describe(error: BaseException) -> Described:
    if isinstance(error, PanelError):
        hint = (
            translate("Errors", "Check the key in Panels…")
            if refusal_kind(error.panel_message) is RefusalKind.INVALID_KEY
            else ""
        )
        return Described(translate("Errors", "The panel refused"), str(error), hint)
    if isinstance(error, RequestTimeout):
        return Described(translate("Errors", "No answer from the panel"), str(error), _hint())
    if isinstance(error, ConnectionFailed):
        return Described(translate("Errors", "Cannot reach the panel"), str(error), _hint())
    if isinstance(error, TransportError):
        return Described(translate("Errors", "Connection problem"), str(error), _hint())
    if isinstance(error, ProtocolError):
        title = translate("Errors", "Unexpected answer from the panel")
        return Described(title, str(error), _tr(_PROTOCOL_HINT))
    if isinstance(error, InvalidPanelUrl):
        return Described(translate("Errors", "Invalid panel URL"), str(error))
    if isinstance(error, KeyringUnavailable):
        return Described(translate("Errors", "The system keyring is not available"), str(error))
    if isinstance(error, StorageProblem):
        title = _STORAGE_TITLES.get(type(error), _STORAGE_PROBLEM)
        return Described(_tr(title), str(error))
    if isinstance(error, StoreError):
        return Described(translate("Errors", "Not saved"), str(error))
    if isinstance(error, DeskError | ApiError):
        return Described(translate("Errors", "Cannot do that now"), str(error))
    if isinstance(error, InternalError):
        return Described(translate("Errors", "Internal error"), str(error), _tr(_BUG_HINT))
    bug = translate("Errors", "SMMDesk hit a bug ({name}).").format(name=type(error).__name__)
    return Described(translate("Errors", "Internal error"), bug, _tr(_BUG_HINT))


def _tr(text: str) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP("Errors", …) below."""
    return translate("Errors", text)


def _hint() -> str:
    return _tr(_NETWORK_HINT)


_NETWORK_HINT = str(
    QT_TRANSLATE_NOOP(
        "Errors", "Check your connection or the panel's proxy setting, then try again."
    )
)
_BUG_HINT = str(
    QT_TRANSLATE_NOOP("Errors", "Please report it with the log file (Help ▸ Open log folder).")
)
_PROTOCOL_HINT = str(
    QT_TRANSLATE_NOOP(
        "Errors",
        "The panel may be down, behind a browser check, or the URL may not be its API endpoint.",
    )
)
_STORAGE_PROBLEM = str(QT_TRANSLATE_NOOP("Errors", "Storage problem"))
_STORAGE_TITLES: dict[type[StorageProblem], str] = {
    DiskFull: str(QT_TRANSLATE_NOOP("Errors", "The disk is full")),
    ReadOnlyStorage: str(QT_TRANSLATE_NOOP("Errors", "Cannot write to the data folder")),
    DatabaseCorrupt: str(QT_TRANSLATE_NOOP("Errors", "The database is damaged")),
    DatabaseLocked: str(QT_TRANSLATE_NOOP("Errors", "The database is in use")),
    CannotOpen: str(QT_TRANSLATE_NOOP("Errors", "Cannot open the database")),
    DiskFailure: str(QT_TRANSLATE_NOOP("Errors", "Disk error")),
}
