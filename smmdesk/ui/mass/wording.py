"""What checking and reading a mass order said, in the user's language.

Below the UI those words are English `Said`s (api.said): reading a batch's text
(`api.mass_lines`, context "MassLines"), checking its lines (`services.mass_words`,
"MassCheck") and the Desk's refusals (`workers.batches`, "MassOrder"). Each is said again
here from its template, numbers in the locale's digits. A problem of `validate_order`
(api.forms) is said as the New order form says it (`ui.ordering.field_words`).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.api.said import Said
from smmdesk.services.mass_words import FIELD_PROBLEM
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_count
from smmdesk.ui.ordering.field_words import field_label, problem_words
from smmdesk.workers import DeskError

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# api.mass_lines' templates, marked here for lupdate: that layer has no Qt.
LINE_TEMPLATES = (
    QT_TRANSLATE_NOOP(
        "MassLines",
        "The file is {size}; a batch file is at most {limit}. Split it into smaller files.",
    ),
    QT_TRANSLATE_NOOP(
        "MassLines",
        "The text has {count} characters; a batch is at most {limit}. Split it into smaller"
        " batches.",
    ),
    QT_TRANSLATE_NOOP(
        "MassLines",
        "The text has {count} lines; a batch is at most {limit} lines. Split it into smaller"
        " batches.",
    ),
    QT_TRANSLATE_NOOP(
        "MassLines",
        "This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or"
        " UTF-16) and open it again.",
    ),
    QT_TRANSLATE_NOOP("MassLines", "Write each order as service ID|link|quantity"),
    QT_TRANSLATE_NOOP("MassLines", "The header has no service column: name it service"),
    QT_TRANSLATE_NOOP(
        "MassLines", "Column(s) {columns} are not order fields and are left out (known: {known})"
    ),
    QT_TRANSLATE_NOOP("MassLines", "Column(s) {columns} appear twice: the first one is read"),
    QT_TRANSLATE_NOOP("MassLines", "{first}. {then}"),
    QT_TRANSLATE_NOOP("MassLines", "{names} and {count} more"),
    QT_TRANSLATE_NOOP(
        "MassLines",
        'A quote (") opened on this line is never closed, so every line after it was read as'
        " part of one cell: close the quote, or remove it",
    ),
    QT_TRANSLATE_NOOP("MassLines", "This line has {count} cells; the header names {columns}"),
    QT_TRANSLATE_NOOP("MassLines", "This line cannot be read: {error}"),
)


def said_text(text: str) -> str:
    """`text` in the user's language: a `Said` from its template, a problem of
    `validate_order` as the order form says it, anything else as it is."""
    if not isinstance(text, Said):
        return problem_words(text)
    if text.template == FIELD_PROBLEM:
        return _field_problem(text)
    values = {name: _value(value) for name, value in text.values.items()}
    return translate(text.context, text.template).format(**values)


def _value(value: object) -> object:
    if isinstance(value, Said):
        return said_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_count(value)
    return value


def _field_problem(said: Said) -> str:
    """`Quantity: at least 10 (you have 5)`: the form's label and problem, translated,
    the problem starting in lower case as in English."""
    problem = str(said.values["problem"])
    words = problem_words(problem[:1].upper() + problem[1:])
    return translate(said.context, said.template).format(
        field=field_label(str(said.values["field"])), problem=words[:1].lower() + words[1:]
    )


def failure_words(error: Exception) -> str:
    """What went wrong, in one line; the Desk's own words about a mass order translated
    (`workers.batches` raises them as `Said`s)."""
    described = describe(error)
    words = error.args[0] if isinstance(error, DeskError) and error.args else None
    if isinstance(words, Said):
        described = dataclasses.replace(described, text=said_text(words))
    return described.one_line
