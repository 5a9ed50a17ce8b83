"""Bounded conversions of the values inside a panel's answer.

A panel is untrusted: every number, ID and text it sends is checked against a limit
*before* anything costly happens to it, so no value can make a conversion slow (a
million-digit integer, `1e1000000` turned into an int), raise something other than
`Shape`, or reach the store and the UI out of range (a count that SQLite cannot hold, a
rate of two million characters). The limits, and why:

- IDs: at most 64 printable characters, no whitespace and no comma (IDs travel in
  comma-separated lists). Integers are stringified; a float only when it is whole and
  exact (below 2**53), since `1.5` or `inf` as an order ID is a broken answer; a boolean
  never.
- Counts (min, max, start_count, remains, runs, posts): whole numbers that fit a signed
  64-bit integer, as JSON numbers or strings (`"1,000"` too).
- Money (rate, charge, balance): `Decimal`, |value| < 10**15, rounded to 10 decimals
  (more is float noise from the panel's PHP, never a price), never through float when the
  panel sent a string; a rate is never negative.
- Text: names and categories are cut at 1,000 characters, descriptions at 20,000, status
  words at 200, with "…": a long text does not make the rest of the entry wrong. Short
  codes that are too long (a currency past 16 characters, an expiry past 64) are refused
  instead: cut, they would mean something else. Lone surrogates become U+FFFD.
- Fields SMMDesk does not read (`extra`) are kept, but nesting past 8 levels or 1,000
  values, and integers past 1,024 bits, become a short preview.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, DecimalException
from itertools import islice
from types import MappingProxyType
from typing import Any, Final

from .errors import ProtocolError

MAX_ID_CHARS: Final = 64
MAX_NUMBER_CHARS: Final = 64
INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1
MONEY_DIGITS_BEFORE_POINT: Final = 15
MONEY_PLACES: Final = 10
NAME_CHARS: Final = 1_000
DESCRIPTION_CHARS: Final = 20_000
WORD_CHARS: Final = 200
CODE_CHARS: Final = 16
EXCERPT_CHARS: Final = 80
EXTRA_DEPTH: Final = 8
EXTRA_NODES: Final = 1_000

_EXACT_FLOAT_INT: Final = 2**53
_ID_INT_LOW: Final = -(10 ** (MAX_ID_CHARS - 1))
_ID_INT_HIGH: Final = 10**MAX_ID_CHARS
# A number or ID longer than this, padding included, is refused before any work on it.
_RAW_CHARS: Final = 256
_SAFE_DIGITS: Final = 18  # any run of up to 18 digits fits a signed 64-bit integer
_MONEY_LIMIT: Final = 10**MONEY_DIGITS_BEFORE_POINT
# A number written in at most this many characters, without an exponent, cannot have
# more than MONEY_PLACES decimals: no need to look at its digits.
_SHORT_MONEY_CHARS: Final = MONEY_PLACES + 1
_MONEY_QUANTUM: Final = Decimal(1).scaleb(-MONEY_PLACES)
_SURROGATE = re.compile("[\ud800-\udfff]")
_HAS_DIGIT = re.compile(r"\d")
_TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y"})
_FALSE_WORDS = frozenset({"0", "false", "no", "off", "n", ""})
_MISSING: Final = object()
_NO_EXTRAS: Final[MappingProxyType[str, Any]] = MappingProxyType({})
_SCALARS: Final = frozenset({float, bool, type(None)})
_EXTRA_INT_BITS: Final = 1_024


class Shape(Exception):
    """A value of the wrong shape or out of bounds.

    `field` names the offending field (empty for the answer as a whole), `value` keeps
    the value and `whose` the entry ("order 5"), so the parsers can say exactly what was
    wrong, with an excerpt.
    """

    def __init__(self, reason: str, field: str = "", value: object = _MISSING) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.value = value
        self.whose = ""

    @property
    def has_value(self) -> bool:
        return self.value is not _MISSING


def protocol_error(problem: Shape) -> ProtocolError:
    """`Shape` as the error a user reads: which field of which entry, and its value."""
    if problem.field:
        whose = f" for {problem.whose}" if problem.whose else ""
        message = f"The panel's answer has an invalid {problem.field}{whose}: {problem.reason}"
    else:
        message = f"Unexpected answer: {problem.reason}"
    shown = preview(problem.value) if problem.has_value else ""
    return ProtocolError(message, http_status=200, body_excerpt=shown)


def to_id(value: Any, field: str = "id") -> str:
    """An opaque ID as a string; see the module docstring for what is refused."""
    kind = type(value)
    if kind is str:
        text: str = value.strip() if len(value) <= _RAW_CHARS else value
    elif kind is int:
        if not _ID_INT_LOW < value < _ID_INT_HIGH:
            raise Shape("the ID is too long", field, value)
        text = str(value)
    elif kind is float:
        if not (math.isfinite(value) and value.is_integer() and abs(value) < _EXACT_FLOAT_INT):
            raise Shape("an ID must be a whole number or a string", field, value)
        text = str(int(value))
    else:
        raise Shape("an ID must be a string or a whole number", field, value)
    if not text or len(text) > MAX_ID_CHARS:
        raise Shape(f"an ID has 1 to {MAX_ID_CHARS} characters", field, value)
    if not text.isprintable() or " " in text or "," in text:
        raise Shape("an ID has no spaces, commas or control characters", field, value)
    return text


def to_count(value: Any, field: str) -> int:
    """A whole number that fits a signed 64-bit integer."""
    kind = type(value)
    if kind is int:
        number: int = value
    elif kind is float:
        if not (math.isfinite(value) and value.is_integer()):
            raise Shape("not a whole number", field, value)
        if not INT64_MIN <= value < 2.0**63:
            raise Shape("out of range", field, value)
        number = int(value)
    elif kind is str:
        number = _count_from_text(value, field)
    else:
        raise Shape("not a whole number", field, value)
    if not INT64_MIN <= number <= INT64_MAX:
        raise Shape("out of range", field, value)
    return number


def _count_from_text(value: str, field: str) -> int:
    text = value.strip() if len(value) <= _RAW_CHARS else value
    if len(text) <= _SAFE_DIGITS and text.isdigit() and text.isascii():
        return int(text)
    if len(text) > MAX_NUMBER_CHARS:
        raise Shape(_too_long(text), field, value)
    number = _decimal_from_text(text.replace(",", ""), field, value)
    if number.adjusted() >= 19:
        raise Shape("out of range", field, value)
    if number != number.to_integral_value():
        raise Shape("not a whole number", field, value)
    return int(number)


def to_optional_count(value: Any, field: str) -> int | None:
    """A count that panels may replace by a word ("Unknown", "N/A") or leave empty: None.

    A value that looks like a number (it has a digit, or is a JSON number) must be a
    valid count: `1e30` is not "unknown", it is wrong.
    """
    if value is None:
        return None
    if type(value) is str:
        text = value.strip() if len(value) <= _RAW_CHARS else value
        if len(text) <= _SAFE_DIGITS and text.isdigit() and text.isascii():
            return int(text)
        if not _HAS_DIGIT.search(text[: MAX_NUMBER_CHARS + 1]):
            return None
    return to_count(value, field)


def to_money(value: Any, field: str, *, signed: bool = True) -> Decimal:
    """An amount of money as `Decimal`, bounded and rounded to `MONEY_PLACES` decimals."""
    kind = type(value)
    if kind is str:
        text: str = value.strip().replace(",", "") if len(value) <= _RAW_CHARS else value
        if len(text) > MAX_NUMBER_CHARS:
            raise Shape(_too_long(text), field, value)
        number = _decimal_from_text(text, field, value)
    elif kind is int:
        text = ""
        number = Decimal(value) if abs(value) < _MONEY_LIMIT else Decimal("Inf")
    elif kind is float:
        text = repr(value)
        number = Decimal(text) if abs(value) < _MONEY_LIMIT else Decimal("Inf")
    else:
        raise Shape("not a number", field, value)
    if not number.is_finite() or number.adjusted() >= MONEY_DIGITS_BEFORE_POINT:
        raise Shape("out of range", field, value)
    if not signed and number < 0:
        raise Shape("negative", field, value)
    if len(text) > _SHORT_MONEY_CHARS or "e" in text or "E" in text:
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -MONEY_PLACES:
            number = number.quantize(_MONEY_QUANTUM)
    return number


def to_optional_money(value: Any, field: str, *, signed: bool = True) -> Decimal | None:
    if value is None or (type(value) is str and len(value) <= _RAW_CHARS and not value.strip()):
        return None
    return to_money(value, field, signed=signed)


def _too_long(text: str) -> str:
    return f"too long for a number ({len(text):,} characters)"


def _decimal_from_text(text: str, field: str, value: object) -> Decimal:
    """`Decimal(text)` for a text already known to be short (its exponent may be huge)."""
    try:
        number = Decimal(text)
    except (DecimalException, ValueError):
        raise Shape("not a number", field, value) from None
    if not number.is_finite():
        raise Shape("not a finite number", field, value)
    return number


def to_bool(value: Any, field: str) -> bool:
    """Booleans as `true/false`, `1/0`, `"1"/"0"`, `"yes"/"no"`…; missing is false."""
    if value is None:
        return False
    kind = type(value)
    if kind is bool:
        return bool(value)
    if kind is int or (kind is float and math.isfinite(value)):
        return bool(value != 0)
    if kind is str and len(value) <= WORD_CHARS:
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise Shape("not a yes/no flag", field, value)


def to_text(value: Any, field: str, limit: int = NAME_CHARS) -> str:
    """A text field, stripped and cut at `limit` characters (with "…"); numbers are
    written out; missing (or PHP's `false`) is empty."""
    kind = type(value)
    if kind is str:
        text: str = value.strip()
        return text if len(text) <= limit and text.isascii() else clean_text(text, limit)
    if value is None or value is False:
        return ""
    if kind is int or kind is float:
        return clean_text(preview(value), limit)
    raise Shape("not a text", field, value)


def to_code(value: Any, field: str, limit: int = CODE_CHARS) -> str | None:
    """A short code (a currency, an expiry date) or None: too long is wrong, not cut."""
    text = to_text(value, field, limit + 1)
    if len(text) > limit:
        raise Shape("too long", field, value)
    return text or None


def clean_text(text: str, limit: int) -> str:
    """`text` cut at `limit` characters, with lone surrogates (which a JSON `\\ud800`
    escape can produce, and which no UTF-8 file or database accepts) replaced."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:
            text = _SURROGATE.sub("\ufffd", text)
    return text


def preview(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, one-line view of any decoded JSON value, never deeper than one level, so
    it is safe (and quick) for a value nested a thousand levels deep or huge."""
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    elif isinstance(value, bool) or value is None:
        text = {True: "true", False: "false", None: "null"}[value]
    elif isinstance(value, int):
        bits = value.bit_length()
        text = str(value) if bits < 256 else f"a number of about {int(bits * 0.30103)} digits"
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, dict):
        shown = [f"{str(k)[:20]!r}: {_flat(v)}" for k, v in islice(value.items(), 4)]
        more = ", …" if len(value) > 4 else ""
        text = "{" + ", ".join(shown) + more + "}"
    elif isinstance(value, list):
        text = f"[{len(value)} item{'s' * (len(value) != 1)}]"
    else:
        text = type(value).__name__
    text = " ".join(text.split())
    return clean_text(text, limit)


def _flat(value: object) -> str:
    """A scalar's short preview; a container is only named."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    return preview(value, 20)


def extras(item: dict[str, Any], known: frozenset[str]) -> MappingProxyType[str, Any]:
    """The fields SMMDesk does not read, kept (api-v2.md) but bounded: texts cut, nesting
    past `EXTRA_DEPTH` levels or `EXTRA_NODES` values replaced by a short preview, so the
    store can write them as JSON and nobody recurses into a hostile structure."""
    kept = {key: value for key, value in item.items() if key not in known}
    if not kept:
        return _NO_EXTRAS
    if all(_is_plain(key, value) for key, value in kept.items()):
        return MappingProxyType(kept)
    return MappingProxyType(
        {clean_text(key, WORD_CHARS): _bounded(value) for key, value in kept.items()}
    )


def _is_plain(key: str, value: Any) -> bool:
    """Short ASCII texts and numbers need no bounding (the common case, made quick)."""
    if len(key) > WORD_CHARS or not key.isascii():
        return False
    kind = type(value)
    if kind is str:
        return len(value) <= NAME_CHARS and bool(value.isascii())
    if kind is int:
        return bool(value.bit_length() <= _EXTRA_INT_BITS)
    return kind in _SCALARS


def _bounded(value: Any) -> Any:
    if not isinstance(value, dict | list):
        return _bounded_scalar(value)
    budget = [EXTRA_NODES]
    try:
        return _bounded_copy(value, EXTRA_DEPTH, budget)
    except _TooBig:
        return preview(value)


class _TooBig(Exception):
    pass


def _bounded_copy(value: Any, depth: int, budget: list[int]) -> Any:
    """A copy of `value`; recursion is bounded by `depth`, never by the data."""
    budget[0] -= 1
    if budget[0] < 0 or depth < 0:
        raise _TooBig
    if isinstance(value, dict):
        return {
            clean_text(str(k), WORD_CHARS): _bounded_copy(v, depth - 1, budget)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_bounded_copy(v, depth - 1, budget) for v in value]
    return _bounded_scalar(value)


def _bounded_scalar(value: Any) -> Any:
    """Texts cut; an integer too long to be written back as JSON text (past Python's
    int-string limit) kept as its preview."""
    if isinstance(value, str):
        return clean_text(value, NAME_CHARS)
    if isinstance(value, int) and value.bit_length() > _EXTRA_INT_BITS:
        return preview(value)
    return value
