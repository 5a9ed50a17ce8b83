"""The words of the duplicate-link guard: which active orders already work on a link.

Panels refuse a second order for a link with an active one, or run both on top of each
other, and an *unconfirmed* order may be on the panel already: the form and the
confirmation name each such "twin" (panel, order, service, status, age) and say what to
check before ordering again. The orders come from `LocalReads.active_orders_on_link`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.format import format_age, format_count, format_id

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
PanelName = Callable[[int], str]
SHOWN = 5

_JOURNAL_WORDS = {
    JournalState.SENDING: QT_TRANSLATE_NOOP("OrderTwins", "being sent"),
    JournalState.UNCONFIRMED: QT_TRANSLATE_NOOP("OrderTwins", "unconfirmed"),
}


def twin_line(record: OrderRecord, panel_name: PanelName, now: datetime | None = None) -> str:
    """`Main panel · order 100234 · Instagram Likes · Pending · 5 min ago`."""
    order = (
        translate("OrderTwins", "order {id}").format(id=format_id(record.order_id))
        if record.order_id
        else translate("OrderTwins", "#{id} (no order ID yet)").format(id=record.id)
    )
    service = record.service_name or translate("OrderTwins", "service {id}").format(
        id=record.service_id
    )
    parts = (
        panel_name(record.panel_id),
        order,
        service,
        _status(record),
        format_age(record.created_at, now or datetime.now(UTC)),
    )
    return " · ".join(parts)


def twin_lines(
    records: Sequence[OrderRecord], panel_name: PanelName, now: datetime | None = None
) -> tuple[str, ...]:
    """One line per twin, the first `SHOWN` of them, then how many more."""
    lines = [twin_line(record, panel_name, now) for record in records[:SHOWN]]
    if len(records) > SHOWN:
        more = format_count(len(records) - SHOWN)
        lines.append(translate("OrderTwins", "… and {count} more").format(count=more))
    return tuple(lines)


def has_unconfirmed(records: Sequence[OrderRecord]) -> bool:
    return any(record.journal_state is JournalState.UNCONFIRMED for record in records)


def twin_warning(records: Sequence[OrderRecord]) -> str:
    """What the user should know, and check, before placing another order on the link."""
    if not records:
        return ""
    if has_unconfirmed(records):
        return translate(
            "OrderTwins",
            "An unconfirmed order for this link may already be on the panel. Check that "
            "panel's order list for this link first: if the order is there, resolve it in "
            "Orders with its ID instead of ordering again.",
        )
    if len(records) == 1:
        return translate(
            "OrderTwins",
            "This link already has an active order. Panels refuse a second order for the "
            "same link, or run both at once, until the first one is completed.",
        )
    return translate(
        "OrderTwins",
        "This link already has {count} active orders. Panels refuse a second order for the "
        "same link, or run both at once, until the first one is completed.",
    ).format(count=format_count(len(records)))


def _status(record: OrderRecord) -> str:
    if record.journal_state in _JOURNAL_WORDS:
        return translate("OrderTwins", str(_JOURNAL_WORDS[record.journal_state]))
    return record.status_text or translate("OrderTwins", "placed, not checked yet")
