"""What each cell of the mass-order preview says, as plain text: the verdict with its
reasons, the outcome of a sent line (order ID or the panel's words), the other fields in
short, and the tab-separated text "Copy results" puts on the clipboard.

Pure functions of a `CheckedLine` and its journal row, so the model stays about rows and
the words a reseller reads stay in one place. Colour only repeats what the text says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from smmdesk.api.forms import lines, whole_number
from smmdesk.services.export import table_text
from smmdesk.services.mass_check import CheckedLine, LineVerdict
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.format import counted, format_count, format_money
from smmdesk.ui.common.tones import Tone
from smmdesk.ui.mass.wording import said_text

OWN_COLUMNS = frozenset({"link", "quantity"})  # shown in columns of their own
DETAILS_ITEM_CHARS = 40  # of one field's value in the Details cell; the tooltip has all
CELL_CHARS = 200  # of any cell: a 4,000-character link is read in its tooltip
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# Marked for lupdate; said in the user's language where shown.
VERDICT_WORDS = {
    LineVerdict.READY: QT_TRANSLATE_NOOP("MassOrder", "✓ Ready"),
    LineVerdict.HELD: QT_TRANSLATE_NOOP("MassOrder", "⚠ Held"),
    LineVerdict.INVALID: QT_TRANSLATE_NOOP("MassOrder", "✕ Invalid"),
    LineVerdict.SKIPPED: QT_TRANSLATE_NOOP("MassOrder", "\u2013 Skipped"),
}
RELEASED = str(QT_TRANSLATE_NOOP("MassOrder", "✓ Send anyway"))
CHECKING = str(QT_TRANSLATE_NOOP("MassOrder", "Checking…"))
VERDICT_TONES = {
    LineVerdict.READY: Tone.GOOD,
    LineVerdict.HELD: Tone.WARN,
    LineVerdict.INVALID: Tone.BAD,
    LineVerdict.SKIPPED: Tone.MUTED,
}
NEVER_SENT = str(QT_TRANSLATE_NOOP("MassOrder", "Not sent yet"))
_OUTCOME_TONES = {
    JournalState.PLACED: Tone.GOOD,
    JournalState.REJECTED: Tone.BAD,
    JournalState.UNCONFIRMED: Tone.WARN,
    JournalState.SENDING: Tone.BUSY,
    JournalState.DISMISSED: Tone.MUTED,
}
FORMULA_STARTS = ("=", "+", "-", "@")
RESULT_HEADERS = (
    QT_TRANSLATE_NOOP("MassOrder", "Line"),
    QT_TRANSLATE_NOOP("MassOrder", "Panel"),
    QT_TRANSLATE_NOOP("MassOrder", "Service"),
    QT_TRANSLATE_NOOP("MassOrder", "Link"),
    QT_TRANSLATE_NOOP("MassOrder", "Quantity"),
    QT_TRANSLATE_NOOP("MassOrder", "Charge"),
    QT_TRANSLATE_NOOP("MassOrder", "Result"),
    QT_TRANSLATE_NOOP("MassOrder", "Order ID"),
)


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
        many = counted(
            len(items), translate("MassOrder", "1 line"), translate("MassOrder", "{count} lines")
        )
        return translate("MassOrder", "{field}: {lines}").format(field=name, lines=many)
    return f"{name} {one_line(value, DETAILS_ITEM_CHARS)}"


def charge_text(line: CheckedLine) -> str:
    return format_money(line.charge, line.currency)


def verdict_text(line: CheckedLine, checking: bool = False) -> str:
    """`✕ Invalid: quantity 5 is below the minimum 10`; a released held line reads
    `✓ Send anyway: …` with the reason it was held."""
    if checking:
        return translate("MassOrder", CHECKING)
    head = translate("MassOrder", RELEASED if line.released else str(VERDICT_WORDS[line.verdict]))
    if not line.problems:
        return head
    reasons = "; ".join(said_text(problem) for problem in line.problems)
    return translate("MassOrder", "{verdict}: {reasons}").format(verdict=head, reasons=reasons)


def verdict_tone(line: CheckedLine) -> Tone:
    return VERDICT_TONES[line.verdict]


def outcome_text(record: OrderRecord | None, in_batch: bool) -> str:
    """What became of a line of a placed batch: `Order 12345`, the panel's words for a
    refusal, an unclear outcome, `Not sent yet`; empty before the batch is placed."""
    if not in_batch:
        return ""
    if record is None:
        return translate("MassOrder", NEVER_SENT)
    state = record.journal_state
    if state is JournalState.PLACED and record.order_id:
        return translate("MassOrder", "Order {id}").format(id=record.order_id)
    if state is JournalState.PLACED:
        return translate("MassOrder", "Placed: {words}").format(words=record.error or "")
    if state is JournalState.REJECTED:
        words = record.error or translate("MassOrder", "no reason given")
        return translate("MassOrder", "✕ Rejected: {words}").format(words=words)
    if state is JournalState.UNCONFIRMED:
        words = record.error or translate("MassOrder", "no answer")
        return translate("MassOrder", "⚠ Unconfirmed: {words} — see Orders ▸ Unconfirmed").format(
            words=words
        )
    if state is JournalState.SENDING:
        return translate("MassOrder", "Sending…")
    return translate("MassOrder", "Dismissed")


def outcome_tone(record: OrderRecord | None) -> Tone | None:
    return None if record is None else _OUTCOME_TONES.get(record.journal_state)


def result_text(line: CheckedLine, record: OrderRecord | None, in_batch: bool, placed: bool) -> str:
    """The Result of "Copy results": the outcome of a sent line; the verdict before the
    batch is placed; after it, why a line was left out."""
    if in_batch:
        return outcome_text(record, in_batch)
    verdict = verdict_text(line)
    if not placed:
        return verdict
    return translate("MassOrder", "Not sent ({verdict})").format(verdict=verdict)


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
    headers = [translate("MassOrder", str(header)) for header in RESULT_HEADERS]
    return table_text(headers, ([table_cell(cell) for cell in row] for row in rows))


def table_cell(cell: str) -> str:
    flat = " ".join(cell.split())
    return "'" + flat if flat.startswith(FORMULA_STARTS) else flat
