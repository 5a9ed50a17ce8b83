"""Errors of the worker layer that a user can act on, and the wrapper for bugs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class DeskError(Exception):
    """A job could not run for a reason the user can fix; the message says how."""


class InternalError(Exception):
    """A bug stopped a job. The traceback is in the log; the message says so plainly."""

    def __init__(self, doing: str, cause: BaseException) -> None:
        text = translate(
            "Desk",
            "SMMDesk hit a bug while {doing} ({error}). "
            "Nothing was lost; the details are in the log file.",
        )
        super().__init__(text.format(doing=doing, error=type(cause).__name__))
        self.cause = cause
