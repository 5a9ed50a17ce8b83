"""The words of a notice, in the user's language and number format.

`services.notices` decides what to tell and groups it; this module says it: a title that
fits a notification's first line and a body that names a few orders.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.services.notices import Notice, NoticeKind
from smmdesk.ui.common.format import format_count, format_money

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
_ORDER_VERBS = {
    NoticeKind.COMPLETED: QT_TRANSLATE_NOOP("Notices", "completed"),
    NoticeKind.PARTIAL: QT_TRANSLATE_NOOP("Notices", "went partial"),
    NoticeKind.CANCELED: QT_TRANSLATE_NOOP("Notices", "canceled"),
    NoticeKind.REFUNDED: QT_TRANSLATE_NOOP("Notices", "refunded"),
}
_REFILL_VERBS = {
    NoticeKind.REFILL_COMPLETED: QT_TRANSLATE_NOOP("Notices", "completed"),
    NoticeKind.REFILL_REJECTED: QT_TRANSLATE_NOOP("Notices", "rejected or failed"),
}


def _tr(text: str) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP (lupdate finds it there)."""
    return translate("Notices", text)


def notice_words(notice: Notice) -> tuple[str, str]:
    """(title, body) in plain text."""
    if notice.kind in _ORDER_VERBS:
        return _orders_title(notice, _tr(str(_ORDER_VERBS[notice.kind]))), _ids_line(notice)
    if notice.kind in _REFILL_VERBS:
        what = (
            translate("Notices", "A refill")
            if notice.count == 1
            else translate("Notices", "{count} refills")
        )
        title = translate("Notices", "{what} {verb} on {panel}").format(
            what=what.format(count=format_count(notice.count)),
            verb=_tr(str(_REFILL_VERBS[notice.kind])),
            panel=_place(notice),
        )
        return title, _ids_line(notice)
    if notice.kind is NoticeKind.UNCONFIRMED:
        return _unconfirmed_words(notice)
    if notice.kind is NoticeKind.PRICE_CHANGED:
        return _price_words(notice)
    return _low_balance_words(notice)


def _orders_title(notice: Notice, verb: str) -> str:
    if notice.count == 1 and notice.order_ids:
        what = translate("Notices", "Order {id}").format(id=notice.order_ids[0])
    else:
        what = translate("Notices", "{count} orders").format(count=format_count(notice.count))
    return translate("Notices", "{what} {verb} on {panel}").format(
        what=what, verb=verb, panel=_place(notice)
    )


def _place(notice: Notice) -> str:
    """The panel's name, or how many panels a merged notice is about."""
    if notice.panel_count == 1:
        return notice.panel_name
    return translate("Notices", "{count} panels").format(count=format_count(notice.panel_count))


def _ids_line(notice: Notice) -> str:
    """ "Orders 12, 13, 14, 15, 16 and 995 more": short however many orders moved."""
    if not notice.order_ids:
        return ""
    named = ", ".join(notice.order_ids)
    rest = notice.count - len(notice.order_ids)
    line = (
        translate("Notices", "Order {ids}")
        if notice.count == 1
        else translate("Notices", "Orders {ids}")
    )
    line = line.format(ids=named)
    if rest > 0:
        line += translate("Notices", " and {count} more").format(count=format_count(rest))
    return line


def _unconfirmed_words(notice: Notice) -> tuple[str, str]:
    if notice.count == 1:
        title = translate("Notices", "An order on {panel} may or may not have been placed")
    else:
        title = translate("Notices", "{count} orders on {panel} may or may not have been placed")
    body = translate(
        "Notices", "Check the panel's order list, then resolve or dismiss them in Unconfirmed."
    )
    return title.format(count=format_count(notice.count), panel=notice.panel_name), body


def _low_balance_words(notice: Notice) -> tuple[str, str]:
    title = translate("Notices", "Balance on {panel} is low").format(panel=notice.panel_name)
    body = translate("Notices", "{balance} left; the warning is set at {threshold}.").format(
        balance=format_money(notice.balance, notice.currency),
        threshold=format_money(notice.threshold, notice.currency),
    )
    return title, body


def _price_words(notice: Notice) -> tuple[str, str]:
    if notice.count == 1:
        title = translate("Notices", "A service you ordered changed on {panel}")
    else:
        title = translate("Notices", "{count} services you ordered changed on {panel}")
    title = title.format(count=format_count(notice.count), panel=notice.panel_name)
    lines = []
    for price in notice.prices:
        if price.new_rate is None:
            lines.append(
                translate("Notices", "{name}: no longer listed").format(name=price.service_name)
            )
        else:
            lines.append(
                translate("Notices", "{name}: {old} → {new}").format(
                    name=price.service_name,
                    old=format_money(price.old_rate),
                    new=format_money(price.new_rate),
                )
            )
    rest = notice.count - len(notice.prices)
    if rest > 0:
        lines.append(translate("Notices", "and {count} more").format(count=format_count(rest)))
    return title, "; ".join(lines)
