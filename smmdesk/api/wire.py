"""The wire format: decoding bodies, spotting errors, and normalising dialects.

This module is the only place in SMMDesk that knows what API v2 answers look like.
It is strict about meaning and tolerant about form (see api-v2.md, "Dialects").
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from . import json_items
from .errors import PanelError, ProtocolError
from .models import Balance, OrderState, OrderStatus, RefillState, RefillStatus, Service

EXCERPT_CHARS = 160
_BOM = "\ufeff"
_WEB_PAGE = re.compile(r"<(!doctype|html|head|body)\b", re.IGNORECASE)
_TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y"})
_FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", ""})
_ERROR_STATUS_WORDS = frozenset({"error", "fail", "failed", "false"})
_SERVICE_FIELDS = frozenset(
    {"service", "name", "type", "category", "rate", "min", "max", "refill", "cancel"}
    | {"dripfeed", "desc", "description"}
)
_STATUS_FIELDS = frozenset(
    {"status", "charge", "start_count", "remains", "currency", "posts", "runs"}
)


def excerpt(text: str, secret: str | None) -> str:
    """The start of a body, on one line, with the key blanked out if the panel echoed it."""
    if secret:
        text = text.replace(secret, "***")
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS] + "…"


def decode_body(raw: bytes, http_status: int, secret: str | None) -> Any:
    """Parse a JSON body, tolerating a byte-order mark and surrounding whitespace only."""
    text = raw.decode("utf-8", errors="replace").lstrip(_BOM).strip()
    if not text:
        raise ProtocolError("The panel sent an empty answer", http_status=http_status)
    try:
        return json_items.loads(text)
    except json.JSONDecodeError:
        message = (
            "The panel sent a web page instead of an API answer"
            if _WEB_PAGE.match(text)
            else "The panel's answer is not valid JSON"
        )
        raise ProtocolError(
            message, http_status=http_status, body_excerpt=excerpt(text, secret)
        ) from None


def panel_error_in(payload: Any, http_status: int = 200) -> PanelError | None:
    """The panel's refusal inside an answer, in any dialect, or None.

    Looked for before any result field is read: `{"error": "low balance", "order": 32}`
    is a failure, not order 32.
    """
    if isinstance(payload, str) and http_status < 400:
        return None
    if not isinstance(payload, dict):
        return None
    error = payload.get("error")
    if error not in (None, "", False, 0):
        return PanelError(_error_text(error), http_status=http_status)
    errors = payload.get("errors")
    if isinstance(errors, list | dict) and errors:
        items = errors.values() if isinstance(errors, dict) else errors
        return PanelError("; ".join(_error_text(e) for e in items), http_status=http_status)
    status = payload.get("status")
    if isinstance(status, str | bool) and str(status).lower() in _ERROR_STATUS_WORDS:
        message = payload.get("message") or payload.get("msg")
        if message:
            return PanelError(_error_text(message), http_status=http_status)
    return None


def _error_text(error: Any) -> str:
    if isinstance(error, dict):
        for key in ("message", "error", "msg", "text"):
            if error.get(key):
                return _error_text(error[key])
        return json.dumps(error, ensure_ascii=False)
    if isinstance(error, list):
        return "; ".join(_error_text(e) for e in error)
    return str(error).strip() or "The panel reported an error without a message"


def item_error(value: Any) -> PanelError | None:
    """The error of one item of a multi answer: an error object or a bare string."""
    if isinstance(value, str):
        return PanelError(value)
    return panel_error_in(value)


class Shape(Exception):
    """Raised by the parsers below when a value has the wrong shape.

    The client turns it into a `ProtocolError` that carries the HTTP status and excerpt.
    """


def to_id(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise Shape(f"expected an ID, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text or isinstance(value, dict | list):
        raise Shape(f"expected an ID, got {value!r}")
    return text


def to_bool(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = str(value).strip().lower()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise Shape(f"expected a yes/no flag, got {value!r}")


def to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise Shape(f"expected a number, got {value!r}")
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise Shape(f"expected a number, got {value!r}") from None
    if not number.is_finite():
        raise Shape(f"expected a finite number, got {value!r}")
    return number


def to_int(value: Any) -> int:
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise Shape(f"expected a whole number, got {value!r}")
    return int(number)


def to_optional_int(value: Any) -> int | None:
    """A count that panels sometimes replace by a word such as "Unknown" or leave empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return to_int(value)
    except Shape:
        return None


def _to_optional_decimal(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_decimal(value)


def _extras(item: dict[str, Any], known: frozenset[str]) -> MappingProxyType[str, Any]:
    return MappingProxyType({k: v for k, v in item.items() if k not in known})


def parse_services(payload: Any) -> list[Service]:
    if isinstance(payload, dict) and str(payload.get("status", "")).lower() == "success":
        payload = payload.get("data", [])
        if isinstance(payload, str):
            return []
    if isinstance(payload, dict):
        payload = list(payload.values())
    if not isinstance(payload, list):
        raise Shape("the services answer is not a list")
    return [parse_service(item) for item in payload]


def parse_service(item: Any) -> Service:
    if not isinstance(item, dict):
        raise Shape(f"a service entry is not an object: {item!r}"[:120])
    try:
        return Service(
            id=to_id(item.get("service", item.get("id"))),
            name=str(item.get("name") or "").strip(),
            type=str(item.get("type") or "Default").strip(),
            category=str(item.get("category") or "").strip(),
            rate=to_decimal(item.get("rate")),
            min=to_int(item.get("min", 0)),
            max=to_int(item.get("max", 0)),
            refill=to_bool(item.get("refill")),
            cancel=to_bool(item.get("cancel")),
            dripfeed=to_bool(item.get("dripfeed")),
            description=str(item.get("desc") or item.get("description") or "").strip(),
            extra=_extras(item, _SERVICE_FIELDS),
        )
    except Shape as exc:
        raise Shape(f"service {item.get('service', '?')}: {exc}") from None


def parse_order_status(order_id: str, item: Any) -> OrderStatus:
    if not isinstance(item, dict) or not isinstance(item.get("status"), str):
        raise Shape(f"the status of order {order_id} has no status word")
    text = item["status"].strip()
    return OrderStatus(
        order_id=order_id,
        status_text=text,
        state=OrderState.parse(text),
        charge=_to_optional_decimal(item.get("charge")),
        start_count=to_optional_int(item.get("start_count")),
        remains=to_optional_int(item.get("remains")),
        currency=str(item["currency"]).strip() if item.get("currency") else None,
        posts=to_optional_int(item.get("posts")),
        runs=to_optional_int(item.get("runs")),
        extra=_extras(item, _STATUS_FIELDS - {"remains"}),
    )


def parse_refill_status(refill_id: str, status: Any) -> RefillStatus:
    if isinstance(status, dict):
        status = status.get("status")
    if not isinstance(status, str):
        raise Shape(f"the status of refill {refill_id} has no status word")
    text = status.strip()
    return RefillStatus(refill_id=refill_id, status_text=text, state=RefillState.parse(text))


def parse_balance(payload: Any) -> Balance:
    if not isinstance(payload, dict) or "balance" not in payload:
        raise Shape("the balance answer has no balance")
    currency = str(payload.get("currency") or "").strip() or "USD"
    return Balance(amount=to_decimal(payload["balance"]), currency=currency)


def parse_order_id(payload: Any) -> str:
    if not isinstance(payload, dict) or "order" not in payload:
        raise Shape("the answer to add has no order ID")
    return to_id(payload["order"])


def parse_refill_id(payload: Any) -> str:
    if not isinstance(payload, dict) or "refill" not in payload:
        raise Shape("the answer to refill has no refill ID")
    value = payload["refill"]
    if isinstance(value, dict):
        value = value.get("id", value.get("refill"))
    return to_id(value)


def cancel_outcome(value: Any) -> PanelError | None:
    """One item of a multi-cancel answer: accepted (None) or the panel's refusal."""
    if isinstance(value, PanelError):
        return value
    return None if _is_accepted(value) else PanelError(str(value))


def check_cancel_answer(payload: Any) -> None:
    """A single cancel succeeds as `{"status": "success", …}` or `{"cancel": 1}`."""
    if not isinstance(payload, dict):
        raise Shape("the answer to cancel is not an object")
    if not _is_accepted(payload.get("cancel", payload.get("status"))):
        raise Shape("the answer to cancel does not say it was accepted")


def _is_accepted(value: Any) -> bool:
    if isinstance(value, str) and value.strip().lower() in _OK_WORDS:
        return True
    try:
        return to_bool(value)
    except Shape:
        return False


_OK_WORDS = frozenset({"success", "ok", "accepted", "pending"})


def parse_multi_status(payload: Any, asked: list[str]) -> dict[str, OrderStatus | PanelError]:
    """Object keyed by order ID; a bad ID's value is an error object or a bare string.

    A panel asked about one ID sometimes answers with that order's bare status object.
    """
    if not isinstance(payload, dict):
        raise Shape("the multi-status answer is not an object")
    if len(asked) == 1 and isinstance(payload.get("status"), str):
        payload = {asked[0]: payload}
    results: dict[str, OrderStatus | PanelError] = {}
    for key, value in payload.items():
        order_id = to_id(key)
        error = item_error(value)
        results[order_id] = error or parse_order_status(order_id, value)
    return results


def parse_multi_items(payload: Any, id_key: str, value_key: str) -> dict[str, Any]:
    """`[{"order": 1, "refill": 7}, {"order": 3, "refill": {"error": "…"}}]` as a mapping
    from the first ID to either the value or a `PanelError`."""
    if isinstance(payload, dict) and id_key not in payload:
        payload = [{id_key: k, value_key: v} for k, v in payload.items()]
    if isinstance(payload, dict):
        payload = [payload]
    if not isinstance(payload, list):
        raise Shape(f"the multi {value_key} answer is not a list")
    results: dict[str, Any] = {}
    for item in payload:
        if not isinstance(item, dict) or id_key not in item:
            raise Shape(f"a multi {value_key} entry has no {id_key}")
        value = item.get(value_key, item.get("status"))
        error = panel_error_in(value) if isinstance(value, dict) else None
        results[to_id(item[id_key])] = error or value
    return results
