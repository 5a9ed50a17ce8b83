"""What an `add` needs for each service type: fields, validation and the charge estimate.

The order form is built from `order_fields()`; it validates with `validate_order()` before
anything is sent and shows `estimate_charge()` live. All values arrive as the strings a
user typed; list fields hold one item per line.

The estimate is the charge: it counts exactly what `add_arguments()` sends (runs only where
they are sent, lines as they are sent) and prices it as panels do (api-v2.md): rate *
quantity / 1000, * runs for drip-feed; a package costs its rate; a subscription costs one
post's worth (rate * max / 1000) per post, taken up front for the posts asked, or post by
post as they appear when the number of posts is left open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from urllib.parse import urlsplit

from .models import Service, ServiceType

MAX_LINK_CHARS = 4_096
MAX_LIST_LINES = 10_000  # comments, usernames…: beyond that a paste is a mistake
# A scheme (`javascript:`), not a host with a port (`instagram.com:443/…`, has a dot).
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+-]*):")
# An http(s) link whose address is plain ASCII up to its path: it has a host, no need to
# ask `urlsplit` (the costlier half of checking a link).
_PLAIN_WEB_HOST = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?:[/?#]|\Z)")

SUBSCRIPTION_DELAYS = ("0", "5", "10", "15", "30", "60", "90", "120", "150", "180", "210")
_CENTS = Decimal("0.00001")
MAX_DIGITS = 18  # fits a signed 64-bit integer (SQLite, panels' databases) with room to spare
# ASCII digits only (str.isdigit() also takes superscripts, Arabic-Indic and fullwidth
# digits), optionally grouped with "," or "_": groups of 2 or 3 after the first and a last
# group of 3, so "10,000", "1,00,000" (lakh) and "10_000" read as whole numbers, but "1,5"
# (a decimal comma) does not.
_WHOLE_NUMBER = re.compile(
    r"[0-9]+|[0-9]{1,3}(?:,[0-9]{2,3})*,[0-9]{3}|[0-9]{1,3}(?:_[0-9]{2,3})*_[0-9]{3}"
)


class FieldKind(Enum):
    TEXT = "text"  # one line
    LINES = "lines"  # one item per line
    NUMBER = "number"  # a whole number
    CHOICE = "choice"
    DATE = "date"  # dd/mm/yyyy, as panels expect for `expiry`


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: FieldKind
    required: bool = True
    hint: str = ""
    choices: tuple[str, ...] = ()


LINK = FieldSpec("link", "Link", FieldKind.TEXT, hint="The page, post or profile URL")
QUANTITY = FieldSpec("quantity", "Quantity", FieldKind.NUMBER)
RUNS = FieldSpec(
    "runs", "Drip-feed runs", FieldKind.NUMBER, required=False, hint="Leave empty for no drip-feed"
)
INTERVAL = FieldSpec("interval", "Interval (minutes)", FieldKind.NUMBER, required=False)
COMMENTS = FieldSpec("comments", "Comments", FieldKind.LINES, hint="One comment per line")
USERNAMES = FieldSpec("usernames", "Usernames", FieldKind.LINES, hint="One username per line")
USERNAME = FieldSpec("username", "Username", FieldKind.TEXT)

_TYPE_FIELDS: dict[ServiceType, tuple[FieldSpec, ...]] = {
    ServiceType.DEFAULT: (LINK, QUANTITY),
    ServiceType.PACKAGE: (LINK,),
    ServiceType.SEO: (
        LINK,
        QUANTITY,
        FieldSpec("keywords", "Keywords", FieldKind.LINES, hint="One keyword per line"),
    ),
    ServiceType.CUSTOM_COMMENTS: (LINK, COMMENTS),
    ServiceType.CUSTOM_COMMENTS_PACKAGE: (LINK, COMMENTS),
    ServiceType.MENTIONS: (LINK, QUANTITY, USERNAMES),
    ServiceType.MENTIONS_WITH_HASHTAGS: (
        LINK,
        QUANTITY,
        USERNAMES,
        FieldSpec("hashtags", "Hashtags", FieldKind.LINES, hint="One hashtag per line"),
    ),
    ServiceType.MENTIONS_CUSTOM_LIST: (LINK, USERNAMES),
    ServiceType.MENTIONS_HASHTAG: (LINK, QUANTITY, FieldSpec("hashtag", "Hashtag", FieldKind.TEXT)),
    ServiceType.MENTIONS_USER_FOLLOWERS: (LINK, QUANTITY, USERNAME),
    ServiceType.MENTIONS_MEDIA_LIKERS: (
        LINK,
        QUANTITY,
        FieldSpec("media", "Media URL", FieldKind.TEXT),
    ),
    ServiceType.COMMENT_LIKES: (
        LINK,
        QUANTITY,
        FieldSpec(
            "username", "Comment author", FieldKind.TEXT, hint="Username of the comment's author"
        ),
    ),
    ServiceType.COMMENT_REPLIES: (LINK, USERNAME, COMMENTS),
    ServiceType.POLL: (
        LINK,
        QUANTITY,
        FieldSpec("answer_number", "Answer number", FieldKind.NUMBER),
    ),
    ServiceType.INVITES_FROM_GROUPS: (
        LINK,
        QUANTITY,
        FieldSpec("groups", "Groups", FieldKind.LINES, hint="One group per line"),
    ),
    ServiceType.SUBSCRIPTIONS: (
        USERNAME,
        FieldSpec("min", "Min per post", FieldKind.NUMBER),
        FieldSpec("max", "Max per post", FieldKind.NUMBER),
        FieldSpec("posts", "New posts", FieldKind.NUMBER, required=False, hint="Empty = unlimited"),
        FieldSpec("old_posts", "Old posts", FieldKind.NUMBER, required=False),
        FieldSpec("delay", "Delay (minutes)", FieldKind.CHOICE, choices=SUBSCRIPTION_DELAYS),
        FieldSpec("expiry", "Expiry", FieldKind.DATE, required=False, hint="dd/mm/yyyy"),
    ),
}

_PACKAGE_TYPES = frozenset({ServiceType.PACKAGE, ServiceType.CUSTOM_COMMENTS_PACKAGE})
_COUNTED_BY_LINES = {
    ServiceType.CUSTOM_COMMENTS: "comments",
    ServiceType.COMMENT_REPLIES: "comments",
    ServiceType.MENTIONS_CUSTOM_LIST: "usernames",
}


def order_fields(service: Service) -> list[FieldSpec]:
    """The form's fields for this service; an unknown type gets the Default ones."""
    kind = service.service_type or ServiceType.DEFAULT
    fields = list(_TYPE_FIELDS[kind])
    if service.dripfeed and kind is ServiceType.DEFAULT:
        fields += [RUNS, INTERVAL]
    return fields


def lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def is_package(service: Service) -> bool:
    return service.service_type in _PACKAGE_TYPES


def quantity_from_lines(service: Service) -> str | None:
    """The list field whose non-empty lines are the quantity (comments…), or None."""
    return _COUNTED_BY_LINES.get(service.service_type or ServiceType.DEFAULT)


def effective_quantity(service: Service, values: Mapping[str, str]) -> int | None:
    """The quantity the panel will count: typed, the number of lines, or None."""
    counted_field = quantity_from_lines(service)
    if counted_field:
        return len(lines(values.get(counted_field)))
    if is_package(service):
        return None
    return whole_number(values.get("max" if _is_subscription(service) else "quantity"))


class ChargeBasis(Enum):
    """What an estimate's amount pays for."""

    ORDER = "order"  # one order: rate * quantity / 1000
    PACKAGE = "package"  # the rate is the package's price
    RUNS = "runs"  # drip-feed: runs * one run (rate * quantity / 1000)
    POSTS = "posts"  # subscription: posts * one post (rate * max / 1000), up front
    OPEN_ENDED = "open-ended"  # subscription without posts: one post's price, post by post


@dataclass(frozen=True, slots=True)
class ChargeEstimate:
    """What the panel will charge for an order, and what that amount is made of.

    `total` is what leaves the balance when the order is placed, rounded as the panel
    rounds it; None for an open-ended subscription, which is charged post by post as the
    posts appear, so only `unit` is known. `unit` is the price of one order, package, run
    or post; `quantity` what one of them delivers (the max per post for subscriptions,
    `least` being their min; None for a package); `units` how many runs or posts (1 for a
    single order, None when open-ended).
    """

    basis: ChargeBasis
    unit: Decimal
    total: Decimal | None
    quantity: int | None = None
    least: int | None = None
    units: int | None = 1


def estimate_charge(service: Service, values: Mapping[str, str]) -> ChargeEstimate | None:
    """The charge for the order `values` describe, or None while it cannot be known (no
    quantity yet, or a number too large to price)."""
    if is_package(service):
        price = _money(service.rate)
        return None if price is None else ChargeEstimate(ChargeBasis.PACKAGE, price, price)
    if _is_subscription(service):
        return _subscription_estimate(service, values)
    quantity = effective_quantity(service, values)
    if quantity is None:
        return None
    runs = _runs_sent(service, values)
    unit = order_charge(service, quantity)
    total = unit if runs == 1 else _money(service.rate * quantity * runs / 1000)
    if unit is None or total is None:
        return None
    basis = ChargeBasis.RUNS if runs > 1 else ChargeBasis.ORDER
    return ChargeEstimate(basis, unit, total, quantity, units=runs)


def order_charge(service: Service, quantity: int) -> Decimal | None:
    """One order of `quantity` at the service's rate per 1000, rounded as the panel rounds
    it; None when too large to price."""
    return _money(service.rate * quantity / 1000)


def _runs_sent(service: Service, values: Mapping[str, str]) -> int:
    """Drip-feed runs count only where `add_arguments` sends them (a service that allows
    drip-feed, with the Default fields): anywhere else the panel never sees them."""
    if all(spec is not RUNS for spec in order_fields(service)):  # `in` compares each field
        return 1
    return whole_number(values.get("runs")) or 1


def _subscription_estimate(service: Service, values: Mapping[str, str]) -> ChargeEstimate | None:
    """Each post is charged at the max per post, and rounded on its own (on the panel each
    post is an order of its own); `posts` empty (or 0) is open-ended."""
    high = whole_number(values.get("max"))
    if high is None:
        return None
    least = whole_number(values.get("min"))
    posts = whole_number(values.get("posts")) or None
    unit = _money(service.rate * high / 1000)
    if unit is None:
        return None
    if posts is None:
        return ChargeEstimate(ChargeBasis.OPEN_ENDED, unit, None, high, least, units=None)
    total = _money(unit * posts)
    if total is None:
        return None
    return ChargeEstimate(ChargeBasis.POSTS, unit, total, high, least, units=posts)


def _money(amount: Decimal) -> Decimal | None:
    """Rounded to the panel software's decimals; None when too big to show (absurd runs or
    quantities: `quantize` refuses more digits than the decimal context holds)."""
    try:
        return amount.quantize(_CENTS)
    except InvalidOperation:
        return None


def validate_order(service: Service, values: Mapping[str, str]) -> dict[str, str]:
    """Messages keyed by field name; empty when the order may be sent. A field's own
    problem ("… is required", "… must be a whole number") wins over a limit's."""
    problems: dict[str, str] = {}
    for spec in order_fields(service):
        message = _check_field(spec, values.get(spec.name, ""))
        if message:
            problems[spec.name] = message
    if "quantity" not in problems and "max" not in problems:
        for name, message in _check_limits(service, values).items():
            problems.setdefault(name, message)
    if service.dripfeed and not problems.get("runs"):
        for name, message in _check_dripfeed(values).items():
            problems.setdefault(name, message)
    for spec in order_fields(service):  # after the limits: "at most N" is the clearer word
        if spec.kind is FieldKind.LINES and spec.name not in problems:
            message = _check_lines(spec, values.get(spec.name, ""))
            if message:
                problems[spec.name] = message
    return problems


def _check_field(spec: FieldSpec, raw: str) -> str | None:
    value = raw.strip()
    if not value:
        return f"{spec.label} is required" if spec.required else None
    if spec.kind is FieldKind.NUMBER:
        number = read_whole_number(value)
        if number is NumberProblem.TOO_LARGE:
            return f"{spec.label} is too large"
        if number is NumberProblem.NOT_WHOLE:
            return f"{spec.label} must be a whole number"
    if spec.kind is FieldKind.CHOICE and spec.choices and value not in spec.choices:
        return f"{spec.label} must be one of {', '.join(spec.choices)}"
    if spec.kind is FieldKind.TEXT:
        return check_link(value) if spec.name == "link" else _check_line(spec, value)
    return None


def check_link(link: str) -> str | None:
    """Why `link` (already trimmed) cannot be sent as a link, or None.

    http(s) addresses with a host, or what a service takes without a scheme (a bare
    `instagram.com/p/…`, an `@handle`); never another scheme such as `javascript:`.
    """
    if "\r" in link or "\n" in link:
        return "A link is a single line"
    # Every whitespace character but the ASCII space is unprintable: one C-level pass
    # each instead of a Python loop over the characters (half the check's time).
    if " " in link or not link.isprintable():
        return "A link cannot contain spaces or control characters"
    if len(link) > MAX_LINK_CHARS:
        return f"A link is at most {MAX_LINK_CHARS:,} characters (this one has {len(link):,})"
    scheme = _SCHEME.match(link)
    if scheme is None or _PLAIN_WEB_HOST.match(link):
        return None
    name = scheme.group(1).lower()
    if name not in ("http", "https"):
        return f"A link starts with http:// or https://, not {name}:"
    return _address_problem(link)


def _address_problem(link: str) -> str | None:
    """An http(s) link's host and port: `urlsplit` raises on an unbalanced IPv6 bracket
    and `.port` on a port that is not a number from 0 to 65535."""
    try:
        parts = urlsplit(link)
        host, _port = parts.hostname, parts.port
    except ValueError:
        return "This link's address is not valid"
    return None if host else "This link has no address after http(s)://"


def _check_line(spec: FieldSpec, value: str) -> str | None:
    if any(not c.isprintable() for c in value):
        return f"{spec.label} is a single line without control characters"
    if len(value) > MAX_LINK_CHARS:
        return f"{spec.label} is at most {MAX_LINK_CHARS:,} characters"
    return None


def _check_lines(spec: FieldSpec, value: str) -> str | None:
    count = len(lines(value))
    if count > MAX_LIST_LINES:
        return f"{spec.label}: at most {MAX_LIST_LINES:,} lines (you have {count:,})"
    return None


def _check_limits(service: Service, values: Mapping[str, str]) -> dict[str, str]:
    if _is_subscription(service):
        return _check_subscription_limits(service, values)
    quantity = effective_quantity(service, values)
    if quantity is None:
        return {}
    field = quantity_from_lines(service) or "quantity"
    if quantity < service.min:
        return {field: f"At least {service.min:,} (you have {quantity:,})"}
    if service.max and quantity > service.max:
        return {field: f"At most {service.max:,} (you have {quantity:,})"}
    return {}


def _check_subscription_limits(service: Service, values: Mapping[str, str]) -> dict[str, str]:
    """Min and max per post within the service's limits; posts, when given, at least one
    (panels read 0 as "no limit", which is not what a typed 0 means)."""
    problems = _check_min_max(service, values)
    if whole_number(values.get("posts")) == 0:
        problems["posts"] = "At least 1 post (leave empty for no limit)"
    return problems


def _check_min_max(service: Service, values: Mapping[str, str]) -> dict[str, str]:
    low, high = whole_number(values.get("min")), whole_number(values.get("max"))
    if low is None or high is None:
        return {}
    if low < service.min:
        return {"min": f"At least {service.min:,}"}
    if service.max and high > service.max:
        return {"max": f"At most {service.max:,}"}
    if low > high:
        return {"max": "Max must not be below min"}
    return {}


def _check_dripfeed(values: Mapping[str, str]) -> dict[str, str]:
    runs, interval = whole_number(values.get("runs")), whole_number(values.get("interval"))
    if runs is None and interval is None:
        return {}
    if runs is None or runs < 2:
        return {"runs": "Drip-feed needs at least 2 runs"}
    if interval is None or interval < 1:
        return {"interval": "Drip-feed needs an interval of at least 1 minute"}
    return {}


def _is_subscription(service: Service) -> bool:
    return service.service_type is ServiceType.SUBSCRIPTIONS


class NumberProblem(Enum):
    NOT_WHOLE = "not a whole number"
    TOO_LARGE = "too large"


def read_whole_number(value: str | None) -> int | NumberProblem | None:
    """A typed whole number, None when empty, or why it is not one. Never raises.

    Surrounding whitespace is ignored; signs, decimals, exponents, inner spaces and
    non-ASCII digits are NOT_WHOLE; more than MAX_DIGITS significant digits is TOO_LARGE
    (checked before `int()`, so a 5,000-digit paste costs nothing).
    """
    text = (value or "").strip()
    if not text:
        return None
    if not _WHOLE_NUMBER.fullmatch(text):
        return NumberProblem.NOT_WHOLE
    digits = text.replace(",", "").replace("_", "").lstrip("0")
    if len(digits) > MAX_DIGITS:
        return NumberProblem.TOO_LARGE
    return int(digits or "0")


def whole_number(value: str | None) -> int | None:
    """The whole number typed, or None when empty, not a whole number or too large."""
    number = read_whole_number(value)
    return number if isinstance(number, int) else None


def add_arguments(service: Service, values: Mapping[str, str]) -> dict[str, object]:
    """Keyword arguments for `PanelClient.add` from validated form values.

    Fields that the type does not use are dropped; extra fields (the free editor) pass
    through as they are. Number fields go out in plain digits ("10,000" is sent as "10000");
    list fields one item per "\n", whatever line breaks were typed, so that the panel
    counts the lines `estimate_charge` counted.
    """
    specs = {spec.name: spec for spec in order_fields(service)}
    arguments: dict[str, object] = {"service": service.id}
    for name, raw in values.items():
        value = raw.strip()
        if not value:
            continue
        spec = specs.get(name)
        if spec is None and name in _ALL_FIELD_NAMES:
            continue
        number = whole_number(value) if spec and spec.kind is FieldKind.NUMBER else None
        listed = spec is not None and spec.kind is FieldKind.LINES
        if number is not None:
            arguments[name] = str(number)
        elif listed or "\n" in value:
            arguments[name] = "\n".join(lines(value))
        else:
            arguments[name] = value
    return arguments


_ALL_FIELD_NAMES = frozenset(
    {spec.name for specs in _TYPE_FIELDS.values() for spec in specs} | {"runs", "interval"}
)
