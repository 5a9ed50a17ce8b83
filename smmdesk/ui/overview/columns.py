"""The Overview table's columns: their order, titles and what each one counts."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

translate = QCoreApplication.translate


class Column(IntEnum):
    PANEL = 0
    BALANCE = 1
    THRESHOLD = 2
    ACTIVE = 3
    UNCONFIRMED = 4
    FAILED_REFILLS = 5
    SPENT_TODAY = 6
    SPENT_WEEK = 7
    SPENT_MONTH = 8


_TITLES: dict[Column, tuple[object, object]] = {
    Column.PANEL: (
        QT_TRANSLATE_NOOP("Overview", "Panel"),
        QT_TRANSLATE_NOOP("Overview", "The panel; the demo panel's money is pretend"),
    ),
    Column.BALANCE: (
        QT_TRANSLATE_NOOP("Overview", "Balance"),
        QT_TRANSLATE_NOOP(
            "Overview", "The balance as last fetched, and whether it is below your warning"
        ),
    ),
    Column.THRESHOLD: (
        QT_TRANSLATE_NOOP("Overview", "Warn below"),
        QT_TRANSLATE_NOOP("Overview", "Warn when the balance is below this amount (edit in place)"),
    ),
    Column.ACTIVE: (
        QT_TRANSLATE_NOOP("Overview", "Active"),
        QT_TRANSLATE_NOOP("Overview", "Orders pending or in progress"),
    ),
    Column.UNCONFIRMED: (
        QT_TRANSLATE_NOOP("Overview", "Unconfirmed"),
        QT_TRANSLATE_NOOP("Overview", "Orders whose placing is unclear: check them on the panel"),
    ),
    Column.FAILED_REFILLS: (
        QT_TRANSLATE_NOOP("Overview", "Failed refills"),
        QT_TRANSLATE_NOOP(
            "Overview", "Orders whose latest refill was refused, rejected or failed (last 30 days)"
        ),
    ),
    Column.SPENT_TODAY: (
        QT_TRANSLATE_NOOP("Overview", "Spent today"),
        QT_TRANSLATE_NOOP("Overview", "Charged for orders placed today, per currency"),
    ),
    Column.SPENT_WEEK: (
        QT_TRANSLATE_NOOP("Overview", "7 days"),
        QT_TRANSLATE_NOOP("Overview", "Charged for orders placed in the last 7 days, per currency"),
    ),
    Column.SPENT_MONTH: (
        QT_TRANSLATE_NOOP("Overview", "30 days"),
        QT_TRANSLATE_NOOP(
            "Overview", "Charged for orders placed in the last 30 days, per currency"
        ),
    ),
}


def title(column: Column) -> str:
    return translate("Overview", str(_TITLES[column][0]))


def explanation(column: Column) -> str:
    return translate("Overview", str(_TITLES[column][1]))
