"""What the Orders pane may do with a selection, and how outcomes read.

Pure functions over `OrderRecord`s, kept out of the pane so the rules ("refill only when
every selected order is placed and refillable") are plain to read and to test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from smmdesk.store import CancelRecord, JournalState, OrderRecord, RefillRecord
from smmdesk.ui.common.format import format_count, plural

MAX_LINKS_OPENED = 20  # opening hundreds of browser tabs by accident helps nobody


def can_refill(records: Sequence[OrderRecord]) -> bool:
    return bool(records) and all(
        r.journal_state is JournalState.PLACED and r.order_id and r.can_refill for r in records
    )


def can_cancel(records: Sequence[OrderRecord]) -> bool:
    return bool(records) and all(
        r.journal_state is JournalState.PLACED
        and r.order_id
        and r.can_cancel
        and (r.state is None or not r.state.is_final)
        for r in records
    )


def can_resolve(records: Sequence[OrderRecord]) -> bool:
    return len(records) == 1 and records[0].journal_state is JournalState.UNCONFIRMED


def can_dismiss(records: Sequence[OrderRecord]) -> bool:
    return bool(records) and all(r.journal_state is JournalState.UNCONFIRMED for r in records)


def can_order_again(records: Sequence[OrderRecord]) -> bool:
    return len(records) == 1 and bool(records[0].service_id)


def links(records: Sequence[OrderRecord]) -> list[str]:
    return list(dict.fromkeys(r.link for r in records if r.link))


def order_ids(records: Sequence[OrderRecord]) -> list[str]:
    return list(dict.fromkeys(r.order_id for r in records if r.order_id))


def summarize_refills(refills: Sequence[RefillRecord]) -> str:
    """`2 refills requested, 1 refused: Refill is disabled for this service`."""
    accepted = sum(1 for r in refills if r.refill_id is not None)
    refusals = [r.error or "no reason given" for r in refills if r.refill_id is None]
    return _summary(plural(accepted, "refill") + " requested", refusals)


def summarize_cancels(cancels: Sequence[CancelRecord]) -> str:
    accepted = sum(1 for c in cancels if c.accepted)
    refusals = [c.error or "no reason given" for c in cancels if not c.accepted]
    return _summary(plural(accepted, "cancel") + " requested", refusals)


def _summary(head: str, refusals: list[str]) -> str:
    if not refusals:
        return head
    reasons = "; ".join(
        reason if count == 1 else f"{reason} ({count} times)"
        for reason, count in Counter(refusals).most_common()
    )
    return f"{head}, {format_count(len(refusals))} refused: {reasons}"


def import_summary(asked: int, added: int) -> str:
    skipped = asked - added
    text = f"{plural(added, 'order')} added to tracking"
    return f"{text} ({format_count(skipped)} already tracked)" if skipped else text
