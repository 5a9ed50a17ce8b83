"""The pane's sentences: totals against balances, counts, what is not sent, progress,
the unfinished-batch notice, and "Copy results" as a table a spreadsheet keeps."""

from __future__ import annotations

import csv
import io
from collections import Counter
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from smmdesk.ui.mass import cells, summary
from tests.ui.mass.lines import check


def test_shares_per_panel_against_the_balance() -> None:
    lines = [line for line in check().lines if line.charge is not None]
    shares = summary.panel_shares(lines, {1: Decimal("0.20")})
    assert len(shares) == 1
    share = shares[0]
    assert (share.panel_name, share.count, share.charge) == ("Main panel", 3, Decimal("0.37"))
    assert share.short_by == Decimal("0.17")
    assert summary.share_text(share) == (
        "3 orders · 0.37 USD · balance 0.20 USD — short by 0.17 USD"
    )
    enough = summary.panel_shares(lines, {1: Decimal("10")})[0]
    assert enough.short_by is None and "short" not in summary.share_text(enough)
    unknown = summary.panel_shares(lines, {})[0]
    assert summary.share_text(unknown).endswith("balance not known yet")


def test_counts_and_what_is_left_out() -> None:
    counts = Counter({"ready": 9_800, "held": 150, "invalid": 40, "skipped": 10, "released": 3})
    assert summary.counts_text(counts) == (
        "10,000 lines: 9,800 ready (3 held sent anyway) · 150 held · 40 invalid · 10 skipped"
    )
    assert summary.left_out_text(counts) == "150 held, 40 invalid, 10 skipped"
    assert summary.left_out_text(Counter({"ready": 5})) == "nothing"


def test_progress_and_time_left() -> None:
    counts = Counter({"placed": 120, "rejected": 2, "unconfirmed": 1, "unsent": 77})
    assert summary.progress_text(123, 200, counts, 75) == (
        "123 of 200 sent · 120 placed · 2 rejected · 1 unconfirmed · about 1 min left"
    )
    assert summary.time_left_text(None) == ""
    assert summary.time_left_text(0.2) == "about 1 s left"
    assert summary.time_left_text(7200) == "about 2.0 h left"


def test_result_rows_say_what_became_of_each_line() -> None:
    lines = check().lines
    before = cells.result_row(lines[1], None, in_batch=False, placed=False)
    assert before[0] == "2" and before[6].startswith("✕ Invalid")
    after = cells.result_row(lines[1], None, in_batch=False, placed=True)
    assert after[6].startswith("Not sent (✕ Invalid")
    never = cells.result_row(lines[0], None, in_batch=True, placed=True)
    assert never[6] == "Not sent yet" and never[7] == ""


@given(st.lists(st.lists(st.text(max_size=30), min_size=8, max_size=8), max_size=20))
def test_results_tsv_reads_back_one_row_per_line(rows: list[list[str]]) -> None:
    read = list(csv.reader(io.StringIO(cells.results_tsv(rows)), dialect="excel-tab"))
    assert read[0] == list(cells.RESULT_HEADERS)
    assert read[1:] == [[cells.table_cell(cell) for cell in row] for row in rows]


def test_a_panels_words_that_look_like_a_formula_are_not_one() -> None:
    text = cells.results_tsv([["1", "", "", "", "", "", '=HYPERLINK("x")', "@1"]])
    row = list(csv.reader(io.StringIO(text), dialect="excel-tab"))[1]
    assert row[6] == '\'=HYPERLINK("x")' and row[7] == "'@1"
