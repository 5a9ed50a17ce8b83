"""One mass-order line's fields against its service: problems, the draft and its charge.

The rules are the New order form's, from `api.forms`: `validate_order` on the fields as
written, `add_arguments` for what is sent and `estimate_charge` of that (the charge the
panel takes). `direct_check` applies them as the form does.

`OrderShapes` gives the same answers faster for a batch. In a batch most lines share a
service and every field but the link (a reseller's list is "1,000 followers" for many
accounts), and the link plays no part in those rules except its own check
(`forms.check_link`, or "Link is required" when empty): so the rules run once per shape
(service and the other fields) with a stand-in link, and per line only the link's own
check; a shape met only once is checked the direct way. bench/mass_parse.py measures both
ways; tests/services/test_mass_check.py holds them equal on random lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from smmdesk.api import Service, add_arguments, estimate_charge, order_fields, validate_order
from smmdesk.api.draft import OrderDraft
from smmdesk.api.forms import check_link

STAND_IN_LINK = "https://example.com/p"
LINK = "link"


def direct_check(
    service: Service, fields: Mapping[str, str], currency: str | None
) -> tuple[tuple[str, ...], OrderDraft | None]:
    """(problems, None) or ((), the draft): the form's rules applied to one line."""
    found = validate_order(service, fields)
    if found:
        return worded(service, found), None
    return (), draft_of(service, fields, currency)


def draft_of(service: Service, fields: Mapping[str, str], currency: str | None) -> OrderDraft:
    """The order exactly as the form sends it: `add_arguments`, and the estimate of what
    is sent."""
    sent = _sent_fields(service, fields)
    estimate = estimate_charge(service, sent)
    total = None if estimate is None else estimate.total
    return OrderDraft(service, sent, charge_estimate=total, currency=currency)


def worded(service: Service, problems: Mapping[str, str]) -> tuple[str, ...]:
    """`validate_order`'s messages, each naming its field when it does not already
    ("Quantity: at least 10 (you have 5)")."""
    labels = {spec.name: spec.label for spec in order_fields(service)}
    return tuple(_with_field(name, labels.get(name, name), text) for name, text in problems.items())


def _with_field(name: str, label: str, message: str) -> str:
    if name.lower() in message.lower():
        return message
    return f"{label}: {message[:1].lower()}{message[1:]}"


def _sent_fields(service: Service, fields: Mapping[str, str]) -> dict[str, str]:
    arguments = add_arguments(service, fields)
    arguments.pop("service", None)
    return {name: str(value) for name, value in arguments.items()}


@dataclass(frozen=True, slots=True)
class _Shape:
    """The rules' answer for a service and every field but the link."""

    problems: Mapping[str, str]  # validate_order's, the link's own aside
    uses_link: bool  # the type sends a link
    sent: Mapping[str, str]  # add_arguments', the link aside
    charge: Decimal | None


class OrderShapes:
    """`direct_check`, remembering each shape's answer. Safe to share between threads
    (two threads may compute one shape twice; both get the same answer)."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[Service, tuple[tuple[str, str], ...]], _Shape] = {}
        self._seen: set[tuple[Service, tuple[tuple[str, str], ...]]] = set()

    def check(
        self, service: Service, fields: Mapping[str, str], currency: str | None
    ) -> tuple[tuple[str, ...], OrderDraft | None]:
        rest = tuple((name, value) for name, value in fields.items() if name != LINK)
        key = (service, rest)  # the whole service: panels give one ID different prices
        shape = self._shapes.get(key)
        if shape is None:
            if key not in self._seen:  # a shape met once costs no more than the direct way
                self._seen.add(key)
                return direct_check(service, fields, currency)
            shape = self._shapes[key] = _shape_of(service, dict(rest))
        link = fields.get(LINK, "").strip()
        link_problem = _link_problem(service, rest, shape, link)
        if link_problem or shape.problems:
            problems = {LINK: link_problem} if link_problem else {}
            return worded(service, {**problems, **shape.problems}), None
        sent = {LINK: link, **shape.sent} if shape.uses_link else dict(shape.sent)
        return (), OrderDraft(service, sent, charge_estimate=shape.charge, currency=currency)


def _link_problem(
    service: Service, rest: tuple[tuple[str, str], ...], shape: _Shape, link: str
) -> str | None:
    """`validate_order`'s word on the link: `check_link`, or its own when it is empty."""
    if not shape.uses_link:
        return None
    if link:
        return check_link(link)
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
    return _Shape(problems, uses_link, sent, charge)
