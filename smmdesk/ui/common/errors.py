"""The one place that turns errors into words for the user.

Panes never format exceptions themselves: they call `describe()` and show its title, text
and hint where the user is looking (a status-bar line, a label beside the form).
"""

from __future__ import annotations

from dataclasses import dataclass

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
        hint = (
            "Check the key in Panels…"
            if refusal_kind(error.panel_message) is RefusalKind.INVALID_KEY
            else ""
        )
        return Described("The panel refused", str(error), hint)
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
    if isinstance(error, StorageProblem):
        return Described(_STORAGE_TITLES.get(type(error), "Storage problem"), str(error))
    if isinstance(error, StoreError):
        return Described("Not saved", str(error))
    if isinstance(error, DeskError | ApiError):
        return Described("Cannot do that now", str(error))
    if isinstance(error, InternalError):
        return Described("Internal error", str(error), _BUG_HINT)
    return Described("Internal error", f"SMMDesk hit a bug ({type(error).__name__}).", _BUG_HINT)


_NETWORK_HINT = "Check your connection or the panel's proxy setting, then try again."
_BUG_HINT = "Please report it with the log file (Help ▸ Open log folder)."
_PROTOCOL_HINT = (
    "The panel may be down, behind a browser check, or the URL may not be its API endpoint."
)
_STORAGE_TITLES: dict[type[StorageProblem], str] = {
    DiskFull: "The disk is full",
    ReadOnlyStorage: "Cannot write to the data folder",
    DatabaseCorrupt: "The database is damaged",
    DatabaseLocked: "The database is in use",
    CannotOpen: "Cannot open the database",
    DiskFailure: "Disk error",
}
