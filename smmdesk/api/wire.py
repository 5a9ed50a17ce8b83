"""The wire format: decoding bodies, spotting errors, and normalising dialects.

This module is the door to the only code in SMMDesk that knows what API v2 answers look
like (`values`, `entries`, `multi`, `refusals`, `json_items`). It is strict about meaning
and tolerant about form (see api-v2.md, "Dialects"), and it treats every answer as
hostile: whatever the bytes, a parser returns a typed result or raises an `ApiError`,
never another exception, and a malformed entry of a list answer hides only itself.

The parsers raise `ProtocolError` themselves, naming the field and showing a short excerpt
of the value, rather than leaving `Shape` to the client: the client also calls some of
them (`to_id`, `parse_refill_status`) outside its `Shape` handler.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from . import entries, json_items
from .errors import ProtocolError
from .models import (
    Balance,
    OrderStatus,
    PlacedOrder,
    RefillStatus,
    Service,
    ServiceList,
    SkippedItem,
)
from .multi import (
    cancel_outcome,
    parse_multi_cancels,
    parse_multi_items,
    parse_multi_refill_statuses,
    parse_multi_refills,
    parse_multi_status,
)
from .refusals import item_error, panel_error_in
from .values import Shape, protocol_error, to_code, to_money
from .values import to_id as _to_id

__all__ = [
    "Shape",
    "cancel_outcome",
    "check_cancel_answer",
    "decode_body",
    "excerpt",
    "item_error",
    "panel_error_in",
    "parse_balance",
    "parse_multi_cancels",
    "parse_multi_items",
    "parse_multi_refill_statuses",
    "parse_multi_refills",
    "parse_multi_status",
    "parse_order_id",
    "parse_order_status",
    "parse_placed_order",
    "parse_refill_id",
    "parse_refill_status",
    "parse_services",
    "to_id",
]

log = logging.getLogger("smmdesk.api")

EXCERPT_CHARS = 160
_BOM = "\ufeff"
_WEB_PAGE = re.compile(r"<(!doctype|html|head|body)\b", re.IGNORECASE)
P = ParamSpec("P")
R = TypeVar("R")


def excerpt(text: str, secret: str | None) -> str:
    """The start of a body, on one line, with the key blanked out if the panel echoed it."""
    if secret and secret in text:
        text = text.replace(secret, "***")
    flat = " ".join(text[: EXCERPT_CHARS * 8].split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS] + "…"


def decode_body(raw: bytes, http_status: int, secret: str | None) -> Any:
    """Parse a JSON body, tolerating a byte-order mark and surrounding whitespace only."""
    text = raw.decode("utf-8", errors="replace").lstrip(_BOM).strip()
    if not text:
        raise ProtocolError("The panel sent an empty answer", http_status=http_status)
    try:
        return json_items.loads(text)
    except json_items.TooDeep:
        message = "The panel's answer is nested too deeply to be an API answer"
    except json.JSONDecodeError:
        message = (
            "The panel sent a web page instead of an API answer"
            if _WEB_PAGE.match(text)
            else "The panel's answer is not valid JSON"
        )
    raise ProtocolError(message, http_status=http_status, body_excerpt=excerpt(text, secret))


def _reported(parse: Callable[P, R]) -> Callable[P, R]:
    """The parser, with its `Shape` turned into the `ProtocolError` naming the field."""

    @wraps(parse)
    def reporting(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return parse(*args, **kwargs)
        except Shape as problem:
            raise protocol_error(problem) from None

    return reporting


@_reported
def to_id(value: Any) -> str:
    """An ID as an opaque string (see `values.to_id` for what is refused)."""
    return _to_id(value)


def parse_services(payload: Any) -> ServiceList:
    """The catalogue; a malformed entry is skipped and listed in `skipped`, not fatal.

    Only when no entry at all could be read is the answer an error: an empty result would
    read as "the panel removed every service".
    """
    items = _service_items(payload)
    services: list[Service] = []
    skipped: list[SkippedItem] = []
    for index, item in enumerate(items):
        try:
            services.append(entries.service(item))
        except Shape as problem:
            item_id = entries.service_id_of(item)
            skipped.append(SkippedItem(index, item_id, problem.field, problem.reason))
    if skipped and not services:
        raise ProtocolError(
            f"No service in the panel's answer could be read ({_entries(len(items))})",
            http_status=200,
            body_excerpt=skipped[0].describe(),
        )
    if skipped:
        log.warning(
            "services: %d of %d entries skipped, the first: %s",
            len(skipped),
            len(items),
            skipped[0].describe(),
        )
    return ServiceList(services, skipped)


def _entries(count: int) -> str:
    return f"{count:,} entr{'y' if count == 1 else 'ies'}"


def _service_items(payload: Any) -> list[Any]:
    status = payload.get("status") if isinstance(payload, dict) else None
    if isinstance(status, str) and status[:10].lower() == "success":
        payload = payload.get("data", [])
        if isinstance(payload, str):
            return []
    if isinstance(payload, dict):
        payload = list(payload.values())
    if not isinstance(payload, list):
        raise protocol_error(Shape("the services answer is not a list"))
    return payload


@_reported
def parse_order_status(order_id: str, item: Any) -> OrderStatus:
    return entries.order_status(order_id, item)


@_reported
def parse_order_id(payload: Any) -> str:
    return entries.placed_order(payload).order_id


@_reported
def parse_placed_order(payload: Any) -> PlacedOrder:
    """The whole answer to `add`: the ID, and the real charge when the panel gives it."""
    return entries.placed_order(payload)


@_reported
def parse_refill_id(payload: Any) -> str:
    if not isinstance(payload, dict) or "refill" not in payload:
        raise Shape("the answer to refill has no refill ID")
    value = payload["refill"]
    if isinstance(value, dict):
        error = panel_error_in(value)
        if error is not None:
            raise error
        value = value.get("id", value.get("refill"))
    return _to_id(value, "refill")


@_reported
def parse_refill_status(refill_id: str, status: Any) -> RefillStatus:
    return entries.refill_status(refill_id, status)


@_reported
def check_cancel_answer(payload: Any) -> None:
    """A single cancel succeeds as `{"status": "success", …}` or `{"cancel": 1}`."""
    if not isinstance(payload, dict):
        raise Shape("the answer to cancel is not an object")
    if not entries.is_accepted(payload.get("cancel", payload.get("status"))):
        raise Shape("the answer to cancel does not say it was accepted")


@_reported
def parse_balance(payload: Any) -> Balance:
    if not isinstance(payload, dict) or "balance" not in payload:
        raise Shape("the balance answer has no balance")
    currency = to_code(payload.get("currency"), "currency") or "USD"
    return Balance(amount=to_money(payload["balance"], "balance"), currency=currency)
