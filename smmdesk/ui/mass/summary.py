"""The sentences of the Mass order pane: what the batch holds, what each panel's share
costs against its balance, what the confirmation lists, how far placing is, and what an
unfinished batch left behind. Pure functions, formatted with `ui.common.format`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from smmdesk.services.mass_check import CheckedLine, PanelTotal
from smmdesk.services.mass_words import PANEL_GONE
from smmdesk.ui.common.format import counted, format_count, format_money, format_time

if TYPE_CHECKING:
    from smmdesk.store import BatchRecord

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


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
        names.setdefault(panel_id, line.panel_name or _panel_gone(panel_id))
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


def _panel_gone(panel_id: int) -> str:
    return translate("MassCheck", PANEL_GONE).format(id=panel_id)


def share_text(share: PanelShare) -> str:
    """`120 orders · 12.34 USD · balance 1,000.00 USD`, and what is missing when short."""
    orders = counted(
        share.count, translate("MassOrder", "1 order"), translate("MassOrder", "{count} orders")
    )
    charge = format_money(share.charge, share.currency)
    if share.balance is None:
        return translate("MassOrder", "{orders} · {charge} · balance not known yet").format(
            orders=orders, charge=charge
        )
    balance = format_money(share.balance, share.currency)
    short = share.short_by
    if not short:
        return translate("MassOrder", "{orders} · {charge} · balance {balance}").format(
            orders=orders, charge=charge, balance=balance
        )
    return translate(
        "MassOrder", "{orders} · {charge} · balance {balance} — short by {short}"
    ).format(
        orders=orders, charge=charge, balance=balance, short=format_money(short, share.currency)
    )


VERDICT_KINDS = ("ready", "held", "invalid", "skipped")
# "{count} held", …: the left-out kinds of line with their count, in the user's language.
_LEFT_OUT = {
    "held": QT_TRANSLATE_NOOP("MassOrder", "{count} held"),
    "invalid": QT_TRANSLATE_NOOP("MassOrder", "{count} invalid"),
    "skipped": QT_TRANSLATE_NOOP("MassOrder", "{count} skipped"),
}


def counts_text(counts: Mapping[str, int]) -> str:
    """`10,000 lines: 9,800 ready (3 held sent anyway) · 150 held · 40 invalid · 10 skipped`
    (`counts` by verdict, `released` among the ready ones)."""
    total = sum(counts.get(kind, 0) for kind in VERDICT_KINDS)
    ready = format_count(counts.get("ready", 0))
    released = counts.get("released", 0)
    parts = [
        translate("MassOrder", "{count} ready ({released} held sent anyway)").format(
            count=ready, released=format_count(released)
        )
        if released
        else translate("MassOrder", "{count} ready").format(count=ready)
    ]
    parts += _left_out_parts(counts)
    lines = counted(
        total, translate("MassOrder", "1 line"), translate("MassOrder", "{count} lines")
    )
    return translate("MassOrder", "{lines}: {counts}").format(lines=lines, counts=" · ".join(parts))


def _left_out_parts(counts: Mapping[str, int]) -> list[str]:
    return [
        translate("MassOrder", str(template)).format(count=format_count(counts[kind]))
        for kind, template in _LEFT_OUT.items()
        if counts.get(kind)
    ]


def left_out_text(counts: Mapping[str, int]) -> str:
    """What the confirmation says will NOT be sent: `150 held, 40 invalid, 10 skipped`."""
    parts = _left_out_parts(counts)
    return ", ".join(parts) if parts else translate("MassOrder", "nothing")


def time_left_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return translate("MassOrder", "about {count} s left").format(
            count=format_count(max(1, round(seconds)))
        )
    if seconds < 3600:
        return translate("MassOrder", "about {count} min left").format(
            count=format_count(round(seconds / 60))
        )
    return translate("MassOrder", "about {count} h left").format(
        count=QLocale().toString(seconds / 3600, "f", 1)
    )


# Each outcome with its count, in the order they are listed.
_OUTCOMES = (
    ("placed", QT_TRANSLATE_NOOP("MassOrder", "{count} placed")),
    ("rejected", QT_TRANSLATE_NOOP("MassOrder", "{count} rejected")),
    ("unconfirmed", QT_TRANSLATE_NOOP("MassOrder", "{count} unconfirmed")),
    ("sending", QT_TRANSLATE_NOOP("MassOrder", "{count} being sent")),
    ("dismissed", QT_TRANSLATE_NOOP("MassOrder", "{count} dismissed")),
    ("unsent", QT_TRANSLATE_NOOP("MassOrder", "{count} never sent")),
)


def outcome_counts_text(counts: Mapping[str, int]) -> str:
    """`120 placed · 2 rejected · 1 unconfirmed · 77 never sent` (kinds with none left out)."""
    parts = [
        translate("MassOrder", str(template)).format(count=format_count(counts[kind]))
        for kind, template in _OUTCOMES
        if counts.get(kind)
    ]
    return " · ".join(parts)


def progress_text(
    done: int, total: int, counts: Mapping[str, int], seconds_left: float | None
) -> str:
    """`123 of 200 sent · 120 placed · 2 rejected · 1 unconfirmed · about 1 min left`."""
    shown = {kind: n for kind, n in counts.items() if kind != "unsent"}
    sent = translate("MassOrder", "{done} of {total} sent").format(
        done=format_count(done), total=format_count(total)
    )
    parts = [sent, outcome_counts_text(shown), time_left_text(seconds_left)]
    return " · ".join(part for part in parts if part)


def batch_name(batch: BatchRecord) -> str:
    """`“orders.csv” of 2024-05-01 14:05`."""
    return translate("MassOrder", "“{title}” of {time}").format(
        title=batch.title, time=format_time(batch.created_at)
    )


def unfinished_text(batch: BatchRecord, counts: Mapping[str, int], others: int) -> str:
    """The notice above a batch a quit or crash (or Stop) left with lines never sent."""
    unsent = counts.get("unsent", 0)
    sentences = [
        translate("MassOrder", "The mass order {batch} was not finished: {outcomes}.").format(
            batch=batch_name(batch), outcomes=outcome_counts_text(counts)
        ),
        counted(
            unsent,
            translate(
                "MassOrder", "Resume sends only the 1 line never sent; no line is sent twice."
            ),
            translate(
                "MassOrder",
                "Resume sends only the {count} lines never sent; no line is sent twice.",
            ),
        ),
    ]
    if counts.get("unconfirmed"):
        sentences.append(
            translate("MassOrder", "Check unconfirmed orders on the panel (Orders ▸ Unconfirmed).")
        )
    if others:
        sentences.append(
            counted(
                others,
                translate("MassOrder", "1 other mass order not finished either (Open…)."),
                translate("MassOrder", "{count} other mass orders not finished either (Open…)."),
            )
        )
    return " ".join(sentences)
