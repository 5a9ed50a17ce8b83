"""What the UI can ask of `Desk`: every job by name, and the ticket that answers for it.

A pane keeps the ticket `Desk` returned and recognises its answer by the ticket's serial,
never by the answer's content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from itertools import count

_serial = count(1)


class Job(Enum):
    """Every job `Desk` runs; the value is what a user reads in "… failed"."""

    OPEN_HISTORY = "opening the order history"
    CACHED_SERVICES = "reading the cached catalogue"
    REFRESH_SERVICES = "fetching the catalogue"
    BALANCE = "fetching the balance"
    REFRESH_ORDERS = "refreshing order statuses"
    REFRESH_REFILLS = "refreshing refill statuses"
    TEST_CONNECTION = "testing the connection"
    PLACE_ORDER = "placing the order"
    REQUEST_REFILLS = "requesting refills"
    REQUEST_CANCELS = "requesting cancels"
    RESOLVE_ORDER = "resolving the order"
    DISMISS_ORDERS = "dismissing orders"
    TRACK_ORDERS = "adding orders to tracking"
    PLAN_ORDERS = "reading the selected orders"
    CHECK_ORDER_IDS = "asking the panel about order IDs"
    FIND_TRACKED = "looking up order IDs in the history"
    EXPORT_ORDERS = "exporting orders"
    EXPORT_SERVICES = "exporting services"
    EXPORT_REFILLS = "exporting refills"
    TABULATE_ORDERS = "reading the orders to copy"
    SAVE_PANEL = "saving the panel"
    KEEP_KEY_FOR_SESSION = "keeping the key for this session"
    REMOVE_PANEL = "removing the panel"
    LIST_KEYS_TO_DELETE = "reading the keys of removed panels"
    LOCATE_KEY = "checking where the key is"
    RETRY_KEY_DELETIONS = "deleting the keys of removed panels"
    CHECK_BATCH = "checking the mass order"
    RECHECK_BATCH = "checking the mass order again"
    PLACE_BATCH = "writing the mass order down"
    RESUME_BATCH = "resuming the mass order"
    RUN_BATCH = "placing the mass order"
    LIST_BATCHES = "reading unfinished mass orders"
    OPEN_BATCH = "opening the mass order"
    RESEND_BATCH_LINE = "sending the line again"
    NOTIFY_DESKTOP = "showing a desktop notification"
    LOAD_PRICE_BOARD = "reading every panel's catalogue"
    BUILD_REPORT = "adding up the spending report"
    LOAD_SCORECARD = "working out the provider scorecard"
    LIST_REFILL_WINDOWS = "reading the refill windows"
    MARK_DROPPED = "saving which orders dropped"
    LIST_WATCHED_PRICES = "reading the price changes"
    EXPORT_REPORT = "exporting the report"
    EXPORT_CHART = "saving the chart"
    LOAD_FAVOURITES = "reading favourite services"
    STAR_SERVICE = "adding the service to favourites"
    UNSTAR_SERVICE = "removing the service from favourites"
    ANNOTATE_ORDERS = "saving the notes of the orders"
    LOAD_MARKUPS = "reading the markups"
    SAVE_MARKUP = "saving the markup"
    TOTAL_ORDERS = "adding up the orders' money"
    LOAD_OVERVIEW = "reading the overview of every panel"


@dataclass(frozen=True)
class Ticket:
    """One request: which job, for which panel (None: none), in which generation.

    `generation` lets `Desk` drop results that arrive after shutdown; `serial` is what a
    receiver compares to recognise the answer to its own request.
    """

    job: Job
    panel_id: int | None
    generation: int
    serial: int = field(default_factory=lambda: next(_serial))
