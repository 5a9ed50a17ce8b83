"""The sentences of the Mass order pane: what the batch holds, what each panel's share
costs against its balance, what the confirmation lists, how far placing is, and what an
unfinished batch left behind. Pure functions, formatted with `ui.common.format`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from smmdesk.services.mass_check import CheckedLine, PanelTotal
from smmdesk.ui.common.format import format_count, format_money, format_time, plural

if TYPE_CHECKING:
    from smmdesk.store import BatchRecord


@dataclass(frozen=True, slots=True)
class PanelShare:
    """The lines a batch sends to one panel, what they cost, and the balance (None:
    not known yet)."""

    panel_id: int
    panel_name: str
    count: int
    charge: Decimal
    currency: str | None
    balance: Decimal | None

    @property
    def short_by(self) -> Decimal | None:
        if self.balance is None or self.charge <= self.balance:
            return None
        return self.charge - self.balance


def panel_shares(lines: Sequence[CheckedLine], balances: Mapping[int, Decimal]) -> list[PanelShare]:
    """Per panel, in the order panels first appear: count and total charge of `lines`."""
    counts: dict[int, int] = {}
    charges: dict[int, Decimal] = {}
    names: dict[int, str] = {}
    currencies: dict[int, str | None] = {}
    for line in lines:
        panel_id = line.panel_id or 0
        counts[panel_id] = counts.get(panel_id, 0) + 1
        charges[panel_id] = charges.get(panel_id, Decimal(0)) + (line.charge or Decimal(0))
        names.setdefault(panel_id, line.panel_name or f"panel {panel_id}")
        if currencies.get(panel_id) is None:
            currencies[panel_id] = line.currency
    return [
        PanelShare(
            panel_id,
            names[panel_id],
            count,
            charges[panel_id],
            currencies[panel_id],
            balances.get(panel_id),
        )
        for panel_id, count in counts.items()
    ]


def shares_of(totals: Sequence[PanelTotal], balances: Mapping[int, Decimal]) -> list[PanelShare]:
    """The checker's totals per panel against the balances known now (a total computed
    before a balance arrived has none)."""
    return [
        PanelShare(
            total.panel_id,
            total.panel_name,
            total.lines,
            total.charge,
            total.currency,
            balances.get(total.panel_id, total.balance),
        )
        for total in totals
        if total.lines
    ]


def share_text(share: PanelShare) -> str:
    """`120 orders · 12.34 USD · balance 1,000.00 USD`, and what is missing when short."""
    text = f"{plural(share.count, 'order')} · {format_money(share.charge, share.currency)}"
    if share.balance is None:
        return f"{text} · balance not known yet"
    text = f"{text} · balance {format_money(share.balance, share.currency)}"
    short = share.short_by
    return f"{text} — short by {format_money(short, share.currency)}" if short else text


VERDICT_KINDS = ("ready", "held", "invalid", "skipped")


def counts_text(counts: Mapping[str, int]) -> str:
    """`10,000 lines: 9,800 ready (3 held sent anyway) · 150 held · 40 invalid · 10 skipped`
    (`counts` by verdict, `released` among the ready ones)."""
    total = sum(counts.get(kind, 0) for kind in VERDICT_KINDS)
    ready = f"{format_count(counts.get('ready', 0))} ready"
    released = counts.get("released", 0)
    parts = [f"{ready} ({format_count(released)} held sent anyway)" if released else ready]
    parts += [
        f"{format_count(counts[kind])} {kind}" for kind in VERDICT_KINDS[1:] if counts.get(kind)
    ]
    return f"{plural(total, 'line')}: " + " · ".join(parts)


def left_out_text(counts: Mapping[str, int]) -> str:
    """What the confirmation says will NOT be sent: `150 held, 40 invalid, 10 skipped`."""
    parts = [
        f"{format_count(counts[kind])} {kind}" for kind in VERDICT_KINDS[1:] if counts.get(kind)
    ]
    return ", ".join(parts) if parts else "nothing"


def time_left_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return f"about {format_count(max(1, round(seconds)))} s left"
    if seconds < 3600:
        return f"about {format_count(round(seconds / 60))} min left"
    return f"about {QLocale().toString(seconds / 3600, 'f', 1)} h left"


def outcome_counts_text(counts: Mapping[str, int]) -> str:
    """`120 placed · 2 rejected · 1 unconfirmed · 77 never sent` (kinds with none left out)."""
    words = (
        ("placed", "placed"),
        ("rejected", "rejected"),
        ("unconfirmed", "unconfirmed"),
        ("sending", "being sent"),
        ("dismissed", "dismissed"),
        ("unsent", "never sent"),
    )
    parts = [f"{format_count(counts[kind])} {word}" for kind, word in words if counts.get(kind)]
    return " · ".join(parts)


def progress_text(
    done: int, total: int, counts: Mapping[str, int], seconds_left: float | None
) -> str:
    """`123 of 200 sent · 120 placed · 2 rejected · 1 unconfirmed · about 1 min left`."""
    shown = {kind: n for kind, n in counts.items() if kind != "unsent"}
    parts = [f"{format_count(done)} of {format_count(total)} sent", outcome_counts_text(shown)]
    parts.append(time_left_text(seconds_left))
    return " · ".join(part for part in parts if part)


def batch_name(batch: BatchRecord) -> str:
    """`“orders.csv” of 2024-05-01 14:05`."""
    return f"“{batch.title}” of {format_time(batch.created_at)}"


def unfinished_text(batch: BatchRecord, counts: Mapping[str, int], others: int) -> str:
    """The notice above a batch a quit or crash (or Stop) left with lines never sent."""
    unsent = counts.get("unsent", 0)
    text = (
        f"The mass order {batch_name(batch)} was not finished: {outcome_counts_text(counts)}."
        f" Resume sends only the {plural(unsent, 'line')} never sent; no line is sent twice."
    )
    if counts.get("unconfirmed"):
        text += " Check unconfirmed orders on the panel (Orders ▸ Unconfirmed)."
    if others:
        text += f" {plural(others, 'other mass order')} not finished either (Open…)."
    return text
