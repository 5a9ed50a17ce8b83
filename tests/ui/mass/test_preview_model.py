"""`PreviewModel` and `PreviewProxy`: verdicts in words, edits reported (never applied by
the model itself), outcomes after placing, sorting and the kind tabs."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.mass.columns import PreviewColumn
from smmdesk.ui.mass.preview_model import KIND_ROLE, PreviewModel
from smmdesk.ui.mass.preview_proxy import PreviewProxy
from tests.ui.mass.lines import check, many_lines


def model_with(text: str | None = None, **kwargs: object) -> PreviewModel:
    model = PreviewModel()
    model.set_lines(check(**kwargs).lines if text is None else check(text, **kwargs).lines)  # type: ignore[arg-type]
    return model


def cell(
    model: PreviewModel, row: int, column: PreviewColumn, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    return model.data(model.index(row, column), role)


def record(
    state: JournalState, order_id: str | None = None, error: str | None = None
) -> OrderRecord:
    now = datetime.now(UTC)
    return OrderRecord(
        1, 1, "1", "Followers", "Default", "https://instagram.com/p/one", 100, None, None, {},
        None, "USD", state, order_id, error, None, None, None, None, None, None, None,
        now, now, None, False, False,
    )  # fmt: skip


def test_model_and_proxy_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = model_with()
    qtmodeltester.check(model)
    proxy = PreviewProxy(model)
    proxy.show("invalid")
    qtmodeltester.check(proxy)


def test_every_verdict_reads_in_words_with_its_reasons() -> None:
    model = model_with()
    verdicts = [str(cell(model, row, PreviewColumn.CHECK)) for row in range(model.rowCount())]
    assert verdicts[0] == "✓ Ready"
    assert verdicts[1].startswith("✕ Invalid: Quantity")
    assert "no service 9" in verdicts[2]
    assert verdicts[3] == "⚠ Held: Line 1 has the same link"
    released = model_with(released={4})
    assert cell(released, 3, PreviewColumn.CHECK) == "✓ Send anyway: Line 1 has the same link"


def test_cells_show_service_name_quantity_charge_and_other_fields() -> None:
    model = model_with("3|https://tiktok.com/v/1|1000\n2|https://instagram.com/p/c|\n")
    assert cell(model, 0, PreviewColumn.SERVICE) == "3 · Drip views"
    assert cell(model, 0, PreviewColumn.QUANTITY) == "1,000"
    assert cell(model, 0, PreviewColumn.CHARGE) == "0.10 USD"
    assert cell(model, 0, PreviewColumn.PANEL) == "Main panel"
    csv = 'service,link,comments\n2,https://instagram.com/p/c,"great\nnice\nwow"\n'
    comments = model_with(csv)
    assert cell(comments, 0, PreviewColumn.DETAILS) == "comments: 3 lines"
    assert "great" in str(cell(comments, 0, PreviewColumn.DETAILS, Qt.ItemDataRole.ToolTipRole))


def test_a_quantity_that_is_not_a_whole_number_reads_as_typed() -> None:
    model = model_with("1|https://instagram.com/p/x|1e9")
    assert cell(model, 0, PreviewColumn.QUANTITY) == "1e9"
    assert str(cell(model, 0, PreviewColumn.CHECK)).startswith("✕ Invalid")


def test_markup_in_a_line_stays_text_in_tooltips() -> None:
    model = model_with("1|<img src=x>|100")
    tip = str(cell(model, 0, PreviewColumn.LINE, Qt.ItemDataRole.ToolTipRole))
    assert "<img" not in tip and "&lt;img" in tip


def test_editing_link_or_quantity_is_reported_not_applied(qtbot: QtBot) -> None:
    model = model_with()
    index = model.index(1, PreviewColumn.QUANTITY)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, PreviewColumn.SERVICE)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(index, Qt.ItemDataRole.EditRole) == "5"
    with qtbot.waitSignal(model.line_edited) as edited:
        assert model.setData(index, " 50 ")
    assert edited.args == [2, "quantity", "50"]
    assert cell(model, 1, PreviewColumn.QUANTITY) == "5"  # until the owner re-checks
    assert not model.setData(index, "5")  # unchanged: nothing to check


def test_show_checking_then_set_lines_updates_in_place() -> None:
    model = model_with()
    changed: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    model.modelReset.connect(lambda: resets.append(True))
    row = model.line(1)
    edited = row._replace(line=row.line._replace(fields={**row.line.fields, "quantity": "50"}))
    model.show_checking(edited)
    assert cell(model, 1, PreviewColumn.CHECK) == "Checking…"
    assert cell(model, 1, PreviewColumn.QUANTITY) == "50"
    text = "\n".join(c.line.source for c in model.lines).replace("two|5", "two|50")
    model.set_lines(check(text).lines)
    assert cell(model, 1, PreviewColumn.CHECK) == "✓ Ready"
    assert changed[-1] == (0, 4) and not resets


def test_outcomes_after_placing_say_order_id_or_the_panels_words() -> None:
    model = model_with()
    model.start_batch([1, 4, 5], {})
    assert cell(model, 0, PreviewColumn.RESULT) == "Not sent yet"
    assert cell(model, 1, PreviewColumn.RESULT) == ""  # left out of the batch
    assert not model.flags(model.index(0, PreviewColumn.LINK)) & Qt.ItemFlag.ItemIsEditable
    model.set_outcomes(
        {
            1: record(JournalState.PLACED, "777"),
            4: record(JournalState.REJECTED, error="Not enough funds on balance"),
            5: record(JournalState.UNCONFIRMED, error="No answer within 30 s"),
        }
    )
    assert cell(model, 0, PreviewColumn.RESULT) == "Order 777"
    assert cell(model, 3, PreviewColumn.RESULT) == "✕ Rejected: Not enough funds on balance"
    assert str(cell(model, 4, PreviewColumn.RESULT)).startswith("⚠ Unconfirmed: No answer")
    kinds = [cell(model, row, PreviewColumn.LINE, KIND_ROLE) for row in range(5)]
    assert kinds[0] == "ready send placed" and kinds[1] == "invalid out"


def test_proxy_shows_one_kind_at_a_time() -> None:
    model = model_with()
    proxy = PreviewProxy(model)
    assert proxy.rowCount() == 5
    proxy.show("invalid")
    assert [proxy.line(r).line.number for r in range(proxy.rowCount())] == [2, 3]
    proxy.show("send")
    assert [proxy.line(r).line.number for r in range(proxy.rowCount())] == [1, 5]
    proxy.show("")
    assert proxy.rowCount() == 5


def test_sorting_is_done_by_the_model_and_keeps_persistent_indexes() -> None:
    model = model_with()
    proxy = PreviewProxy(model)
    kept = QPersistentModelIndex(model.index(4, PreviewColumn.LINK))
    proxy.sort(PreviewColumn.CHECK, Qt.SortOrder.AscendingOrder)
    numbers = [model.line(row).line.number for row in range(5)]
    assert numbers[:2] == [2, 3] and numbers[2] == 4  # invalid, then held, then ready
    assert model.line(kept.row()).line.number == 5 and kept.column() == PreviewColumn.LINK
    proxy.sort(PreviewColumn.QUANTITY, Qt.SortOrder.DescendingOrder)
    assert model.line(0).line.number == 5  # 1,000
    proxy.sort(-1)
    assert [model.line(row).line.number for row in range(5)] == [1, 2, 3, 4, 5]


def test_a_different_set_of_lines_resets(qtbot: QtBot) -> None:
    model = model_with()
    with qtbot.waitSignal(model.modelReset):
        model.set_lines(check(many_lines(20)).lines)
    assert model.rowCount() == 20
    assert model.row_of(20) == 19
    model.clear()
    assert model.rowCount() == 0 and not model.placed


def test_outcomes_repaint_the_result_column_and_the_tabs_follow(qtbot: QtBot) -> None:
    model = model_with()
    model.start_batch([1, 4, 5], {})
    proxy = PreviewProxy(model)
    proxy.show("placed")
    assert proxy.rowCount() == 0
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom: changed.append((top.row(), top.column(), bottom.row(), bottom.column()))
    )
    model.set_outcomes(
        {1: record(JournalState.PLACED, "777"), 5: record(JournalState.PLACED, "778")}
    )
    assert changed == [(0, PreviewColumn.RESULT, 4, PreviewColumn.RESULT)]
    assert [proxy.line(r).line.number for r in range(proxy.rowCount())] == [1, 5]
    changed.clear()
    model.set_outcomes({4: record(JournalState.REJECTED, error="No funds")})
    assert changed[-1] == (3, 0, 3, PreviewColumn.RESULT)  # the rejected row is tinted whole
