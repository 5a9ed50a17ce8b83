"""`FilterBar`: the Services tab's search box, category and check boxes, as one
`ServiceFilter`.

Favourites are the category list's second entry: "★ Favourites" costs the row no width
(it is already as wide as the window can be at 760 pixels) and reads as what it is, a
set of services to look at.

Signals:
    changed()   the user changed the search or a filter (read `current()`)
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from smmdesk.api import Service
from smmdesk.ui.catalogue.favourite_cells import STAR
from smmdesk.ui.catalogue.service_filter import ServiceFilter

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
FAVOURITES_AT = 1  # the category list's entry for favourites


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_categories = translate("ServiceFilter", "All categories")
        self._favourites = translate("ServiceFilter", "{star} Favourites").format(star=STAR)
        self.search = QLineEdit(self)
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(
            translate("ServiceFilter", "Search name, category or ID  (Ctrl+F)")
        )
        self.search.setAccessibleName(translate("ServiceFilter", "Search services"))
        self.search.setToolTip(
            translate(
                "ServiceFilter",
                "Every word you type must appear in the service's name, category or ID,"
                " in any order",
            )
        )
        self.search.setClearButtonEnabled(True)
        self.category_filter = QComboBox(self)
        self.category_filter.setObjectName("categoryFilter")
        self.category_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_filter.setMinimumContentsLength(14)
        self.category_filter.setAccessibleName(translate("ServiceFilter", "Category"))
        self.category_filter.setToolTip(
            translate(
                "ServiceFilter",
                "A category, or {favourites}: your starred services and those the panel dropped",
            ).format(favourites=self._favourites)
        )
        self.category_filter.addItems([self._all_categories, self._favourites])
        self.refill_filter = self._check(
            "refillFilter",
            translate("ServiceFilter", "&Refill"),
            translate("ServiceFilter", "Only services you can ask a refill for"),
        )
        self.cancel_filter = self._check(
            "cancelFilter",
            translate("ServiceFilter", "C&ancel"),
            translate("ServiceFilter", "Only services whose orders you can ask to cancel"),
        )
        self.dripfeed_filter = self._check(
            "dripfeedFilter",
            translate("ServiceFilter", "&Drip-feed"),
            translate("ServiceFilter", "Only services that can be delivered in runs"),
        )
        self.changes_filter = self._check(
            "changesOnlyFilter",
            translate("ServiceFilter", "Changes on&ly"),
            translate(
                "ServiceFilter", "Only services that are new or re-priced since the last fetch"
            ),
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.category_filter, 1)
        for box in self.boxes:
            layout.addWidget(box)
        self.search.textChanged.connect(self.on_any_changed)
        self.category_filter.currentIndexChanged.connect(self.on_any_changed)
        for box in self.boxes:
            box.toggled.connect(self.on_any_changed)

    def _check(self, name: str, text: str, tip: str) -> QCheckBox:
        """A check box whose text is its label, read without its mnemonic's `&`."""
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.setAccessibleName(text.replace("&", ""))
        box.setToolTip(tip)
        return box

    @property
    def boxes(self) -> tuple[QCheckBox, ...]:
        return (
            self.refill_filter,
            self.cancel_filter,
            self.dripfeed_filter,
            self.changes_filter,
        )

    @property
    def favourites_only(self) -> bool:
        return self.category_filter.currentIndex() == FAVOURITES_AT

    def show_favourites(self, only: bool = True) -> None:
        """Choose the favourites entry (or all categories)."""
        self.category_filter.setCurrentIndex(FAVOURITES_AT if only else 0)

    def current(self) -> ServiceFilter:
        category = self.category_filter.currentText()
        return ServiceFilter(
            text=self.search.text(),
            category=category if self.category_filter.currentIndex() > FAVOURITES_AT else "",
            refill=self.refill_filter.isChecked(),
            cancel=self.cancel_filter.isChecked(),
            dripfeed=self.dripfeed_filter.isChecked(),
            changes_only=self.changes_filter.isChecked(),
            favourites_only=self.favourites_only,
        )

    def fill_categories(self, services: Sequence[Service]) -> None:
        """The catalogue's categories, keeping the chosen one when it is still there."""
        combo = self.category_filter
        at, chosen = combo.currentIndex(), combo.currentText()
        categories = sorted(dict.fromkeys(s.category for s in services), key=str.casefold)
        combo.blockSignals(True)
        combo.clear()
        combo.addItems([self._all_categories, self._favourites, *categories])
        if at > FAVOURITES_AT:  # a category: the same one, if the panel still has it
            at = FAVOURITES_AT + 1 + categories.index(chosen) if chosen in categories else 0
        combo.setCurrentIndex(max(0, at))
        combo.blockSignals(False)
        self.changed.emit()

    def clear(self) -> None:
        """Empty search, every category, no box checked: one `changed`."""
        widgets = (self.search, self.category_filter, *self.boxes)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.category_filter.setCurrentIndex(0)
        for box in self.boxes:
            box.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    @Slot()
    def on_any_changed(self) -> None:
        self.changed.emit()
