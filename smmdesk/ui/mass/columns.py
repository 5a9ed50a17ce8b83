"""The columns of the mass-order preview, in order, with their titles."""

from __future__ import annotations

from enum import IntEnum


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
        return _TITLES[self]


_TITLES = {
    PreviewColumn.LINE: "Line",
    PreviewColumn.PANEL: "Panel",
    PreviewColumn.SERVICE: "Service",
    PreviewColumn.LINK: "Link",
    PreviewColumn.QUANTITY: "Quantity",
    PreviewColumn.DETAILS: "Other fields",
    PreviewColumn.CHARGE: "Charge",
    PreviewColumn.CHECK: "Check",
    PreviewColumn.RESULT: "Result",
}
