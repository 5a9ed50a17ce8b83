"""Decoding JSON from a panel: large arrays item by item, hostile bodies without surprises.

`json.loads` is one C call that holds the GIL until it returns: about 80 ms for a
20,000-service catalogue, which the GUI thread would spend frozen even though the parse
runs on a worker. Decoding each item with its own call lets the interpreter hand the GIL
to the GUI thread between items (every few milliseconds), at a small cost in total time.

Two hostile bodies get a clear `JSONDecodeError` subclass instead of another exception:
nesting deeper than the interpreter's recursion limit (100,000 `[`: `RecursionError`
inside the C decoder) is `TooDeep`. An integer literal longer than Python's int-string
limit (4,300 digits: `ValueError`) is not an error of the whole answer: the body is
decoded again with integers past 64 digits read as floats (so `inf` for absurd ones),
which every field check then rejects, for that entry only. The fast decoder stays the
default: a `parse_int` hook on every integer would cost a quarter more time.
"""

from __future__ import annotations

import json
import re
from typing import Any

LARGE_BODY_CHARS = 256 * 1024
_LONG_INT_DIGITS = 64
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _bounded_int(text: str) -> int | float:
    """An integer literal; past 64 digits it cannot be any valid value, so a float
    (`float()` is linear and never raises) stands in for it."""
    return int(text) if len(text) <= _LONG_INT_DIGITS else float(text)


_FAST = json.JSONDecoder()
_CAREFUL = json.JSONDecoder(parse_int=_bounded_int)


class TooDeep(json.JSONDecodeError):
    """The JSON nests deeper than the decoder can follow."""

    def __init__(self, text: str) -> None:
        super().__init__("The answer nests too deeply", text[:200], 0)


def loads(text: str) -> Any:
    """`json.loads`, except that a large top-level array is decoded item by item."""
    try:
        return _decode(text, _FAST)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer past the int-string limit
        return _decode(text, _CAREFUL)


def _decode(text: str, decoder: json.JSONDecoder) -> Any:
    try:
        if len(text) < LARGE_BODY_CHARS or not text.startswith("["):
            return decoder.decode(text)
        return _array_items(text)
    except RecursionError:
        raise TooDeep(text) from None
    except IndexError:
        raise json.JSONDecodeError("Unexpected end of the answer", text, len(text)) from None


def _array_items(text: str) -> list[Any]:
    items: list[Any] = []
    at = _skip(text, 1)
    if text[at] == "]":
        return _finish(text, at, items)
    while True:
        item, at = _raw_item(text, at)
        items.append(item)
        at = _skip(text, at)
        if text[at] == "]":
            return _finish(text, at, items)
        if text[at] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
        at = _skip(text, at + 1)


def _raw_item(text: str, at: int) -> tuple[Any, int]:
    """One item; only an item with an over-long integer pays for the careful decoder."""
    try:
        return _FAST.raw_decode(text, at)
    except json.JSONDecodeError:
        raise
    except ValueError:
        return _CAREFUL.raw_decode(text, at)


def _finish(text: str, closing: int, items: list[Any]) -> list[Any]:
    if _skip(text, closing + 1) != len(text):
        raise json.JSONDecodeError("Extra data", text, closing + 1)
    return items


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at
