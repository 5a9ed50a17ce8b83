"""The words of a notice, in the user's language and number format.

`services.notices` decides what to tell and groups it; this module says it: a title that
fits a notification's first line and a body that names a few orders.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from smmdesk.services.notices import Notice, NoticeKind
from smmdesk.ui.common.format import format_count, format_money

_ORDER_VERBS = {
    NoticeKind.COMPLETED: "completed",
    NoticeKind.PARTIAL: "went partial",
    NoticeKind.CANCELED: "canceled",
    NoticeKind.REFUNDED: "refunded",
}
_REFILL_VERBS = {
    NoticeKind.REFILL_COMPLETED: "completed",
    NoticeKind.REFILL_REJECTED: "rejected or failed",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Notices", text)


def notice_words(notice: Notice) -> tuple[str, str]:
    """(title, body) in plain text."""
    panel = notice.panel_name
    if notice.kind in _ORDER_VERBS:
        return _orders_title(notice, _tr(_ORDER_VERBS[notice.kind])), _ids_line(notice)
    if notice.kind in _REFILL_VERBS:
        what = _tr("A refill") if notice.count == 1 else _tr("{count} refills")
        title = _tr("{what} {verb} on {panel}").format(
            what=what.format(count=format_count(notice.count)),
            verb=_tr(_REFILL_VERBS[notice.kind]),
            panel=panel,
        )
        return title, _ids_line(notice)
    if notice.kind is NoticeKind.UNCONFIRMED:
        return _unconfirmed_words(notice)
    if notice.kind is NoticeKind.PRICE_CHANGED:
        return _price_words(notice)
    return _low_balance_words(notice)


def _orders_title(notice: Notice, verb: str) -> str:
    if notice.count == 1 and notice.order_ids:
        what = _tr("Order {id}").format(id=notice.order_ids[0])
    else:
        what = _tr("{count} orders").format(count=format_count(notice.count))
    return _tr("{what} {verb} on {panel}").format(what=what, verb=verb, panel=notice.panel_name)


def _ids_line(notice: Notice) -> str:
    """ "Orders 12, 13, 14, 15, 16 and 995 more": short however many orders moved."""
    if not notice.order_ids:
        return ""
    named = ", ".join(notice.order_ids)
    rest = notice.count - len(notice.order_ids)
    line = _tr("Order {ids}") if notice.count == 1 else _tr("Orders {ids}")
    line = line.format(ids=named)
    if rest > 0:
        line += _tr(" and {count} more").format(count=format_count(rest))
    return line


def _unconfirmed_words(notice: Notice) -> tuple[str, str]:
    if notice.count == 1:
        title = _tr("An order on {panel} may or may not have been placed")
    else:
        title = _tr("{count} orders on {panel} may or may not have been placed")
    body = _tr("Check the panel's order list, then resolve or dismiss them in Unconfirmed.")
    return title.format(count=format_count(notice.count), panel=notice.panel_name), body


def _low_balance_words(notice: Notice) -> tuple[str, str]:
    title = _tr("Balance on {panel} is low").format(panel=notice.panel_name)
    body = _tr("{balance} left; the warning is set at {threshold}.").format(
        balance=format_money(notice.balance, notice.currency),
        threshold=format_money(notice.threshold, notice.currency),
    )
    return title, body


def _price_words(notice: Notice) -> tuple[str, str]:
    if notice.count == 1:
        title = _tr("A service you ordered changed on {panel}")
    else:
        title = _tr("{count} services you ordered changed on {panel}")
    title = title.format(count=format_count(notice.count), panel=notice.panel_name)
    lines = []
    for price in notice.prices:
        if price.new_rate is None:
            lines.append(_tr("{name}: no longer listed").format(name=price.service_name))
        else:
            lines.append(
                _tr("{name}: {old} → {new}").format(
                    name=price.service_name,
                    old=format_money(price.old_rate),
                    new=format_money(price.new_rate),
                )
            )
    rest = notice.count - len(notice.prices)
    if rest > 0:
        lines.append(_tr("and {count} more").format(count=format_count(rest)))
    return title, "; ".join(lines)
