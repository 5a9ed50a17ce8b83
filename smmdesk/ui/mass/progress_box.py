"""The bar under a batch being placed: done of total, placed, rejected and unconfirmed
lines, time left, and Pause, Resume and Stop.

It shows what `MassSession` knows and turns the three buttons into signals; which of them
is offered follows the session's phase.

Signals:
    pause_clicked()
    resume_clicked()
    stop_clicked()
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.mass.session import Phase
from smmdesk.ui.mass.summary import outcome_counts_text, progress_text

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
SENT_KINDS = ("placed", "rejected", "unconfirmed", "dismissed")


class BatchProgressBox(QWidget):
    pause_clicked = Signal()
    resume_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("massProgress")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("massProgressBar")
        self.bar.setFormat(translate("MassOrder", "%v of %m"))
        self.bar.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.label = QLabel(self)
        self.label.setObjectName("massProgressText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.pause_button = self._button(
            "massPauseButton",
            translate("MassOrder", "Pause"),
            translate("MassOrder", "Send no further line for now"),
        )
        self.resume_button = self._button(
            "massResumeButton",
            translate("MassOrder", "Resume"),
            translate("MassOrder", "Send the lines not sent yet"),
        )
        self.stop_button = self._button(
            "massStopButton",
            translate("MassOrder", "Stop"),
            translate("MassOrder", "Send no further line; lines being sent finish"),
        )
        self.pause_button.clicked.connect(self.pause_clicked)
        self.resume_button.clicked.connect(self.resume_clicked)
        self.stop_button.clicked.connect(self.stop_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        for button in (self.pause_button, self.resume_button, self.stop_button):
            layout.addWidget(button)
        self.hide()

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        return button

    def show_phase(self, phase: Phase, never_sent: int) -> None:
        """Offer what the phase allows: Pause and Stop while sending, Resume (and Stop)
        while paused, Resume after a stop while lines were never sent."""
        self.setVisible(
            phase in (Phase.STORING, Phase.PLACING, Phase.PAUSED, Phase.STOPPED, Phase.DONE)
        )
        self.pause_button.setVisible(phase in (Phase.STORING, Phase.PLACING))
        self.pause_button.setEnabled(phase is Phase.PLACING)
        self.stop_button.setVisible(phase.running)
        self.stop_button.setEnabled(phase in (Phase.PLACING, Phase.PAUSED))
        resumable = phase is Phase.PAUSED or (phase is Phase.STOPPED and never_sent > 0)
        self.resume_button.setVisible(resumable)
        self.resume_button.setText(
            translate("MassOrder", "Resume")
            if phase is Phase.PAUSED
            else translate("MassOrder", "Resume ({count} never sent)…").format(
                count=format_count(never_sent)
            )
        )

    def show_counts(
        self, phase: Phase, counts: Mapping[str, int], seconds_left: float | None
    ) -> None:
        """`counts` holds every line of the batch by outcome (see `MassSession.counts`)."""
        total = sum(counts.values())
        done = sum(counts.get(kind, 0) for kind in SENT_KINDS)
        self._set_bar(done, total)
        tones = current_tones()
        if phase is Phase.DONE:
            text = translate("MassOrder", "Done: {outcomes}")
            text, tone = text.format(outcomes=outcome_counts_text(counts)), _done_tone(counts)
        elif phase is Phase.STOPPED:
            text = translate("MassOrder", "Stopped: {outcomes}")
            text, tone = text.format(outcomes=outcome_counts_text(counts)), Tone.WARN
        elif phase is Phase.PAUSED:
            text = translate("MassOrder", "Paused: {progress}")
            text, tone = text.format(progress=progress_text(done, total, counts, None)), Tone.WARN
        elif phase is Phase.STORING:
            text = translate("MassOrder", "Writing the batch down before anything is sent…")
            tone = Tone.BUSY
        else:
            text, tone = progress_text(done, total, counts, seconds_left), Tone.BUSY
        self.label.setText(text)
        style = tones.style(tone)
        if style != self.label.styleSheet():  # a new style sheet re-polishes the label
            self.label.setStyleSheet(style)

    def _set_bar(self, done: int, total: int) -> None:
        """`QProgressBar.setValue` repaints the window at once, on this thread, holding
        the GIL all the while: the placing threads waited for each repaint. With updates
        off it only marks the bar, painted with the rest by the event loop."""
        self.bar.setUpdatesEnabled(False)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setUpdatesEnabled(True)


def _done_tone(counts: Mapping[str, int]) -> Tone:
    if counts.get("rejected") or counts.get("unconfirmed"):
        return Tone.WARN
    return Tone.GOOD
