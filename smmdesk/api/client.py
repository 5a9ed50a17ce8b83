"""`PanelClient`: one panel, one `httpx.Client`, every API v2 action.

Thread-safe: the Qt worker layer calls one client from several pool threads, and
`statuses()` itself keeps a bounded number of batches in flight.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from smmdesk import USER_AGENT

from . import wire
from .draft import OrderDraft, add_params
from .errors import (
    ApiError,
    ConnectionFailed,
    PanelError,
    ProtocolError,
    RequestTimeout,
    TransportError,
)
from .models import Balance, OrderStatus, RefillStatus, Service
from .retry import RetryPolicy
from .urls import validate_panel_url

log = logging.getLogger("smmdesk.api")

BATCH_SIZE = 100
_TIMEOUT_PHASES: dict[type[httpx.TimeoutException], str] = {
    httpx.ConnectTimeout: "connect",
    httpx.ReadTimeout: "read",
    httpx.WriteTimeout: "write",
    httpx.PoolTimeout: "pool",
}
T = TypeVar("T")


def batches(ids: Iterable[str], size: int = BATCH_SIZE) -> list[list[str]]:
    unique = list(dict.fromkeys(str(i) for i in ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]


class PanelClient:
    """A client for one panel's API v2 endpoint.

    Reads are retried by `RetryPolicy`; `add` never is. Multi variants fall back to single
    calls when the panel rejects them, and the client remembers that for its lifetime.
    The key is held privately and never appears in `repr`, errors or logs.
    """

    def __init__(
        self,
        url: str,
        key: str,
        *,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        proxy: str | None = None,
        max_in_flight: int = 4,
        retry: RetryPolicy | None = None,
        allow_insecure_http: bool = False,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = validate_panel_url(url, allow_insecure_http=allow_insecure_http)
        self._key = key
        self._proxy = proxy
        self.max_in_flight = max(1, max_in_flight)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._no_multi: set[str] = set()
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            proxy=proxy or None,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            limits=httpx.Limits(
                max_connections=self.max_in_flight * 2,
                max_keepalive_connections=self.max_in_flight,
            ),
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"PanelClient({self.url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PanelClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- actions ------------------------------------------------------------------------

    def services(self) -> list[Service]:
        return self._parse(self.call("services"), wire.parse_services)

    def balance(self) -> Balance:
        return self._parse(self.call("balance"), wire.parse_balance)

    def add(
        self,
        service: str,
        link: str | None = None,
        quantity: int | None = None,
        runs: int | None = None,
        interval: int | None = None,
        **type_fields: object,
    ) -> str:
        """Place an order and return its ID. Never retried: see `RetryPolicy`.

        List values (comments, usernames…) are sent one per line.
        """
        params = order_params(service, link, quantity, runs, interval, type_fields)
        return self._parse(self.call("add", **params), wire.parse_order_id)

    def place(self, draft: OrderDraft) -> str:
        """Send `draft` exactly as it is (what the user confirmed) and return the order ID.
        Never retried, like `add`."""
        return self._parse(self.call("add", **draft.params()), wire.parse_order_id)

    def status(self, order: str) -> OrderStatus:
        order_id = str(order)
        payload = self.call("status", order=order_id)
        return self._parse(payload, lambda p: wire.parse_order_status(order_id, p))

    def statuses(self, orders: Iterable[str]) -> dict[str, OrderStatus | ApiError]:
        """Statuses of any number of orders, 100 a request, `max_in_flight` at once.

        A failed batch maps its IDs to the error; if every batch failed, it is raised.
        """
        return self._run_batches(batches(orders), self._status_batch, self.max_in_flight)

    def refill(self, order: str) -> str:
        return self._parse(self.call("refill", order=str(order)), wire.parse_refill_id)

    def refills(self, orders: Iterable[str]) -> dict[str, str | ApiError]:
        """Refill IDs (or the panel's refusal) per order; writes go one batch at a time."""
        return self._run_batches(batches(orders), self._refill_batch, 1)

    def refill_status(self, refill: str) -> RefillStatus:
        refill_id = str(refill)
        payload = self.call("refill_status", refill=refill_id)
        return self._parse(payload, lambda p: wire.parse_refill_status(refill_id, p))

    def refill_statuses(self, refills: Iterable[str]) -> dict[str, RefillStatus | ApiError]:
        return self._run_batches(batches(refills), self._refill_status_batch, self.max_in_flight)

    def cancel(self, order: str) -> None:
        """Ask the panel to cancel one order; raises `PanelError` when it refuses."""
        outcome = self.cancels([order]).get(str(order))
        if isinstance(outcome, ApiError):
            raise outcome

    def cancels(self, orders: Iterable[str]) -> dict[str, ApiError | None]:
        """None for each accepted cancellation, else the panel's refusal."""
        return self._run_batches(batches(orders), self._cancel_batch, 1)

    # -- batches and multi fallback ------------------------------------------------------

    def _status_batch(self, ids: list[str]) -> dict[str, OrderStatus | ApiError]:
        return self._multi_or_single(
            "status",
            ids,
            multi=lambda: self._parse(
                self.call("status", orders=",".join(ids)),
                lambda p: wire.parse_multi_status(p, ids),
            ),
            single=self.status,
        )

    def _refill_batch(self, ids: list[str]) -> dict[str, str | ApiError]:
        def multi() -> dict[str, str | ApiError]:
            items = self._parse(
                self.call("refill", orders=",".join(ids)),
                lambda p: wire.parse_multi_items(p, "order", "refill"),
            )
            return {k: v if isinstance(v, PanelError) else wire.to_id(v) for k, v in items.items()}

        return self._multi_or_single("refill", ids, multi=multi, single=self.refill)

    def _refill_status_batch(self, ids: list[str]) -> dict[str, RefillStatus | ApiError]:
        def multi() -> dict[str, RefillStatus | ApiError]:
            items = self._parse(
                self.call("refill_status", refills=",".join(ids)),
                lambda p: wire.parse_multi_items(p, "refill", "status"),
            )
            return {
                k: v if isinstance(v, PanelError) else wire.parse_refill_status(k, v)
                for k, v in items.items()
            }

        return self._multi_or_single("refill_status", ids, multi=multi, single=self.refill_status)

    def _cancel_batch(self, ids: list[str]) -> dict[str, ApiError | None]:
        def multi() -> dict[str, ApiError | None]:
            items = self._parse(
                self.call("cancel", orders=",".join(ids)),
                lambda p: wire.parse_multi_items(p, "order", "cancel"),
            )
            return {k: wire.cancel_outcome(v) for k, v in items.items()}

        return self._multi_or_single("cancel", ids, multi=multi, single=self._cancel_single)

    def _cancel_single(self, order: str) -> None:
        payload = self.call("cancel", order=order)
        self._parse(payload, wire.check_cancel_answer)

    def _multi_or_single(
        self,
        action: str,
        ids: list[str],
        *,
        multi: Callable[[], Mapping[str, Any]],
        single: Callable[[str], Any],
    ) -> dict[str, Any]:
        """Try the multi variant; if the panel rejects it as a whole but answers the
        single call, remember that and use single calls from now on."""
        if action not in self._no_multi:
            try:
                return self._complete(ids, multi())
            except PanelError as multi_error:
                if _is_account_problem(multi_error):
                    raise
                first = self._single_outcome(single, ids[0])
                if isinstance(first, PanelError) and first == multi_error:
                    raise multi_error from None
                log.info("%s: multi variant rejected, using single calls", action)
                self._no_multi.add(action)
                rest = {i: self._single_outcome(single, i) for i in ids[1:]}
                return {ids[0]: first, **rest}
        return {i: self._single_outcome(single, i) for i in ids}

    @staticmethod
    def _single_outcome(single: Callable[[str], Any], item_id: str) -> Any:
        try:
            return single(item_id)
        except PanelError as error:
            return error

    @staticmethod
    def _complete(ids: list[str], results: Mapping[str, Any]) -> dict[str, Any]:
        """Every asked ID gets an outcome; an answer naming none of them is nonsense."""
        if not any(i in results for i in ids):
            raise ProtocolError(
                "Unexpected answer: it names none of the IDs asked", http_status=200
            )
        missing = ProtocolError("The panel's answer did not mention this ID", http_status=200)
        return {i: results.get(i, missing) for i in ids}

    def _run_batches(
        self, groups: list[list[str]], run: Callable[[list[str]], dict[str, T]], workers: int
    ) -> dict[str, T | ApiError]:
        outcomes: list[dict[str, T] | ApiError] = []
        if len(groups) <= 1 or workers <= 1:
            outcomes = [_capture(run, g) for g in groups]
        else:
            with ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix="smmdesk-batch"
            ) as pool:
                outcomes = list(pool.map(lambda g: _capture(run, g), groups))
        failures = [o for o in outcomes if isinstance(o, ApiError)]
        if failures and len(failures) == len(outcomes):
            raise failures[0]
        merged: dict[str, T | ApiError] = {}
        for group, outcome in zip(groups, outcomes, strict=True):
            merged.update(
                dict.fromkeys(group, outcome) if isinstance(outcome, ApiError) else outcome
            )
        return merged

    # -- one request ----------------------------------------------------------------------

    def call(self, action: str, **params: str) -> Any:
        """POST one action (with retries where safe) and return the decoded answer after
        checking it for the panel's refusal. The low-level door for scripts."""
        attempt = 1
        while True:
            try:
                return self._call_once(action, params)
            except _Retryable as failure:
                delay = self.retry.delay_before_retry(
                    action, failure.error, attempt, failure.retry_after
                )
                if delay is None:
                    raise failure.error from None
                log.info(
                    "%s failed (%s); retry %d in %.2f s", action, failure.error, attempt, delay
                )
                self._sleep(delay)
                attempt += 1

    def _call_once(self, action: str, params: Mapping[str, str]) -> Any:
        started = time.monotonic()
        try:
            response = self._http.post(
                self.url, data={"key": self._key, "action": action, **params}
            )
        except httpx.TransportError as exc:
            raise _Retryable(self._transport_error(exc)) from None
        elapsed_ms = (time.monotonic() - started) * 1000
        log.debug("%s → HTTP %d in %.0f ms", action, response.status_code, elapsed_ms)
        return self._interpret(response)

    def _interpret(self, response: httpx.Response) -> Any:
        status = response.status_code
        retry_after = response.headers.get("Retry-After")
        if 300 <= status < 400:
            target = response.headers.get("Location", "?")
            raise ProtocolError(
                f"The panel redirects to {target}; use that URL", http_status=status
            )
        try:
            payload = wire.decode_body(response.content, status, self._key)
        except ProtocolError as not_json:
            raise _Retryable(not_json, retry_after) from None
        error: ApiError | None = wire.panel_error_in(payload, status)
        if error is None and status >= 400:
            body = wire.excerpt(response.text, self._key)
            error = ProtocolError(
                "The panel answered with an error status", http_status=status, body_excerpt=body
            )
        if error is not None:
            raise _Retryable(error, retry_after)
        return payload

    def _parse(self, payload: Any, parser: Callable[[Any], T]) -> T:
        try:
            return parser(payload)
        except wire.Shape as exc:
            body = wire.excerpt(repr(payload), self._key)
            raise ProtocolError(
                f"Unexpected answer: {exc}", http_status=200, body_excerpt=body
            ) from None

    def _transport_error(self, exc: httpx.TransportError) -> TransportError:
        reason = self._redact(str(exc) or type(exc).__name__)
        if isinstance(exc, httpx.TimeoutException):
            phase = next((p for t, p in _TIMEOUT_PHASES.items() if isinstance(exc, t)), "read")
            return RequestTimeout(
                f"The panel did not answer in time ({phase} timeout)", phase=phase
            )
        if isinstance(exc, httpx.ConnectError | httpx.ProxyError):
            return ConnectionFailed(f"Could not connect to the panel: {reason}")
        return TransportError(f"The connection to the panel broke: {reason}")

    def _redact(self, text: str) -> str:
        secrets = [self._key, urlsplit(self._proxy).password if self._proxy else None]
        for secret in secrets:
            if secret:
                text = text.replace(secret, "***")
        return text


class _Retryable(Exception):
    """Carries an ApiError (and the Retry-After header) to the retry loop."""

    def __init__(self, error: ApiError, retry_after: str | None = None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


def _capture(run: Callable[[list[str]], dict[str, T]], group: list[str]) -> dict[str, T] | ApiError:
    try:
        return run(group)
    except ApiError as error:
        return error


def _is_account_problem(error: PanelError) -> bool:
    words = error.panel_message.lower()
    return error.is_rate_limit or "key" in words or "balance" in words or "funds" in words


def order_params(
    service: str,
    link: str | None,
    quantity: int | None,
    runs: int | None,
    interval: int | None,
    type_fields: Mapping[str, object],
) -> dict[str, str]:
    """The form fields of an `add`, with list values joined one per line."""
    common = {"link": link, "quantity": quantity, "runs": runs, "interval": interval}
    return add_params(service, {**common, **type_fields})
