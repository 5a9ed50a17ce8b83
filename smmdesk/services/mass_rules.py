"""One mass-order line's fields against its service: problems, the draft and its charge.

The rules are the New order form's, from `api.forms`: `validate_order` on the fields as
written, `add_arguments` for what is sent and `estimate_charge` of that (the charge the
panel takes).

`OrderShapes` applies them to a batch. In a batch most lines share a service and every
field but the link (a reseller's list is "1,000 followers" for many accounts), and the
link plays no part in those rules except its own check (`forms.check_link`, or "Link is
required" when empty): so the rules run once per shape (service and the other fields)
with a stand-in link, and per line only the link's own check. A shape met only once
costs about what applying the rules to the line directly would (5 % more);
tests/services/test_mass_check.py holds both ways equal on random lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from smmdesk.api import Service, add_arguments, estimate_charge, order_fields, validate_order
from smmdesk.api.draft import OrderDraft
from smmdesk.api.forms import MAX_DIGITS, MAX_LINK_CHARS, check_link, order_charge
from smmdesk.api.links import link_key, order_link_key, plain_web_key
from smmdesk.api.said import Said

from .mass_words import FIELD_PROBLEM, WORDS

STAND_IN_LINK = "https://example.com/p"
LINK = "link"
QUANTITY = "quantity"
_DRIP_FEED = frozenset({"runs", "interval"})


def worded(service: Service, problems: Mapping[str, str]) -> tuple[str, ...]:
    """`validate_order`'s messages, each naming its field when it does not already
    ("Quantity: at least 10 (you have 5)")."""
    labels = {spec.name: spec.label for spec in order_fields(service)}
    return tuple(_with_field(name, labels.get(name, name), text) for name, text in problems.items())


def _with_field(name: str, label: str, message: str) -> str:
    if name.lower() in message.lower():
        return message
    return Said(WORDS, FIELD_PROBLEM, field=label, problem=f"{message[:1].lower()}{message[1:]}")


def _sent_fields(service: Service, fields: Mapping[str, str]) -> dict[str, str]:
    arguments = add_arguments(service, fields)
    arguments.pop("service", None)
    return {name: str(value) for name, value in arguments.items()}


class _Shape(NamedTuple):
    """The rules' answer for a service and every field but the link (a tuple: a line
    with a quantity of its own makes one, in half the time of a frozen dataclass)."""

    problems: Mapping[str, str]  # validate_order's, the link's own aside
    uses_link: bool  # the type sends a link
    sent: MappingProxyType[str, str]  # add_arguments', the link aside
    charge: Decimal | None
    sent_fields: dict[str, str]  # `sent` unwrapped: a dict unpacks in 40% of the time


def _shape(
    problems: Mapping[str, str], uses_link: bool, sent: dict[str, str], charge: Decimal | None
) -> _Shape:
    return _Shape(problems, uses_link, MappingProxyType(sent), charge, sent)


Rest = tuple[tuple[str, str], ...]  # every field but the link, in order


class OrderShapes:
    """The form's rules for each line, remembering each shape's answer. Safe to share
    between threads (two threads may compute one shape twice; both get the same answer)."""

    def __init__(self) -> None:
        # By the identity of the service (hashing a Service hashes all its fields, once a
        # line); each entry keeps its service, so the identity stays its own.
        self._shapes: dict[int, tuple[Service, dict[Rest, _Shape], bool]] = {}

    def check(
        self, service: Service, fields: Mapping[str, str], currency: str | None
    ) -> tuple[tuple[str, ...], OrderDraft | None, str | None]:
        """(problems, draft, the draft's link key for the duplicate-link guard)."""
        rest = _rest(fields)
        shapes, plain_quantities = self._of(service)
        shape = shapes.get(rest)
        if shape is None:
            quantity = _plain_quantity(service, rest) if plain_quantities else None
            if quantity is not None:
                shape = shapes[rest] = _quantity_shape(service, quantity)
            else:
                shape = shapes[rest] = _shape_of(service, dict(rest))
        if not shape.uses_link:
            if shape.problems:
                return worded(service, shape.problems), None, None
            draft = OrderDraft.of_frozen(service, shape.sent, shape.charge, currency)
            return (), draft, order_link_key(None, shape.sent)
        link = fields.get(LINK, "").strip()
        # A plain web address has a key and passes `check_link` (tests/services/
        # test_mass_links.py): one regular expression instead of both.
        key = plain_web_key(link) if len(link) <= MAX_LINK_CHARS else None
        if key is None:
            link_problem = check_link(link) if link else _empty_link_problem(service, rest)
            if link_problem or shape.problems:
                problems = {LINK: link_problem} if link_problem else {}
                return worded(service, {**problems, **shape.problems}), None, None
            key = link_key(link)
        elif shape.problems:
            return worded(service, shape.problems), None, None
        sent = MappingProxyType({LINK: link, **shape.sent_fields})
        return (), OrderDraft.of_frozen(service, sent, shape.charge, currency), key

    def _of(self, service: Service) -> tuple[dict[Rest, _Shape], bool]:
        """The shapes met with this service (the whole service: panels give one ID
        different prices), and whether its form is a link and a quantity (and drip-feed's
        runs and interval, which a line with a quantity alone leaves out)."""
        known = self._shapes.get(id(service))
        if known is None or known[0] is not service:
            names = [spec.name for spec in order_fields(service)]
            plain = names[:2] == [LINK, QUANTITY] and set(names[2:]) <= _DRIP_FEED
            known = self._shapes[id(service)] = (service, {}, plain)
        return known[1], known[2]


def _plain_quantity(service: Service, rest: Rest) -> int | None:
    """The quantity of a line whose one field besides the link is a quantity in plain
    ASCII digits, within the service's limits; None for anything else.

    A reseller's list often has a quantity a line ("every quantity different" in
    bench/mass_parse.py): as shapes, 10,000 such lines ran the form's rules 10,000 times
    (830 ms). Such a quantity passes `validate_order` and is sent as typed, so only the
    charge is left to compute. Any other quantity (out of range, "1,000", "1e3") takes
    the shapes' way, for the form's own message or its reading."""
    if len(rest) != 1 or rest[0][0] != QUANTITY:
        return None
    text = rest[0][1]
    if not (text.isdigit() and text.isascii()) or len(text) > MAX_DIGITS or text[0] == "0":
        return None
    quantity = int(text)
    if quantity < service.min or (service.max and quantity > service.max):
        return None
    return quantity


def _quantity_shape(service: Service, quantity: int) -> _Shape:
    """What `_shape_of` answers for such a line, without running the form's rules."""
    return _shape({}, True, {QUANTITY: str(quantity)}, order_charge(service, quantity))


def _rest(fields: Mapping[str, str]) -> Rest:
    """Every field but the link, in order (a pasted line's link comes first)."""
    items = tuple(fields.items())
    if items and items[0][0] == LINK:
        return items[1:]
    return tuple(item for item in items if item[0] != LINK)


def _empty_link_problem(service: Service, rest: Rest) -> str | None:
    """`validate_order`'s word on an empty link ("Link is required")."""
    return validate_order(service, {LINK: "", **dict(rest)}).get(LINK)


def _shape_of(service: Service, rest: dict[str, str]) -> _Shape:
    with_link = {LINK: STAND_IN_LINK, **rest}
    problems = validate_order(service, with_link)
    problems.pop(LINK, None)
    sent = _sent_fields(service, with_link)
    uses_link = sent.pop(LINK, None) is not None
    charge = None
    if not problems:
        estimate = estimate_charge(service, {LINK: STAND_IN_LINK, **sent})
        charge = None if estimate is None else estimate.total
    return _shape(problems, uses_link, sent, charge)
