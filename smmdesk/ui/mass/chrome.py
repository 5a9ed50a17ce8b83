"""The widgets of the Mass order pane: the input on top, the preview table with its kind
tabs and line actions below, the counts and totals, the progress box and the buttons.

Kept apart from `MassOrderPane` so the pane reads as behaviour and this as layout. The
input and the preview share a splitter: at 1024x640 the table needs the height, while a
paste needs the room only until it is checked. It emits no signals of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.notice_banner import NoticeBanner
from smmdesk.ui.common.text import excerpt
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.input_box import MassInput
from smmdesk.ui.mass.progress_box import BatchProgressBox

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# (kind, title): the titles are marked for lupdate and translated where shown.
PREVIEW_TABS = (
    ("", str(QT_TRANSLATE_NOOP("MassOrder", "All"))),
    ("send", str(QT_TRANSLATE_NOOP("MassOrder", "To send"))),
    ("held", str(QT_TRANSLATE_NOOP("MassOrder", "Held"))),
    ("invalid", str(QT_TRANSLATE_NOOP("MassOrder", "Invalid"))),
    ("skipped", str(QT_TRANSLATE_NOOP("MassOrder", "Skipped"))),
)
PLACED_TABS = (
    ("", str(QT_TRANSLATE_NOOP("MassOrder", "All"))),
    ("placed", str(QT_TRANSLATE_NOOP("MassOrder", "Placed"))),
    ("rejected", str(QT_TRANSLATE_NOOP("MassOrder", "Rejected"))),
    ("unconfirmed", str(QT_TRANSLATE_NOOP("MassOrder", "Unconfirmed"))),
    ("unsent", str(QT_TRANSLATE_NOOP("MassOrder", "Not sent yet"))),
    ("out", str(QT_TRANSLATE_NOOP("MassOrder", "Left out"))),
)


class MassChrome(QWidget):
    """Builds the pane's widgets and actions; `MassOrderPane` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notice = NoticeBanner("massNotice", self)
        self.input = MassInput(self)
        self.kind_tabs = QTabBar(self)
        self.kind_tabs.setObjectName("massKindTabs")
        self.kind_tabs.setExpanding(False)
        self.kind_tabs.setDrawBase(False)
        self._tabs: Sequence[tuple[str, str]] = ()
        self.set_tabs(PREVIEW_TABS)
        self.view = self._make_view()
        self._make_actions()
        self.problem_label = self._label("massProblem", wrap=True)
        self.counts_label = self._label("massCounts")
        self.totals_label = self._label("massTotals", wrap=True)
        self.message_label = self._label("massMessage", wrap=True)
        self.progress = BatchProgressBox(self)
        self.place_button = QPushButton(translate("MassOrder", "Place orders…"), self)
        self.place_button.setObjectName("massPlaceButton")
        self.place_button.setEnabled(False)
        self.copy_button = QPushButton(translate("MassOrder", "Copy results"), self)
        self.copy_button.setObjectName("massCopyButton")
        self.copy_button.setToolTip(
            translate(
                "MassOrder", "Every line shown, or the selected ones, as a table (tab-separated)"
            )
        )
        self._lay_out()

    # -- what the pane sets ---------------------------------------------------------------

    def set_tabs(self, tabs: Sequence[tuple[str, str]]) -> None:
        """The kinds of line offered as tabs; the first (All) is chosen when they change."""
        if tuple(tabs) == tuple(self._tabs):
            return
        self._tabs = tabs
        blocked = self.kind_tabs.blockSignals(True)
        while self.kind_tabs.count():
            self.kind_tabs.removeTab(0)
        for kind, title in tabs:
            self.kind_tabs.setTabData(self.kind_tabs.addTab(translate("MassOrder", title)), kind)
        self.kind_tabs.setCurrentIndex(0)
        self.kind_tabs.blockSignals(blocked)

    def set_tab_counts(self, counts: Mapping[str, int]) -> None:
        for index, (kind, title) in enumerate(self._tabs):
            text = translate("MassOrder", "{kind} ({count})").format(
                kind=translate("MassOrder", title), count=format_count(counts.get(kind, 0))
            )
            if text != self.kind_tabs.tabText(index):  # each new text lays the bar out
                self.kind_tabs.setTabText(index, text)

    def current_kind(self) -> str:
        return str(self.kind_tabs.tabData(self.kind_tabs.currentIndex()) or "")

    def show_message(self, text: str, tone: Tone = Tone.MUTED) -> None:
        self.message_label.setText(excerpt(text))
        style = current_tones().style(tone)
        if style != self.message_label.styleSheet():
            self.message_label.setStyleSheet(style)
        self.message_label.setVisible(bool(text))

    def show_totals(self, text: str, short: bool) -> None:
        """Each panel's share against its balance; bold red when one is short."""
        self.totals_label.setText(text)
        style = current_tones().style(Tone.BAD, bold=True) if short else ""
        self.totals_label.setStyleSheet(style)
        self.totals_label.setVisible(bool(text))

    def show_columns(self, several_panels: bool, other_fields: bool, placed: bool) -> None:
        """Panel only when lines go to more than one, Other fields when a line has any,
        Result once the batch is placed: at 1024 pixels wide every column counts."""
        self.view.setColumnHidden(PreviewColumn.PANEL, not several_panels)
        self.view.setColumnHidden(PreviewColumn.DETAILS, not other_fields)
        self.view.setColumnHidden(PreviewColumn.RESULT, not placed)

    def give_room_to(self, preview: bool) -> None:
        """The text area is tall while there is nothing to preview, short after."""
        total = sum(self.splitter.sizes()) or self.height()
        share = 0.25 if preview else 0.6
        self.splitter.setSizes([int(total * share), total - int(total * share)])

    def show_problem(self, text: str) -> None:
        """A message about the whole text or file (too large, not text, unreadable)."""
        self.problem_label.setText(excerpt(text))
        self.problem_label.setStyleSheet(current_tones().style(Tone.BAD, bold=True))
        self.problem_label.setVisible(bool(text))

    def show_line_actions(self, placed: bool) -> None:
        """Before placing, the actions that change lines; after, Edit and send again."""
        for action in self.editing_actions():
            action.setVisible((action is self.resend_action) == placed)

    def editing_actions(self) -> list[QAction]:
        return [
            self.edit_action,
            self.skip_action,
            self.include_action,
            self.release_action,
            self.hold_action,
            self.remove_action,
            self.resend_action,
        ]

    # -- building -------------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.edit_action = self._action(
            "massEditAction",
            translate("MassOrder", "Edit line…"),
            translate("MassOrder", "Change the line's fields and check it again"),
            "Ctrl+E",
        )
        self.skip_action = self._action(
            "massSkipAction",
            translate("MassOrder", "Skip"),
            translate("MassOrder", "Leave the selected lines out of the batch"),
        )
        self.include_action = self._action(
            "massIncludeAction",
            translate("MassOrder", "Include"),
            translate("MassOrder", "Put skipped lines back into the batch"),
        )
        self.release_action = self._action(
            "massReleaseAction",
            translate("MassOrder", "Send anyway"),
            translate("MassOrder", "Send held lines although they repeat a link"),
        )
        self.hold_action = self._action(
            "massHoldAction",
            translate("MassOrder", "Hold again"),
            translate("MassOrder", "Do not send the released lines"),
        )
        self.remove_action = self._action(
            "massRemoveAction",
            translate("MassOrder", "Remove"),
            translate("MassOrder", "Remove the selected lines"),
            QKeySequence.StandardKey.Delete,
        )
        self.resend_action = self._action(
            "massResendAction",
            translate("MassOrder", "Edit and send again…"),
            translate("MassOrder", "Correct a rejected line and send it once more"),
        )
        self.copy_action = self._action(
            "massCopyAction",
            translate("MassOrder", "Copy results"),
            "",
            QKeySequence.StandardKey.Copy,
        )

    def _action(
        self, name: str, text: str, tip: str, shortcut: str | QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setEnabled(False)
        self.view.addAction(action)
        return action

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("massPreview")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # Always there, so 10,000 rows arriving do not narrow the rows already laid out:
        # the stretched columns would shrink and the table be painted twice.
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        return view

    def size_columns(self) -> None:
        metrics = self.view.fontMetrics()
        em = metrics.horizontalAdvance("M")
        widths = {
            PreviewColumn.LINE: metrics.horizontalAdvance("50,000") + 24,
            PreviewColumn.PANEL: em * 8,
            PreviewColumn.SERVICE: em * 16,
            PreviewColumn.LINK: em * 16,
            PreviewColumn.QUANTITY: em * 6,
            PreviewColumn.DETAILS: em * 10,
            PreviewColumn.CHARGE: metrics.horizontalAdvance("12,345.6789 USD") + 16,
            PreviewColumn.CHECK: em * 16,
        }
        for column, width in widths.items():
            self.view.setColumnWidth(column, width)
        self.view.setColumnWidth(PreviewColumn.RESULT, em * 16)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        wide = (
            PreviewColumn.SERVICE,
            PreviewColumn.LINK,
            PreviewColumn.CHECK,
            PreviewColumn.RESULT,
        )
        for column in wide:  # the long texts share what the window has to spare
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _label(self, name: str, wrap: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # quotes lines, files and panels
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(wrap)
        return label

    def _lay_out(self) -> None:
        toolbar = QToolBar(self)
        toolbar.setObjectName("massToolbar")
        toolbar.addActions(self.editing_actions())
        tabs_row = QHBoxLayout()
        tabs_row.addWidget(self.kind_tabs)
        tabs_row.addStretch(1)
        tabs_row.addWidget(toolbar)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.counts_label)
        summary_row.addStretch(1)
        summary_row.addWidget(self.copy_button)
        summary_row.addWidget(self.place_button)
        preview = QWidget(self)
        column = QVBoxLayout(preview)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tabs_row)
        column.addWidget(self.problem_label)
        column.addWidget(self.view, 1)
        column.addWidget(self.totals_label)
        column.addWidget(self.message_label)
        column.addWidget(self.progress)
        column.addLayout(summary_row)
        for hidden in (self.problem_label, self.totals_label, self.message_label):
            hidden.hide()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("massSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.input)
        self.splitter.addWidget(preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
