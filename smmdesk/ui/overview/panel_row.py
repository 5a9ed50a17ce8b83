"""One row of the Overview: a panel, its balance as last fetched, its low-balance warning
and its figures; and the words each cell shows.

The demo panel's row says its money is pretend in the panel's own cell, and a balance
below its warning says so in words, not by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from smmdesk.api import Balance
from smmdesk.store import Panel, PanelFigures
from smmdesk.ui.common.errors import Described
from smmdesk.ui.common.format import format_money
from smmdesk.ui.overview.amount_input import read_amount

translate = QCoreApplication.translate
UNKNOWN = "…"  # a balance not fetched yet
NONE_SPENT = "—"


@dataclass(frozen=True, slots=True)
class PanelRow:
    panel: Panel
    figures: PanelFigures
    balance: Balance | None = None
    problem: Described | None = None  # why the latest balance fetch failed
    threshold: Decimal | None = None  # warn below this balance (None: no warning)

    @property
    def is_low(self) -> bool:
        balance, threshold = self.balance, self.threshold
        return balance is not None and threshold is not None and balance.amount < threshold


def stored_threshold(text: str) -> Decimal | None:
    """The warning kept in the settings (plain digits and a point; "" for none)."""
    return read_amount(text, QLocale.c()).value


def name_text(row: PanelRow) -> str:
    if row.panel.is_demo:
        return translate("Overview", "{name} (pretend money)").format(name=row.panel.name)
    return row.panel.name


def balance_text(row: PanelRow) -> str:
    if row.problem is not None:
        return row.problem.title
    if row.balance is None:
        return UNKNOWN
    money = format_money(row.balance.amount, row.balance.currency)
    return translate("Overview", "{money} · low").format(money=money) if row.is_low else money


def balance_tooltip(row: PanelRow) -> str:
    lines: list[str] = []
    if row.problem is not None:
        lines.append(f"{row.problem.one_line}\n{row.problem.hint}".strip())
        if row.balance is not None:
            known = format_money(row.balance.amount, row.balance.currency)
            lines.append(translate("Overview", "Last known balance: {money}").format(money=known))
    elif row.balance is None:
        lines.append(translate("Overview", "The balance has not been fetched yet."))
    elif row.is_low:
        warning = format_money(row.threshold, row.balance.currency)
        lines.append(translate("Overview", "Below your warning of {money}.").format(money=warning))
    if row.panel.is_demo:
        lines.append(translate("Overview", "The demo panel's money is pretend: nothing is real."))
    return "\n".join(lines)


def threshold_text(row: PanelRow) -> str:
    if row.threshold is None:
        return ""
    currency = row.balance.currency if row.balance is not None else None
    return format_money(row.threshold, currency)


def threshold_edit_text(row: PanelRow) -> str:
    """The warning as the user types it: their number format, no currency."""
    return "" if row.threshold is None else format_money(row.threshold)


def spend_text(spend: Mapping[str, Decimal]) -> str:
    """Each currency on its own, never added together: `12.50 USD · 3.00 EUR`."""
    if not spend:
        return NONE_SPENT
    return " · ".join(format_money(amount, currency or None) for currency, amount in spend.items())


def spend_sort_key(spend: Mapping[str, Decimal]) -> float:
    """The largest amount in any one currency (currencies are never added)."""
    return float(max(spend.values(), default=Decimal(-1)))
