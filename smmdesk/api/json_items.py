"""Decoding a large JSON array item by item, so other threads keep running meanwhile.

`json.loads` is one C call that holds the GIL until it returns: about 80 ms for a
20,000-service catalogue, which the GUI thread would spend frozen even though the parse
runs on a worker. Decoding each item with its own call lets the interpreter hand the GIL
to the GUI thread between items (every few milliseconds), at a small cost in total time.
"""

from __future__ import annotations

import json
import re
from typing import Any

LARGE_BODY_CHARS = 256 * 1024
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def loads(text: str) -> Any:
    """`json.loads`, except that a large top-level array is decoded item by item."""
    if len(text) < LARGE_BODY_CHARS or not text.startswith("["):
        return json.loads(text)
    try:
        return _array_items(text)
    except IndexError:
        raise json.JSONDecodeError("Unexpected end of the answer", text, len(text)) from None


def _array_items(text: str) -> list[Any]:
    items: list[Any] = []
    at = _skip(text, 1)
    if text[at] == "]":
        return _finish(text, at, items)
    while True:
        item, at = _DECODER.raw_decode(text, at)
        items.append(item)
        at = _skip(text, at)
        if text[at] == "]":
            return _finish(text, at, items)
        if text[at] != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
        at = _skip(text, at + 1)


def _finish(text: str, closing: int, items: list[Any]) -> list[Any]:
    if _skip(text, closing + 1) != len(text):
        raise json.JSONDecodeError("Extra data", text, closing + 1)
    return items


def _skip(text: str, at: int) -> int:
    match = _WHITESPACE.match(text, at)
    return match.end() if match else at
