"""What each cell of the orders table says: status badges and tones, the quantity as the
panel counts it, the charge, the details line with the panel's own words, and tooltips
that show text from a panel as text.

Pure functions of an `OrderRecord`, so `OrdersModel` stays about paging and the rules of
what a reseller reads stay in one place.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP

from smmdesk.api import OrderState, ServiceType
from smmdesk.api.forms import lines, whole_number
from smmdesk.services.profit import order_money
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.format import counted, format_count, format_money
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.orders.wording import STATE_WORDS, translate

_STATE_TONES = {
    OrderState.COMPLETED: Tone.GOOD,
    OrderState.PARTIAL: Tone.WARN,
    OrderState.IN_PROGRESS: Tone.BUSY,
    OrderState.ACTIVE: Tone.BUSY,
    OrderState.CANCELED: Tone.MUTED,
    OrderState.REFUNDED: Tone.MUTED,
    OrderState.EXPIRED: Tone.MUTED,
    OrderState.FAILED: Tone.BAD,
}
_JOURNAL_TONES = {
    JournalState.UNCONFIRMED: Tone.WARN,
    JournalState.REJECTED: Tone.BAD,
    JournalState.SENDING: Tone.BUSY,
    JournalState.DISMISSED: Tone.MUTED,
}
_NO_CHARGE = frozenset({JournalState.REJECTED, JournalState.DISMISSED})  # never on the panel
_LIST_FIELDS = ("comments", "usernames")  # what a list order's quantity counts
DETAILS_MAX = 160  # characters in the cell; the tooltip has the rest
NOTE_MAX_SHOWN = 80  # characters of a note in its cell
TIMES, RANGE = "\u00d7", "\u2013"  # the signs users read
BADGES = {
    JournalState.UNCONFIRMED: QT_TRANSLATE_NOOP("OrderStatus", "⚠ Unconfirmed"),
    JournalState.REJECTED: QT_TRANSLATE_NOOP("OrderStatus", "✕ Rejected"),
    JournalState.SENDING: QT_TRANSLATE_NOOP("OrderStatus", "Sending…"),
    JournalState.DISMISSED: QT_TRANSLATE_NOOP("OrderStatus", "Dismissed"),
}


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as it is: Qt renders a tooltip that looks like HTML as
    HTML, and a link, service name or refusal comes from a panel or a user."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def status_label(record: OrderRecord) -> str:
    """The Status cell: a badge for journal states, else the normalised panel status."""
    return translate("OrderStatus", _status_word(record))


def _status_word(record: OrderRecord) -> str:
    """The Status cell in English, as marked for translation."""
    badge = BADGES.get(record.journal_state)
    if badge is not None:
        return str(badge)
    return str(STATE_WORDS[record.state or OrderState.PENDING])


def _panel_says_more(record: OrderRecord) -> bool:
    """The panel's own status word is not what the Status column says (in English, the
    panel's language)."""
    return bool(record.status_text) and record.status_text != _status_word(record)


def _panel_says(record: OrderRecord) -> str:
    return translate("Orders", "Panel says: {status}").format(status=record.status_text)


def status_tone(record: OrderRecord) -> Tone | None:
    tone = _JOURNAL_TONES.get(record.journal_state)
    if tone is None and record.state is not None:
        tone = _STATE_TONES.get(record.state)
    return tone


def service_text(record: OrderRecord) -> str:
    """`1234 · Instagram Likes`. An order tracked by its ID alone says that its service is
    not known: the panel's status answer does not tell (its link and quantity neither)."""
    if record.service_name:
        return f"{record.service_id} · {record.service_name}"
    return record.service_id or translate("Orders", "Not known (tracked by its ID)")


def quantity_text(record: OrderRecord) -> str:
    """What was ordered, as the panel counts it: `1,000`; `5 x 1,000` for a drip-feed
    (runs x quantity per run); the number of lines of a list order that sent no
    quantity; `100-200 x 5 posts` (or `per post`, open-ended) for a subscription (the
    cell uses the real multiplication sign and dash)."""
    if ServiceType.parse(record.service_type) is ServiceType.SUBSCRIPTIONS:
        return _subscription_quantity(record)
    quantity = record.quantity
    if quantity is None:
        quantity = next(
            (len(lines(record.fields[f])) for f in _LIST_FIELDS if f in record.fields), None
        )
    if quantity is not None and record.runs is not None:
        return f"{format_count(record.runs)} {TIMES} {format_count(quantity)}"
    return format_count(quantity)


def _subscription_quantity(record: OrderRecord) -> str:
    low, high = (whole_number(record.fields.get(name)) for name in ("min", "max"))
    span = RANGE.join(format_count(n) for n in dict.fromkeys((low, high)) if n is not None)
    posts = whole_number(record.fields.get("posts"))
    if not span:
        return ""
    if not posts:
        return translate("Orders", "{span} per post").format(span=span)
    return counted(
        posts,
        translate("Orders", "{span} \u00d7 1 post"),
        translate("Orders", "{span} \u00d7 {count} posts"),
        span=span,
    )


def details_text(record: OrderRecord) -> str:
    """The Details cell: the panel's refusal or SMMDesk's note (rejected, unconfirmed, an
    "Incorrect order ID" from a refresh), else the panel's own status word when it says
    more than the Status column, else progress. One line, bounded."""
    text = record.error or _progress(record)
    if not text and _panel_says_more(record):
        text = _panel_says(record)
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= DETAILS_MAX else one_line[: DETAILS_MAX - 1] + "…"


def _progress(record: OrderRecord) -> str:
    if record.runs_done is not None and record.runs:
        return translate("Orders", "Run {done} of {runs}").format(
            done=format_count(record.runs_done), runs=format_count(record.runs)
        )
    if record.posts is not None:
        return counted(
            record.posts,
            translate("Orders", "1 post served"),
            translate("Orders", "{count} posts served"),
        )
    return ""


def charge_text(record: OrderRecord) -> str:
    """The panel's charge; before it is known, `≈` the estimate. An order the panel never
    took (rejected, dismissed) cost nothing, whatever was estimated."""
    if record.journal_state in _NO_CHARGE:
        return ""
    if record.charge is None and record.charge_estimate is not None:
        return f"≈ {format_money(record.charge_estimate)}"
    return format_money(record.charge)


def status_tooltip(record: OrderRecord) -> str:
    parts = [status_label(record)]
    if _panel_says_more(record):
        parts.append(_panel_says(record))
    if record.error:
        parts.append(record.error)
    if record.journal_state is JournalState.UNCONFIRMED:
        parts.append(
            translate(
                "Orders", "Check the panel, then Resolve… (it is there) or Dismiss (it is not)."
            )
        )
    return "\n".join(parts)


def note_text(record: OrderRecord) -> str:
    """The note on one line, bounded (the tooltip has it whole)."""
    one_line = " ".join(record.note.split())
    return one_line if len(one_line) <= NOTE_MAX_SHOWN else one_line[: NOTE_MAX_SHOWN - 1] + "…"


def sell_text(record: OrderRecord) -> str:
    """The sell price as the user set it (for the whole order)."""
    return format_money(record.sell_price)


def profit_text(record: OrderRecord) -> str:
    """Sell price minus charge, at what was delivered (`services.profit`); `≈` while the
    charge is only the estimate; empty without a sell price or a money side."""
    money = order_money(record)
    if money is None or money.profit is None:
        return ""
    approximate = "≈ " if record.charge is None else ""
    return approximate + format_money(money.profit)


def profit_tone(record: OrderRecord) -> Tone | None:
    money = order_money(record)
    return Tone.BAD if money is not None and money.profit is not None and money.profit < 0 else None


def profit_tooltip(record: OrderRecord) -> str:
    """How the profit was counted: the two amounts and, for a partial order, the share."""
    money = order_money(record)
    if money is None or money.sell is None or money.profit is None:
        return ""
    if record.charge is None:
        sum_up = translate("Orders", "Sell {sell} \u2212 estimated charge {charge} = {profit}")
    else:
        sum_up = translate("Orders", "Sell {sell} \u2212 charge {charge} = {profit}")
    text = sum_up.format(
        sell=format_money(money.sell),
        charge=format_money(money.cost),
        profit=format_money(money.profit),
    )
    if money.share == 1:
        return text
    if money.charge_scaled:
        how = translate(
            "Orders",
            "Counted at what was delivered ({percent}%): the panel's charge is for the whole"
            " order, so both are scaled.",
        )
    else:
        how = translate(
            "Orders",
            "Counted at what was delivered ({percent}%): the panel already charged only what"
            " it delivered.",
        )
    return text + "\n" + how.format(percent=format_count(round(money.share * 100)))
