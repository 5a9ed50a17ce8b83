"""The rows the store hands out: plain frozen dataclasses, safe to pass between threads.

They carry no connection and no lazy loading, so a Qt model can hold thousands of them
and a worker thread can return them through a signal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from smmdesk.api import OrderState, RefillState, Service, SkippedItem
from smmdesk.api.draft import OrderDraft


class StoreError(Exception):
    """Base of the store's own errors; the message is fit to show a user."""


class InvalidTransition(StoreError):
    """A journal row is not in the state the requested change starts from."""


class DuplicateOrderId(StoreError):
    """The panel's order ID is already tracked for this panel."""


class StorageProblem(StoreError):
    """The disk or the database file failed, not SMMDesk's logic. `path` is the database
    file; the message names its folder and says what the user can do about it."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path

    @property
    def folder(self) -> Path:
        return self.path.parent


class DiskFull(StorageProblem):
    """No space left on the disk that holds the data folder."""


class ReadOnlyStorage(StorageProblem):
    """The data folder or the database cannot be written (or was opened read-only)."""


class DatabaseCorrupt(StorageProblem):
    """The database file is damaged: not a database, truncated or malformed."""


class DatabaseLocked(StorageProblem):
    """Another program holds the database's write lock."""


class CannotOpen(StorageProblem):
    """The database file cannot be opened or created at all (missing folder, a file where
    the folder should be, no permission)."""


class DiskFailure(StorageProblem):
    """The operating system reported an I/O error reading or writing the database."""


class JournalState(StrEnum):
    """Where an order stands in the journal (see design.md, "The order journal")."""

    SENDING = "sending"
    PLACED = "placed"
    REJECTED = "rejected"
    UNCONFIRMED = "unconfirmed"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Panel:
    """A panel profile. The API key is deliberately absent: it lives in the OS keyring, and
    so does the proxy's password (`proxy` is the URL without it, user name kept).
    `requests_per_minute` paces every request to the panel (None: no limit)."""

    id: int
    name: str
    url: str
    proxy: str | None
    allow_insecure_http: bool
    is_demo: bool
    created_at: datetime
    requests_per_minute: int | None = None


@dataclass(frozen=True, slots=True)
class KeyToDelete:
    """The keyring entry of a removed panel, remembered until it is known to be gone.

    `problem` says why the last attempt failed; None when none was made (SMMDesk closed
    between removing the panel and deleting its key).
    """

    panel_id: int
    panel_name: str
    problem: str | None
    removed_at: datetime


@dataclass(frozen=True, slots=True)
class OrderRecord:
    """One journal row: what was sent, what the panel answered, and its last known status."""

    id: int
    panel_id: int
    service_id: str
    service_name: str
    service_type: str
    link: str | None
    quantity: int | None
    runs: int | None
    interval: int | None
    fields: Mapping[str, str] = field(hash=False)  # a read-only mapping cannot be hashed
    charge_estimate: Decimal | None
    currency: str | None
    journal_state: JournalState
    order_id: str | None
    error: str | None
    status_text: str | None
    state: OrderState | None
    charge: Decimal | None
    start_count: int | None
    remains: int | None
    posts: int | None
    runs_done: int | None
    created_at: datetime
    updated_at: datetime
    checked_at: datetime | None
    can_refill: bool
    can_cancel: bool
    batch_id: int | None = None  # the mass-order batch that sent it, and its line there
    batch_line: int | None = None
    # The user's own, never sent to a panel: a note, a customer label and the price the
    # order is sold for (in the order's currency).
    note: str = ""
    customer: str = ""
    sell_price: Decimal | None = None

    @property
    def is_tracked(self) -> bool:
        """Placed and not yet final: the status refresh still asks about it."""
        placed = self.journal_state is JournalState.PLACED
        return placed and (self.state is None or not self.state.is_final)


@dataclass(frozen=True, slots=True)
class ActiveOnLink:
    """What the duplicate-link guard knows of a link key: its newest order that may still
    run (pending, in progress, being sent or unconfirmed), and how many such orders it has.
    A batch loads these for every key at once instead of asking line by line."""

    record_id: int
    panel_id: int
    order_id: str | None
    journal_state: JournalState
    count: int = 1


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """A batch and where its lines stand: each line is counted by its latest attempt's
    journal state, or as `unsent` when it was never sent. `stopped`: the user pressed Stop
    (the unsent lines wait for Resume)."""

    id: int
    created_at: datetime
    title: str
    total: int
    placed: int
    rejected: int
    unconfirmed: int
    sending: int
    unsent: int
    stopped: bool
    dismissed: int = 0

    @property
    def is_finished(self) -> bool:
        """Every line has an outcome: nothing to send, nothing in flight."""
        return self.unsent == 0 and self.sending == 0


@dataclass(frozen=True, slots=True)
class BatchLineRecord:
    """A line as it was confirmed (its service as the catalogue had it then) and the
    journal row of its latest attempt; `order` None: never sent."""

    batch_id: int
    number: int
    panel_id: int
    draft_fields: Mapping[str, str] = field(hash=False)
    service_id: str
    charge_estimate: Decimal | None
    currency: str | None
    order: OrderRecord | None
    service: Service

    @property
    def draft(self) -> OrderDraft:
        """The order exactly as confirmed: what sending this line sends."""
        return OrderDraft(self.service, self.draft_fields, self.charge_estimate, self.currency)


@dataclass(frozen=True, slots=True)
class OrderResolution:
    """An order ID the user entered for an order whose `add` answer never arrived, after
    the panel confirmed it; a correction adds another, naming the ID it replaced."""

    id: int
    order_record_id: int
    order_id: str
    previous_order_id: str | None
    resolved_at: datetime


@dataclass(frozen=True, slots=True)
class OrderChange:
    """An order whose state moved during a status refresh (what a notification needs)."""

    record_id: int
    order_id: str
    before: OrderState | None
    after: OrderState


@dataclass(frozen=True, slots=True)
class ServiceMarkup:
    """The markup, in percent over the charge, that fills in the sell price of a new
    order for this service."""

    panel_id: int
    service_id: str
    percent: Decimal


@dataclass(frozen=True, slots=True)
class CustomerMarkup:
    """The markup for a customer's orders; it wins over the service's. `customer` is the
    label as the user last typed it (matched without case or accents)."""

    customer: str
    percent: Decimal


@dataclass(frozen=True, slots=True)
class Markups:
    """Every stored markup, and the customer labels already used on orders (most recent
    first), for the forms' completion."""

    services: tuple[ServiceMarkup, ...] = ()
    customers: tuple[CustomerMarkup, ...] = ()
    known_customers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MoneyFacts:
    """What the profit rules read of an order (`services.profit`); `OrderRecord` has the
    same attributes. A totals read builds 100,000 of these, not whole records."""

    journal_state: JournalState
    state: OrderState | None
    quantity: int | None
    runs: int | None
    remains: int | None
    charge: Decimal | None
    charge_estimate: Decimal | None
    sell_price: Decimal | None
    currency: str | None


@dataclass(frozen=True, slots=True)
class OrderQuery:
    """What the orders view shows: a panel (or all), a status tab, a search text, a sort."""

    panel_id: int | None = None
    tab: str = "all"
    text: str = ""
    sort_column: str = "created_at"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class RefillRecord:
    id: int
    panel_id: int
    order_record_id: int
    order_id: str
    refill_id: str | None
    error: str | None
    status_text: str | None
    state: RefillState | None
    created_at: datetime
    updated_at: datetime

    @property
    def is_tracked(self) -> bool:
        """Accepted by the panel and not final yet: the refill refresh still asks about it."""
        return self.refill_id is not None and (self.state is None or not self.state.is_final)


@dataclass(frozen=True, slots=True)
class RefillChange:
    """A refill whose state moved during a refill-status refresh."""

    refill: RefillRecord
    before: RefillState | None
    after: RefillState


@dataclass(frozen=True, slots=True)
class CancelRecord:
    id: int
    panel_id: int
    order_record_id: int
    order_id: str
    accepted: bool
    error: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ServicesSnapshot:
    """The cached catalogue of a panel, in the panel's own order.

    `skipped` lists the entries of the fetch that made it which could not be read (their
    cached rows, if any, are among `services`); it is not stored, so a snapshot read back
    from the cache has none."""

    services: list[Service]
    fetched_at: datetime
    skipped: tuple[SkippedItem, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogueDiff:
    """How a fetched catalogue differs from the one before it.

    On the first fetch of a panel nothing is "new" to the user, so the sets are empty and
    `is_first_fetch` is True.
    """

    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    repriced: Mapping[str, tuple[Decimal, Decimal]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    is_first_fetch: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.repriced)


@dataclass(frozen=True, slots=True)
class PriceChange:
    service_id: str
    old_rate: Decimal
    new_rate: Decimal
    changed_at: datetime
