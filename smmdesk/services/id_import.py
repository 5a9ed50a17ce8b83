"""Reading order IDs a user pastes or brings in a CSV file, for "Track existing order IDs".

Pasted IDs may be separated by anything people paste between them: new lines, commas,
semicolons, spaces, tabs or `|`. A file is read as a table: its encoding is found the way
spreadsheets write them (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252),
its dialect by `csv.Sniffer` (a one-column file, where the sniffer finds no delimiter,
is one column), and the user picks the column; `likely_id_column` guesses it first.

Nothing here believes an ID: the panel is asked before any is recorded
(`services.order_ids`). Everything is counted as given, so "3,000 IDs, 12 repeated" is
what the user pasted, and bad input is a `BadIdInput` with words fit to show.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024  # about 300,000 IDs with a few columns beside them
MAX_IDS = 100_000  # a request every 100; more is a mistake, or another tool's job
SNIFF_BYTES = 64 * 1024
_SEPARATORS = re.compile(r"[\s,;|]+")
_DELIMITERS = ",;\t|"
_ID_WORDS = ("order id", "order_id", "orderid", "order", "id")
_LOOKS_LIKE_ID = re.compile(r"[0-9]{1,30}")


class BadIdInput(ValueError):
    """The text or file holds no IDs SMMDesk can read; the message says why."""


@dataclass(frozen=True, slots=True)
class IdList:
    """IDs as given: `unique` each once in first-seen order, `repeated` how many more."""

    unique: list[str] = field(default_factory=list)
    repeated: int = 0

    @classmethod
    def of(cls, ids: Sequence[str]) -> IdList:
        unique = list(dict.fromkeys(ids))
        if len(unique) > MAX_IDS:
            raise BadIdInput(
                f"That is {len(unique):,} different IDs; at most {MAX_IDS:,} can be tracked "
                "at once. Split them and track the rest afterwards."
            )
        return cls(unique, len(ids) - len(unique))


@dataclass(frozen=True, slots=True)
class IdTable:
    """A CSV file's cells: `header` names the columns (None: the file has no header
    row), `rows` the data rows, each as many cells as its line has."""

    header: list[str] | None
    rows: list[list[str]]

    @property
    def width(self) -> int:
        widths = [len(row) for row in self.rows]
        return max([len(self.header or []), *widths, 0])

    def column_names(self) -> list[str]:
        """What to call each column in a picker: its header, else `Column 3`."""
        names = list(self.header or [])
        return [
            (names[i].strip() if i < len(names) and names[i].strip() else f"Column {i + 1}")
            for i in range(self.width)
        ]

    def column(self, index: int) -> list[str]:
        """The non-empty cells of one column, trimmed, in file order."""
        cells = (row[index].strip() for row in self.rows if index < len(row))
        return [cell for cell in cells if cell]


def split_ids(text: str) -> list[str]:
    """Every ID in pasted text, in order, repeats kept."""
    return [part for part in _SEPARATORS.split(text) if part]


def read_id_file(path: Path) -> IdTable:
    """The table in a CSV file. Raises `BadIdInput` for a file that cannot be read, is too
    large (checked before reading it), not text, or empty."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_large(size)
        data = path.read_bytes()
    except OSError as error:
        raise BadIdInput(f"The file could not be read: {error.strerror or error}.") from error
    return read_id_table(data)


def read_id_table(data: bytes) -> IdTable:
    """The table in a CSV file's bytes. Raises `BadIdInput` for data that is too large,
    not text, or empty."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(len(data))
    text = decode_text(data)
    if text is None:
        raise BadIdInput(
            "This file is not text SMMDesk can read: save it as CSV (UTF-8) and open it again."
        )
    reader = csv.reader(io.StringIO(text), _dialect(text))
    try:
        rows = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:  # a cell over the csv module's limit (128 KB)…
        raise BadIdInput(f"The file could not be read as CSV ({error}).") from error
    if not rows:
        raise BadIdInput("The file holds no rows.")
    if _has_header(text, rows):
        return IdTable(rows[0], rows[1:])
    return IdTable(None, rows)


def likely_id_column(table: IdTable) -> int:
    """The column most likely to hold order IDs: one whose header names them, else the
    one with the most cells that look like numeric IDs, else the first."""
    names = [name.strip().lower() for name in table.header or []]
    for word in _ID_WORDS:
        if word in names:
            return names.index(word)
    scores = [
        sum(1 for cell in table.column(i) if _LOOKS_LIKE_ID.fullmatch(cell))
        for i in range(table.width)
    ]
    return max(range(len(scores)), key=scores.__getitem__) if any(scores) else 0


def decode_text(data: bytes) -> str | None:
    """The text in `data`, or None when it is binary (NUL bytes) or in no known encoding."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _too_large(size: int) -> BadIdInput:
    return BadIdInput(
        f"The file is {size / 2**20:,.1f} MB; a file of order IDs is at most "
        f"{MAX_FILE_BYTES // 2**20} MB. Keep only the ID column, or split the file."
    )


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:SNIFF_BYTES]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:  # one column: no delimiter to find
        return csv.excel


def _has_header(text: str, rows: list[list[str]]) -> bool:
    """The sniffer's guess, except that a first row made only of numeric IDs is data."""
    if all(_LOOKS_LIKE_ID.fullmatch(cell.strip()) for cell in rows[0] if cell.strip()):
        return False
    try:
        return csv.Sniffer().has_header(text[:SNIFF_BYTES])
    except csv.Error:
        return not any(_LOOKS_LIKE_ID.fullmatch(cell.strip()) for cell in rows[0])
