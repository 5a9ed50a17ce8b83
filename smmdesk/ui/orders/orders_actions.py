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
from smmdesk.ui.common.format import format_count, plural
from smmdesk.ui.common.tones import Tone
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
    """`Copied 3,000 order IDs` (`; 4 selected orders have none`)."""
    if action is BulkAction.COPY_IDS:
        text = f"Copied {plural(len(order_ids(records)), 'order ID')}"
    else:
        text = f"Copied {plural(len(links(records)), 'link')}"
    if left_out:
        what = "an order ID" if action is BulkAction.COPY_IDS else "a link"
        text += f"; {plural(left_out, 'selected order')} without {what}"
    return text


def summarize_refills(refills: Sequence[RefillRecord], not_sent: Sequence[NotSent]) -> str:
    """`2 refills requested, 1 refused: Refill is disabled for this service; 3 not sent`."""
    accepted = sum(1 for r in refills if r.refill_id is not None)
    refusals = [r.error or "no reason given" for r in refills if r.refill_id is None]
    return _summary(plural(accepted, "refill") + " requested", refusals, len(not_sent))


def summarize_cancels(cancels: Sequence[CancelRecord], not_sent: Sequence[NotSent]) -> str:
    accepted = sum(1 for c in cancels if c.accepted)
    refusals = [c.error or "no reason given" for c in cancels if not c.accepted]
    return _summary(plural(accepted, "cancel") + " requested", refusals, len(not_sent))


def _summary(head: str, refusals: list[str], not_sent: int) -> str:
    text = head
    if refusals:
        common = Counter(refusals).most_common()
        reasons = "; ".join(
            reason if count == 1 else f"{reason} ({format_count(count)} times)"
            for reason, count in common[:MAX_REASONS_SHOWN]
        )
        more = "; …" if len(common) > MAX_REASONS_SHOWN else ""
        text += f", {format_count(len(refusals))} refused: {reasons}{more}"
    if not_sent:
        text += f"; {format_count(not_sent)} not sent"
    return text


def updated_outcome(job: Job, updated: OrdersUpdated) -> tuple[str, Tone]:
    """The Orders pane's line after orders were resolved, dismissed or tracked."""
    records = updated.records
    if job is Job.RESOLVE_ORDER:
        return f"Order {records[0].order_id} marked as placed", Tone.GOOD
    if job is Job.DISMISS_ORDERS:
        return f"{plural(len(records), 'order')} dismissed", Tone.MUTED
    summary = import_summary(updated.asked, len(records), updated.refused, len(updated.unasked))
    return summary, Tone.WARN if updated.refused else Tone.GOOD


def import_summary(asked: int, added: int, refused: Mapping[str, str], unasked: int = 0) -> str:
    """`2 orders added to tracking (1 already tracked); not found on the panel: abc —
    Incorrect order ID`."""
    skipped = asked - added - len(refused) - unasked
    text = f"{plural(added, 'order')} added to tracking"
    if skipped:
        text += f" ({format_count(skipped)} already tracked)"
    if unasked:
        text += f"; cancelled before {plural(unasked, 'ID')} were asked"
    if refused:
        shown = list(refused.items())[:MAX_REASONS_SHOWN]
        words = "; ".join(f"{order_id} — {why}" for order_id, why in shown)
        more = (
            f" and {format_count(len(refused) - len(shown))} more"
            if len(refused) > len(shown)
            else ""
        )
        text += f"; not recorded, the panel did not confirm: {words}{more}"
    return text


def track_report(updated: OrdersUpdated) -> tuple[str, str]:
    """What "Track existing order IDs" tells at the end: a headline, and every ID by what
    happened to it (the panel's own words for those it refused), to read or copy."""
    records, refused, unasked = updated.records, updated.refused, updated.unasked
    already = updated.asked - len(records) - len(refused) - len(unasked)
    parts = [f"{plural(len(records), 'order')} added to tracking"]
    if already:
        parts.append(f"{format_count(already)} already tracked")
    if refused:
        parts.append(f"{format_count(len(refused))} not confirmed by the panel")
    if unasked:
        parts.append(f"{format_count(len(unasked))} not asked (cancelled)")
    sections = [
        ("Not recorded — the panel did not confirm them:", _refusal_lines(refused)),
        ("Never asked — tracking was cancelled:", list(unasked)),
        ("Added to tracking:", [_tracked_line(r) for r in records]),
    ]
    details = "\n\n".join(f"{title}\n" + "\n".join(lines) for title, lines in sections if lines)
    return "; ".join(parts) + ".", details


def _refusal_lines(refused: Mapping[str, str]) -> list[str]:
    return [f"{order_id} — {why}" for order_id, why in refused.items()]


def _tracked_line(record: OrderRecord) -> str:
    status = record.state.label if record.state is not None else "Pending"
    return f"{record.order_id} — {status}"
