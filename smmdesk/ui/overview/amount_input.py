"""Reading an amount the user typed (the low-balance warning), exactly.

The user types in their own number format (`1,250.50` in English, `1.250,50` in German);
a point is also taken as the decimal point where it cannot be a group separator (`10.5`
in German), because people type what their keyboard's number pad gives. The amount never
passes through `float`: it is rebuilt digit by digit as a `Decimal`, and stored as plain
text with a point (`1250.50`), which is what every reader of the setting expects.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QLocale

from smmdesk.ui.common.format import format_count, format_money

translate = QCoreApplication.translate
MAX_DIGITS = 15  # a balance warning of a trillion is a typo, not a plan
MAX_DECIMALS = 7  # what panel software keeps


@dataclass(frozen=True, slots=True)
class AmountInput:
    """An amount as typed: `value` (None for an empty field, meaning "no amount"), or
    `problem`, a sentence for the field message."""

    value: Decimal | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    def stored(self) -> str:
        """The text kept in the settings: plain digits and a point, or "" for none."""
        return "" if self.value is None else f"{self.value:f}"


def read_amount(text: str, locale: QLocale | None = None) -> AmountInput:
    """A non-negative amount in the user's or the plain (`1234.5`) number format."""
    typed = text.strip()
    if not typed:
        return AmountInput()
    for each in (locale or QLocale(), QLocale.c()):
        value = _in_format(typed, each)
        if value is not None:
            return _checked(value)
    return AmountInput(problem=_not_an_amount())


def _in_format(text: str, locale: QLocale) -> Decimal | None:
    """The amount if `text` is a valid number in `locale`'s format (Qt judges the digit
    groups), rebuilt exactly from its digits."""
    _, valid = locale.toDouble(text)
    if not valid:
        return None
    plain = text.replace(locale.groupSeparator(), "").replace(locale.decimalPoint(), ".")
    plain = plain.replace(locale.negativeSign(), "-").replace(locale.positiveSign(), "")
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _checked(value: Decimal) -> AmountInput:
    if value < 0:
        return AmountInput(problem=translate("Overview", "The amount cannot be negative."))
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals > MAX_DECIMALS:
        return AmountInput(
            problem=translate("Overview", "At most {count} decimals, as panels keep.").format(
                count=format_count(MAX_DECIMALS)
            )
        )
    if len(value.as_tuple().digits) - decimals > MAX_DIGITS:
        return AmountInput(problem=_not_an_amount())
    return AmountInput(value)


def _not_an_amount() -> str:
    example = format_money(Decimal("25.50"))
    return translate(
        "Overview", "Type an amount such as {example}, or leave it empty for no warning."
    ).format(example=example)
