"""Conversions between Python values and their SQLite columns.

Money is stored as TEXT (a `Decimal` survives exactly; a REAL would not), datetimes as
UTC ISO-8601 TEXT with a fixed width so that string order is time order, booleans as 0/1.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal


def utcnow() -> datetime:
    return datetime.now(UTC)


def dt_to_db(value: datetime) -> str:
    """A fixed-width UTC timestamp; naive datetimes are refused because their zone is a guess."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: pass an aware (UTC) datetime")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def dt_from_db(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def opt_dt_from_db(text: str | None) -> datetime | None:
    return None if text is None else dt_from_db(text)


def dec_to_db(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def dec_from_db(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
