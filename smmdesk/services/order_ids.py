"""Asking the panel about order IDs before believing them.

An ID typed or pasted by a user may be mistyped, belong to another panel, or not exist
(`abc`, `999999`). Resolve and "Track existing order IDs" record an ID only after the
panel answered `status` for it; its refusal ("Incorrect order ID") is shown in its own
words and nothing is recorded. Many IDs are asked 100 a request (multi-status).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smmdesk.api import ApiError, OrderStatus, PanelError
from smmdesk.store import Store

if TYPE_CHECKING:
    from smmdesk.api.client import PanelClient


@dataclass(frozen=True, slots=True)
class OrderIdsChecked:
    """What the panel said about each ID asked.

    `known`: the panel's status for IDs it knows; `refused`: its own words for IDs it does
    not; `unchecked`: why an ID could not be asked (network, a nonsensical answer) — not
    believed either; `tracked`: record IDs of asked IDs already in the history.
    """

    known: dict[str, OrderStatus] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    unchecked: dict[str, str] = field(default_factory=dict)
    tracked: dict[str, int] = field(default_factory=dict)


def clean_ids(order_ids: list[str]) -> list[str]:
    """Stripped, empty ones dropped, each once, in the order given."""
    return list(dict.fromkeys(i.strip() for i in order_ids if i.strip()))


def check_order_ids(
    client: PanelClient, store: Store, panel_id: int, order_ids: list[str]
) -> OrderIdsChecked:
    """Ask the panel about every ID (raises `ApiError` only if it could not be asked at
    all) and say which are in the panel's history already."""
    wanted = clean_ids(order_ids)
    checked = OrderIdsChecked(
        tracked={r.order_id or "": r.id for r in store.orders_by_order_ids(panel_id, wanted)}
    )
    if not wanted:
        return checked
    for order_id, outcome in client.statuses(wanted).items():
        if isinstance(outcome, PanelError):
            checked.refused[order_id] = outcome.panel_message
        elif isinstance(outcome, ApiError):
            checked.unchecked[order_id] = str(outcome)
        else:
            checked.known[order_id] = outcome
    return checked
