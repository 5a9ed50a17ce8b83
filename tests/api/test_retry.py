"""The retry policy, branch by branch: reads retry, writes only when the request never
left, `add` never."""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest

from smmdesk.api import (
    ApiError,
    ConnectionFailed,
    PanelError,
    ProtocolError,
    RequestTimeout,
    RetryPolicy,
    TransportError,
)
from smmdesk.api.retry import parse_retry_after

POLICY = RetryPolicy(max_attempts=4, base_delay=0.5, max_delay=8.0)
READS = ("services", "status", "refill_status", "balance")

CONNECT_FAILED = ConnectionFailed("refused")
CONNECT_TIMEOUT = RequestTimeout("slow", phase="connect")
READ_TIMEOUT = RequestTimeout("slow", phase="read")
RESET = TransportError("reset")
HTTP_500 = ProtocolError("html", http_status=500)
HTTP_429 = PanelError("Too many requests", http_status=429)
REFUSAL = PanelError("Incorrect order ID")
NONSENSE = ProtocolError("truncated", http_status=200)


@pytest.mark.parametrize("action", READS)
@pytest.mark.parametrize(
    "error", [CONNECT_FAILED, CONNECT_TIMEOUT, READ_TIMEOUT, RESET, HTTP_500, HTTP_429]
)
def test_reads_retry_on_network_failures_5xx_and_429(action: str, error: ApiError) -> None:
    assert POLICY.delay_before_retry(action, error, attempt=1) is not None


@pytest.mark.parametrize("action", READS)
@pytest.mark.parametrize("error", [REFUSAL, NONSENSE])
def test_reads_do_not_retry_a_refusal_or_a_nonsense_answer(action: str, error: ApiError) -> None:
    assert POLICY.delay_before_retry(action, error, attempt=1) is None


@pytest.mark.parametrize("action", ["refill", "cancel"])
@pytest.mark.parametrize("error", [CONNECT_FAILED, CONNECT_TIMEOUT])
def test_writes_retry_only_when_the_request_never_left(action: str, error: ApiError) -> None:
    assert POLICY.delay_before_retry(action, error, attempt=1) is not None


@pytest.mark.parametrize("action", ["refill", "cancel"])
@pytest.mark.parametrize("error", [READ_TIMEOUT, RESET, HTTP_500, HTTP_429, REFUSAL, NONSENSE])
def test_writes_never_retry_once_the_request_may_have_arrived(action: str, error: ApiError) -> None:
    assert POLICY.delay_before_retry(action, error, attempt=1) is None


@pytest.mark.parametrize(
    "error", [CONNECT_FAILED, CONNECT_TIMEOUT, READ_TIMEOUT, RESET, HTTP_500, HTTP_429]
)
def test_add_is_never_retried(error: ApiError) -> None:
    assert POLICY.delay_before_retry("add", error, attempt=1) is None


def test_attempts_are_bounded() -> None:
    assert POLICY.delay_before_retry("status", RESET, attempt=3) is not None
    assert POLICY.delay_before_retry("status", RESET, attempt=4) is None


def test_back_off_grows_with_jitter_and_is_capped() -> None:
    policy = RetryPolicy(max_attempts=20, base_delay=0.5, max_delay=8.0)
    first = [policy.delay_before_retry("status", RESET, 1) or 0 for _ in range(50)]
    late = [policy.delay_before_retry("status", RESET, 10) or 0 for _ in range(50)]
    assert all(0.25 <= d <= 0.5 for d in first)
    assert len(set(first)) > 1
    assert all(4.0 <= d <= 8.0 for d in late)


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    assert POLICY.delay_before_retry("status", HTTP_429, 1, retry_after="3") == 3.0
    assert POLICY.delay_before_retry("status", HTTP_429, 1, retry_after="30") == 30.0


@pytest.mark.parametrize("wish", ["31", "3600", "86400", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_a_longer_retry_after_fails_at_once_instead_of_holding_the_user(wish: str) -> None:
    assert POLICY.max_retry_after == 30.0
    assert POLICY.delay_before_retry("status", HTTP_429, 1, retry_after=wish) is None


def test_a_retry_after_http_date_is_a_wait_from_now() -> None:
    soon = formatdate(time.time() + 10, usegmt=True)
    delay = POLICY.delay_before_retry("balance", HTTP_429, 1, retry_after=soon)
    assert delay is not None and 8.0 <= delay <= 10.0


def test_no_retry_outlasts_the_calls_time_budget() -> None:
    assert POLICY.delay_before_retry("status", RESET, 1, time_left=5.0) is not None
    assert POLICY.delay_before_retry("status", RESET, 1, time_left=0.2) is None
    assert POLICY.delay_before_retry("status", HTTP_429, 1, retry_after="3", time_left=2.0) is None
    assert POLICY.delay_before_retry("status", RESET, 1, time_left=-1.0) is None


def test_the_call_budget_is_two_timeouts_by_default() -> None:
    assert RetryPolicy().max_call_timeouts == 2.0


def test_retry_after_forms() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after("-5") == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


@pytest.mark.parametrize("hostile", ["inf", "nan", "-inf", "1e999", "", "   "])
def test_retry_after_that_is_no_number_of_seconds_is_ignored(hostile: str) -> None:
    assert parse_retry_after(hostile) is None
