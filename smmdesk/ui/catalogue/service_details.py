"""The Services tab's side panel: what the selected service is, costs and allows, its star,
and "Order this"; for a favourite the panel no longer lists, what is left of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from smmdesk.api import Service
from smmdesk.store import Favourite
from smmdesk.ui.catalogue.changes import ChangeInfo
from smmdesk.ui.catalogue.favourite_cells import NO_STAR, STAR, gone_tooltip
from smmdesk.ui.common.format import format_count, format_rate
from smmdesk.ui.common.text import excerpt, plain_label

ADD_FAVOURITE = f"{NO_STAR} Add to favourites"
REMOVE_FAVOURITE = f"{STAR} Remove from favourites"


class ServiceDetails(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceDetails")
        self.title = plain_label(self, "serviceTitle", wrap=True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.facts = plain_label(self, "serviceFacts", wrap=True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description = QTextBrowser(self)
        self.description.setObjectName("serviceDescription")
        self.description.setOpenLinks(False)
        self.favourite_button = QPushButton(ADD_FAVOURITE, self)
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.setToolTip("Ctrl+D")
        self.order_button = QPushButton("Order this", self)
        self.order_button.setObjectName("orderThisButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.favourite_button)
        buttons.addWidget(self.order_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.facts):
            layout.addWidget(widget)
        layout.addWidget(self.description, 1)
        layout.addLayout(buttons)
        self.show_service(None, "", None)

    def show_service(
        self, service: Service | None, currency: str, info: ChangeInfo | None, starred: bool = False
    ) -> None:
        self.order_button.setEnabled(service is not None)
        self.show_star(service is not None, starred)
        if service is None:
            self.title.setText("Select a service to see its details.")
            self.facts.clear()
            self.description.clear()
            return
        self.title.setText(excerpt(service.name))
        self.facts.setText(_facts(service, currency, info))
        self.description.setPlainText(service.description or "The panel gives no description.")

    def show_gone(self, favourite: Favourite) -> None:
        """A favourite the panel no longer lists: nothing to order, a star to remove."""
        self.order_button.setEnabled(False)
        self.show_star(True, True)
        self.title.setText(excerpt(favourite.name))
        self.facts.setText(f"ID {favourite.service_id} · {favourite.category}")
        self.description.setPlainText(gone_tooltip(favourite))

    def show_star(self, enabled: bool, starred: bool) -> None:
        self.favourite_button.setEnabled(enabled)
        self.favourite_button.setText(REMOVE_FAVOURITE if starred else ADD_FAVOURITE)


def _facts(service: Service, currency: str, info: ChangeInfo | None) -> str:
    flags = [
        f"Refill: {'yes' if service.refill else 'no'}",
        f"Cancel: {'yes' if service.cancel else 'no'}",
        f"Drip-feed: {'yes' if service.dripfeed else 'no'}",
    ]
    lines = [
        f"ID {service.id} · {service.type} · {service.category}",
        f"Rate: {format_rate(service, currency)}",
        f"Quantity: {format_count(service.min)} to {format_count(service.max)}",
        " · ".join(flags),
    ]
    if info is not None:
        lines.append(f"{info.change.value}: {info.tooltip(service.rate, currency)}")
    return "\n".join(lines)
