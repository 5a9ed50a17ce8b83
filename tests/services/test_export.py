"""Orders to CSV: every column machine-readable, money exact, formulas defused."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from smmdesk.api import Service
from smmdesk.services.export import HEADER, write_orders_csv
from smmdesk.store import JournalState, Panel, Store, StoreError


def test_rows_are_exact_and_formulas_are_defused(
    store: Store, panel: Panel, tmp_path: Path
) -> None:
    service = Service("9", '=HYPERLINK("x")', "Default", "T", Decimal("1"), 1, 100)
    sending = store.insert_sending_order(
        panel.id, service, link="https://x.test/é", quantity=25, charge_estimate=Decimal("0.0125")
    )
    rejected = store.set_journal_state(
        sending.id, JournalState.REJECTED, expect=(JournalState.SENDING,), error="-no funds"
    )
    path = tmp_path / "orders.csv"
    assert write_orders_csv(path, [rejected]) == 1
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as source:
        header, row = list(csv.reader(source))
    assert tuple(header) == HEADER
    values = dict(zip(header, row, strict=True))
    assert values["service_name"] == '\'=HYPERLINK("x")'
    assert values["error"] == "'-no funds"
    assert values["link"] == "https://x.test/é"
    assert (values["quantity"], values["charge_estimate"]) == ("25", "0.0125")
    assert values["journal_state"] == "rejected" and values["charge"] == ""


def test_a_disk_that_refuses_says_so(store: Store, panel: Panel, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Could not write"):
        write_orders_csv(tmp_path / "missing" / "orders.csv", [])
