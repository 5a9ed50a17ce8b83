"""The Mass order pane: paste lines or open a file, see every line checked, fix, skip,
remove or release lines, confirm exactly what will be sent, then watch it being placed,
with Pause, Resume and Stop; a batch a quit or crash left unfinished reopens here.

`MassSession` holds the batch and talks to `Desk`; `PreviewModel` and `PreviewProxy` show
its lines; `MassChrome` lays the widgets out. This module is what happens when.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Slot
from PySide6.QtWidgets import QWidget

from smmdesk.services.mass_check import CheckedLine
from smmdesk.settings import MASS_IN_FLIGHT
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.common.format import counted
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.mass.chrome import PLACED_TABS, PREVIEW_TABS, MassChrome
from smmdesk.ui.mass.dialogs import ConfirmBatchDialog
from smmdesk.ui.mass.line_actions import LineActions
from smmdesk.ui.mass.preview_model import PreviewModel
from smmdesk.ui.mass.preview_proxy import PreviewProxy
from smmdesk.ui.mass.session import MassSession, Phase
from smmdesk.ui.mass.summary import (
    counts_text,
    left_out_text,
    outcome_counts_text,
    panel_shares,
    share_text,
    shares_of,
    unfinished_text,
)
from smmdesk.ui.mass.wording import said_text

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
HEADER_LAYOUT = "mass/header"
SPLITTER_LAYOUT = "mass/splitter"


class MassOrderPane(MassChrome):
    """Listens to its `MassSession`, the context's panels, and its own widgets."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("massOrderPane")
        self.context = context
        self.model = PreviewModel(self)
        self.proxy = PreviewProxy(self.model, self)
        self.view.setModel(self.proxy)
        # Rows are laid out as they arrive, not by the view's timer after the first paint
        # (which would paint a whole new batch twice).
        self.proxy.modelReset.connect(self.view.doItemsLayout)
        self.size_columns()
        self.session = MassSession(context, self.model, self)
        self.line_actions = LineActions(self, self.session, self.proxy)
        self._previewing = False  # the splitter gives the table the room
        self._connect()
        self.on_context_panels_edited()
        self.on_session_phase_changed(self.session.phase)
        self.session.look_for_unfinished()

    # -- the contract ---------------------------------------------------------------------

    def save_layout(self) -> None:
        settings = self.context.settings
        settings.save_header(HEADER_LAYOUT, self.view.horizontalHeader())
        settings.set_geometry(SPLITTER_LAYOUT, self.splitter.saveState())

    def restore_layout(self) -> None:
        settings = self.context.settings
        settings.restore_header(HEADER_LAYOUT, self.view.horizontalHeader())
        state = settings.geometry(SPLITTER_LAYOUT)
        if state is not None:
            self.splitter.restoreState(state)

    def selected_lines(self) -> list[CheckedLine]:
        return self.line_actions.selected_lines()

    def _connect(self) -> None:
        session, inputs = self.session, self.input
        inputs.check_requested.connect(self.on_input_check_requested)
        inputs.file_chosen.connect(self.on_input_file_chosen)
        inputs.paste_refused.connect(self.on_input_paste_refused)
        inputs.clear_button.clicked.connect(self.on_clearButton_clicked)
        session.phase_changed.connect(self.on_session_phase_changed)
        session.checked.connect(self.on_session_checked)
        session.progressed.connect(self.on_session_progressed)
        session.balances_changed.connect(self.on_session_balances_changed)
        session.failed.connect(self.on_session_failed)
        self.kind_tabs.currentChanged.connect(self.on_kindTabs_currentChanged)
        self.place_button.clicked.connect(self.on_placeButton_clicked)
        self.progress.pause_clicked.connect(session.pause)
        self.progress.stop_clicked.connect(self.on_progress_stop_clicked)
        self.progress.resume_clicked.connect(self.on_progress_resume_clicked)
        self.notice.action_clicked.connect(self.on_notice_action_clicked)
        self.context.panels_edited.connect(self.on_context_panels_edited)
        self.context.panel_changed.connect(self.on_context_panel_changed)
        self.context.desk.history_opened.connect(self.on_desk_history_opened)

    # -- reading and checking -------------------------------------------------------------

    @Slot()
    def on_input_check_requested(self) -> None:
        text = self.input.text
        if not text.strip():
            self.show_message(
                translate("MassOrder", "Paste lines (or open a file) first."), Tone.WARN
            )
            return
        self.session.check_text(text, self.input.panel_id())
        self.input.set_source(translate("MassOrder", "Pasted lines"))

    @Slot(object)
    def on_input_file_chosen(self, path: Path) -> None:
        self.session.check_file(path, self.input.panel_id())
        self.input.set_source(path.name)

    @Slot(str)
    def on_input_paste_refused(self, why: str) -> None:
        self.show_message(why, Tone.BAD)

    @Slot()
    def on_clearButton_clicked(self) -> None:
        if not self.session.phase.running:
            self.session.clear()
            self.input.clear()
            self.notice.hide()
            self.show_message("")

    @Slot()
    def on_session_checked(self) -> None:
        self.show_problem(said_text(self.session.problem) if self.session.problem else "")
        self.show_message("")
        self._show_counts()
        self.on_session_balances_changed()
        self._fit_columns()

    def _fit_columns(self) -> None:
        facts = self.session.facts
        several = len(facts.panel_ids) > 1 or facts.named_panels
        self.show_columns(several, facts.other_fields, self._placed_layout())

    @Slot()
    def on_session_balances_changed(self) -> None:
        if self._placed_layout():
            return
        totals = self.session.check.totals if self.session.check else ()
        shares = shares_of(totals, self.session.balances.amounts)
        text = "\n".join(
            translate("MassOrder", "{panel}: {share}").format(
                panel=share.panel_name, share=share_text(share)
            )
            for share in shares
        )
        self.show_totals(text, any(share.short_by for share in shares))

    # -- placing --------------------------------------------------------------------------

    @Slot()
    def on_placeButton_clicked(self) -> None:
        check = self.session.check
        if (
            self.session.phase is not Phase.PREVIEW
            or check is None
            or not self.session.facts.to_send
        ):
            return
        shares = shares_of(check.totals, self.session.balances.amounts)
        not_sent = left_out_text(self.session.verdict_counts())
        dialog = ConfirmBatchDialog(shares, not_sent, self._in_flight(), self)
        dialog.accepted.connect(self.on_confirmBatchDialog_accepted)
        dialog.open()

    @Slot()
    def on_confirmBatchDialog_accepted(self) -> None:
        if self.session.phase is Phase.PREVIEW:
            self.session.place()
        elif self.session.phase is Phase.STOPPED:
            self.session.resume()

    @Slot()
    def on_progress_resume_clicked(self) -> None:
        if self.session.phase is Phase.PAUSED:
            self.session.resume()
            return
        never_sent = self.session.never_sent()
        if self.session.phase is not Phase.STOPPED or not never_sent:
            return
        sent = {kind: n for kind, n in self.session.counts().items() if kind != "unsent"}
        not_again = translate("MassOrder", "{lines} (not sent again)").format(
            lines=outcome_counts_text(sent) or translate("MassOrder", "no line")
        )
        shares = panel_shares(never_sent, self.session.balances.amounts)
        dialog = ConfirmBatchDialog(shares, not_again, self._in_flight(), self, resume=True)
        dialog.accepted.connect(self.on_confirmBatchDialog_accepted)
        dialog.open()

    @Slot()
    def on_progress_stop_clicked(self) -> None:
        self.session.stop()
        self.show_message(
            translate("MassOrder", "Stopping: lines being sent finish, no other line is sent."),
            Tone.WARN,
        )

    @Slot(object)
    def on_session_phase_changed(self, phase: Phase) -> None:
        placed = self._placed_layout()
        self.set_tabs(PLACED_TABS if placed else PREVIEW_TABS)
        self.proxy.show(self.current_kind())
        self.input.set_editable(not phase.running)
        self.input.clear_button.setEnabled(not phase.running)
        self.place_button.setVisible(not placed)
        self.place_button.setEnabled(phase is Phase.PREVIEW and bool(self.session.facts.to_send))
        if placed:  # before the progress box shows: a shown bar repaints the window at once
            self.show_totals("", False)
            self.on_session_progressed()
        self.progress.show_phase(phase, self.session.counts()["unsent"])
        if phase is Phase.CHECKING:
            self.show_message(translate("MassOrder", "Checking the lines…"), Tone.BUSY)
        elif phase in (Phase.STOPPED, Phase.DONE):
            self.show_message("")  # the progress box says how it ended
        self.show_line_actions(placed)
        self.input.hint.setVisible(not placed)
        if phase is not Phase.STOPPED:
            self.notice.hide()
        self._fit_columns()
        previewing = self.model.rowCount() > 0
        if previewing != self._previewing and phase is not Phase.CHECKING:
            self._previewing = previewing
            self.give_room_to(previewing)
        self.line_actions.update()

    @Slot()
    def on_session_progressed(self) -> None:
        counts = self.session.counts()
        progress = self.session.progress
        self.progress.show_counts(
            self.session.phase, counts, progress.seconds_left if progress else None
        )
        if self.session.phase is Phase.STOPPED:
            self.progress.show_phase(Phase.STOPPED, counts["unsent"])
        self._show_counts()
        self._show_unfinished(counts)

    @Slot(str)
    def on_session_failed(self, text: str) -> None:
        self.show_message(text, Tone.BAD)

    # -- unfinished batches ---------------------------------------------------------------

    @Slot()
    def on_desk_history_opened(self) -> None:
        """Start-up recovered what a crash left `sending`: look for unfinished batches
        again, so the notice counts those lines as unconfirmed."""
        if self.session.phase in (Phase.EMPTY, Phase.STOPPED):
            self.session.look_for_unfinished()

    def _show_unfinished(self, counts: Counter[str]) -> None:
        batch = self.session.batch
        unfinished = [b.id for b in self.session.unfinished]
        if batch is None or batch.id not in unfinished or self.session.phase is not Phase.STOPPED:
            return
        others = len(unfinished) - 1
        self.notice.show_notice(
            unfinished_text(batch, counts, others),
            translate("MassOrder", "Show the next one") if others else "",
        )

    @Slot()
    def on_notice_action_clicked(self) -> None:
        batches = [b.id for b in self.session.unfinished]
        current = self.session.batch.id if self.session.batch else None
        if current in batches and len(batches) > 1:
            self.session.open_batch(batches[(batches.index(current) + 1) % len(batches)])

    # -- helpers --------------------------------------------------------------------------

    @Slot(int)
    def on_kindTabs_currentChanged(self, _index: int) -> None:
        self.proxy.show(self.current_kind())
        self.line_actions.update()

    @Slot()
    def on_context_panels_edited(self) -> None:
        self.input.set_panels(self.context.panels, self.context.panel_id)

    @Slot(int)
    def on_context_panel_changed(self, panel_id: int) -> None:
        """Until lines are checked, the batch goes to the panel the user works with."""
        if self.session.phase is Phase.EMPTY:
            self.input.choose_panel(panel_id)

    def _show_counts(self) -> None:
        if self._placed_layout():
            counts = self.session.counts()
            counts["out"] = self.model.rowCount() - len(self.model.outcomes)
            counts[""] = self.model.rowCount()
            self.counts_label.setText("")  # the progress box counts them
        else:
            counts = self.session.verdict_counts()
            counts[""] = sum(counts[k] for k in ("ready", "held", "invalid", "skipped"))
            self.counts_label.setText(counts_text(counts) if counts[""] else "")
            to_send = counts["send"]
            self.place_button.setText(
                counted(
                    to_send,
                    translate("MassOrder", "Place 1 order…"),
                    translate("MassOrder", "Place {count} orders…"),
                )
                if to_send
                else translate("MassOrder", "Place orders…")
            )
            self.place_button.setEnabled(self.session.phase is Phase.PREVIEW and to_send > 0)
        self.set_tab_counts(counts)

    def _placed_layout(self) -> bool:
        """The layout of a placed batch (tabs by outcome, a Result column) from the
        moment the user confirms: switching then, while nothing is sent yet, spares
        the GUI thread a second relayout and full repaint once sending has begun
        (45 ms each, measured; far more while the placer's threads hold the GIL)."""
        return self.session.batch is not None or self.session.phase.running

    def _in_flight(self) -> int:
        return int(self.context.settings.get(MASS_IN_FLIGHT))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.model.set_tones(current_tones())
        super().changeEvent(event)
