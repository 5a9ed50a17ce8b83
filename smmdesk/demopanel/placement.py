"""Validation of an ``add`` request against its service, worded like real panels.

The words matter: the client shows the panel's own message to the user, and its tests
match on the common phrasings ("Incorrect link", "Quantity less than minimal 50"…).
Checks that need the ledger (funds, duplicate link) live in :mod:`.state`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .catalogue import PRICED_PER_ORDER, SUBSCRIPTIONS, Service

MONEY = Decimal("0.00001")
SUBSCRIPTION_DELAYS = frozenset({0, 5, 10, 15, 30, 60, 90, 120, 150, 180, 240, 300, 360, 600})

_COMMENTS = ("comments", "Comments are required")
_USERNAMES = ("usernames", "Usernames are required")
_USERNAME = ("username", "Username is required")
#: Per type: the fields that must be present and the error when one is missing.
REQUIRED_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "SEO": (("keywords", "Keywords are required"),),
    "Custom Comments": (_COMMENTS,),
    "Custom Comments Package": (_COMMENTS,),
    "Mentions": (_USERNAMES,),
    "Mentions with Hashtags": (_USERNAMES, ("hashtags", "Hashtags are required")),
    "Mentions Custom List": (_USERNAMES,),
    "Mentions Hashtag": (("hashtag", "Hashtag is required"),),
    "Mentions User Followers": (_USERNAME,),
    "Mentions Media Likers": (("media", "Media is required"),),
    "Comment Likes": (_USERNAME,),
    "Comment Replies": (_USERNAME, _COMMENTS),
    "Poll": (("answer_number", "Answer number is required"),),
    "Invites from Groups": (("groups", "Groups are required"),),
    SUBSCRIPTIONS: (_USERNAME,),
}
#: List types: the quantity is the number of non-empty lines of this field.
QUANTITY_FROM_LINES: dict[str, str] = {
    "Custom Comments": "comments",
    "Mentions Custom List": "usernames",
    "Comment Replies": "comments",
}


class PanelRefusal(Exception):
    """The panel said no; the message is answered verbatim as ``{"error": message}``."""

    @property
    def message(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Placement:
    """A validated ``add``: what to deliver and what it costs."""

    link: str
    quantity: int  # total units (* runs for drip-feeds)
    charge: Decimal
    runs: int = 0
    interval_minutes: int = 0
    posts: int = 0  # subscriptions: number of posts to serve
    posts_requested: bool = False
    post_charge: Decimal = Decimal(0)  # open-ended subscriptions: charged as each post appears


def validate_placement(service: Service, form: Mapping[str, str]) -> Placement:
    """Check the fields in the order real panels do: link, type fields, then amounts."""
    link = form.get("link", "").strip()
    if not link and service.type != SUBSCRIPTIONS:
        raise PanelRefusal("Incorrect link")
    for field, error in REQUIRED_FIELDS.get(service.type, ()):
        if not form.get(field, "").strip():
            raise PanelRefusal(error)
    if service.type == "Poll" and (_int_field(form, "answer_number") or 0) < 1:
        raise PanelRefusal("Incorrect answer number")
    if service.type == SUBSCRIPTIONS:
        return _subscription(service, form)
    if service.type in PRICED_PER_ORDER:
        return Placement(link=link, quantity=1, charge=service.rate.quantize(MONEY))
    quantity = _quantity(service, form)
    runs, interval = _dripfeed(service, form)
    charge = service.rate * quantity * max(runs, 1) / 1000
    return Placement(link, quantity * max(runs, 1), charge.quantize(MONEY), runs, interval)


def _quantity(service: Service, form: Mapping[str, str]) -> int:
    lines_field = QUANTITY_FROM_LINES.get(service.type)
    if lines_field:
        quantity = sum(1 for line in form[lines_field].splitlines() if line.strip())
    else:
        quantity = _int_field(form, "quantity") or 0
    _check_limits(service, quantity)
    return quantity


def _check_limits(service: Service, quantity: int) -> None:
    if quantity < service.min:
        raise PanelRefusal(f"Quantity less than minimal {service.min}")
    if quantity > service.max:
        raise PanelRefusal(f"Quantity more than maximum {service.max}")


def _dripfeed(service: Service, form: Mapping[str, str]) -> tuple[int, int]:
    """Runs and interval (minutes), or (0, 0) when the request is not a drip-feed."""
    if not (form.get("runs", "").strip() or form.get("interval", "").strip()):
        return 0, 0
    if not service.dripfeed:
        raise PanelRefusal("Drip-feed is disabled for this service")
    runs, interval = _int_field(form, "runs"), _int_field(form, "interval")
    if runs is None or runs < 2:
        raise PanelRefusal("Incorrect runs")
    if interval is None or interval < 1:
        raise PanelRefusal("Incorrect interval")
    return runs, interval


def _subscription(service: Service, form: Mapping[str, str]) -> Placement:
    """One post's worth (rate * max / 1000, rounded like any charge) per post: for the posts
    asked, up front; with no posts given (open-ended), nothing up front and each post as
    it appears. Each post is its own order on a real panel, hence rounded on its own."""
    minimum, maximum = _int_field(form, "min"), _int_field(form, "max")
    if minimum is None or maximum is None or minimum > maximum:
        raise PanelRefusal("Incorrect min/max")
    _check_limits(service, minimum)
    _check_limits(service, maximum)
    delay = _int_field(form, "delay") or 0
    if delay not in SUBSCRIPTION_DELAYS:
        raise PanelRefusal("Incorrect delay")
    posts = _int_field(form, "posts") or 0
    if posts < 0:
        raise PanelRefusal("Incorrect posts")
    post_charge = (service.rate * maximum / 1000).quantize(MONEY)
    return Placement(
        link=form["username"].strip(),
        quantity=maximum,
        charge=post_charge * posts,
        posts=posts,
        posts_requested=posts > 0,
        post_charge=Decimal(0) if posts else post_charge,
    )


def _int_field(form: Mapping[str, str], name: str) -> int | None:
    """An integer form field; missing, blank or malformed values read as None."""
    try:
        return int(form.get(name, "").strip())
    except ValueError:
        return None
