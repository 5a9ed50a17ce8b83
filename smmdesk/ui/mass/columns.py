"""The columns of the mass-order preview, in order, with their titles."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class PreviewColumn(IntEnum):
    LINE = 0
    PANEL = 1
    SERVICE = 2
    LINK = 3
    QUANTITY = 4
    DETAILS = 5
    CHARGE = 6
    CHECK = 7
    RESULT = 8

    @property
    def title(self) -> str:
        return translate("MassOrder", str(_TITLES[self]))


_TITLES: dict[PreviewColumn, object] = {
    PreviewColumn.LINE: QT_TRANSLATE_NOOP("MassOrder", "Line"),
    PreviewColumn.PANEL: QT_TRANSLATE_NOOP("MassOrder", "Panel"),
    PreviewColumn.SERVICE: QT_TRANSLATE_NOOP("MassOrder", "Service"),
    PreviewColumn.LINK: QT_TRANSLATE_NOOP("MassOrder", "Link"),
    PreviewColumn.QUANTITY: QT_TRANSLATE_NOOP("MassOrder", "Quantity"),
    PreviewColumn.DETAILS: QT_TRANSLATE_NOOP("MassOrder", "Other fields"),
    PreviewColumn.CHARGE: QT_TRANSLATE_NOOP("MassOrder", "Charge"),
    PreviewColumn.CHECK: QT_TRANSLATE_NOOP("MassOrder", "Check"),
    PreviewColumn.RESULT: QT_TRANSLATE_NOOP("MassOrder", "Result"),
}
