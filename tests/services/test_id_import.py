"""Reading order IDs from a paste or a CSV file: any separators, any dialect, bad input
refused in words, never a crash."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmdesk.services.id_import import (
    MAX_FILE_BYTES,
    MAX_IDS,
    BadIdInput,
    IdList,
    likely_id_column,
    read_id_file,
    read_id_table,
    split_ids,
)

IDS = st.lists(st.from_regex(r"[0-9A-Za-z_]{1,12}", fullmatch=True), max_size=40)
SEPARATOR = st.from_regex(r"[\n\r\t ,;|]{1,3}", fullmatch=True)


@given(ids=IDS, separators=st.lists(SEPARATOR, min_size=41, max_size=41))
def test_any_separators_give_back_the_ids_in_order(ids: list[str], separators: list[str]) -> None:
    text = separators[-1] + "".join(i + s for i, s in zip(ids, separators, strict=False))
    assert split_ids(text) == ids


@given(ids=IDS)
def test_repeats_are_counted_and_dropped(ids: list[str]) -> None:
    listed = IdList.of(ids)
    assert listed.unique == list(dict.fromkeys(ids))
    assert listed.repeated == len(ids) - len(set(ids))


def test_too_many_ids_are_refused_in_words() -> None:
    with pytest.raises(BadIdInput, match="at most 100,000"):
        IdList.of([str(n) for n in range(MAX_IDS + 1)])


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_dialect_is_sniffed_and_the_id_column_guessed(delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["Date", "Link", "Order ID", "Charge"])
    writer.writerows(
        [["2026-01-02", f"https://x.test/{n},a", str(500 + n), "1.5"] for n in range(9)]
    )
    table = read_id_table(out.getvalue().encode("utf-8-sig"))
    assert table.header == ["Date", "Link", "Order ID", "Charge"]
    assert likely_id_column(table) == 2
    assert table.column(2) == [str(500 + n) for n in range(9)]
    assert table.column(1)[0] == "https://x.test/0,a"


def test_a_bare_column_of_ids_has_no_header_and_utf16_is_read() -> None:
    table = read_id_table("23501\r\n23502\r\n\r\n23503\r\n".encode("utf-16"))
    assert table.header is None and table.column_names() == ["Column 1"]
    assert table.column(likely_id_column(table)) == ["23501", "23502", "23503"]


def test_without_an_id_header_the_column_of_numbers_wins() -> None:
    table = read_id_table(b"when,what\n2026-01-01,7001\n2026-01-02,7002\n")
    assert likely_id_column(table) == 1


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x00\x01\x02binary", "not text"),
        (b"\n\n  \n", "no rows"),
        (b'"' + b"1" * 200_000 + b'"\n', "could not be read as CSV"),
        (b"x" * (MAX_FILE_BYTES + 1), "at most 5 MB"),
    ],
)
def test_bad_files_are_refused_in_words(data: bytes, words: str) -> None:
    with pytest.raises(BadIdInput, match=words):
        read_id_table(data)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(BadIdInput, match="could not be read"):
        read_id_file(tmp_path / "gone.csv")


@given(data=st.binary(max_size=400))
def test_any_bytes_give_a_table_or_a_refusal(data: bytes) -> None:
    try:
        table = read_id_table(data)
    except BadIdInput:
        return
    for index in range(table.width):
        assert all(cell == cell.strip() and cell for cell in table.column(index))
    assert 0 <= likely_id_column(table) < max(table.width, 1)
