"""Every word the Mass order pane shows goes through Qt's translation system: with a
pseudo-translation installed (each text of the pane's contexts wrapped in « »), its
controls, column headers, tabs, counts, verdicts with their reasons, outcomes and
dialogs come out wrapped; the lines' own data (links, IDs, panel names) does not.

What reading and checking say below the UI is English (`Said`s), each template marked for
lupdate where the pane can find it; without a translation the words are the English ones
the other tests read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from smmdesk.api import mass_lines
from smmdesk.api.mass_lines import parse_mass_text
from smmdesk.api.said import Said
from smmdesk.services import mass_words
from smmdesk.store import ActiveOnLink, BatchRecord, JournalState
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.mass import cells, wording
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.dialogs import ConfirmBatchDialog, EditLineDialog
from smmdesk.ui.mass.mass_pane import MassOrderPane
from smmdesk.ui.mass.summary import PanelShare, progress_text, share_text, unfinished_text
from smmdesk.workers import DeskError
from smmdesk.workers.batches import NO_LONGER_KNOWN
from tests.ui.mass.conftest import check_text, lines_text, plain_service
from tests.ui.mass.lines import TEXT, check
from tests.ui.pseudo import pseudo_translation
from tests.ui.pseudo import wrapped as wrapped_alone

CONTEXTS = frozenset({"MassOrder", "MassCheck", "MassLines", "OrderFields", "OrderProblems"})


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    with pseudo_translation(qapp, CONTEXTS):
        yield


def wrapped(text: str) -> bool:
    """Nothing but translated texts, joined by separators such as " · "."""
    return wrapped_alone(text, joiners=" ·;,\n")


def test_the_pane_speaks_through_translations(
    qtbot: QtBot, pseudo: None, pane: MassOrderPane, context: AppContext
) -> None:
    service = plain_service(context)
    text = lines_text(service, 2) + f"\n{service.id}|https://instagram.com/p/1|{service.min}"
    text += "\nnot a line\n99999|https://instagram.com/p/z|10"
    check_text(qtbot, pane, text)
    shown = [pane.place_button.text(), pane.copy_button.text(), pane.counts_label.text()]
    shown += [pane.kind_tabs.tabText(i) for i in range(pane.kind_tabs.count())]
    shown += [action.text() for action in pane.editing_actions()]
    shown += [pane.input.check_button.text(), pane.input.text_edit.placeholderText()]
    shown += [pane.input.hint.text(), pane.progress.pause_button.text()]
    shown += [PreviewColumn(column).title for column in PreviewColumn]
    checks = [pane.model.data(pane.model.index(row, PreviewColumn.CHECK)) for row in range(5)]
    assert all(wrapped(str(text)) for text in shown + checks), shown + checks
    assert "Line 1" in str(checks[2]) and "99999" in str(checks[4])  # the values stay


def test_verdicts_and_reasons_are_said_in_the_users_language(pseudo: None) -> None:
    result = check(TEXT + "\n2|https://instagram.com/p/c|")
    texts = [cells.verdict_text(line) for line in result.lines]
    assert all(wrapped(text) for text in texts), texts
    assert "Main panel" in texts[2] and "9" in texts[2]
    active = ActiveOnLink(1, 1, "777", JournalState.UNCONFIRMED, 3)
    held = check("1|https://instagram.com/p/a|100", active={"instagram.com/p/a": active})
    [said] = held.lines[0].problems
    assert wrapped(wording.said_text(said)) and "777" in wording.said_text(said)


def test_reading_problems_and_the_desks_refusals_are_translated(pseudo: None) -> None:
    read = parse_mass_text("service,link,bogus,link\n1,x\nx,y,z,w,v,u\n")
    problems = [line.problem for line in read if line.problem]
    problems += [
        parse_mass_text("x\n" * (mass_lines.MAX_LINES + 1))[0].problem or "",
        mass_lines.NOT_TEXT,
        mass_lines.PIPE_SHAPE,
    ]
    assert all(wrapped(wording.said_text(problem)) for problem in problems), problems
    refusal = wording.failure_words(DeskError(Said("MassOrder", NO_LONGER_KNOWN)))
    assert "«This mass order is no longer in the history.»" in refusal


def test_sentences_dialogs_and_outcomes_are_translated(
    qtbot: QtBot, pseudo: None, pane: MassOrderPane
) -> None:
    share = PanelShare(1, "Main", 3, Decimal("1.5"), "USD", Decimal("1"))
    batch = BatchRecord(1, datetime.now(UTC), "orders.csv", 3, 1, 0, 1, 0, 1, False)
    counts = {"placed": 1, "unconfirmed": 1, "unsent": 1}
    texts = [share_text(share), progress_text(2, 3, counts, 90), unfinished_text(batch, counts, 2)]
    assert all(wrapped(text) for text in texts), texts
    confirm = ConfirmBatchDialog([share], "nothing", 2, pane)
    edit = EditLineDialog(check().lines[1], pane)
    dialog_texts = [confirm.windowTitle(), confirm.yes_button.text(), edit.windowTitle()]
    assert all(wrapped(text) for text in dialog_texts), dialog_texts
    assert wrapped(cells.outcome_text(None, True))


def test_every_template_reading_uses_is_marked_for_translation() -> None:
    """api.mass_lines has no Qt: its templates are marked in `ui.mass.wording`, and must
    all be there for lupdate to find them."""
    used = {
        value.template if isinstance(value, Said) else value
        for name, value in vars(mass_lines).items()
        if name.isupper() and isinstance(value, str) and (isinstance(value, Said) or "{" in value)
    }
    assert used <= set(map(str, wording.LINE_TEMPLATES))
    assert mass_words.WORDS == "MassCheck"


def test_without_a_translation_the_words_are_english() -> None:
    [_, low, unknown, repeated, _] = check().lines
    assert cells.verdict_text(low) == "✕ Invalid: Quantity: at least 10 (you have 5)"
    assert cells.verdict_text(unknown) == "✕ Invalid: Main panel has no service 9"
    assert cells.verdict_text(repeated) == "⚠ Held: Line 1 has the same link"
