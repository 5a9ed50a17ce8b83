"""Reading a mass order: pasted text or a file, one order a line, into `MassLine`s.

Two shapes are read, told apart by the first line that is neither blank nor a `#` comment:

* Perfect Panel's "Mass order" lines, `service_id|link|quantity`, where `;`, `,` or a tab
  may stand for `|`. The separator is the first one after the service ID, and the
  quantity is what follows its last occurrence, so a link keeps any separator it holds
  (`https://x.example/?a=1,2`).
* A CSV/TSV file whose first line is a header naming order fields (`service` required, a
  `panel` column optional), with `,`, `;`, tab or `|` between cells: the delimiter is the
  one that splits the header into the most known column names. A list field (comments,
  usernames…) takes one entry per line of a quoted cell, or `|` between entries.

Nothing here raises on bad input: a line that cannot be read is a `MassLine` with a
`problem`, and text too large to be a batch is a single such line. Every value is kept as
written (trimmed): checking it (`services.mass_check`) is `forms.validate_order`'s job.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .forms import FieldKind, order_fields
from .models import Service, ServiceType
from .said import Said

MAX_LINES = 50_000
MAX_CHARS = 20_000_000  # characters of text; a file is refused above MAX_FILE_BYTES
MAX_FILE_BYTES = 20 * 1024 * 1024
SEPARATORS = "|;,\t"
DELIMITERS = (",", ";", "\t", "|")
LIST_SEPARATOR = "|"
SERVICE_COLUMN = "service"
PANEL_COLUMN = "panel"
# Other spellings of a column that spreadsheets and panels' exports use.
COLUMN_ALIASES = {
    "service_id": SERVICE_COLUMN,
    "serviceid": SERVICE_COLUMN,
    "url": "link",
    "qty": "quantity",
    "panel_name": PANEL_COLUMN,
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_EMPTY: Mapping[str, str] = MappingProxyType({})


def _order_field_kinds() -> dict[str, FieldKind]:
    """Every `add` field of every service type, with its kind, as `forms` defines them."""
    kinds: dict[str, FieldKind] = {}
    for service_type in ServiceType:
        probe = Service("0", "", service_type.value, "", Decimal(0), 0, 0, dripfeed=True)
        kinds.update((spec.name, spec.kind) for spec in order_fields(probe))
    return kinds


FIELD_KINDS = _order_field_kinds()
LIST_FIELDS = frozenset(name for name, kind in FIELD_KINDS.items() if kind is FieldKind.LINES)
KNOWN_COLUMNS = frozenset(FIELD_KINDS) | {SERVICE_COLUMN, PANEL_COLUMN}


class MassLine(NamedTuple):
    """One order as written: `number` is its 1-based line in the text (a CSV record's
    first line), `source` the line (or record) itself, `fields` the `add` fields by name
    as written, list fields one entry per line. `panel` names the panel a `panel` column
    chose (None: the batch's). `problem` says why the line could not be read.

    A tuple, made three times faster than a frozen dataclass (a paste makes thousands);
    its hash leaves the fields out, as they are a mapping."""

    number: int
    source: str
    service_id: str | None
    fields: Mapping[str, str] = _EMPTY
    panel: str | None = None
    problem: str | None = None

    def __hash__(self) -> int:
        return hash((self.number, self.source, self.service_id, self.panel, self.problem))


def parse_mass_text(text: str) -> list[MassLine]:
    """The orders in `text`, in order; blank lines and `#` comments are left out."""
    refused = _refusal(text)
    if refused is not None:
        return [refused]
    rows = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    first = _first_content(rows)
    if first is None:
        return []
    header = _read_header(rows[first])
    if header is None:
        return [line for n, row in enumerate(rows, 1) if (line := _pipe_line(n, row)) is not None]
    return _csv_lines(rows, first, header)


def read_mass_file(path: Path) -> list[MassLine]:
    """The orders in a file: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    A file too large, not text, or in none of those encodings is one `MassLine` problem;
    errors reading it (`OSError`: missing, no permission…) are raised for the caller to word.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        too_large = Said(
            WORDS, FILE_TOO_LARGE, size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES)
        )
        return [_whole_text_problem(too_large)]
    text = decode_text(path.read_bytes())
    if text is None:
        return [_whole_text_problem(NOT_TEXT)]
    return parse_mass_text(text)


# What reading says, in English: `Said` keeps the template for the UI to translate
# (`ui.mass.wording` marks these for lupdate; this layer has no Qt).
WORDS = "MassLines"
FILE_TOO_LARGE = "The file is {size}; a batch file is at most {limit}. Split it into smaller files."
TOO_MANY_CHARS = (
    "The text has {count} characters; a batch is at most {limit}. Split it into smaller batches."
)
TOO_MANY_LINES = (
    "The text has {count} lines; a batch is at most {limit} lines. Split it into smaller batches."
)
NOT_TEXT = Said(
    WORDS,
    "This file is not text SMMDesk can read: save it as CSV or plain text (UTF-8 or UTF-16)"
    " and open it again.",
)


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


# -- size ----------------------------------------------------------------------------------


def _refusal(text: str) -> MassLine | None:
    if len(text) > MAX_CHARS:
        return _whole_text_problem(Said(WORDS, TOO_MANY_CHARS, count=len(text), limit=MAX_CHARS))
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    lines = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    if lines > MAX_LINES:
        return _whole_text_problem(Said(WORDS, TOO_MANY_LINES, count=lines, limit=MAX_LINES))
    return None


def _whole_text_problem(message: str) -> MassLine:
    return MassLine(1, "", None, problem=message)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _first_content(rows: list[str]) -> int | None:
    for index, row in enumerate(rows):
        if _is_content(row):
            return index
    return None


def _is_content(row: str) -> bool:
    stripped = row.strip()
    return bool(stripped) and not stripped.startswith("#")


# -- Perfect Panel lines -------------------------------------------------------------------


def _pipe_line(number: int, row: str) -> MassLine | None:
    """`service_id|link|quantity` (or `;`, `,`, tab); None for a blank or comment line."""
    stripped = row.strip()
    if not stripped or stripped[0] == "#":
        return None
    match = _FIRST_SEPARATOR.search(row)
    if match is None:
        return MassLine(number, row, None, problem=PIPE_SHAPE)
    start = match.start()
    service_id = row[:start].strip().lstrip("\ufeff")  # files pasted one after another
    rest = row[start + 1 :]
    link, found, quantity = rest.rpartition(row[start])
    if not found:
        link, quantity = rest, ""
    fields: dict[str, str] = {}
    if link := link.strip():
        fields["link"] = link
    if quantity := quantity.strip():
        fields["quantity"] = quantity
    # made in place, as `tuple.__new__` (a paste makes thousands; the class's own
    # constructor is one more Python call a line)
    return _new(MassLine, (number, row, service_id or None, MappingProxyType(fields), None, None))


_new = tuple.__new__
_FIRST_SEPARATOR = re.compile(f"[{re.escape(SEPARATORS)}]")
PIPE_SHAPE = Said(WORDS, "Write each order as service ID|link|quantity")


# -- CSV -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    delimiter: str
    columns: tuple[str | None, ...]  # the field each cell fills; None: ignored
    problem: str | None


def _read_header(row: str) -> _Header | None:
    """The header in `row` (a delimiter and its columns), or None when `row` is no header:
    a header names a `service` column, or at least two order fields, and has no number
    in it (`1|service|5` is an order for a link that reads "service")."""
    best: tuple[int, str, list[str]] | None = None
    for delimiter in DELIMITERS:
        cells = [_column_name(cell) for cell in _split_row(row, delimiter)]
        known = sum(1 for name in cells if name in KNOWN_COLUMNS)
        if best is None or known > best[0]:
            best = (known, delimiter, cells)
    assert best is not None
    known, delimiter, cells = best
    if SERVICE_COLUMN not in cells and known < 2:
        return None
    if any(_NUMBER.fullmatch(cell) for cell in cells):
        return None
    return _header(delimiter, cells)


_NUMBER = re.compile(r"[0-9][0-9.,_ ]*")


def _header(delimiter: str, cells: list[str]) -> _Header:
    columns: list[str | None] = []
    unknown: list[str] = []
    repeated: list[str] = []
    for name in cells:
        if name not in KNOWN_COLUMNS:
            if name:
                unknown.append(name)
            columns.append(None)
        elif name in columns:
            repeated.append(name)
            columns.append(None)
        else:
            columns.append(name)
    return _Header(delimiter, tuple(columns), _header_problem(cells, unknown, repeated))


def _header_problem(cells: list[str], unknown: list[str], repeated: list[str]) -> str | None:
    problems: list[str] = []
    if SERVICE_COLUMN not in cells:
        problems.append(NO_SERVICE_COLUMN)
    if unknown:
        known = ", ".join(sorted(KNOWN_COLUMNS))
        problems.append(Said(WORDS, UNKNOWN_COLUMNS, columns=_quoted(unknown), known=known))
    if repeated:
        problems.append(Said(WORDS, REPEATED_COLUMNS, columns=_quoted(repeated)))
    if not problems:
        return None
    said = problems[-1]
    for earlier in reversed(problems[:-1]):  # "A. B. C": one sentence, then the others
        said = Said(WORDS, SENTENCES, first=earlier, then=said)
    return said


NO_SERVICE_COLUMN = Said(WORDS, "The header has no service column: name it service")
UNKNOWN_COLUMNS = "Column(s) {columns} are not order fields and are left out (known: {known})"
REPEATED_COLUMNS = "Column(s) {columns} appear twice: the first one is read"
SENTENCES = "{first}. {then}"
NAMES_AND_MORE = "{names} and {count} more"


def _quoted(names: list[str]) -> str:
    shown = ", ".join(f"'{name[:40]}'" for name in names[:10])
    if len(names) <= 10:
        return shown
    return Said(WORDS, NAMES_AND_MORE, names=shown, count=len(names) - 10)


def _column_name(cell: str) -> str:
    name = re.sub(r"[\s\-]+", "_", cell.strip().strip('"').strip().lower())
    return COLUMN_ALIASES.get(name, name)


def _split_row(row: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([row], delimiter=delimiter), [])
    except csv.Error:
        return row.split(delimiter)


def _csv_lines(rows: list[str], first: int, header: _Header) -> list[MassLine]:
    result: list[MassLine] = []
    if header.problem:
        result.append(MassLine(first + 1, rows[first], None, problem=header.problem))
    for number, source, cells, problem in _csv_records(rows, first + 1, header.delimiter):
        if problem is not None:
            result.append(MassLine(number, source, None, problem=problem))
        elif _has_content(cells):
            result.append(_csv_line(number, source, cells, header.columns))
    return result


def _has_content(cells: list[str]) -> bool:
    """Not a blank record, nor a comment (a first cell starting with `#`)."""
    if cells and cells[0].strip().startswith("#"):
        return False
    return any(cell.strip() for cell in cells)


def _csv_records(
    rows: list[str], start: int, delimiter: str
) -> Iterator[tuple[int, str, list[str], str | None]]:
    """(line number, source text, cells, problem) of each record from `rows[start]` on;
    a record's quoted cells may span lines. A record the csv module cannot read (a cell
    beyond its size limit) is a problem and reading goes on with the next line."""
    feed = _Feed(rows, start)
    reader = csv.reader(feed, delimiter=delimiter)
    while not feed.exhausted:
        feed.begin_record()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            unreadable = Said(WORDS, UNREADABLE, error=str(error))
            yield feed.record_start, feed.record_text(), [], unreadable
            continue
        text = feed.record_text()
        unclosed = feed.exhausted and text.count('"') % 2 == 1 and "\n" in text
        yield feed.record_start, text, cells, UNCLOSED_QUOTE if unclosed else None


UNCLOSED_QUOTE = Said(
    WORDS,
    'A quote (") opened on this line is never closed, so every line after it was read as'
    " part of one cell: close the quote, or remove it",
)
TOO_MANY_CELLS = "This line has {count} cells; the header names {columns}"
UNREADABLE = "This line cannot be read: {error}"


class _Feed:
    """The rows handed to `csv.reader` one by one, remembering which rows each record
    took (its first line's number, and its text for `MassLine.source`)."""

    def __init__(self, rows: list[str], start: int) -> None:
        self._rows = rows
        self._next = start
        self._taken_from = start

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self._next >= len(self._rows):
            raise StopIteration
        row = self._rows[self._next]
        self._next += 1
        return row + "\n"

    @property
    def exhausted(self) -> bool:
        return self._next >= len(self._rows)

    def begin_record(self) -> None:
        self._taken_from = self._next

    @property
    def record_start(self) -> int:
        return self._taken_from + 1

    def record_text(self) -> str:
        return "\n".join(self._rows[self._taken_from : self._next]).rstrip("\n")


def _csv_line(
    number: int, source: str, cells: list[str], columns: tuple[str | None, ...]
) -> MassLine:
    if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
        return MassLine(
            number, source, None,
            problem=Said(WORDS, TOO_MANY_CELLS, count=len(cells), columns=len(columns)),
        )  # fmt: skip
    values = {name: cell for name, cell in zip(columns, cells, strict=False) if name is not None}
    service_id = values.pop(SERVICE_COLUMN, "").strip() or None
    panel = values.pop(PANEL_COLUMN, "").strip() or None
    fields: dict[str, str] = {}
    for name, cell in values.items():
        value = _list_value(cell) if name in LIST_FIELDS else cell.strip()
        if value:
            fields[name] = value
    return MassLine(number, source, service_id, MappingProxyType(fields), panel)


def _list_value(cell: str) -> str:
    """A list field's entries one a line, trimmed: a quoted cell's lines, or entries with
    `|` between them."""
    if LIST_SEPARATOR not in cell and "\n" not in cell and "\r" not in cell:
        return cell.strip()
    entries = _LINE_BREAK.split(cell.replace(LIST_SEPARATOR, "\n"))
    return "\n".join(entry.strip() for entry in entries if entry.strip())
