"""One entry of an answer (a service, an order's or a refill's status, a placed order)
read into its typed model.

These raise `Shape` naming the field and the entry, so that a list answer can skip or
flag that one entry and keep the rest; `wire` turns `Shape` into `ProtocolError` for the
single-entry answers.
"""

from __future__ import annotations

from typing import Any, Final

from .models import OrderState, OrderStatus, PlacedOrder, RefillState, RefillStatus, Service
from .values import (
    DESCRIPTION_CHARS,
    MAX_ID_CHARS,
    WORD_CHARS,
    Shape,
    clean_text,
    extras,
    to_bool,
    to_code,
    to_count,
    to_id,
    to_money,
    to_optional_count,
    to_optional_money,
    to_text,
)

MAX_CHILD_ORDERS: Final = 10_000
_SERVICE_FIELDS = frozenset(
    {"service", "name", "type", "category", "rate", "min", "max", "refill", "cancel"}
    | {"dripfeed", "desc", "description"}
)
# `remains` is read and also kept in `extra`, where a word such as "Unknown" survives.
_STATUS_FIELDS = frozenset(
    {"status", "charge", "start_count", "currency", "posts", "runs", "orders", "expiry"}
)
_OK_WORDS = frozenset({"success", "ok", "accepted", "pending"})


def service(item: Any) -> Service:
    if type(item) is not dict:
        raise Shape("not an object", "entry", item)
    get = item.get
    service_id = to_id(get("service", get("id")), "service")
    try:
        minimum, maximum = _limits(get("min"), get("max"))
        description, known = _description(item)
        return Service(
            id=service_id,
            name=to_text(get("name"), "name"),
            type=to_text(get("type"), "type", WORD_CHARS) or "Default",
            category=to_text(get("category"), "category"),
            rate=to_money(get("rate"), "rate", signed=False),
            min=minimum,
            max=maximum,
            refill=to_bool(get("refill"), "refill"),
            cancel=to_bool(get("cancel"), "cancel"),
            dripfeed=to_bool(get("dripfeed"), "dripfeed"),
            description=description,
            extra=extras(item, known),
        )
    except Shape as problem:
        problem.whose = f"service {service_id}"
        raise


def service_id_of(item: Any) -> str | None:
    """The ID of a catalogue entry, when it has a readable one."""
    if not isinstance(item, dict):
        return None
    try:
        return to_id(item.get("service", item.get("id")))
    except Shape:
        return None


def _limits(low: Any, high: Any) -> tuple[int, int]:
    """min and max; missing is 0, and a max of 0 means "no upper limit" (see forms)."""
    minimum = 0 if low is None else to_count(low, "min")
    maximum = 0 if high is None else to_count(high, "max")
    if minimum < 0:
        raise Shape("negative", "min", low)
    if maximum < 0:
        raise Shape("negative", "max", high)
    if maximum and minimum > maximum:
        raise Shape(f"greater than max ({maximum})", "min", low)
    return minimum, maximum


def _description(item: dict[str, Any]) -> tuple[str, frozenset[str]]:
    """A description that is not a text (one per language, say) is no reason to hide the
    service: it stays, bounded, in `extra`."""
    key = "desc" if item.get("desc") else "description"
    try:
        return to_text(item.get(key), key, DESCRIPTION_CHARS), _SERVICE_FIELDS
    except Shape:
        return "", _SERVICE_FIELDS - {key}


def order_status(order_id: str, item: Any) -> OrderStatus:
    """What the panel said about one order, and nothing it did not say."""
    try:
        if not isinstance(item, dict):
            raise Shape("not an object", "status", item)
        text = _status_word(item.get("status"))
        get = item.get
        return OrderStatus(
            order_id=order_id,
            status_text=text,
            state=OrderState.parse(text),
            charge=to_optional_money(get("charge"), "charge"),
            start_count=to_optional_count(get("start_count"), "start_count"),
            remains=to_optional_count(get("remains"), "remains"),
            currency=to_code(get("currency"), "currency"),
            posts=to_optional_count(get("posts"), "posts"),
            runs=to_optional_count(get("runs"), "runs"),
            orders=_child_orders(get("orders")),
            expiry=to_code(get("expiry"), "expiry", MAX_ID_CHARS),
            extra=extras(item, _STATUS_FIELDS),
        )
    except Shape as problem:
        problem.whose = f"order {order_id}"
        raise


def _child_orders(value: Any) -> tuple[str, ...]:
    """The orders a drip-feed or subscription placed, as IDs."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_CHILD_ORDERS:
        raise Shape(f"not a list of at most {MAX_CHILD_ORDERS:,} IDs", "orders", value)
    return tuple(to_id(v, "orders") for v in value)


def refill_status(refill_id: str, status: Any) -> RefillStatus:
    """One refill's status: a word, or an object with one."""
    if isinstance(status, dict):
        status = status.get("status")
    try:
        text = _status_word(status)
    except Shape as problem:
        problem.whose = f"refill {refill_id}"
        raise
    return RefillStatus(refill_id=refill_id, status_text=text, state=RefillState.parse(text))


def _status_word(value: Any) -> str:
    if not isinstance(value, str):
        raise Shape("no status word", "status", value)
    return clean_text(value.strip(), WORD_CHARS)


def placed_order(payload: Any) -> PlacedOrder:
    """The answer to `add`. The order exists once its ID is known, so a charge or currency
    that cannot be read is None (unknown) rather than an error that would leave the
    journal unsure whether the order was placed."""
    if not isinstance(payload, dict) or "order" not in payload:
        raise Shape("the answer to add has no order ID")
    order_id = to_id(payload["order"], "order")
    try:
        charge = to_optional_money(payload.get("charge"), "charge")
    except Shape:
        charge = None
    try:
        currency = to_code(payload.get("currency"), "currency")
    except Shape:
        currency = None
    return PlacedOrder(order_id=order_id, charge=charge, currency=currency)


def is_accepted(value: Any) -> bool:
    """`1`, `true`, "success", "ok"… mean the panel took the request."""
    if isinstance(value, str) and value[:20].strip().lower() in _OK_WORDS:
        return True
    try:
        return to_bool(value, "cancel")
    except Shape:
        return False
