"""Large arrays decode item by item to the same value as json.loads, and fail alike;
hostile bodies (deep nesting, endless integers) fail cleanly or hide only their item."""

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


@pytest.mark.parametrize("large", [False, True])
def test_deep_nesting_is_a_decode_error_not_a_recursion_error(large: bool) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    text = big_array()[:-1] + "," + deep + "]" if large else deep
    with pytest.raises(json_items.TooDeep):
        json_items.loads(text)


@pytest.mark.parametrize("large", [False, True])
def test_an_integer_past_the_int_string_limit_becomes_an_infinite_float(large: bool) -> None:
    huge = "9" * 5000
    text = big_array()[:-1] + f', {{"min": {huge}}}]' if large else f'[{{"min": {huge}}}, 7]'
    value = json_items.loads(text)
    odd = value[-1] if large else value[0]
    assert odd == {"min": float("inf")}
    assert (value[0] if large else value[1]) == (json.loads(big_array())[0] if large else 7)


def test_integers_up_to_64_digits_stay_exact_in_the_careful_decoder() -> None:
    text = f"[{'9' * 5000}, {'1' * 64}, -{'2' * 65}]"
    first, exact, rounded = json_items.loads(text)
    assert first == float("inf") and exact == int("1" * 64)
    assert rounded == -float("2" * 65)
