"""Orders, services and refills to CSV and TSV: every column machine-readable, money
exact, formulas defused, and a file that is either complete or not there."""

from __future__ import annotations

import csv
import errno
import io
import os
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmdesk.api import OrderState, OrderStatus, Service
from smmdesk.services.bulk import OrderSelection
from smmdesk.services.export import (
    HEADER,
    ExportFailed,
    iso_time,
    order_row,
    service_row,
    table_text,
    write_csv,
    write_orders_csv,
)
from smmdesk.services.order_pages import count_selected, selected_orders
from smmdesk.store import JournalState, OrderQuery, Panel, Store, StoreError

SERVICE = Service("9", '=HYPERLINK("x")', "Default", "T", Decimal("1"), 1, 100)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as source:
        return list(csv.reader(source))


def test_rows_are_exact_and_formulas_are_defused(
    store: Store, panel: Panel, tmp_path: Path
) -> None:
    sending = store.insert_sending_order(
        panel.id, SERVICE, link="https://x.test/é", quantity=25, charge_estimate=Decimal("0.0125")
    )
    rejected = store.set_journal_state(
        sending.id, JournalState.REJECTED, expect=(JournalState.SENDING,), error="-no funds"
    )
    path = tmp_path / "orders.csv"
    assert write_orders_csv(path, [rejected]) == 1
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    header, row = read_csv(path)
    assert tuple(header) == HEADER
    values = dict(zip(header, row, strict=True))
    assert values["service_name"] == '\'=HYPERLINK("x")'
    assert values["error"] == "'-no funds"
    assert values["link"] == "https://x.test/é"
    assert (values["quantity"], values["charge_estimate"]) == ("25", "0.0125")
    assert values["journal_state"] == "rejected" and values["charge"] == ""
    assert values["created_at"] == iso_time(rejected.created_at)
    assert datetime.fromisoformat(values["created_at"]).tzinfo is not None


def test_a_selection_is_written_from_its_cells_exactly_as_from_its_records(
    store: Store, panel: Panel, tmp_path: Path
) -> None:
    """The fast path (cells read by SQLite) and `order_row` agree on every column."""
    store.insert_sending_order(
        panel.id, SERVICE, link="@handle\tx", quantity=None, charge_estimate=Decimal("1E-7")
    )
    ids = ["101", "102", "+103"]
    store.import_orders(panel.id, ids)
    status = OrderStatus("101", "In progress", OrderState.IN_PROGRESS, Decimal("1E+1"), 5, -3)
    store.record_order_statuses(panel.id, {"101": status}, {}, datetime.now(UTC))
    for query in (OrderQuery(panel_id=panel.id), OrderQuery(text="10", sort_column="order_id")):
        selection = OrderSelection.matching(query)
        records = list(selected_orders(store, selection))
        assert len(records) == count_selected(store, selection)
        path = tmp_path / "fast.csv"
        write_orders_csv(path, selected_orders(store, selection))
        assert read_csv(path)[1:] == [order_row(r) for r in records]
    picked = OrderSelection.of([records[-1].id, records[0].id, 999_999])
    write_orders_csv(path, selected_orders(store, picked), count_selected(store, picked))
    assert read_csv(path)[1:] == [order_row(records[-1]), order_row(records[0])]
    [checked] = [r for r in records if r.order_id == "101"]
    row = dict(zip(HEADER, order_row(checked), strict=True))
    assert (row["charge"], row["remains"], row["status"]) == ("10", "-3", "in_progress")


def test_the_users_columns_are_written_both_ways_alike(
    store: Store, panel: Panel, tmp_path: Path
) -> None:
    """Customer, note, sell price and profit: from records and from the selection's cells."""
    store.import_orders(panel.id, ["201", "202"])
    partial = OrderStatus("201", "Partial", OrderState.PARTIAL, Decimal("2.5"), 0, 25)
    store.record_order_statuses(panel.id, {"201": partial}, {}, datetime.now(UTC))
    ids = [r.id for r in store.orders_by_order_ids(panel.id, ["201", "202"])]
    store.annotate_orders(ids[:1], note="=cmd|' /C calc'!A0\nsecond line", customer="@Ann")
    store.annotate_orders([], sell_prices={ids[0]: Decimal("4"), ids[1]: Decimal("1E-7")})
    selection = OrderSelection.of(ids)
    path = tmp_path / "mine.csv"
    write_orders_csv(path, selected_orders(store, selection))
    rows = read_csv(path)[1:]
    assert rows == [order_row(r) for r in selected_orders(store, selection)]
    first = dict(zip(HEADER, rows[0], strict=True))
    assert first["note"].startswith("'=cmd") and first["customer"] == "'@Ann"
    assert (
        first["sell_price"] == "4" and first["profit"] == "1.5"
    )  # quantity unknown: counted whole
    second = dict(zip(HEADER, rows[1], strict=True))
    assert (second["sell_price"], second["profit"]) == ("0.0000001", "")  # no charge yet


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(link=st.text(max_size=30), error=st.text(max_size=30))
def test_any_text_from_outside_reads_back_guarded_the_same_both_ways(
    store: Store, panel: Panel, tmp_path: Path, link: str, error: str
) -> None:
    sending = store.insert_sending_order(panel.id, SERVICE, link=link or None, quantity=1)
    store.set_journal_state(
        sending.id, JournalState.REJECTED, expect=(JournalState.SENDING,), error=error or None
    )
    selection = OrderSelection.of([sending.id])
    [record] = list(selected_orders(store, selection))
    path = tmp_path / "one.csv"
    write_orders_csv(path, selected_orders(store, selection))
    [written] = read_csv(path)[1:]
    assert written == order_row(record)
    values = dict(zip(HEADER, written, strict=True))
    written_link, written_error = values["link"], values["error"]
    for original, written in ((link, written_link), (error, written_error)):
        formula = original[:1] in ("=", "+", "-", "@", "\t", "\r")
        assert written == ("'" + original if formula else original)


def test_services_are_written_with_plain_rates_and_yes_no_flags() -> None:
    service = Service("5", "Views", "Default", "-Video", Decimal("2.5E-3"), 10, 90, dripfeed=True)
    assert service_row(service, "EUR") == [
        "5", "'-Video", "Views", "Default", "0.0025", "EUR", "10", "90", "no", "no", "yes",
    ]  # fmt: skip


def test_table_text_is_tab_separated_and_quotes_what_would_break_a_cell() -> None:
    text = table_text(("a", "b"), [["1", "two\tcells"], ["line\nbreak", '"q"']])
    assert text.splitlines()[0] == "a\tb"
    assert list(csv.reader(io.StringIO(text), dialect="excel-tab")) == [
        ["a", "b"], ["1", "two\tcells"], ["line\nbreak", '"q"'],
    ]  # fmt: skip


def test_a_folder_that_does_not_exist_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"Could not write .*does not exist"):
        write_orders_csv(tmp_path / "missing" / "orders.csv", [])


def test_a_disk_that_fills_half_way_leaves_the_old_file_and_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "orders.csv"
    target.write_text("the previous export")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportFailed) as failed:
        write_csv(target, ("n",), ([str(n)] for n in range(5000)), 5000)
    assert str(failed.value) == (
        f"Could not write {target}: the disk is full. Free some space or choose another folder."
    )
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["orders.csv"]


def test_a_read_only_folder_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        with pytest.raises(ExportFailed, match="cannot be written"):
            write_csv(folder / "x.csv", ("n",), [["1"]], 1)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_refused_rename_keeps_the_old_file_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "services.csv"
    target.write_text("before")

    def refused(_source: object, _target: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(ExportFailed, match="read-only, or no permission"):
        write_csv(target, ("n",), [["1"]], 1)
    assert target.read_text() == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["services.csv"]
