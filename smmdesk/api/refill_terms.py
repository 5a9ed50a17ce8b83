"""The refill guarantee a service promises, read from its name, category and description.

Panels have no field for it: they write it into the text, each their own way ("30 Days
Refill ♻️", "R30", "[Refill 60D]", "Lifetime", "No Refill", "Guarantee: 1 month"). The
name is read first, then the category, then the description; the first text that says
anything decides, so a name's "No Refill" is not overruled by a description's boiler-plate.
The `refill` flag of the catalogue only says whether the panel takes refill requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Service

LIFETIME_DAYS = 3650  # a "lifetime" guarantee is counted as ten years
MAX_DAYS = 3650
_UNIT_DAYS = {"d": 1, "day": 1, "days": 1, "dia": 1, "dias": 1, "días": 1, "w": 7, "week": 7}
_UNIT_DAYS |= {"weeks": 7, "m": 30, "month": 30, "months": 30, "mes": 30, "meses": 30}
_UNIT_DAYS |= {"y": 365, "year": 365, "years": 365}
_UNIT = r"(d|days?|d[ií]as?|w|weeks?|m|months?|mes(?:es)?|y|years?)"
# English, and the Portuguese and Spanish words Brazilian and Latin American panels use.
_WORD = r"(?:refill|guarantee|guaranteed|garantia|garantía|garanti|reposi[cç][aã]o|reposici[oó]n)"

# Ordered: the first that matches a text decides.
_NONE = re.compile(
    rf"\b(?:no|non|without|sem|sin|0\s*days?)[\s-]*{_WORD}\b|\bnr\b|\b{_WORD}\s*[:=-]?\s*(?:no|none|nope)\b",
    re.IGNORECASE,
)
_LIFETIME = re.compile(
    rf"\b(?:life\s*time|lifelong|forever|permanent|unlimited)(?:\s+{_WORD})?\b|\br\s*∞|\b{_WORD}\s*[:=-]?\s*(?:life\s*time|∞)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    rf"\b(\d{{1,4}})\s*-?\s*{_UNIT}\.?\s*(?:auto[\s-]*)?{_WORD}\b", re.IGNORECASE
)
_AMOUNT_AFTER = re.compile(
    rf"\b(?:auto[\s-]*)?{_WORD}\s*[:=-]?\s*(\d{{1,4}})\s*-?\s*{_UNIT}\b", re.IGNORECASE
)
_SHORT = re.compile(r"(?<![a-z0-9])r\s?(\d{1,4})(?:\s?d)?(?![a-z0-9])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RefillTerms:
    """What a service promises: `days` of guarantee (None when it says nothing), with
    `lifetime` and `none` for the two words that are not a number of days."""

    days: int | None
    lifetime: bool = False

    @property
    def none(self) -> bool:
        return self.days == 0

    @property
    def known(self) -> bool:
        return self.days is not None


UNKNOWN = RefillTerms(None)
NO_REFILL = RefillTerms(0)
LIFETIME = RefillTerms(LIFETIME_DAYS, lifetime=True)


def refill_terms(service: Service) -> RefillTerms:
    """The guarantee `service` states, or `UNKNOWN` when none of its texts says one."""
    for text in (service.name, service.category, service.description):
        terms = read_refill_terms(text)
        if terms.known:
            return terms
    return UNKNOWN


def read_refill_terms(text: str) -> RefillTerms:
    """The guarantee one text states: "30 Days Refill" → 30 days, "R60" → 60 days,
    "Lifetime" → lifetime, "No Refill" → none, anything else → unknown."""
    if _NONE.search(text):
        return NO_REFILL
    if _LIFETIME.search(text):
        return LIFETIME
    for pattern in (_AMOUNT_BEFORE, _AMOUNT_AFTER):
        found = pattern.search(text)
        if found:
            return _days(int(found.group(1)), found.group(2))
    short = _SHORT.search(text)
    if short:
        return _days(int(short.group(1)), "d")
    return UNKNOWN


def _days(amount: int, unit: str) -> RefillTerms:
    days = amount * _UNIT_DAYS[unit.lower()]
    if days == 0:
        return NO_REFILL
    return RefillTerms(min(days, MAX_DAYS))
