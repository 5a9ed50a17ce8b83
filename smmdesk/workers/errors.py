"""Errors of the worker layer that a user can act on, and the wrapper for bugs."""

from __future__ import annotations


class DeskError(Exception):
    """A job could not run for a reason the user can fix; the message says how."""


class InternalError(Exception):
    """A bug stopped a job. The traceback is in the log; the message says so plainly."""

    def __init__(self, doing: str, cause: BaseException) -> None:
        super().__init__(
            f"SMMDesk hit a bug while {doing} ({type(cause).__name__}). "
            "Nothing was lost; the details are in the log file."
        )
        self.cause = cause
