"""`PanelClient`: one panel, one `httpx.Client`, every API v2 action.

Thread-safe: the Qt worker layer calls one client from several pool threads, and
`statuses()` itself keeps a bounded number of batches in flight.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from smmdesk import USER_AGENT

from . import wire
from .draft import OrderDraft, add_params
from .errors import ApiError, KeyMask, PanelError, ProtocolError, RateLimited
from .models import Balance, OrderStatus, PlacedOrder, RefillStatus, ServiceList
from .pacing import InFlightGate, TokenBucket
from .refusals import RefusalKind, refusal_kind
from .retry import RetryPolicy, parse_retry_after
from .transport import (
    ACCEPT_ENCODING,
    LARGE_ANSWER_BYTES,
    SMALL_ANSWER_BYTES,
    Answer,
    DeadlineTransport,
    environment_proxy,
    fetch,
)
from .urls import validate_panel_url

log = logging.getLogger("smmdesk.api")

BATCH_SIZE = 100
T = TypeVar("T")
Progress = Callable[[int, int], None]  # (IDs answered so far, IDs asked)
# A batch's IDs and what came back for them: per-ID answers, or the batch's failure.
Answered = Callable[[list[str], Mapping[str, Any] | ApiError], None]
# Refusals about the account, not the multi variant: single calls would meet them too.
_ACCOUNT_PROBLEMS = frozenset({RefusalKind.INVALID_KEY, RefusalKind.NOT_ENOUGH_FUNDS})


def batches(ids: Iterable[str], size: int = BATCH_SIZE) -> list[list[str]]:
    unique = list(dict.fromkeys(str(i) for i in ids))
    return [unique[i : i + size] for i in range(0, len(unique), size)]


class PanelClient:
    """A client for one panel's API v2 endpoint.

    Reads are retried by `RetryPolicy`; `add` never is. Multi variants fall back to single
    calls when the panel rejects them, and the client remembers that for its lifetime.
    The panel is untrusted: each answer is size-capped (`max_services_bytes` for the
    catalogue, `SMALL_ANSWER_BYTES` for the rest) and each attempt has a wall-clock
    deadline of `timeout` seconds, connect included. The key is held privately and never
    appears in `repr`, errors or logs, even when a panel echoes it back.
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
        requests_per_minute: int | None = None,
        max_services_bytes: int = LARGE_ANSWER_BYTES,
    ) -> None:
        self.url = validate_panel_url(url, allow_insecure_http=allow_insecure_http)
        self._key = key
        self._timeout = httpx.Timeout(timeout, connect=connect_timeout)
        self._deadline_seconds = timeout
        self._mask = KeyMask(key, urlsplit(proxy).password if proxy else None)
        self.max_in_flight = max(1, max_in_flight)
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._answer_limits = {"services": max_services_bytes}
        self._gate = InFlightGate(self.max_in_flight)
        self._bucket = TokenBucket(requests_per_minute) if requests_per_minute else None
        self._no_multi: set[str] = set()
        limits = httpx.Limits(
            max_connections=self.max_in_flight * 2,
            max_keepalive_connections=self.max_in_flight,
        )
        self._http = httpx.Client(
            timeout=self._timeout,
            transport=transport
            or DeadlineTransport(proxy=proxy or environment_proxy(self.url), limits=limits),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"PanelClient({self.url!r})"

    @property
    def batch_limit(self) -> int:
        """Batch requests allowed in flight now: `max_in_flight`, or one for a while
        after the panel answered 429."""
        return self._gate.limit

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PanelClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- actions ------------------------------------------------------------------------

    def services(self) -> ServiceList:
        """The catalogue; entries that could not be read are listed in `skipped`."""
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
        """Place an order and return its ID: the short door for scripts (`place` gives the
        whole answer, the panel's charge included). Never retried: see `RetryPolicy`.

        List values (comments, usernames…) are sent one per line.
        """
        params = order_params(service, link, quantity, runs, interval, type_fields)
        return self._add(params).order_id

    def place(self, draft: OrderDraft) -> PlacedOrder:
        """Send `draft` exactly as it is (what the user confirmed) and return the panel's
        answer: the order ID and, when the panel gives them, the real charge and currency.
        Never retried, like `add`."""
        return self._add(draft.params())

    def _add(self, params: Mapping[str, str]) -> PlacedOrder:
        return self._parse(self.call("add", **params), wire.parse_placed_order)

    def status(self, order: str) -> OrderStatus:
        order_id = str(order)
        payload = self.call("status", order=order_id)
        return self._parse(payload, lambda p: wire.parse_order_status(order_id, p))

    def statuses(
        self,
        orders: Iterable[str],
        progress: Progress | None = None,
        answered: Answered | None = None,
    ) -> dict[str, OrderStatus | ApiError]:
        """Statuses of any number of orders, 100 a request, `max_in_flight` at once.

        A failed batch maps its IDs to the error; if every batch failed, it is raised.
        `progress(done, total)` and `answered(ids, outcome)` are called (from the batches'
        threads, one at a time) as each batch is answered: a caller can store the first
        answers while the rest are still asked for.
        """
        groups = batches(orders)
        return self._run_batches(groups, self._status_batch, self.max_in_flight, progress, answered)

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
        return self._multi_or_single(
            "refill",
            ids,
            multi=lambda: self._parse(
                self.call("refill", orders=",".join(ids)), wire.parse_multi_refills
            ),
            single=self.refill,
        )

    def _refill_status_batch(self, ids: list[str]) -> dict[str, RefillStatus | ApiError]:
        return self._multi_or_single(
            "refill_status",
            ids,
            multi=lambda: self._parse(
                self.call("refill_status", refills=",".join(ids)),
                wire.parse_multi_refill_statuses,
            ),
            single=self.refill_status,
        )

    def _cancel_batch(self, ids: list[str]) -> dict[str, ApiError | None]:
        return self._multi_or_single(
            "cancel",
            ids,
            multi=lambda: self._parse(
                self.call("cancel", orders=",".join(ids)), wire.parse_multi_cancels
            ),
            single=self._cancel_single,
        )

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
        """One ID's result, or what the panel said about that ID: its refusal, or an
        answer that made no sense. Only a failure to reach the panel fails the batch."""
        try:
            return single(item_id)
        except (PanelError, ProtocolError) as error:
            return error

    def _complete(self, ids: list[str], results: Mapping[str, Any]) -> dict[str, Any]:
        """Every asked ID gets an outcome; an answer naming none of them is nonsense.
        Per-item refusals are the panel's words too: the key is masked out of them."""
        if not any(i in results for i in ids):
            raise ProtocolError(
                "Unexpected answer: it names none of the IDs asked", http_status=200
            )
        missing = ProtocolError("The panel's answer did not mention this ID", http_status=200)
        outcomes = {i: results.get(i, missing) for i in ids}
        for outcome in outcomes.values():
            if isinstance(outcome, ApiError):
                outcome.redact(self._mask)
        return outcomes

    def _run_batches(
        self,
        groups: list[list[str]],
        run: Callable[[list[str]], dict[str, T]],
        workers: int,
        progress: Progress | None = None,
        answered: Answered | None = None,
    ) -> dict[str, T | ApiError]:
        """Each batch takes a slot of the in-flight gate, which narrows after a 429."""
        total = sum(len(group) for group in groups)
        counted = {"done": 0}
        lock = threading.Lock()

        def gated(group: list[str]) -> dict[str, T] | ApiError:
            with self._gate.slot():
                outcome = _capture(run, group)
            with lock:
                counted["done"] += len(group)
                if answered is not None:
                    answered(group, outcome)
                if progress is not None:
                    progress(counted["done"], total)
            return outcome

        outcomes: list[dict[str, T] | ApiError] = []
        if len(groups) <= 1 or workers <= 1:
            outcomes = [gated(g) for g in groups]
        else:
            with ThreadPoolExecutor(
                max_workers=workers, thread_name_prefix="smmdesk-batch"
            ) as pool:
                outcomes = list(pool.map(gated, groups))
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
        checking it for the panel's refusal. The low-level door for scripts.

        Every attempt ends by its deadline and the call by `RetryPolicy.max_call_timeouts`
        read timeouts; waits for the `requests_per_minute` budget come on top.
        """
        attempt = 1
        self._pace()
        budget_end = time.monotonic() + self._deadline_seconds * self.retry.max_call_timeouts
        while True:
            deadline = min(time.monotonic() + self._deadline_seconds, budget_end)
            try:
                return self._call_once(action, params, deadline)
            except _Retryable as failure:
                error = failure.error
                error.redact(self._mask)
                if isinstance(error, RateLimited):
                    self._gate.throttle()
                time_left = budget_end - time.monotonic()
                delay = self.retry.delay_before_retry(
                    action, error, attempt, failure.retry_after, time_left
                )
                if delay is None:
                    raise error from None
                log.info("%s failed (%s); retry %d in %.2f s", action, error, attempt, delay)
                self._sleep(delay)
                attempt += 1
                self._pace()
                if time.monotonic() >= budget_end:  # the rate budget ate the time left
                    raise error from None

    def _pace(self) -> None:
        if self._bucket is not None:
            wait = self._bucket.reserve()
            if wait > 0:
                self._sleep(wait)

    def _call_once(self, action: str, params: Mapping[str, str], deadline: float) -> Any:
        started = time.monotonic()
        try:
            answer = fetch(
                self._http,
                self.url,
                {"key": self._key, "action": action, **params},
                limit=self._answer_limits.get(action, SMALL_ANSWER_BYTES),
                timeout=self._timeout,
                deadline=deadline,
            )
        except ApiError as error:
            raise _Retryable(error) from None
        elapsed_ms = (time.monotonic() - started) * 1000
        log.debug("%s → HTTP %d in %.0f ms", action, answer.status, elapsed_ms)
        return self._interpret(answer)

    def _interpret(self, answer: Answer) -> Any:
        """The decoded payload, or `_Retryable` carrying the error the answer amounts to."""
        status = answer.status
        retry_after = answer.headers.get("Retry-After")
        if 300 <= status < 400:
            target = wire.excerpt(self._mask(answer.headers.get("Location", "?")), None)
            raise _Retryable(
                ProtocolError(f"The panel redirects to {target}; use that URL", http_status=status)
            )
        error: ApiError | None = None
        body = self._mask.body(answer.body)
        try:
            payload = wire.decode_body(body, status, self._key)
        except ProtocolError as not_json:
            error, payload = not_json, None
        if error is None:
            error = wire.panel_error_in(payload, status)
        if status == 429:
            words = error.panel_message if isinstance(error, PanelError) else "Too many requests"
            error = RateLimited(words, retry_after=parse_retry_after(retry_after))
        elif error is None and status >= 400:
            error = ProtocolError(
                "The panel answered with an error status",
                http_status=status,
                body_excerpt=wire.excerpt(body.decode("utf-8", "replace"), self._key),
            )
        if error is not None:
            raise _Retryable(error, retry_after)
        return payload

    def _parse(self, payload: Any, parser: Callable[[Any], T]) -> T:
        """`parser(payload)`. The parsers raise typed errors naming the field; the key
        is masked out of them like out of every error that leaves the client (the body
        was masked before parsing: this is the second line of defence)."""
        try:
            return parser(payload)
        except ApiError as error:
            error.redact(self._mask)
            raise


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
    """A refusal of the whole account (key, funds, rate limit): no reason to try the
    single variant, which would be refused the same way."""
    return error.is_rate_limit or refusal_kind(error.panel_message) in _ACCOUNT_PROBLEMS


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
