"""`ReportsTab`: spend (and profit) by day, week or month, per panel, service, category or
customer, as a chart and a table, for a date range; Export CSV… and Save chart….

The report is added up by `Desk` on a worker whenever a choice changes; the chart comes
from `report_chart` (QtCharts), imported the first time the tab is shown. Where a chart
would be empty, misleading or unreadable, a plain sentence takes its place.

Emits no signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smmdesk.services.reports import (
    MAX_CHART_PERIODS,
    Measure,
    Report,
    ReportRequest,
    chart_data,
)
from smmdesk.store.reports import Bucket, Grouping
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.errors import describe
from smmdesk.ui.common.format import counted
from smmdesk.ui.common.table_export import csv_save_dialog
from smmdesk.ui.common.text import plain_label
from smmdesk.ui.insight import report_words as words
from smmdesk.ui.insight.report_model import TITLES, ReportColumn, ReportModel
from smmdesk.ui.insight.rows_model import SortProxy
from smmdesk.ui.insight.tables import insight_table
from smmdesk.workers import Exported, Ticket

if TYPE_CHECKING:
    from smmdesk.ui.insight.report_chart import ReportChart

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
EARLIEST = QDate(2000, 1, 1)  # the picker's bounds: dates outside are typing slips
LATEST = QDate(2099, 12, 31)
# The choices' words are marked for lupdate and translated when the combo boxes are built.
RANGES = (
    (QT_TRANSLATE_NOOP("Reports", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("Reports", "Last 30 days"), 30),
    (QT_TRANSLATE_NOOP("Reports", "Last 90 days"), 90),
    (QT_TRANSLATE_NOOP("Reports", "Last 12 months"), 365),
    (QT_TRANSLATE_NOOP("Reports", "Custom"), 0),
)
_BUCKET_WORDS = (QT_TRANSLATE_NOOP("Reports", "Day"), QT_TRANSLATE_NOOP("Reports", "Week"),
                 QT_TRANSLATE_NOOP("Reports", "Month"))  # fmt: skip
_GROUP_WORDS = {
    Grouping.PANEL: QT_TRANSLATE_NOOP("Reports", "Panel"),
    Grouping.SERVICE: QT_TRANSLATE_NOOP("Reports", "Service"),
    Grouping.CATEGORY: QT_TRANSLATE_NOOP("Reports", "Category"),
    Grouping.CUSTOMER: QT_TRANSLATE_NOOP("Reports", "Customer"),
}
_MEASURE_WORDS = (QT_TRANSLATE_NOOP("Reports", "Spend"), QT_TRANSLATE_NOOP("Reports", "Profit"))


class ReportsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsTab")
        self._context = context
        self._asked: int | None = None
        self._exporting: set[int] = set()
        self._stale = True
        self.report: Report | None = None  # the one shown: what Export writes
        self._fitted: Bucket | None = None  # the kind of period the Period column fits
        self.chart: ReportChart | None = None
        self.model = ReportModel(self)
        self.proxy = SortProxy(self.model, self)
        self._build_controls()
        self.summary = plain_label(self, "reportSummary", wrap=True)
        self.note = plain_label(self, "reportNote", wrap=True)
        self.explanation = plain_label(self, "reportExplanation", wrap=True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_area = QStackedWidget(self)
        self.chart_area.setObjectName("reportChartArea")
        self.chart_area.addWidget(self.explanation)
        self.table = insight_table(self, "reportTable", self.proxy, ReportColumn.GROUP)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart_area)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self._first_row())
        layout.addLayout(self._second_row())
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        self.chart_area.setMinimumHeight(self.fontMetrics().height() * 12)
        splitter.setSizes([10_000, 8_000])
        self._connect()
        self.range.setCurrentIndex(1)

    def _build_controls(self) -> None:
        self.range = _combo(self, "reportRange", [label for label, _ in RANGES])
        self.first_day = _date_edit(self, "reportFrom")
        self.last_day = _date_edit(self, "reportTo")
        self.bucket = _combo(self, "reportBucket", _BUCKET_WORDS)
        self.grouping = _combo(self, "reportGrouping", _GROUP_WORDS.values())
        self.measure = _combo(self, "reportMeasure", _MEASURE_WORDS)
        self.currency = _combo(self, "reportCurrency", [])
        self.export_button = QPushButton(translate("Reports", "&Export CSV…"), self)
        self.export_button.setObjectName("reportExportButton")
        self.save_chart_button = QPushButton(translate("Reports", "Save &chart…"), self)
        self.save_chart_button.setObjectName("reportSaveChartButton")

    def _first_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for label, widget in (
            (translate("Reports", "&Range"), self.range),
            (translate("Reports", "&From"), self.first_day),
            (translate("Reports", "&To"), self.last_day),
            (translate("Reports", "&By"), self.bucket),
        ):
            row.addWidget(_buddy(self, label, widget))
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _second_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for label, widget in (
            (translate("Reports", "&Per"), self.grouping),
            (translate("Reports", "&Show"), self.measure),
            (translate("Reports", "C&urrency"), self.currency),
        ):
            row.addWidget(_buddy(self, label, widget))
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.export_button)
        row.addWidget(self.save_chart_button)
        return row

    def _connect(self) -> None:
        desk = self._context.desk
        desk.report_built.connect(self.on_desk_report_built)
        desk.report_exported.connect(self.on_desk_report_exported)
        desk.task_failed.connect(self.on_desk_task_failed)
        for changed in (desk.orders_refreshed, desk.order_placed, desk.orders_updated,
                        desk.orders_annotated):  # fmt: skip
            changed.connect(self.on_data_changed)
        self.range.currentIndexChanged.connect(self.on_range_currentIndexChanged)
        for edit in (self.first_day, self.last_day):
            edit.userDateChanged.connect(self.on_dates_changed)
        for combo in (self.bucket, self.grouping):
            combo.currentIndexChanged.connect(self.reload)
        self.measure.currentIndexChanged.connect(self.on_choice_changed)
        self.currency.currentIndexChanged.connect(self.on_choice_changed)
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.save_chart_button.clicked.connect(self.on_save_chart_button_clicked)

    # -- asking ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.chart is None:
            from smmdesk.ui.insight.report_chart import ReportChart  # QtCharts: only now

            self.chart = ReportChart(self.chart_area)
            self.chart_area.addWidget(self.chart)
        if self._stale:
            QTimer.singleShot(0, self, self.reload)

    def request(self) -> ReportRequest:
        week_start = QLocale().firstDayOfWeek().value
        return ReportRequest(
            _day(self.first_day.date()),
            _day(self.last_day.date()),
            list(Bucket)[self.bucket.currentIndex()],
            list(Grouping)[max(self.grouping.currentIndex(), 0)],
            week_start,
        )

    @Slot()
    def reload(self) -> None:
        """Ask for the report of the current choices (when shown; else on showing)."""
        self._stale = True
        if not self.isVisible():
            return
        self._stale = False
        request = self.request()
        problem = words.range_problem(request)
        self.export_button.setEnabled(False)  # until the lines asked for are shown
        if problem is not None:
            self._asked = None
            self.report = None
            self._explain(problem)
            self.model.set_rows([])
            self.summary.setText("")
            return
        self._asked = self._context.desk.build_report(request).serial
        self.summary.setText(translate("Reports", "Adding up your orders…"))

    @Slot()
    def on_data_changed(self, *_: object) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self, self.reload)

    @Slot(int)
    def on_range_currentIndexChanged(self, index: int) -> None:
        days = RANGES[index][1]
        if not days:
            return
        today = QDate.currentDate()
        for edit, value in ((self.first_day, today.addDays(1 - days)), (self.last_day, today)):
            edit.blockSignals(True)
            edit.setDate(value)
            edit.blockSignals(False)
        self._fit_bucket()
        self.reload()

    def _fit_bucket(self) -> None:
        """A range picked from the list gets periods its chart can draw: a year by day
        (365 bars) becomes a year by week. A finer choice that fits is the user's and
        stays, as do dates typed in (their chart says what to change)."""
        chosen = self.bucket.currentIndex()
        for at in range(chosen, len(Bucket)):
            request = replace(self.request(), bucket=list(Bucket)[at])
            if request.period_count() <= MAX_CHART_PERIODS:
                if at != chosen:
                    self.bucket.blockSignals(True)
                    self.bucket.setCurrentIndex(at)
                    self.bucket.blockSignals(False)
                return

    @Slot()
    def on_dates_changed(self, *_: object) -> None:
        self.range.blockSignals(True)
        self.range.setCurrentIndex(len(RANGES) - 1)
        self.range.blockSignals(False)
        self.reload()

    # -- answers --------------------------------------------------------------------------

    @Slot(object, object)
    def on_desk_report_built(self, ticket: Ticket, report: Report) -> None:
        if ticket.serial != self._asked:
            return
        self._asked = None
        self.report = report
        self.model.bucket = report.request.bucket
        self.model.set_rows(report.lines)
        if self._fitted != report.request.bucket:  # "week of 2026-11-23" is wider than a
            self.table.resizeColumnToContents(ReportColumn.PERIOD)  # day; the user's width stays
            self._fitted = report.request.bucket
        self.model.titles = {**TITLES, ReportColumn.GROUP: _GROUP_WORDS[report.request.grouping]}
        self._offer_customers(report.annotated)
        self._fill_currencies(report.currencies)
        self.summary.setText(words.summary(report))
        self.export_button.setEnabled(bool(report.lines))
        self._draw()

    def _offer_customers(self, annotated: bool) -> None:
        """Per customer only where orders carry customers (schema 9 onwards)."""
        model = self.grouping.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(list(Grouping).index(Grouping.CUSTOMER))
            if item is not None:
                item.setEnabled(annotated)

    def _fill_currencies(self, currencies: tuple[str, ...]) -> None:
        wanted = self.currency.currentText()
        self.currency.blockSignals(True)
        self.currency.clear()
        self.currency.addItems([words.currency_name(c) for c in currencies])
        at = self.currency.findText(wanted)
        self.currency.setCurrentIndex(max(at, 0))
        self.currency.blockSignals(False)
        self.currency.setEnabled(len(currencies) > 1)

    @Slot()
    def on_choice_changed(self, *_: object) -> None:
        if self.report is not None:
            self._draw()

    def _draw(self) -> None:
        report = self.report
        assert report is not None
        measure = list(Measure)[self.measure.currentIndex()]
        currency = self.shown_currency()
        self.note.setText(words.currency_note(report, currency))
        self.note.setVisible(bool(self.note.text()))
        problem = words.chart_problem(report, measure, date.today())
        data = None if problem is not None else chart_data(report, currency, measure)
        if data is not None:
            problem = words.empty_chart_note(data)
        if problem is not None or data is None or self.chart is None:
            self._explain(problem or "")
            return
        self.chart.show_data(data, report.request.bucket)
        self.chart_area.setCurrentWidget(self.chart)
        self.save_chart_button.setEnabled(True)

    def shown_currency(self) -> str:
        if self.report is None or not self.report.currencies:
            return ""
        return self.report.currencies[max(self.currency.currentIndex(), 0)]

    def _explain(self, text: str) -> None:
        self.explanation.setText(text)
        self.chart_area.setCurrentWidget(self.explanation)
        self.save_chart_button.setEnabled(False)

    # -- export ---------------------------------------------------------------------------

    @Slot()
    def on_export_button_clicked(self) -> None:
        title = translate("Reports", "Export report")
        dialog = csv_save_dialog(self, title, "exportReportDialog", "report.csv")
        dialog.fileSelected.connect(self.on_exportDialog_fileSelected)
        dialog.open()

    @Slot(str)
    def on_exportDialog_fileSelected(self, path: str) -> None:
        self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if self.report is not None:
            self._exporting.add(self._context.desk.export_report(self.report.lines, path).serial)

    @Slot()
    def on_save_chart_button_clicked(self) -> None:
        title = translate("Reports", "Save chart")
        dialog = QFileDialog(self, title, str(Path.home() / "report.png"))
        dialog.setObjectName("saveChartDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(translate("Reports", "PNG images (*.png)"))
        dialog.setDefaultSuffix("png")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.fileSelected.connect(self.on_saveChartDialog_fileSelected)
        dialog.open()

    @Slot(str)
    def on_saveChartDialog_fileSelected(self, path: str) -> None:
        self.save_chart_to(Path(path))

    def save_chart_to(self, path: Path) -> None:
        if self.chart is not None:
            ticket = self._context.desk.export_chart(self.chart.image(), path)
            self._exporting.add(ticket.serial)

    @Slot(object, object)
    def on_desk_report_exported(self, ticket: Ticket, exported: Exported) -> None:
        if ticket.serial in self._exporting:
            self._exporting.discard(ticket.serial)
            self.note.setText(exported_words(exported))
            self.note.setVisible(True)

    @Slot(object, object)
    def on_desk_task_failed(self, ticket: Ticket, error: Exception) -> None:
        if ticket.serial == self._asked or ticket.serial in self._exporting:
            self._exporting.discard(ticket.serial)
            self._asked = None if ticket.serial == self._asked else self._asked
            self.note.setText(describe(error).one_line)
            self.note.setVisible(True)


def exported_words(exported: Exported) -> str:
    """`Exported 12 lines to /home/me/report.csv`, or where the chart was saved."""
    if exported.path.suffix.lower() != ".csv":
        return translate("Reports", "Exported 1 chart to {path}").format(path=exported.path)
    return counted(
        exported.count,
        translate("Reports", "Exported 1 line to {path}"),
        translate("Reports", "Exported {count} lines to {path}"),
        path=exported.path,
    )


def _combo(parent: QWidget, name: str, items: Iterable[object]) -> QComboBox:
    """A combo box of texts marked with QT_TRANSLATE_NOOP("Reports", …), translated."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    combo.addItems([words.tr(item) for item in items])
    return combo


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDateRange(EARLIEST, LATEST)
    return edit


def _buddy(parent: QWidget, text: str, widget: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
