"""`ScoreModel`: the provider scorecard, one row per service (or per panel); every
figure says how many orders it rests on."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from smmdesk.api import OrderState
from smmdesk.services.scorecard import Score
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.insight.rows_model import RowsModel
from smmdesk.ui.insight.wording import (
    amounts_text,
    p90_text,
    share_text,
    spread_sentence,
    spread_text,
)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class ScoreColumn(IntEnum):
    PANEL = 0
    SERVICE = 1
    ORDERS = 2
    SPEND = 3
    TO_START = 4
    START_P90 = 5
    TO_COMPLETE = 6
    COMPLETE_P90 = 7
    PARTIAL = 8
    CANCELED = 9
    REFUNDED = 10
    FAILED = 11
    REFILLS = 12
    STUCK = 13


TITLES = {
    ScoreColumn.PANEL: QT_TRANSLATE_NOOP("Scorecard", "Panel"),
    ScoreColumn.SERVICE: QT_TRANSLATE_NOOP("Scorecard", "Service"),
    ScoreColumn.ORDERS: QT_TRANSLATE_NOOP("Scorecard", "Orders"),
    ScoreColumn.SPEND: QT_TRANSLATE_NOOP("Scorecard", "Spend"),
    ScoreColumn.TO_START: QT_TRANSLATE_NOOP("Scorecard", "Placed → started"),
    ScoreColumn.START_P90: QT_TRANSLATE_NOOP("Scorecard", "90% started within"),
    ScoreColumn.TO_COMPLETE: QT_TRANSLATE_NOOP("Scorecard", "Placed → completed"),
    ScoreColumn.COMPLETE_P90: QT_TRANSLATE_NOOP("Scorecard", "90% completed within"),
    ScoreColumn.PARTIAL: QT_TRANSLATE_NOOP("Scorecard", "Partial"),
    ScoreColumn.CANCELED: QT_TRANSLATE_NOOP("Scorecard", "Canceled"),
    ScoreColumn.REFUNDED: QT_TRANSLATE_NOOP("Scorecard", "Refunded"),
    ScoreColumn.FAILED: QT_TRANSLATE_NOOP("Scorecard", "Failed"),
    ScoreColumn.REFILLS: QT_TRANSLATE_NOOP("Scorecard", "Refills"),
    ScoreColumn.STUCK: QT_TRANSLATE_NOOP("Scorecard", "Stuck"),
}
# How the details name each outcome in a sentence ("partial 12% (6 of 50)").
OUTCOME_WORDS = {
    ScoreColumn.PARTIAL: QT_TRANSLATE_NOOP("Scorecard", "partial"),
    ScoreColumn.CANCELED: QT_TRANSLATE_NOOP("Scorecard", "canceled"),
    ScoreColumn.REFUNDED: QT_TRANSLATE_NOOP("Scorecard", "refunded"),
    ScoreColumn.FAILED: QT_TRANSLATE_NOOP("Scorecard", "failed"),
}
OUTCOMES = {
    ScoreColumn.PARTIAL: OrderState.PARTIAL,
    ScoreColumn.CANCELED: OrderState.CANCELED,
    ScoreColumn.REFUNDED: OrderState.REFUNDED,
    ScoreColumn.FAILED: OrderState.FAILED,
}


def refills_text(score: Score) -> str:
    """`5 asked: 3 done, 1 refused`; empty when none was asked."""
    if not score.refills:
        return ""
    return translate("Scorecard", "{asked} asked: {done} done, {refused} refused").format(
        asked=format_count(score.refills),
        done=format_count(score.refills_done),
        refused=format_count(score.refills_refused),
    )


class ScoreModel(RowsModel[Score]):
    columns = ScoreColumn
    context = "Scorecard"
    titles = TITLES
    numeric = frozenset({ScoreColumn.ORDERS, ScoreColumn.STUCK})
    tooltip_columns = frozenset({ScoreColumn.SERVICE})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel_names: dict[int, str] = {}

    def display(self, row: Score, column: int) -> str:
        match column:
            case ScoreColumn.PANEL:
                own = row.name if row.service_id is None else ""
                return self.panel_names.get(row.panel_id, own)
            case ScoreColumn.SERVICE:
                if row.service_id is None:
                    return translate("Scorecard", "(every service)")
                return row.name
            case ScoreColumn.ORDERS:
                return format_count(row.orders)
            case ScoreColumn.SPEND:
                return amounts_text(row.spend)
            case ScoreColumn.TO_START:
                return spread_text(row.to_start)
            case ScoreColumn.START_P90:
                return p90_text(row.to_start, headed=True)
            case ScoreColumn.TO_COMPLETE:
                return spread_text(row.to_finish)
            case ScoreColumn.COMPLETE_P90:
                return p90_text(row.to_finish, headed=True)
            case ScoreColumn.REFILLS:
                return refills_text(row)
            case ScoreColumn.STUCK:
                return format_count(row.stuck) if row.stuck else ""
        state = OUTCOMES[ScoreColumn(column)]
        return share_text(row.outcomes.get(state, 0), row.finished)

    def sort_value(self, row: Score, column: int) -> Any:
        match column:
            case ScoreColumn.ORDERS:
                return row.orders
            case ScoreColumn.SPEND:
                return max(row.spend.values(), default=None)
            case ScoreColumn.TO_START:
                return row.to_start.median
            case ScoreColumn.START_P90:
                return row.to_start.p90
            case ScoreColumn.TO_COMPLETE:
                return row.to_finish.median
            case ScoreColumn.COMPLETE_P90:
                return row.to_finish.p90
            case ScoreColumn.REFILLS:
                return row.refills
            case ScoreColumn.STUCK:
                return row.stuck
        if column in OUTCOMES:
            return row.rate(OUTCOMES[ScoreColumn(column)])
        return self.display(row, column).casefold()


def score_lines(score: Score) -> str:
    """A service's score in a few lines, for the services details."""
    lines = [
        counted(
            score.orders,
            translate("Scorecard", "From your 1 order: {spent} spent."),
            translate("Scorecard", "From your {count} orders: {spent} spent."),
            spent=amounts_text(score.spend),
        ),
        translate("Scorecard", "Placed → started: {spread}.").format(
            spread=spread_sentence(score.to_start)
        ),
        translate("Scorecard", "Placed → completed: {spread}.").format(
            spread=spread_sentence(score.to_finish)
        ),
    ]
    shares = [
        translate("Scorecard", "{outcome} {share}").format(
            outcome=translate("Scorecard", str(OUTCOME_WORDS[column])),
            share=share_text(score.outcomes.get(state, 0), score.finished),
        )
        for column, state in OUTCOMES.items()
        if score.outcomes.get(state, 0)
    ]
    if shares:
        lines.append(
            counted(
                score.finished,
                translate("Scorecard", "Of 1 finished order: {shares}."),
                translate("Scorecard", "Of {count} finished orders: {shares}."),
                shares="; ".join(shares),
            )
        )
    if score.refills:
        lines.append(
            translate("Scorecard", "Refills: {refills}.").format(refills=refills_text(score))
        )
    if score.stuck:
        lines.append(
            counted(
                score.stuck,
                translate("Scorecard", "1 order with no progress lately."),
                translate("Scorecard", "{count} orders with no progress lately."),
            )
        )
    return "\n".join(lines)
