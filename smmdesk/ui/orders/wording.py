"""Words the Orders tab shares between its parts, in the user's language: an order's status,
and why a bulk action left an order out.

A status comes normalised from the panel (`OrderState`) and a reason from the bulk rules
(`smmdesk.services.bulk`) as English words; both are marked here for lupdate and said in
the user's language where shown. A reason this table does not know is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.api import OrderState
from smmdesk.services import bulk

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

STATE_WORDS = {
    OrderState.PENDING: QT_TRANSLATE_NOOP("OrderStatus", "Pending"),
    OrderState.IN_PROGRESS: QT_TRANSLATE_NOOP("OrderStatus", "In progress"),
    OrderState.COMPLETED: QT_TRANSLATE_NOOP("OrderStatus", "Completed"),
    OrderState.PARTIAL: QT_TRANSLATE_NOOP("OrderStatus", "Partial"),
    OrderState.CANCELED: QT_TRANSLATE_NOOP("OrderStatus", "Canceled"),
    OrderState.REFUNDED: QT_TRANSLATE_NOOP("OrderStatus", "Refunded"),
    OrderState.FAILED: QT_TRANSLATE_NOOP("OrderStatus", "Failed"),
    OrderState.ACTIVE: QT_TRANSLATE_NOOP("OrderStatus", "Active"),
    OrderState.PAUSED: QT_TRANSLATE_NOOP("OrderStatus", "Paused"),
    OrderState.EXPIRED: QT_TRANSLATE_NOOP("OrderStatus", "Expired"),
    OrderState.UNKNOWN: QT_TRANSLATE_NOOP("OrderStatus", "Unknown"),
}
_REASONS = {
    bulk.NOT_PLACED: QT_TRANSLATE_NOOP("OrderActions", "not placed on the panel"),
    bulk.OTHER_PANEL: QT_TRANSLATE_NOOP("OrderActions", "on another panel"),
    bulk.NO_REFILL: QT_TRANSLATE_NOOP("OrderActions", "the service has no refill"),
    bulk.NO_CANCEL: QT_TRANSLATE_NOOP("OrderActions", "the service has no cancel"),
    bulk.NOT_REFILLABLE: QT_TRANSLATE_NOOP("OrderActions", "canceled, refunded or failed"),
    bulk.ALREADY_FINAL: QT_TRANSLATE_NOOP("OrderActions", "already final"),
    bulk.REFILL_RUNNING: QT_TRANSLATE_NOOP("OrderActions", "a refill is already running"),
    bulk.NO_ORDER_ID: QT_TRANSLATE_NOOP("OrderActions", "no order ID"),
    bulk.NO_LINK: QT_TRANSLATE_NOOP("OrderActions", "no link"),
}


def state_word(state: OrderState | None) -> str:
    """`In progress`; an order the panel has not reported on yet is `Pending`."""
    return translate("OrderStatus", str(STATE_WORDS[state or OrderState.PENDING]))


def reason_text(reason: str) -> str:
    """Why a bulk action left an order out, e.g. `the service has no refill`."""
    marked = _REASONS.get(reason)
    return reason if marked is None else translate("OrderActions", str(marked))


def capitalized(text: str) -> str:
    """The first letter upper case, the rest as it is (`no order ID` -> `No order ID`)."""
    return text[:1].upper() + text[1:]
