"""Checked lines for the Mass order tests, made by the real `BatchChecker` over a small
catalogue: the model and the texts see exactly what a check hands the pane."""

from __future__ import annotations

from collections.abc import Container, Mapping
from datetime import UTC, datetime
from decimal import Decimal

from smmdesk.api import Service
from smmdesk.api.mass_lines import parse_mass_text
from smmdesk.services.mass_check import BatchCheck, BatchChecker
from smmdesk.store import ActiveOnLink, Panel

PANEL = Panel(
    1, "Main panel", "https://panel.example/api/v2", None, False, False, datetime.now(UTC)
)
OTHER = Panel(
    2, "Second <b>panel</b>", "https://other.example/api/v2", None, False, False, datetime.now(UTC)
)
SERVICES = {
    "1": Service("1", "Followers", "Default", "Instagram", Decimal("0.90"), 10, 10_000),
    "2": Service("2", "Comments", "Custom Comments", "Instagram", Decimal("5.00"), 1, 100),
    "3": Service(
        "3", "Drip views", "Default", "TikTok", Decimal("0.10"), 100, 100_000, dripfeed=True
    ),
}
TEXT = "\n".join(
    [
        "1|https://instagram.com/p/one|100",
        "1|https://instagram.com/p/two|5",  # below the minimum
        "9|https://instagram.com/p/three|100",  # unknown service
        "1|https://instagram.com/p/one|200",  # the same link as line 1
        "3|https://tiktok.com/@x/video/4|1000",
    ]
)


def check(
    text: str = TEXT,
    *,
    released: Container[int] = (),
    skipped: Container[int] = (),
    active: Mapping[str, ActiveOnLink] | None = None,
) -> BatchCheck:
    checker = BatchChecker(PANEL.id, [PANEL, OTHER], {1: SERVICES, 2: SERVICES}, active or {})
    lines = parse_mass_text(text)
    return checker.check(lines, released=released, skipped=skipped, currencies={1: "USD", 2: "EUR"})


def many_lines(count: int) -> str:
    return "\n".join(f"1|https://instagram.com/p/post{n}|{100 + n % 50}" for n in range(count))
