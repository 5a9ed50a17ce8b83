"""What each cell of the mass-order preview says, as plain text: the verdict with its
reasons, the outcome of a sent line (order ID or the panel's words), the other fields in
short, and the tab-separated text "Copy results" puts on the clipboard.

Pure functions of a `CheckedLine` and its journal row, so the model stays about rows and
the words a reseller reads stay in one place. Colour only repeats what the text says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from smmdesk.api.forms import lines, whole_number
from smmdesk.services.export import table_text
from smmdesk.services.mass_check import CheckedLine, LineVerdict
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.format import format_count, format_money, plural
from smmdesk.ui.common.tones import Tone

OWN_COLUMNS = frozenset({"link", "quantity"})  # shown in columns of their own
DETAILS_ITEM_CHARS = 40  # of one field's value in the Details cell; the tooltip has all
CELL_CHARS = 200  # of any cell: a 4,000-character link is read in its tooltip
VERDICT_WORDS = {
    LineVerdict.READY: "✓ Ready",
    LineVerdict.HELD: "⚠ Held",
    LineVerdict.INVALID: "✕ Invalid",
    LineVerdict.SKIPPED: "\N{EN DASH} Skipped",
}
RELEASED = "✓ Send anyway"
CHECKING = "Checking…"
VERDICT_TONES = {
    LineVerdict.READY: Tone.GOOD,
    LineVerdict.HELD: Tone.WARN,
    LineVerdict.INVALID: Tone.BAD,
    LineVerdict.SKIPPED: Tone.MUTED,
}
NEVER_SENT = "Not sent yet"
NOT_IN_BATCH = "Not sent"
_OUTCOME_TONES = {
    JournalState.PLACED: Tone.GOOD,
    JournalState.REJECTED: Tone.BAD,
    JournalState.UNCONFIRMED: Tone.WARN,
    JournalState.SENDING: Tone.BUSY,
    JournalState.DISMISSED: Tone.MUTED,
}
FORMULA_STARTS = ("=", "+", "-", "@")
RESULT_HEADERS = ("Line", "Panel", "Service", "Link", "Quantity", "Charge", "Result", "Order ID")


def one_line(text: str, limit: int = CELL_CHARS) -> str:
    """Line breaks and tabs as spaces, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def service_text(line: CheckedLine) -> str:
    """`123 · Instagram followers`, or the ID as written when the service is unknown."""
    if line.service is not None:
        return f"{line.service.id} · {line.service.name}"
    return line.line.service_id or ""


def panel_text(line: CheckedLine) -> str:
    return line.panel_name or line.line.panel or ""


def quantity_text(fields: Mapping[str, str]) -> str:
    """A whole number grouped as the locale does; anything else exactly as written (a
    quantity of `1e9` must read as what was typed, not as a number it is not)."""
    raw = fields.get("quantity", "")
    number = whole_number(raw)
    return format_count(number) if number is not None else one_line(raw)


def details_text(fields: Mapping[str, str]) -> str:
    """The fields besides link and quantity: `runs 5 · comments: 3 lines · username x`."""
    return " · ".join(_detail(name, value) for name, value in fields.items() if _shown(name))


def details_tooltip(fields: Mapping[str, str]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in fields.items() if _shown(name))


def _shown(name: str) -> bool:
    return name not in OWN_COLUMNS


def _detail(name: str, value: str) -> str:
    items = lines(value)
    if len(items) > 1:
        return f"{name}: {plural(len(items), 'line')}"
    return f"{name} {one_line(value, DETAILS_ITEM_CHARS)}"


def charge_text(line: CheckedLine) -> str:
    return format_money(line.charge, line.currency)


def verdict_text(line: CheckedLine, checking: bool = False) -> str:
    """`✕ Invalid: quantity 5 is below the minimum 10`; a released held line reads
    `✓ Send anyway: …` with the reason it was held."""
    if checking:
        return CHECKING
    head = RELEASED if line.released else VERDICT_WORDS[line.verdict]
    reasons = "; ".join(line.problems)
    return f"{head}: {reasons}" if reasons else head


def verdict_tone(line: CheckedLine) -> Tone:
    return VERDICT_TONES[line.verdict]


def outcome_text(record: OrderRecord | None, in_batch: bool) -> str:
    """What became of a line of a placed batch: `Order 12345`, the panel's words for a
    refusal, an unclear outcome, `Not sent yet`; empty before the batch is placed."""
    if not in_batch:
        return ""
    if record is None:
        return NEVER_SENT
    state = record.journal_state
    if state is JournalState.PLACED:
        return f"Order {record.order_id}" if record.order_id else f"Placed: {record.error or ''}"
    if state is JournalState.REJECTED:
        return f"✕ Rejected: {record.error or 'no reason given'}"
    if state is JournalState.UNCONFIRMED:
        return f"⚠ Unconfirmed: {record.error or 'no answer'} — see Orders ▸ Unconfirmed"
    if state is JournalState.SENDING:
        return "Sending…"
    return "Dismissed"


def outcome_tone(record: OrderRecord | None) -> Tone | None:
    return None if record is None else _OUTCOME_TONES.get(record.journal_state)


def result_text(line: CheckedLine, record: OrderRecord | None, in_batch: bool, placed: bool) -> str:
    """The Result of "Copy results": the outcome of a sent line; the verdict before the
    batch is placed; after it, why a line was left out."""
    if in_batch:
        return outcome_text(record, in_batch)
    verdict = verdict_text(line)
    return f"{NOT_IN_BATCH} ({verdict})" if placed else verdict


def result_row(
    line: CheckedLine,
    record: OrderRecord | None,
    *,
    in_batch: bool,
    placed: bool,
) -> list[str]:
    """One line of "Copy results", under `RESULT_HEADERS`."""
    fields = line.line.fields
    order_id = record.order_id if record is not None and record.order_id else ""
    return [
        str(line.line.number),
        panel_text(line),
        service_text(line),
        fields.get("link", ""),
        fields.get("quantity", ""),
        charge_text(line),
        result_text(line, record, in_batch, placed),
        order_id,
    ]


def results_tsv(rows: Iterable[list[str]]) -> str:
    """Tab-separated with a header line (`table_text`), one row per line: line breaks and
    tabs inside a cell become spaces. A cell that starts like a formula (a panel's words
    can) gets a leading `'`, so pasting it into a spreadsheet never runs it."""
    return table_text(RESULT_HEADERS, ([table_cell(cell) for cell in row] for row in rows))


def table_cell(cell: str) -> str:
    flat = " ".join(cell.split())
    return "'" + flat if flat.startswith(FORMULA_STARTS) else flat
