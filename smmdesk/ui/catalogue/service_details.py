"""The Services tab's side panel: what the selected service is, costs and allows, what the
user's own orders of it showed (the scorecard), its star, and "Order this"; for a favourite
the panel no longer lists, what is left of it.

The name and facts wrap; a word too long for the panel's width (a panel can send a name
with no spaces) is cut at its edge rather than widening the window, and the tooltip has
the text whole."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smmdesk.api import Service
from smmdesk.store import Favourite
from smmdesk.ui.catalogue.changes import ChangeInfo, change_word
from smmdesk.ui.catalogue.favourite_cells import (
    FAVOURITE_SHORTCUT,
    favourite_button_text,
    gone_tooltip,
)
from smmdesk.ui.common.format import format_count, format_rate
from smmdesk.ui.common.text import excerpt, plain_label, plain_tooltip

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
ORDER_SHORTCUT = "Enter"  # Return too: see ServicesPane.order_action


class ServiceDetails(QWidget):
    def __init__(self, parent: QWidget | None = None, score: QWidget | None = None) -> None:
        """`score`: what the user's own orders of the service showed, under its facts."""
        super().__init__(parent)
        self.setObjectName("serviceDetails")
        self.title = _bounded_label(self, "serviceTitle")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.facts = _bounded_label(self, "serviceFacts")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description = QTextBrowser(self)
        self.description.setObjectName("serviceDescription")
        self.description.setAccessibleName(translate("ServiceDetails", "Service description"))
        self.description.setOpenLinks(False)
        self.favourite_button = QPushButton(favourite_button_text(False), self)
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.setToolTip(_shortcut_text(FAVOURITE_SHORTCUT))
        self.order_button = QPushButton(translate("ServiceDetails", "Order this"), self)
        self.order_button.setObjectName("orderThisButton")
        self.order_button.setToolTip(
            translate("ServiceDetails", "Open the New order form with this service ({key})").format(
                key=_shortcut_text(ORDER_SHORTCUT)
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.favourite_button)
        buttons.addWidget(self.order_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.facts):
            layout.addWidget(widget)
        if score is not None:
            score.setParent(self)
            layout.addWidget(score)
        layout.addWidget(self.description, 1)
        layout.addLayout(buttons)
        self.show_service(None, "", None)

    def show_service(
        self, service: Service | None, currency: str, info: ChangeInfo | None, starred: bool = False
    ) -> None:
        self.order_button.setEnabled(service is not None)
        self.show_star(service is not None, starred)
        if service is None:
            self._show(translate("ServiceDetails", "Select a service to see its details."), "")
            self.description.clear()
            return
        self._show(excerpt(service.name), _facts(service, currency, info))
        self.description.setPlainText(
            service.description or translate("ServiceDetails", "The panel gives no description.")
        )

    def show_gone(self, favourite: Favourite) -> None:
        """A favourite the panel no longer lists: nothing to order, a star to remove."""
        self.order_button.setEnabled(False)
        self.show_star(True, True)
        facts = translate("ServiceDetails", "ID {id} · {category}").format(
            id=favourite.service_id, category=favourite.category
        )
        self._show(excerpt(favourite.name), facts)
        self.description.setPlainText(gone_tooltip(favourite))

    def show_star(self, enabled: bool, starred: bool) -> None:
        self.favourite_button.setEnabled(enabled)
        self.favourite_button.setText(favourite_button_text(starred))

    def _show(self, title: str, facts: str) -> None:
        self.title.setText(title)
        self.title.setToolTip(plain_tooltip(title))
        self.facts.setText(facts)
        self.facts.setToolTip(plain_tooltip(facts))


def _bounded_label(parent: QWidget, name: str) -> QLabel:
    """A wrapped label whose longest word does not set the panel's least width."""
    label = plain_label(parent, name, wrap=True)
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    return label


def _shortcut_text(shortcut: str) -> str:
    """A shortcut as this platform and language write it (`Ctrl+D`, `⌘D`)."""
    return QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def _facts(service: Service, currency: str, info: ChangeInfo | None) -> str:
    lines = [
        translate("ServiceDetails", "ID {id} · {type} · {category}").format(
            id=service.id, type=service.type, category=service.category
        ),
        translate("ServiceDetails", "Rate: {rate}").format(rate=format_rate(service, currency)),
        translate("ServiceDetails", "Quantity: {min} to {max}").format(
            min=format_count(service.min), max=format_count(service.max)
        ),
        " · ".join(_flags(service)),
    ]
    if info is not None:
        lines.append(
            translate("ServiceDetails", "{change}: {detail}").format(
                change=change_word(info.change), detail=info.tooltip(service.rate, currency)
            )
        )
    return "\n".join(lines)


def _flags(service: Service) -> tuple[str, str, str]:
    """What the service allows, one whole text a flag and answer (languages order them
    differently)."""
    return (
        translate("ServiceDetails", "Refill: yes")
        if service.refill
        else translate("ServiceDetails", "Refill: no"),
        translate("ServiceDetails", "Cancel: yes")
        if service.cancel
        else translate("ServiceDetails", "Cancel: no"),
        translate("ServiceDetails", "Drip-feed: yes")
        if service.dripfeed
        else translate("ServiceDetails", "Drip-feed: no"),
    )
