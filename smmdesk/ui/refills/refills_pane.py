"""The Refills pane: every refill asked for on the active panel (or, with "All panels",
on every panel, with a Panel column), with its status.

Statuses are refreshed like orders: automatically at the user's interval (never faster)
and on "Refresh now", through `Desk.refresh_refills`; the list is re-read from the store
when a refresh finishes and when new refills were requested (from the Orders pane).
"Copy as table" (the selected refills, else every one shown) and "Export…" (every refill
shown, to CSV) are in the table's context menu and beside the search.

Emits no signals of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smmdesk.services import RefillRefreshReport
from smmdesk.services.export import REFILL_HEADER, refill_row
from smmdesk.store import RefillRecord
from smmdesk.ui.common.auto_refresh import AutoRefreshTimer
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import format_count, refresh_summary
from smmdesk.ui.common.table_exporter import TableExporter
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.common.tones import current_tones
from smmdesk.ui.refills.refills_model import RECORD_ROLE, RefillColumn, RefillsModel, RefillsProxy
from smmdesk.workers import Job, RefillsRequested, Ticket

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
HEADER_LAYOUT = "refills/header-v2"  # with the Panel column: an older layout is not restored


class RefillsPane(QWidget):
    """Listens to `Desk.refills_refreshed`, `refills_requested`, `task_failed`, the
    context's `panel_changed` and the refresh settings; emits no signals of its own."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refillsPane")
        self.context = context
        self.model = RefillsModel(self)
        self.proxy = RefillsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.model.set_panel_names(self._panel_names())
        self.refresh_timer = AutoRefreshTimer(context.settings, self)
        self._build()
        self._connect()
        self.reload()
        self.refresh_timer.follow_panel(bool(self.context.panel_id))

    # -- the contract ---------------------------------------------------------------------

    def _fit_date_columns(self) -> None:
        width = self.view.fontMetrics().horizontalAdvance("2026-11-25 13:30:00") + 16
        for column in (RefillColumn.CREATED, RefillColumn.UPDATED):
            self.view.setColumnWidth(column, width)

    def save_layout(self) -> None:
        self.context.settings.save_header(HEADER_LAYOUT, self.view.horizontalHeader())

    def restore_layout(self) -> None:
        self.context.settings.restore_header(HEADER_LAYOUT, self.view.horizontalHeader())

    @property
    def covers_all(self) -> bool:
        return self.all_panels_check.isChecked()

    def focus_search(self) -> None:
        """Ctrl+F: the search field, its text selected to type over."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh_now(self) -> None:
        """Ask about the panel's refills (with All panels: each panel with refills still
        running)."""
        panels = self._shown_panels()
        if self.covers_all:
            running = {r.panel_id for r in self.model.records() if r.is_tracked}
            panels = [panel_id for panel_id in panels if panel_id in running]
        for panel_id in panels:
            self.context.desk.refresh_refills(panel_id)
        if panels:
            self.refreshed_label.setText(translate("Refills", "Refreshing refills…"))

    def reload(self) -> None:
        """Re-read the refills shown, keeping the selection by refill record ID."""
        selected = {
            index.data(RECORD_ROLE).id for index in self.view.selectionModel().selectedRows()
        }
        reads = self.context.reads
        records = [r for panel_id in self._shown_panels() for r in reads.refills(panel_id)]
        if self.model.set_records(records) and selected:
            self._select_ids(selected)
        self._show_total()

    def _show_total(self) -> None:
        """How many refills the table lists: with a search, those it lets through."""
        search = self.search_edit.text().strip()
        self.total_label.setText(refills_count(self.proxy.rowCount(), search))

    def _shown_panels(self) -> list[int]:
        if self.covers_all:
            return [panel.id for panel in self.context.panels]
        return [self.context.panel_id] if self.context.panel_id else []

    def _shows(self, panel_id: int | None) -> bool:
        return panel_id in self._shown_panels()

    def _panel_names(self) -> dict[int, str]:
        return {panel.id: panel.name for panel in self.context.panels}

    def shown_refills(self) -> list[RefillRecord]:
        """Every refill the search lets through, in the table's order."""
        return [self.proxy.index(row, 0).data(RECORD_ROLE) for row in range(self.proxy.rowCount())]

    def selected_refills(self) -> list[RefillRecord]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.proxy.index(row, 0).data(RECORD_ROLE) for row in rows]

    def _rows_to_copy(self) -> Iterator[list[str]]:
        """The selected refills, else every refill shown."""
        return map(refill_row, self.selected_refills() or self.shown_refills())

    def _export_to(self, path: Path) -> Ticket | None:
        refills, panel_id = self.shown_refills(), self.context.panel_id
        if not panel_id:
            return None
        return self.context.desk.export_refills(panel_id, refills, path)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("refillsSearch")
        self.search_edit.setPlaceholderText(
            translate("Refills", "Search refill ID, order ID, panel, status…")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.all_panels_check = QCheckBox(translate("Refills", "All panels"), self)
        self.all_panels_check.setObjectName("refillsAllPanelsCheck")
        self.all_panels_check.setToolTip(
            translate("Refills", "Every panel's refills in one list, with a Panel column")
        )
        self.refresh_button = QPushButton(translate("Refills", "Refresh now"), self)
        self.refresh_button.setObjectName("refreshRefillsButton")
        desk = self.context.desk
        self.exporter = TableExporter(
            desk, self, "refills", "refill", REFILL_HEADER, desk.refills_exported,
            self._rows_to_copy, self._export_to,
        )  # fmt: skip
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("refillsExportButton")
        self.export_button.setDefaultAction(self.exporter.export_action)
        self.refreshed_label = plain_label(self, "refillsLastRefreshed")
        self.total_label = plain_label(self, "refillsTotal")  # it quotes the search
        self.view = QTableView(self)
        self.view.setObjectName("refillsView")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(RefillColumn.CREATED, Qt.SortOrder.DescendingOrder)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self._fit_date_columns()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.exporter.copy_action, self.exporter.export_action])
        self.view.setColumnHidden(RefillColumn.PANEL, True)
        top = QHBoxLayout()
        top.addWidget(self.all_panels_check)
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.refresh_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label)
        bottom.addStretch(1)
        bottom.addWidget(self.refreshed_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.exporter.status_row())
        layout.addLayout(bottom)

    def _connect(self) -> None:
        desk = self.context.desk
        self.search_edit.textChanged.connect(self.on_searchEdit_textChanged)
        self.all_panels_check.toggled.connect(self.on_allPanelsCheck_toggled)
        self.context.panels_edited.connect(self.on_context_panels_edited)
        self.refresh_button.clicked.connect(self.on_refreshRefillsButton_clicked)
        self.refresh_timer.timeout.connect(self.on_refreshTimer_timeout)
        desk.refills_refreshed.connect(self.on_desk_refills_refreshed)
        desk.refills_requested.connect(self.on_desk_refills_requested)
        desk.task_failed.connect(self.on_desk_task_failed)
        self.context.panel_changed.connect(self.on_context_panel_changed)

    def _select_ids(self, record_ids: set[int]) -> None:
        selection = QItemSelection()
        last = self.proxy.columnCount() - 1
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(RECORD_ROLE).id in record_ids:
                selection.select(self.proxy.index(row, 0), self.proxy.index(row, last))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.view.selectionModel().select(selection, flags)

    # -- slots ----------------------------------------------------------------------------

    @Slot(str)
    def on_searchEdit_textChanged(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_total()

    @Slot(bool)
    def on_allPanelsCheck_toggled(self, checked: bool) -> None:
        self.view.setColumnHidden(RefillColumn.PANEL, not checked)
        self.reload()
        self.refreshed_label.setText("")

    @Slot()
    def on_context_panels_edited(self) -> None:
        self.model.set_panel_names(self._panel_names())
        if self.covers_all:
            self.reload()

    @Slot()
    def on_refreshRefillsButton_clicked(self) -> None:
        self.refresh_now()

    @Slot()
    def on_refreshTimer_timeout(self) -> None:
        self.refresh_now()

    @Slot(object, object)
    def on_desk_refills_refreshed(self, ticket: Ticket, report: RefillRefreshReport) -> None:
        if not self._shows(ticket.panel_id):
            return
        self.reload()
        summary = refresh_summary(
            report.finished_at, report.checked, len(report.changed), len(report.errors)
        )
        self.refreshed_label.setText(self._on_panel(ticket, summary))

    @Slot(object, object)
    def on_desk_refills_requested(self, ticket: Ticket, _requested: RefillsRequested) -> None:
        if self._shows(ticket.panel_id):
            self.reload()

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.job is Job.REFRESH_REFILLS and self._shows(ticket.panel_id):
            failed = translate("Refills", "Refresh failed — {reason}")
            self.refreshed_label.setText(
                self._on_panel(ticket, failed.format(reason=describe(error).one_line))
            )

    def _on_panel(self, ticket: Ticket, text: str) -> str:
        """With All panels, which panel `text` is about: `Main panel: Last refreshed …`."""
        if not self.covers_all:
            return text
        panel = self.model.panel_name(ticket.panel_id or 0)
        return translate("Refills", "{panel}: {text}").format(panel=panel, text=text)

    @Slot(int)
    def on_context_panel_changed(self, _panel_id: int) -> None:
        self.reload()
        self.refreshed_label.setText("")
        self.refresh_timer.follow_panel(bool(self.context.panel_id))
        if self.refresh_timer.isActive():
            self.refresh_now()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.model.set_tones(current_tones())
        super().changeEvent(event)


def refills_count(count: int, search: str = "") -> str:
    """`1 refill`, `240 refills`; with a search, `3 refills matching “likes”`."""
    if search:
        one = translate("Refills", "1 refill matching “{search}”")
        many = translate("Refills", "{count} refills matching “{search}”")
    else:
        one, many = translate("Refills", "1 refill"), translate("Refills", "{count} refills")
    return (one if count == 1 else many).format(count=format_count(count), search=search)
