"""What the Orders pane may offer for a selection, and how outcomes read.

Pure functions over `OrderRecord`s, kept out of the pane so the rules are plain to read
and to test. Refill and cancel are offered when at least one selected order may get
one (the same rules as `smmdesk.services.bulk`); the confirmation then says what happens
to the rest. Whether a refill is already running is known only to the store, so that
is checked when the selection is planned, not here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from smmdesk.services.bulk import BulkAction, NotSent, cancel_refusal, refill_refusal
from smmdesk.store import CancelRecord, JournalState, OrderRecord, RefillRecord
from smmdesk.ui.common.format import counted, format_count
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.orders.wording import state_word, translate
from smmdesk.workers import Job, OrdersUpdated

MAX_LINKS_OPENED = 20  # opening hundreds of browser tabs by accident helps nobody
MAX_REASONS_SHOWN = 3  # in a one-line summary; the outcome table has every order


def can_refill(records: Sequence[OrderRecord], panel_id: int | None) -> bool:
    """`panel_id` None: the view covers every panel, each order goes to its own."""
    return any(refill_refusal(r, _panel(r, panel_id), ()) is None for r in records)


def can_cancel(records: Sequence[OrderRecord], panel_id: int | None) -> bool:
    return any(cancel_refusal(r, _panel(r, panel_id)) is None for r in records)


def _panel(record: OrderRecord, panel_id: int | None) -> int:
    return record.panel_id if panel_id is None else panel_id


def can_resolve(records: Sequence[OrderRecord], resolved_before: bool) -> bool:
    """One unconfirmed order, or one whose ID was entered by hand (to correct it)."""
    if len(records) != 1:
        return False
    state = records[0].journal_state
    return state is JournalState.UNCONFIRMED or (state is JournalState.PLACED and resolved_before)


def can_dismiss(records: Sequence[OrderRecord]) -> bool:
    return bool(records) and all(r.journal_state is JournalState.UNCONFIRMED for r in records)


def can_order_again(records: Sequence[OrderRecord]) -> bool:
    return len(records) == 1 and bool(records[0].service_id)


def can_order_again_in_bulk(records: Sequence[OrderRecord]) -> bool:
    """A selection becomes a mass order: every order names its service."""
    return bool(records) and all(r.service_id for r in records)


def links(records: Sequence[OrderRecord]) -> list[str]:
    return list(dict.fromkeys(r.link for r in records if r.link))


def order_ids(records: Sequence[OrderRecord]) -> list[str]:
    return list(dict.fromkeys(r.order_id for r in records if r.order_id))


def copied_text(action: BulkAction, records: Sequence[OrderRecord]) -> str:
    """What Copy IDs / Copy links puts on the clipboard: one per line, each once."""
    values = order_ids(records) if action is BulkAction.COPY_IDS else links(records)
    return "\n".join(values)


def copied_summary(action: BulkAction, records: Sequence[OrderRecord], left_out: int) -> str:
    """`Copied 3,000 order IDs` (`; 4 selected orders without an order ID`)."""
    if action is BulkAction.COPY_IDS:
        text = counted(
            len(order_ids(records)),
            translate("OrderActions", "Copied 1 order ID"),
            translate("OrderActions", "Copied {count} order IDs"),
        )
        without = (
            translate("OrderActions", "1 selected order without an order ID"),
            translate("OrderActions", "{count} selected orders without an order ID"),
        )
    else:
        text = counted(
            len(links(records)),
            translate("OrderActions", "Copied 1 link"),
            translate("OrderActions", "Copied {count} links"),
        )
        without = (
            translate("OrderActions", "1 selected order without a link"),
            translate("OrderActions", "{count} selected orders without a link"),
        )
    return f"{text}; {counted(left_out, *without)}" if left_out else text


def summarize_refills(refills: Sequence[RefillRecord], not_sent: Sequence[NotSent]) -> str:
    """`2 refills requested, 1 refused: Refill is disabled for this service; 3 not sent`."""
    accepted = sum(1 for r in refills if r.refill_id is not None)
    refusals = [r.error or _no_reason() for r in refills if r.refill_id is None]
    head = counted(
        accepted,
        translate("OrderActions", "1 refill requested"),
        translate("OrderActions", "{count} refills requested"),
    )
    return _summary(head, refusals, len(not_sent))


def summarize_cancels(cancels: Sequence[CancelRecord], not_sent: Sequence[NotSent]) -> str:
    accepted = sum(1 for c in cancels if c.accepted)
    refusals = [c.error or _no_reason() for c in cancels if not c.accepted]
    head = counted(
        accepted,
        translate("OrderActions", "1 cancel requested"),
        translate("OrderActions", "{count} cancels requested"),
    )
    return _summary(head, refusals, len(not_sent))


def _no_reason() -> str:
    return translate("OrderActions", "no reason given")


def _summary(head: str, refusals: list[str], not_sent: int) -> str:
    text = head
    if refusals:
        common = Counter(refusals).most_common()
        times = translate("OrderActions", "{reason} ({count} times)")
        reasons = "; ".join(
            reason if count == 1 else times.format(reason=reason, count=format_count(count))
            for reason, count in common[:MAX_REASONS_SHOWN]
        )
        more = "; …" if len(common) > MAX_REASONS_SHOWN else ""
        refused = translate("OrderActions", "{count} refused: {reasons}").format(
            count=format_count(len(refusals)), reasons=reasons + more
        )
        text += f", {refused}"
    if not_sent:
        text += "; " + translate("OrderActions", "{count} not sent").format(
            count=format_count(not_sent)
        )
    return text


def updated_outcome(job: Job, updated: OrdersUpdated) -> tuple[str, Tone]:
    """The Orders pane's line after orders were resolved, dismissed or tracked."""
    records = updated.records
    if job is Job.RESOLVE_ORDER:
        placed = translate("OrderActions", "Order {id} marked as placed")
        return placed.format(id=records[0].order_id), Tone.GOOD
    if job is Job.DISMISS_ORDERS:
        dismissed = counted(
            len(records),
            translate("OrderActions", "1 order dismissed"),
            translate("OrderActions", "{count} orders dismissed"),
        )
        return dismissed, Tone.MUTED
    summary = import_summary(updated.asked, len(records), updated.refused, len(updated.unasked))
    return summary, Tone.WARN if updated.refused else Tone.GOOD


def import_summary(asked: int, added: int, refused: Mapping[str, str], unasked: int = 0) -> str:
    """`2 orders added to tracking (1 already tracked); not found on the panel: abc —
    Incorrect order ID`."""
    skipped = asked - added - len(refused) - unasked
    text = _added(added)
    if skipped:
        text += " " + translate("OrderActions", "({count} already tracked)").format(
            count=format_count(skipped)
        )
    if unasked:
        text += "; " + counted(
            unasked,
            translate("OrderActions", "cancelled before 1 ID was asked"),
            translate("OrderActions", "cancelled before {count} IDs were asked"),
        )
    if refused:
        shown = list(refused.items())[:MAX_REASONS_SHOWN]
        words = "; ".join(_refusal_lines(dict(shown)))
        if len(refused) > len(shown):
            words = translate("OrderActions", "{refusals} and {count} more").format(
                refusals=words, count=format_count(len(refused) - len(shown))
            )
        text += "; " + translate(
            "OrderActions", "not recorded, the panel did not confirm: {refusals}"
        ).format(refusals=words)
    return text


def _added(count: int) -> str:
    return counted(
        count,
        translate("OrderActions", "1 order added to tracking"),
        translate("OrderActions", "{count} orders added to tracking"),
    )


def track_report(updated: OrdersUpdated) -> tuple[str, str]:
    """What "Track existing order IDs" tells at the end: a headline, and every ID by what
    happened to it (the panel's own words for those it refused), to read or copy."""
    records, refused, unasked = updated.records, updated.refused, updated.unasked
    already = updated.asked - len(records) - len(refused) - len(unasked)
    parts = [_added(len(records))]
    for count, text in (
        (already, translate("OrderActions", "{count} already tracked")),
        (len(refused), translate("OrderActions", "{count} not confirmed by the panel")),
        (len(unasked), translate("OrderActions", "{count} not asked (cancelled)")),
    ):
        if count:
            parts.append(text.format(count=format_count(count)))
    sections = [
        (
            translate("OrderActions", "Not recorded — the panel did not confirm them:"),
            _refusal_lines(refused),
        ),
        (translate("OrderActions", "Never asked — tracking was cancelled:"), list(unasked)),
        (
            translate("OrderActions", "Added to tracking:"),
            [_tracked_line(r) for r in records],
        ),
    ]
    details = "\n\n".join(f"{title}\n" + "\n".join(lines) for title, lines in sections if lines)
    return "; ".join(parts) + ".", details


def _refusal_lines(refused: Mapping[str, str]) -> list[str]:
    return [f"{order_id} — {why}" for order_id, why in refused.items()]


def _tracked_line(record: OrderRecord) -> str:
    return f"{record.order_id} — {state_word(record.state)}"
