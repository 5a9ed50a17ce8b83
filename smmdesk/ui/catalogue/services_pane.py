"""The Services tab: the active panel's catalogue, searchable as you type, and the selected
service's details. "Order this" (Enter on the list), "Copy as table" (the selected service,
else every one shown) and "Export…" (every service the filter shows, to CSV) are in the
table's context menu.

Under the table: how many services the catalogue has and how old it is, always; while
**Refresh catalogue** runs, that it does, then what it found (or why it failed).

Favourites: the star column (click it), Ctrl+D or the details' button star a service;
"★ Favourites" in the category list shows them, with those the panel no longer lists
greyed at the end.
An empty table says why, with one button out of it.

Signals:
    order_requested(service_id)   the user chose "Order this" (Enter or a double click on
                                  a row)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smmdesk.api import Service, SkippedItem
from smmdesk.services.export import SERVICE_HEADER, service_row
from smmdesk.store import CatalogueDiff
from smmdesk.ui.catalogue.elided_label import ElidedLabel
from smmdesk.ui.catalogue.favourite_cells import (
    FAVOURITE_SHORTCUT,
    favourite_action_text,
    no_favourites_note,
)
from smmdesk.ui.catalogue.favourites import FavouritesBook
from smmdesk.ui.catalogue.filter_bar import FilterBar
from smmdesk.ui.catalogue.service_details import ORDER_SHORTCUT, ServiceDetails
from smmdesk.ui.catalogue.services_model import Column, ServicesModel
from smmdesk.ui.catalogue.services_view import ServicesView
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.empty_note import EmptyNote
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_age, format_count, format_time
from smmdesk.ui.common.table_exporter import TableExporter
from smmdesk.ui.common.text import plain_tooltip
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.insight.service_score import ServiceScoreBox
from smmdesk.workers import CatalogueLoaded, Job, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
AGE_TICK_MS = 30_000
SKIPPED_NAMED = 2  # skipped entries named in the label; the tooltip lists more
SKIPPED_LISTED = 20
AGE_LEAST_CHARS = 34  # the age label keeps room for "1,234 services · fetched 5 min ago"
HEADER_LAYOUT = "services/header"
SPLITTER_LAYOUT = "services/splitter"


class ServicesPane(QWidget):
    order_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("servicesPane")
        self._context = context
        self._from_cache = True
        self._refreshing = 0  # the panel whose refresh the user waits for
        self._details_shown = False  # the details name a service (or a gone favourite)
        self._skipped: tuple[int, Sequence[SkippedItem]] = (0, ())  # (panel ID, entries)
        self.model = ServicesModel(self)
        self.book = FavouritesBook.of(context)
        self._build()
        self._connect()
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_TICK_MS)
        self._age_timer.timeout.connect(self.on_age_timer_timeout)
        self._age_timer.start()
        self.on_context_catalogue_changed(context.panel_id)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.filter_bar = FilterBar(self)
        bar = self.filter_bar
        self.search, self.category_filter = bar.search, bar.category_filter
        self.refill_filter, self.cancel_filter = bar.refill_filter, bar.cancel_filter
        self.dripfeed_filter, self.changes_filter = bar.dripfeed_filter, bar.changes_filter
        self.favourite_action = QAction(favourite_action_text(False), self)
        self.favourite_action.setObjectName("favouriteAction")
        self.favourite_action.setShortcut(QKeySequence(FAVOURITE_SHORTCUT))
        self.favourite_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.favourite_action)
        self.order_action = QAction(translate("Services", "Order this"), self)
        self.order_action.setObjectName("orderServiceAction")
        self.order_action.setShortcuts([QKeySequence(ORDER_SHORTCUT), QKeySequence("Return")])
        self.order_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.age_label = ElidedLabel(self, "catalogueAgeLabel", AGE_LEAST_CHARS)
        self.refresh_button = QPushButton(translate("Services", "Refresh catalogue"), self)
        self.refresh_button.setObjectName("refreshCatalogueButton")
        self.refresh_button.setToolTip(
            translate("Services", "Fetch the panel's services and prices again (F5)")
        )
        self.refresh_progress = QProgressBar(self)
        self.refresh_progress.setObjectName("catalogueRefreshProgress")
        self.refresh_progress.setRange(0, 0)  # busy: one request, nothing to count
        self.refresh_progress.setTextVisible(False)
        self.refresh_progress.setMaximumWidth(self.fontMetrics().averageCharWidth() * 10)
        self.refresh_progress.setAccessibleName(translate("Services", "Refreshing the catalogue"))
        self.refresh_progress.hide()
        self.refresh_label = ElidedLabel(self, "catalogueRefreshLabel")
        self.exporter = TableExporter(
            self._context.desk,
            self,
            "services",
            "service",
            SERVICE_HEADER,
            self._context.desk.services_exported,
            self._rows_to_copy,
            self._export_to,
        )
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("servicesExportButton")
        self.export_button.setDefaultAction(self.exporter.export_action)
        self.table = self._build_table()
        self.empty_note = EmptyNote(self.table)
        _bound_width(self.exporter.outcome_label)
        self.score = ServiceScoreBox(self._context)
        self.details = ServiceDetails(self, self.score)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        em = self.fontMetrics().horizontalAdvance("M")
        self.splitter.setSizes([em * 80, em * 22])
        self.splitter.setChildrenCollapsible(False)
        self._lay_out()

    def _build_table(self) -> ServicesView:
        table = ServicesView(self.model, self)
        table.setAccessibleName(translate("Services", "Services"))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addActions(
            [
                self.order_action,
                self.favourite_action,
                self.exporter.copy_action,
                self.exporter.export_action,
            ]
        )
        return table

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filter_bar, 1)
        filters.addWidget(self.export_button)
        filters.addWidget(self.refresh_button)
        status = QHBoxLayout()
        status.addWidget(self.age_label)
        status.addWidget(self.refresh_progress)
        status.addWidget(self.refresh_label, 2)
        status.addLayout(self.exporter.status_row(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(status)

    def _connect(self) -> None:
        self.filter_bar.changed.connect(self.on_filter_changed)
        self.favourite_action.triggered.connect(self.on_favourite_action_triggered)
        self.details.favourite_button.clicked.connect(self.on_favourite_action_triggered)
        self.table.clicked.connect(self.on_table_clicked)
        self.book.changed.connect(self.on_book_changed)
        self.model.modelReset.connect(self.on_model_rows_changed)
        self.model.layoutChanged.connect(self.on_model_rows_changed)
        self.empty_note.clear_requested.connect(self.on_empty_note_clear_requested)
        self.refresh_button.clicked.connect(self.on_refresh_button_clicked)
        self.details.order_button.clicked.connect(self.on_order_button_clicked)
        self.order_action.triggered.connect(self.on_order_button_clicked)
        self.table.doubleClicked.connect(self.on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        self._context.panel_changed.connect(self.on_context_panel_changed)
        self._context.catalogue_changed.connect(self.on_context_catalogue_changed)
        self._context.balance_changed.connect(self.on_context_balance_changed)
        self._context.desk.services_loaded.connect(self.on_desk_services_loaded)
        self._context.desk.task_failed.connect(self.on_desk_task_failed)

    # -- what the window calls ------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh_now(self) -> None:
        """F5 and Refresh catalogue: fetch the catalogue from the panel again, showing that
        it runs until the panel answers (joining a fetch already running, if one is)."""
        panel_id = self._context.panel_id
        if not panel_id:
            return
        self._context.desk.refresh_services(panel_id)  # None: a fetch already runs
        self._refreshing = panel_id
        self.refresh_button.setEnabled(False)
        self.refresh_progress.show()
        self._show_refresh_result(translate("Services", "Refreshing the catalogue…"), None)

    def selected_service(self) -> Service | None:
        row = self._selected_row()
        return None if row is None else self.model.service(row)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def shown_services(self) -> list[Service]:
        """Every service the filter lets through, in the table's order."""
        return [self.model.services[at] for at in self.model.visible]

    def _rows_to_copy(self) -> Iterator[list[str]]:
        """The selected service, else every service shown."""
        chosen = self.selected_service()
        services = [chosen] if chosen is not None else self.shown_services()
        currency = self.model.currency or None
        return (service_row(service, currency) for service in services)

    def _export_to(self, path: Path) -> Ticket | None:
        services, panel_id = self.shown_services(), self._context.panel_id
        if not panel_id:
            return None
        currency = self.model.currency or None
        return self._context.desk.export_services(panel_id, services, currency, path)

    def save_layout(self) -> None:
        settings = self._context.settings
        settings.save_header(HEADER_LAYOUT, self.table.horizontalHeader())
        settings.set_geometry(SPLITTER_LAYOUT, self.splitter.saveState())

    def restore_layout(self) -> None:
        self._context.settings.restore_header(HEADER_LAYOUT, self.table.horizontalHeader())
        self.table.place_star_column()
        self.table.fit_name()
        splitter = self._context.settings.geometry(SPLITTER_LAYOUT)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    # -- slots ----------------------------------------------------------------------------

    @Slot()
    def on_filter_changed(self) -> None:
        self.model.set_filter(self.filter_bar.current())

    @Slot(int)
    def on_context_catalogue_changed(self, _panel_id: int) -> None:
        """A new catalogue (a refresh, another panel): the selected service stays selected
        when the new one still lists it."""
        context = self._context
        chosen = self.selected_service()
        currency = context.balance.currency if context.balance else self.model.currency
        self.model.set_catalogue(context.services, context.diff, currency, context.search_texts)
        self.model.set_favourites(self.book.favourites)
        self.filter_bar.fill_categories(context.services)
        self.changes_filter.setEnabled(bool(self.model.changes))
        self._update_age()
        row = None if chosen is None else self.model.row_of(chosen.id)
        if row is not None:  # (selectRow selects nothing in a right-to-left window)
            self.table.setCurrentIndex(self.model.index(row, Column.NAME))
        self._show_selected()

    @Slot(int)
    def on_context_panel_changed(self, _panel_id: int) -> None:
        self._finish_refresh("", None)

    @Slot(object, object)
    def on_desk_services_loaded(self, ticket: Ticket, loaded: CatalogueLoaded) -> None:
        if ticket.panel_id == self._context.panel_id and loaded.snapshot is not None:
            self._from_cache = not loaded.from_network
            self._skipped = (ticket.panel_id, loaded.snapshot.skipped)
            self._update_age()
        if self._is_refresh(ticket):
            self._finish_refresh(refreshed_text(loaded.diff), Tone.GOOD)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if self._is_refresh(ticket):
            text = translate("Services", "Could not refresh the catalogue: {reason}")
            self._finish_refresh(text.format(reason=describe(error).one_line), Tone.BAD)

    @Slot(int)
    def on_context_balance_changed(self, _panel_id: int) -> None:
        if self._context.balance is not None:
            self.model.set_currency(self._context.balance.currency)
            self._show_selected()

    @Slot()
    def on_refresh_button_clicked(self) -> None:
        self.refresh_now()

    @Slot()
    def on_order_button_clicked(self) -> None:
        service = self.selected_service()
        if service is not None:
            self.order_requested.emit(service.id)

    @Slot(QModelIndex)
    def on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != Column.FAVOURITE:  # two clicks on a star are two stars
            self.on_order_button_clicked()

    @Slot(QItemSelection, QItemSelection)
    def on_table_selection_changed(self, _selected: QItemSelection, _gone: QItemSelection) -> None:
        self._show_selected()

    @Slot()
    def on_age_timer_timeout(self) -> None:
        self._update_age()

    @Slot(QModelIndex)
    def on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() == Column.FAVOURITE:
            self._toggle_star(index.row())

    @Slot()
    def on_favourite_action_triggered(self) -> None:
        row = self._selected_row()
        if row is not None:
            self._toggle_star(row)

    @Slot()
    def on_book_changed(self) -> None:
        self.model.set_favourites(self.book.favourites)
        self._show_selected()

    @Slot()
    def on_model_rows_changed(self) -> None:
        """Say why the table is empty, when it is, with one way out; a selected row the
        filter took away takes its details along (no selection change is signalled)."""
        if self._details_shown and self._selected_row() is None:
            self._show_selected()
        if self.model.rowCount() or not self.model.services:
            self.empty_note.hide()
        elif self.model.current_filter.favourites_only and not self.book.favourites:
            self.empty_note.show_note(
                no_favourites_note(), translate("Services", "Show all services")
            )
        else:
            self.empty_note.show_note(
                no_match_note(), translate("Services", "Clear search and filters")
            )

    @Slot()
    def on_empty_note_clear_requested(self) -> None:
        self.filter_bar.clear()

    # -- helpers --------------------------------------------------------------------------

    def _is_refresh(self, ticket: Ticket) -> bool:
        """Whether `ticket` answers the refresh the user asked for (or the one it joined)."""
        return ticket.job is Job.REFRESH_SERVICES and ticket.panel_id == self._refreshing != 0

    def _finish_refresh(self, text: str, tone: Tone | None) -> None:
        self._refreshing = 0
        self.refresh_button.setEnabled(True)
        self.refresh_progress.hide()
        self._show_refresh_result(text, tone)

    def _show_refresh_result(self, text: str, tone: Tone | None) -> None:
        self.refresh_label.setText(text)
        self.refresh_label.setToolTip(plain_tooltip(text))
        self.refresh_label.setStyleSheet("" if tone is None else current_tones().style(tone))

    def _toggle_star(self, row: int) -> None:
        service, gone = self.model.service(row), self.model.gone_at(row)
        if service is not None:
            self.book.toggle(service)
        elif gone is not None:
            self.book.unstar(gone.service_id)

    def _show_selected(self) -> None:
        row = self._selected_row()
        self._details_shown = row is not None
        gone = None if row is None else self.model.gone_at(row)
        if gone is not None:
            self.details.show_gone(gone)
            self.score.clear()
            self.favourite_action.setEnabled(True)
            self.favourite_action.setText(favourite_action_text(True))
            self.order_action.setEnabled(False)
            return
        service = self.selected_service()
        info = self.model.changes.get(service.id) if service else None
        starred = service is not None and self.book.is_starred(service.id)
        self.details.show_service(service, self.model.currency, info, starred)
        panel_id = self._context.panel_id
        if service is None or not panel_id:
            self.score.clear()
        else:
            self.score.show_service(panel_id, service.id)
        self.favourite_action.setEnabled(service is not None)
        self.favourite_action.setText(favourite_action_text(starred))
        self.order_action.setEnabled(service is not None)

    def _update_age(self) -> None:
        fetched_at = self._context.fetched_at
        if fetched_at is None:
            loading = translate("Services", "Loading catalogue…") if self._context.panel_id else ""
            self.age_label.setText(loading)
            self.age_label.setToolTip("")
            return
        text = catalogue_text(
            len(self.model.services), format_age(fetched_at, datetime.now(UTC)), self._from_cache
        )
        tip = translate("Services", "Fetched {time}").format(time=format_time(fetched_at))
        panel_id, skipped = self._skipped
        if skipped and panel_id == self._context.panel_id:
            text = f"{text} · {skipped_text(skipped)}"
            tip = f"{tip}\n\n{skipped_details(skipped)}"
        self.age_label.setText(text)
        self.age_label.setToolTip(plain_tooltip(f"{text}\n{tip}"))


def catalogue_text(count: int, age: str, from_cache: bool) -> str:
    """`120 services · fetched 5 min ago` (`· catalogue from cache, fetched …` when it was
    read from the cache)."""
    if from_cache:
        if count == 1:
            text = translate("Services", "1 service · catalogue from cache, fetched {age}")
        else:
            text = translate("Services", "{count} services · catalogue from cache, fetched {age}")
    elif count == 1:
        text = translate("Services", "1 service · fetched {age}")
    else:
        text = translate("Services", "{count} services · fetched {age}")
    return text.format(count=format_count(count), age=age)


def refreshed_text(diff: CatalogueDiff | None) -> str:
    """What a refresh found, against the catalogue fetched before it."""
    if diff is None or diff.is_first_fetch:
        return translate("Services", "Catalogue refreshed")
    if diff.is_empty:
        return translate("Services", "Catalogue refreshed: no changes since the last fetch")
    return translate(
        "Services", "Catalogue refreshed: {new} new, {repriced} re-priced, {gone} no longer listed"
    ).format(
        new=format_count(len(diff.added)),
        repriced=format_count(len(diff.repriced)),
        gone=format_count(len(diff.removed)),
    )


def no_match_note() -> str:
    return translate("Services", "No service matches the search and filters.")


def skipped_text(skipped: Sequence[SkippedItem]) -> str:
    """ "2 services were skipped: service 12: invalid rate (…); entry 40: …" """
    named = "; ".join(item.describe() for item in skipped[:SKIPPED_NAMED])
    entries = f"{named}; …" if len(skipped) > SKIPPED_NAMED else named
    if len(skipped) == 1:
        text = translate("Services", "1 service was skipped: {entries}")
    else:
        text = translate("Services", "{count} services were skipped: {entries}")
    return text.format(count=format_count(len(skipped)), entries=entries)


def skipped_details(skipped: Sequence[SkippedItem]) -> str:
    """The tooltip's account: why, what the table shows instead, and the entries."""
    lines = [item.describe() for item in skipped[:SKIPPED_LISTED]]
    if len(skipped) > SKIPPED_LISTED:
        more = translate("Services", "… and {count} more")
        lines.append(more.format(count=format_count(len(skipped) - SKIPPED_LISTED)))
    account = translate(
        "Services",
        "The panel's answer had entries SMMDesk could not read. A skipped service that was"
        " cached before keeps its cached details here.",
    )
    return "\n".join([account, *lines])


def _bound_width(label: QLabel) -> None:
    """A wrapped label whose longest word (a file path, a panel's message) does not set
    the window's least width."""
    policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
