"""Large arrays decode item by item to the same value as json.loads, and fail alike."""

from __future__ import annotations

import json

import pytest

from smmdesk.api import json_items

ITEM = {"service": 1, "name": "Followers ♻️", "rate": "0.90", "desc": "a\nb", "x": [1, {}]}


def big_array(count: int = 4000, gap: str = "") -> str:
    body = f",{gap}".join(json.dumps(dict(ITEM, service=i)) for i in range(count))
    return f"[{gap}{body}{gap}]"


@pytest.mark.parametrize("gap", ["", " ", "\n  "])
def test_a_large_array_decodes_like_json_loads(gap: str) -> None:
    text = big_array(gap=gap)
    assert len(text) >= json_items.LARGE_BODY_CHARS
    assert json_items.loads(text) == json.loads(text)


def test_small_bodies_and_objects_use_json_loads() -> None:
    assert json_items.loads('{"balance": "1"}') == {"balance": "1"}
    assert json_items.loads("[ ]") == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[: len(t) // 2],
        lambda t: t[:-1],
        lambda t: t + "x",
        lambda t: t.replace("},", "} ", 1),
    ],
)
def test_a_damaged_large_array_is_a_decode_error(damage: object) -> None:
    text = damage(big_array())  # type: ignore[operator]
    with pytest.raises(json.JSONDecodeError):
        json_items.loads(text)
