"""Answers about many IDs at once: multi-status, multi-refill, multi-refill-status and
multi-cancel.

Each maps an ID to its outcome, and one malformed entry becomes that ID's
`ProtocolError`: one order with `start_count: 1e30` must not hide the other 99. An entry
that names no readable ID cannot be given to anyone and is left out; the client then
reports the IDs it asked about and did not hear of.
"""

from __future__ import annotations

from typing import Any

from .entries import is_accepted, order_status, refill_status
from .errors import ApiError
from .models import OrderStatus, RefillStatus
from .refusals import item_error, panel_error_in, refusal
from .values import Shape, protocol_error, to_id


def parse_multi_status(payload: Any, asked: list[str]) -> dict[str, OrderStatus | ApiError]:
    """Object keyed by order ID; a bad ID's value is an error object or a bare string.

    A panel asked about one ID sometimes answers with that order's bare status object.
    """
    if not isinstance(payload, dict):
        raise protocol_error(Shape("the multi-status answer is not an object"))
    if len(asked) == 1 and isinstance(payload.get("status"), str):
        payload = {asked[0]: payload}
    results: dict[str, OrderStatus | ApiError] = {}
    for key, value in payload.items():
        order_id = _readable_id(key)
        if order_id is None:
            continue
        error = item_error(value)
        if error is not None:
            results[order_id] = error
            continue
        try:
            results[order_id] = order_status(order_id, value)
        except Shape as problem:
            results[order_id] = protocol_error(problem)
    return results


def parse_multi_items(payload: Any, id_key: str, value_key: str) -> dict[str, Any]:
    """`[{"order": 1, "refill": 7}, {"order": 3, "refill": {"error": "…"}}]` as a mapping
    from the first ID to either the raw value or a `PanelError`."""
    if isinstance(payload, dict) and id_key not in payload:
        payload = [{id_key: k, value_key: v} for k, v in payload.items()]
    if isinstance(payload, dict):
        payload = [payload]
    if not isinstance(payload, list):
        raise protocol_error(Shape(f"the multi {value_key} answer is not a list"))
    results: dict[str, Any] = {}
    for item in payload:
        item_id = _readable_id(item.get(id_key)) if isinstance(item, dict) else None
        if item_id is None:
            continue
        value = item.get(value_key, item.get("status"))
        error = panel_error_in(value) if isinstance(value, dict) else None
        results[item_id] = error or value
    return results


def parse_multi_refills(payload: Any) -> dict[str, str | ApiError]:
    """Refill ID per order, or why not."""
    items = parse_multi_items(payload, "order", "refill")
    return {order_id: _refill_id(order_id, value) for order_id, value in items.items()}


def _refill_id(order_id: str, value: Any) -> str | ApiError:
    if isinstance(value, ApiError):
        return value
    if isinstance(value, dict):
        value = value.get("id", value.get("refill"))
    if isinstance(value, str) and " " in value.strip():
        return refusal(value)  # words, not an ID: the panel's refusal without an object
    try:
        return to_id(value, "refill")
    except Shape as problem:
        problem.whose = f"order {order_id}"
        return protocol_error(problem)


def parse_multi_refill_statuses(payload: Any) -> dict[str, RefillStatus | ApiError]:
    """Status per refill, or why not."""
    items = parse_multi_items(payload, "refill", "status")
    results: dict[str, RefillStatus | ApiError] = {}
    for refill_id, value in items.items():
        if isinstance(value, ApiError):
            results[refill_id] = value
            continue
        try:
            results[refill_id] = refill_status(refill_id, value)
        except Shape as problem:
            results[refill_id] = protocol_error(problem)
    return results


def parse_multi_cancels(payload: Any) -> dict[str, ApiError | None]:
    """None per accepted cancellation, else the refusal."""
    items = parse_multi_items(payload, "order", "cancel")
    return {order_id: cancel_outcome(value) for order_id, value in items.items()}


def cancel_outcome(value: Any) -> ApiError | None:
    """One item of a multi-cancel answer: accepted (None) or the panel's refusal."""
    if isinstance(value, ApiError):
        return value
    if is_accepted(value):
        return None
    if isinstance(value, str) and value.strip():
        return refusal(value)
    return refusal("The panel did not accept the cancellation")


def _readable_id(value: Any) -> str | None:
    try:
        return to_id(value)
    except Shape:
        return None
