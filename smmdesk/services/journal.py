"""The order journal: the only way SMMDesk places an order.

The rules (design.md, "The order journal"): a `sending` row is committed before `add`
leaves; the answer makes it `placed` or `rejected`; a failure after the request may have
reached the panel makes it `unconfirmed`, for the user to resolve; nothing is ever resent;
rows a killed app left `sending` become `unconfirmed` at the next start-up. An order ID a
user types (resolving, tracking orders placed elsewhere) is recorded only once the panel's
`status` answer shows it knows that order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smmdesk.api import ApiError, PanelError, PlacedOrder
from smmdesk.api.draft import OrderDraft
from smmdesk.store import JournalState, OrderRecord, StorageProblem, Store, StoreError
from smmdesk.store.codec import utcnow

from .order_ids import check_order_ids

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient

log = logging.getLogger("smmdesk.services")

INTERRUPTED = (
    "SMMDesk stopped while this order was being sent. Check the panel's order list: "
    "if the order is there, enter its ID; otherwise dismiss this row."
)
_OUTCOME_STATES = (JournalState.SENDING, JournalState.UNCONFIRMED)


@dataclass(frozen=True, slots=True)
class Tracked:
    """Orders newly tracked (with their status), and the IDs not believed: the panel's
    words for each, or why it could not be asked."""

    records: list[OrderRecord]
    refused: dict[str, str] = field(default_factory=dict)


class OrderJournal:
    """Places orders through the journal; safe to call from worker threads."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def place(self, client: PanelClient, panel_id: int, draft: OrderDraft) -> OrderRecord:
        """Send one order and return its journal row in whatever state the outcome left it.

        API errors are outcomes, not exceptions: the returned row says `rejected` or
        `unconfirmed` with the error text. An unexpected bug propagates, after the row is
        marked `unconfirmed` (the request may have left); so does a `StoreError` that kept
        the panel's answer from being recorded, naming the order ID the panel gave.
        """
        record = self._store.insert_sending_order(
            panel_id,
            draft.service,
            link=draft.link,
            quantity=draft.quantity,
            runs=draft.runs,
            interval=draft.interval,
            fields=draft.type_fields,
            charge_estimate=draft.charge_estimate,
            currency=draft.currency,
        )
        return self._send(client, record, draft)

    def place_batch_line(
        self, client: PanelClient, batch_id: int, number: int
    ) -> OrderRecord | None:
        """Send a never-sent batch line as `place` sends an order. The line is claimed in
        the transaction that commits its `sending` row, so a second call (another thread,
        a resume after a crash) gets None and sends nothing."""
        claimed = self._store.claim_batch_line(batch_id, number)
        if claimed is None:
            log.info("batch %d line %d was sent already: not sent again", batch_id, number)
            return None
        record, draft = claimed
        return self._send(client, record, draft)

    def resend_batch_line(
        self, client: PanelClient, batch_id: int, number: int, draft: OrderDraft
    ) -> OrderRecord:
        """The user's explicit "send again" of a line the panel rejected, as `draft` (the
        line edited, on the same panel). `InvalidTransition` for any other line: a placed
        or unconfirmed line is never sent again."""
        record = self._store.claim_rejected_batch_line(batch_id, number, draft)
        return self._send(client, record, draft)

    def _send(self, client: PanelClient, record: OrderRecord, draft: OrderDraft) -> OrderRecord:
        try:
            placed = client.place(draft)
        except ApiError as error:
            return self._failed(record, error)
        except BaseException as bug:
            self._outcome(record, JournalState.UNCONFIRMED, error=f"{INTERRUPTED} ({bug!r})")
            raise
        return self._placed(record, placed)

    def recover_interrupted(self) -> int:
        """At start-up: rows left `sending` by a killed app become `unconfirmed`."""
        count = self._store.sending_to_unconfirmed(INTERRUPTED)
        if count:
            log.warning("%d interrupted order(s) marked unconfirmed", count)
        return count

    def resolve(self, client: PanelClient, record_id: int, order_id: str) -> OrderRecord:
        """The user found the order on the panel: once the panel confirms the ID (its
        `status`), the row becomes `placed` with it and that status. A row placed this way
        can be resolved again to correct the ID. A refusal (`PanelError`, the panel's own
        words) or any failure to ask changes nothing."""
        order_id = order_id.strip()
        if not order_id:
            raise StoreError("Enter the order ID the panel shows for this order.")
        record = self._store.order(record_id)
        if record is None:
            raise StoreError(f"Order #{record_id} is no longer in the history.")
        status = client.status(order_id)
        self._store.resolve_order_id(record_id, order_id)
        self._store.record_order_statuses(record.panel_id, {order_id: status}, {}, utcnow())
        log.info("order #%d resolved as %s", record_id, order_id)
        return self._store.order(record_id) or record

    def track(self, client: PanelClient, panel_id: int, order_ids: list[str]) -> Tracked:
        """Track orders placed outside SMMDesk: only IDs the panel confirms are recorded,
        with the status it gave; IDs already tracked are skipped."""
        checked = check_order_ids(client, self._store, panel_id, order_ids)
        known = {k: v for k, v in checked.known.items() if k not in checked.tracked}
        added = self._store.import_orders(panel_id, list(known))
        self._store.record_order_statuses(panel_id, known, {}, utcnow())
        refused = {**checked.refused, **checked.unchecked}
        return Tracked(self._store.orders_by_ids([r.id for r in added]), refused)

    def dismiss(self, record_id: int) -> OrderRecord:
        """The user checked the panel and the order is not there: keep the row, dismissed."""
        record = self._store.order(record_id)
        return self._store.set_journal_state(
            record_id,
            JournalState.DISMISSED,
            expect=(JournalState.UNCONFIRMED,),
            error=record.error if record else None,
        )

    def _placed(self, record: OrderRecord, placed: PlacedOrder) -> OrderRecord:
        """Record the panel's answer. An order ID the history already holds is placed with
        a warning (see `Store.record_placed`); a store that cannot record the answer at all
        (full disk…) must still tell the user the order ID, or the order would be lost."""
        try:
            done = self._store.record_placed(record.id, placed, expect=_OUTCOME_STATES)
        except StoreError as error:
            log.warning(
                "order #%d placed as %s, not recorded: %s", record.id, placed.order_id, error
            )
            raise _unrecorded(placed.order_id, error) from error
        if done.order_id is None:
            log.warning(
                "order #%d: order ID %s repeated: %s", record.id, placed.order_id, done.error
            )
        else:
            log.info(
                "order #%d placed on panel %d as %s", record.id, record.panel_id, done.order_id
            )
        return done

    def _failed(self, record: OrderRecord, error: ApiError) -> OrderRecord:
        """A refusal rejects the order, unless it came with a server error status: a
        gateway may answer that after the panel took the order, so that stays unclear."""
        if isinstance(error, PanelError) and error.http_status < 500:
            log.info("order #%d rejected: %s", record.id, error.panel_message)
            return self._outcome(record, JournalState.REJECTED, error=_refusal_text(error))
        if not error.request_sent:
            log.info("order #%d not sent: %s", record.id, error)
            return self._outcome(record, JournalState.REJECTED, error=f"Not sent: {error}")
        log.warning("order #%d unconfirmed: %s", record.id, error)
        return self._outcome(record, JournalState.UNCONFIRMED, error=str(error))

    def _outcome(
        self,
        record: OrderRecord,
        state: JournalState,
        *,
        error: str | None = None,
    ) -> OrderRecord:
        # UNCONFIRMED is accepted as a start state too: if recover_interrupted ran while
        # the request was in flight, the real answer is still better than a guess.
        return self._store.set_journal_state(record.id, state, expect=_OUTCOME_STATES, error=error)


def _refusal_text(error: PanelError) -> str:
    """The refusal in words a user reads, with the panel's raw words beside them when
    they differ (an untranslated key such as `neworder.error.link`)."""
    if error.panel_message in error.message:
        return error.message
    return f"{error.message} ({error.panel_message})"


def _unrecorded(order_id: str, error: StoreError) -> StoreError:
    """`error` with the order ID in front: the panel has the order, the history does not.
    A storage problem keeps its kind (and so its title: "The disk is full")."""
    message = f"The panel placed order {order_id} but SMMDesk could not record it: {error}"
    if isinstance(error, StorageProblem):
        return type(error)(message, error.path)
    return StoreError(message)
