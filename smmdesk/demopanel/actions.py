"""From a request form to the JSON bytes a real panel would answer.

This is the only module that knows the wire shapes of API v2 answers: numbers as strings
in status objects, integers in multi arrays, per-item ``{"error": …}`` objects, and which
actions have a multi variant. The ledger itself (:mod:`.state`) deals in typed values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from typing import Any

from .catalogue import Service
from .lifecycle import Order, OrderSnapshot
from .placement import PanelRefusal
from .state import PanelState

MAX_IDS_PER_REQUEST = 100
INCORRECT_REQUEST: dict[str, str] = {"error": "Incorrect request"}
#: Actions that never change the ledger: safe to answer for real even in a faulty request.
READ_ACTIONS = frozenset({"services", "status", "refill_status", "balance"})
#: The parameter that turns an action into its multi variant.
MULTI_PARAMETERS = {
    "status": "orders",
    "refill": "orders",
    "cancel": "orders",
    "refill_status": "refills",
}

Handler = Callable[[Mapping[str, str]], Any]


def encode(answer: Any) -> bytes:
    """Compact JSON with raw UTF-8, as PHP panels configured for Unicode send it."""
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()


def is_multi(form: Mapping[str, str]) -> bool:
    parameter = MULTI_PARAMETERS.get(form.get("action", ""))
    return parameter is not None and parameter in form


class ActionRouter:
    """Checks the key, dispatches on ``action`` and shapes the answer."""

    def __init__(
        self, state: PanelState, key: str, currency: str, catalogue: list[Service]
    ) -> None:
        self._state = state
        self._key = key
        self._currency = currency
        self.charge_in_add = False  # answer `add` with the charge and currency, as some do
        self.services_wire = [service.to_wire() for service in catalogue]
        self._services_json = encode(self.services_wire)  # 20,000 services: encode once
        self._handlers: dict[str, Handler] = {
            "add": self._add,
            "status": self._status,
            "refill": self._refill,
            "refill_status": self._refill_status,
            "cancel": self._cancel,
            "balance": self._balance,
        }

    def serve_entry(self, service_id: int, **fields: Any) -> None:
        """Answer `services` with these fields changed in one entry (a new price, or a
        malformed value); the ledger keeps the service as it was."""
        entry = next(e for e in self.services_wire if int(e["service"]) == service_id)
        entry.update(fields)
        self._services_json = encode(self.services_wire)

    def answer(self, form: Mapping[str, str], unsupported_multi: Collection[str]) -> bytes:
        if form.get("key") != self._key:
            return encode({"error": "Invalid API key"})
        action = form.get("action", "")
        if action == "services":
            return self._services_json
        handler = self._handlers.get(action)
        if handler is None or (is_multi(form) and action in unsupported_multi):
            return encode(INCORRECT_REQUEST)
        return encode(handler(form))

    def preview(self, form: Mapping[str, str], unsupported_multi: Collection[str]) -> bytes:
        """A plausible answer that changes nothing: what a half-sent body is cut from."""
        if form.get("action", "") in READ_ACTIONS:
            return self.answer(form, unsupported_multi)
        return encode({"status": "success", "message": "Request accepted"})

    def _balance(self, form: Mapping[str, str]) -> dict[str, str]:
        return {"balance": f"{self._state.balance:f}", "currency": self._currency}

    def _add(self, form: Mapping[str, str]) -> dict[str, Any]:
        try:
            order_id = self._state.add(form)
        except PanelRefusal as refusal:
            return {"error": refusal.message}
        if not self.charge_in_add:
            return {"order": order_id}
        charge = self._state.orders[str(order_id)].charge
        return {"order": order_id, "charge": f"{charge:f}", "currency": self._currency}

    def _status(self, form: Mapping[str, str]) -> Any:
        if "orders" not in form:
            return self._status_item(form.get("order", ""))
        ids = _split_ids(form["orders"])
        if not ids or len(ids) > MAX_IDS_PER_REQUEST:
            return _too_many_or_none(ids)
        with self._state.lock:
            return {raw: self._status_item(raw) for raw in ids}

    def _status_item(self, raw_id: str) -> dict[str, Any]:
        try:
            order, snapshot = self._state.snapshot(raw_id)
        except PanelRefusal as refusal:
            return {"error": refusal.message}
        return self._status_object(order, snapshot)

    def _status_object(self, order: Order, snapshot: OrderSnapshot) -> dict[str, Any]:
        if order.is_subscription:
            return {"status": snapshot.status, "posts": snapshot.posts}
        answer: dict[str, Any] = {
            "charge": f"{order.charge:f}",
            "start_count": str(snapshot.start_count),
            "status": snapshot.status,
            "remains": str(snapshot.remains),
            "currency": self._currency,
        }
        if snapshot.runs_done is not None:
            answer["runs"] = snapshot.runs_done
        return answer

    def _refill(self, form: Mapping[str, str]) -> Any:
        if "orders" in form:
            return self._multi(form["orders"], "order", "refill", self._state.refill)
        try:
            return {"refill": str(self._state.refill(form.get("order", "")))}
        except PanelRefusal as refusal:
            return {"error": refusal.message}

    def _refill_status(self, form: Mapping[str, str]) -> Any:
        if "refills" in form:
            return self._multi(form["refills"], "refill", "status", self._state.refill_status)
        try:
            return {"status": self._state.refill_status(form.get("refill", ""))}
        except PanelRefusal as refusal:
            return {"error": refusal.message}

    def _cancel(self, form: Mapping[str, str]) -> Any:
        if "orders" in form:
            return self._multi(form["orders"], "order", "cancel", self._cancel_one)
        try:
            self._state.cancel(form.get("order", ""))
        except PanelRefusal as refusal:
            return {"error": refusal.message}
        return {"status": "success", "message": "Cancellation request added"}

    def _cancel_one(self, raw_id: str) -> int:
        self._state.cancel(raw_id)
        return 1

    def _multi(
        self, raw_ids: str, id_key: str, result_key: str, apply: Callable[[str], Any]
    ) -> Any:
        """The array shape shared by multi refill, refill_status and cancel."""
        ids = _split_ids(raw_ids)
        if not ids or len(ids) > MAX_IDS_PER_REQUEST:
            return _too_many_or_none(ids)
        items = []
        with self._state.lock:
            for raw in ids:
                try:
                    result = apply(raw)
                except PanelRefusal as refusal:
                    result = {"error": refusal.message}
                items.append({id_key: _wire_id(raw), result_key: result})
        return items


def _split_ids(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _too_many_or_none(ids: list[str]) -> dict[str, str]:
    if not ids:
        return INCORRECT_REQUEST
    return {"error": f"Too many IDs: at most {MAX_IDS_PER_REQUEST} per request"}


def _wire_id(raw: str) -> int | str:
    """Multi arrays echo IDs as integers when they are numeric, as panels do."""
    return int(raw) if raw.isascii() and raw.isdigit() else raw
