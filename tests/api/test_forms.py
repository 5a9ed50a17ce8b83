"""The pure order rules of `smmdesk.api.forms`, checked against the api-v2.md table:
the fields of every service type, validation (required fields, limits, list types counted
by lines, subscriptions, drip-feed, typed numbers), the charge estimate and `add`'s
arguments. The expected values are written out here, not read back from the module."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smmdesk.api import FieldKind, Service, ServiceType
from smmdesk.api.forms import (
    MAX_DIGITS,
    ChargeBasis,
    ChargeEstimate,
    NumberProblem,
    add_arguments,
    effective_quantity,
    estimate_charge,
    order_fields,
    read_whole_number,
    validate_order,
    whole_number,
)

T = ServiceType
UNKNOWN_TYPE = "Story Views Premium"
MIN, MAX = 50, 10_000

# api-v2.md, "Service types and their `add` fields" (Default's runs/interval: drip-feed only).
TABLE: dict[ServiceType, tuple[str, ...]] = {
    T.DEFAULT: ("link", "quantity"),
    T.PACKAGE: ("link",),
    T.SEO: ("link", "quantity", "keywords"),
    T.CUSTOM_COMMENTS: ("link", "comments"),
    T.CUSTOM_COMMENTS_PACKAGE: ("link", "comments"),
    T.MENTIONS: ("link", "quantity", "usernames"),
    T.MENTIONS_WITH_HASHTAGS: ("link", "quantity", "usernames", "hashtags"),
    T.MENTIONS_CUSTOM_LIST: ("link", "usernames"),
    T.MENTIONS_HASHTAG: ("link", "quantity", "hashtag"),
    T.MENTIONS_USER_FOLLOWERS: ("link", "quantity", "username"),
    T.MENTIONS_MEDIA_LIKERS: ("link", "quantity", "media"),
    T.COMMENT_LIKES: ("link", "quantity", "username"),
    T.COMMENT_REPLIES: ("link", "username", "comments"),
    T.POLL: ("link", "quantity", "answer_number"),
    T.INVITES_FROM_GROUPS: ("link", "quantity", "groups"),
    T.SUBSCRIPTIONS: ("username", "min", "max", "posts", "old_posts", "delay", "expiry"),
}
OPTIONAL = {"posts", "old_posts", "expiry", "runs", "interval"}
ALL_FIELDS = sorted({name for names in TABLE.values() for name in names} | {"runs", "interval"})
NUMBER_FIELDS = {"quantity", "answer_number", "min", "max", "posts", "old_posts", "runs",
                 "interval"}  # fmt: skip
LINE_FIELDS = {"keywords", "comments", "usernames", "hashtags", "groups"}
# The quantity is the number of non-empty lines of this field (api-v2.md: "list types").
COUNTED_BY_LINES = {
    T.CUSTOM_COMMENTS: "comments",
    T.COMMENT_REPLIES: "comments",
    T.MENTIONS_CUSTOM_LIST: "usernames",
}
PACKAGES = {T.PACKAGE, T.CUSTOM_COMMENTS_PACKAGE}
WITH_QUANTITY = [t for t, names in TABLE.items() if "quantity" in names]
EVERY_TYPE = list(ServiceType)


def service(
    service_type: str,
    *,
    rate: str = "0.90",
    minimum: int = MIN,
    maximum: int = MAX,
    dripfeed: bool = False,
) -> Service:
    return Service(
        id="9001",
        name=f"Test {service_type}",
        type=service_type,
        category="Tests",
        rate=Decimal(rate),
        min=minimum,
        max=maximum,
        dripfeed=dripfeed,
    )


def many_lines(count: int, word: str = "item") -> str:
    return "\n".join(f"{word} {n}" for n in range(count))


def filled(kind: ServiceType, quantity: int = 100) -> dict[str, str]:
    """A complete, valid form for `kind` whose quantity (typed or counted) is `quantity`."""
    sample = {
        "link": "https://instagram.com/p/abc",
        "quantity": str(quantity),
        "keywords": "smm panel\nbuy likes",
        "usernames": "alice\nbob",
        "hashtags": "#one\n#two",
        "hashtag": "#summer",
        "username": "alice",
        "media": "https://instagram.com/p/media",
        "answer_number": "2",
        "groups": "group-a\ngroup-b",
        "min": str(quantity),
        "max": str(quantity),
        "delay": "30",
        "comments": "nice\ngreat",  # for the package; counted types get `quantity` lines
    }
    values = {name: sample[name] for name in TABLE[kind] if name in sample}
    if kind in COUNTED_BY_LINES:
        values[COUNTED_BY_LINES[kind]] = many_lines(quantity)
    return values


def quantity_field(kind: ServiceType) -> str:
    return COUNTED_BY_LINES.get(kind, "quantity")


def with_quantity(kind: ServiceType, quantity: int) -> dict[str, str]:
    values = filled(kind, quantity)
    if kind not in COUNTED_BY_LINES:
        values["quantity"] = str(quantity)
    return values


SUP2, SUP3 = "\N{SUPERSCRIPT TWO}", "\N{SUPERSCRIPT THREE}"
ARABIC_12 = "\N{ARABIC-INDIC DIGIT ONE}\N{ARABIC-INDIC DIGIT TWO}"
ARABIC_123 = ARABIC_12 + "\N{ARABIC-INDIC DIGIT THREE}"
PERSIAN_12 = "\N{EXTENDED ARABIC-INDIC DIGIT ONE}\N{EXTENDED ARABIC-INDIC DIGIT TWO}"
DEVANAGARI_12 = "\N{DEVANAGARI DIGIT ONE}\N{DEVANAGARI DIGIT TWO}"
FULLWIDTH_12 = "\N{FULLWIDTH DIGIT ONE}\N{FULLWIDTH DIGIT TWO}"
FULLWIDTH_1000 = "\N{FULLWIDTH DIGIT ONE}," + "\N{FULLWIDTH DIGIT ZERO}" * 3
DOUBLE_STRUCK_12 = (
    "\N{MATHEMATICAL DOUBLE-STRUCK DIGIT ONE}\N{MATHEMATICAL DOUBLE-STRUCK DIGIT TWO}"
)
MINUS_5 = "\N{MINUS SIGN}5"
SUSPECT_DIGITS = [SUP2, ARABIC_12, FULLWIDTH_12, "1e3", "-5", "+5", "1.5"]


# -- fields per type -------------------------------------------------------------------------


def test_the_table_covers_every_service_type() -> None:
    assert set(TABLE) == set(ServiceType)


@pytest.mark.parametrize("kind", EVERY_TYPE)
@pytest.mark.parametrize("dripfeed", [False, True])
def test_fields_are_the_protocol_table(kind: ServiceType, dripfeed: bool) -> None:
    names = [spec.name for spec in order_fields(service(kind.value, dripfeed=dripfeed))]
    extra = ("runs", "interval") if dripfeed and kind is T.DEFAULT else ()
    assert names == [*TABLE[kind], *extra]


@pytest.mark.parametrize("kind", EVERY_TYPE)
def test_field_kinds_and_required_flags(kind: ServiceType) -> None:
    for spec in order_fields(service(kind.value, dripfeed=True)):
        assert spec.required is (spec.name not in OPTIONAL), spec.name
        if spec.name in NUMBER_FIELDS:
            assert spec.kind is FieldKind.NUMBER, spec.name
        if spec.name in LINE_FIELDS:
            assert spec.kind is FieldKind.LINES, spec.name
        assert spec.label, spec.name


def test_subscription_delay_is_a_choice_and_expiry_a_date() -> None:
    specs = {spec.name: spec for spec in order_fields(service("Subscriptions"))}
    assert specs["delay"].kind is FieldKind.CHOICE
    assert specs["delay"].choices[:7] == ("0", "5", "10", "15", "30", "60", "90")
    assert specs["expiry"].kind is FieldKind.DATE


@pytest.mark.parametrize("dripfeed", [False, True])
def test_an_unknown_type_gets_the_default_fields(dripfeed: bool) -> None:
    unknown = order_fields(service(UNKNOWN_TYPE, dripfeed=dripfeed))
    assert unknown == order_fields(service("Default", dripfeed=dripfeed))


@pytest.mark.parametrize(
    ("wire_type", "kind"),
    [("custom_comments", T.CUSTOM_COMMENTS), ("mentions_media_likers", T.MENTIONS_MEDIA_LIKERS),
     ("SUBSCRIPTIONS", T.SUBSCRIPTIONS), ("CommentReplies", T.COMMENT_REPLIES)],
)  # fmt: skip
def test_dialect_spellings_of_a_type_get_its_fields(wire_type: str, kind: ServiceType) -> None:
    assert [spec.name for spec in order_fields(service(wire_type))] == list(TABLE[kind])


# -- validation: a complete form, missing fields ---------------------------------------------


@pytest.mark.parametrize("kind", EVERY_TYPE)
def test_a_complete_form_has_no_problems(kind: ServiceType) -> None:
    assert validate_order(service(kind.value), filled(kind)) == {}


REQUIRED = [(kind, name) for kind, names in TABLE.items() for name in names if name not in OPTIONAL]


@pytest.mark.parametrize(("kind", "name"), REQUIRED, ids=[f"{k.value}-{n}" for k, n in REQUIRED])
@pytest.mark.parametrize("empty", ["", "   ", "\n \n"])
def test_each_missing_required_field_is_reported(kind: ServiceType, name: str, empty: str) -> None:
    item = service(kind.value)
    label = next(spec.label for spec in order_fields(item) if spec.name == name)
    values = filled(kind)
    values[name] = empty
    assert validate_order(item, values) == {name: f"{label} is required"}
    del values[name]
    assert validate_order(item, values) == {name: f"{label} is required"}


@pytest.mark.parametrize("kind", EVERY_TYPE)
def test_an_empty_form_reports_every_required_field(kind: ServiceType) -> None:
    problems = validate_order(service(kind.value, dripfeed=True), {})
    assert set(problems) == {name for name in TABLE[kind] if name not in OPTIONAL}
    assert all(message.endswith(" is required") for message in problems.values())


@pytest.mark.parametrize("kind", [T.SUBSCRIPTIONS])
def test_optional_fields_may_stay_empty(kind: ServiceType) -> None:
    values = {**filled(kind), "posts": "", "old_posts": " ", "expiry": ""}
    assert validate_order(service(kind.value), values) == {}


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("https://instagram.com/p/a b", "A link cannot contain spaces or control characters"),
        ("https://instagram.com/p/a\nhttps://x.test", "A link is a single line"),
        ("javascript:alert(1)", "A link starts with http:// or https://, not javascript:"),
        ("JavaScript:alert(1)", "A link starts with http:// or https://, not javascript:"),
        ("data:text/html,hi", "A link starts with http:// or https://, not data:"),
        ("file:///etc/passwd", "A link starts with http:// or https://, not file:"),
        ("https://", "This link has no address after http(s)://"),
        ("https://[x/a", "This link's address is not valid"),
        ("https://]x/a", "This link's address is not valid"),
        ("https://x.test:99999/a", "This link's address is not valid"),
        ("http://x.test:port/a", "This link's address is not valid"),
        ("https://x.test/" + "a" * 5000, "A link is at most 4,096 characters (this one has 5,015)"),
        ("https://x.test/\u0000", "A link cannot contain spaces or control characters"),
    ],
)
def test_a_link_that_cannot_be_sent_is_refused(link: str, problem: str) -> None:
    values = {**filled(T.DEFAULT), "link": link}
    assert validate_order(service("Default"), values) == {"link": problem}


@pytest.mark.parametrize(
    "link",
    [
        "https://instagram.com/p/abc",
        "http://x.test",
        "  https://x.test/trimmed  ",
        "@someone",
        "instagram.com/p/abc",
        "instagram.com:443/p/abc",
        "https://t.me/joinchat/AbC",
    ],
)
def test_links_a_service_may_take(link: str) -> None:
    assert validate_order(service("Default"), {**filled(T.DEFAULT), "link": link}) == {}


@given(st.text(max_size=60).map(lambda tail: "https://" + tail) | st.text(max_size=60))
def test_any_link_gets_an_answer_never_an_exception(link: str) -> None:
    problems = validate_order(service("Default"), {**filled(T.DEFAULT), "link": link})
    assert set(problems) <= {"link"}
    assert all(isinstance(problem, str) and problem for problem in problems.values())


def test_a_list_is_capped() -> None:
    comments = "\n".join(f"c{i}" for i in range(10_001))
    problems = validate_order(
        service("Custom Comments", maximum=100_000),
        {"link": "https://x.test", "comments": comments},
    )
    assert problems == {"comments": "Comments: at most 10,000 lines (you have 10,001)"}


def test_a_delay_outside_the_choices_is_refused() -> None:
    problems = validate_order(service("Subscriptions"), {**filled(T.SUBSCRIPTIONS), "delay": "7"})
    assert list(problems) == ["delay"] and problems["delay"].startswith("Delay (minutes) must be")


# -- validation: limits ----------------------------------------------------------------------

LIMIT_CASES = [
    (MIN - 1, f"At least {MIN:,} (you have {MIN - 1:,})"),
    (MIN, None),
    (MIN + 1, None),
    (MAX - 1, None),
    (MAX, None),
    (MAX + 1, f"At most {MAX:,} (you have {MAX + 1:,})"),
]


@pytest.mark.parametrize("kind", [*WITH_QUANTITY, *COUNTED_BY_LINES])
@pytest.mark.parametrize(("quantity", "message"), LIMIT_CASES)
def test_quantity_limits_inclusive(kind: ServiceType, quantity: int, message: str | None) -> None:
    problems = validate_order(service(kind.value), with_quantity(kind, quantity))
    assert problems == ({quantity_field(kind): message} if message else {})


def test_quantity_zero_is_below_the_minimum() -> None:
    problems = validate_order(service("Default"), with_quantity(T.DEFAULT, 0))
    assert problems == {"quantity": f"At least {MIN} (you have 0)"}


def test_max_zero_means_no_upper_limit() -> None:
    problems = validate_order(service("Default", maximum=0), with_quantity(T.DEFAULT, 10**12))
    assert problems == {}


@pytest.mark.parametrize("kind", list(COUNTED_BY_LINES))
def test_list_types_count_non_empty_lines_and_ignore_a_typed_quantity(kind: ServiceType) -> None:
    item = service(kind.value, minimum=3, maximum=4)
    field = quantity_field(kind)
    padded = "  first  \n\n second\n   \n third \n\n"
    values = {**filled(kind), field: padded, "quantity": "100000"}
    assert effective_quantity(item, values) == 3
    assert validate_order(item, values) == {}
    values[field] = "one\n\ntwo\n  \n"
    assert validate_order(item, values) == {field: "At least 3 (you have 2)"}
    values[field] = many_lines(5)
    assert validate_order(item, values) == {field: "At most 4 (you have 5)"}
    values[field] = "a\r\nb\r\nc\r\nd"  # Windows line ends from a paste
    assert validate_order(item, values) == {}


def test_other_list_fields_are_not_the_quantity() -> None:
    item = service("Mentions")
    values = {**filled(T.MENTIONS), "usernames": "only_one", "quantity": str(MIN)}
    assert effective_quantity(item, values) == MIN
    assert validate_order(item, values) == {}


@pytest.mark.parametrize("kind", sorted(PACKAGES))
def test_packages_have_no_quantity_and_no_limits(kind: ServiceType) -> None:
    item = service(kind.value, minimum=10, maximum=20)
    values = {**filled(kind), "comments": "just one"} if kind is T.CUSTOM_COMMENTS_PACKAGE else {}
    values.setdefault("link", "https://instagram.com/p/abc")
    assert effective_quantity(item, values) is None
    assert validate_order(item, values) == {}


# -- validation: subscriptions ---------------------------------------------------------------

SUBSCRIPTION_CASES = [
    (str(MIN), str(MAX), {}),
    (str(MIN), str(MIN), {}),
    ("100", "200", {}),
    (str(MIN - 1), "200", {"min": f"At least {MIN}"}),
    ("100", str(MAX + 1), {"max": f"At most {MAX:,}"}),
    ("300", "200", {"max": "Max must not be below min"}),
    ("1.5", "200", {"min": "Min per post must be a whole number"}),
    ("100", "-200", {"max": "Max per post must be a whole number"}),
    ("", "200", {"min": "Min per post is required"}),
]


@pytest.mark.parametrize(("low", "high", "expected"), SUBSCRIPTION_CASES)
def test_subscription_min_and_max(low: str, high: str, expected: dict[str, str]) -> None:
    values = {**filled(T.SUBSCRIPTIONS), "min": low, "max": high}
    assert validate_order(service("Subscriptions"), values) == expected


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("posts", "5", {}),
        ("posts", "five", {"posts": "New posts must be a whole number"}),
        ("old_posts", "0", {}),
        ("old_posts", SUP2, {"old_posts": "Old posts must be a whole number"}),
    ],
)
def test_subscription_optional_numbers(name: str, raw: str, expected: dict[str, str]) -> None:
    values = {**filled(T.SUBSCRIPTIONS), name: raw}
    assert validate_order(service("Subscriptions"), values) == expected


# -- validation: drip-feed -------------------------------------------------------------------

RUNS_MESSAGE = "Drip-feed needs at least 2 runs"
INTERVAL_MESSAGE = "Drip-feed needs an interval of at least 1 minute"
DRIPFEED_CASES = [
    ("", "", {}),  # no drip-feed
    ("2", "1", {}),
    ("10", "60", {}),
    ("1", "5", {"runs": RUNS_MESSAGE}),
    ("0", "5", {"runs": RUNS_MESSAGE}),
    ("", "5", {"runs": RUNS_MESSAGE}),
    ("2", "", {"interval": INTERVAL_MESSAGE}),
    ("2", "0", {"interval": INTERVAL_MESSAGE}),
    ("two", "5", {"runs": "Drip-feed runs must be a whole number"}),
    ("-3", "5", {"runs": "Drip-feed runs must be a whole number"}),
    ("3", "1.5", {"interval": "Interval (minutes) must be a whole number"}),
    ("3", ARABIC_12, {"interval": "Interval (minutes) must be a whole number"}),
]


@pytest.mark.parametrize(("runs", "interval", "expected"), DRIPFEED_CASES)
def test_dripfeed_runs_and_interval(runs: str, interval: str, expected: dict[str, str]) -> None:
    values = {**filled(T.DEFAULT), "runs": runs, "interval": interval}
    assert validate_order(service("Default", dripfeed=True), values) == expected


def test_dripfeed_limits_apply_to_the_quantity_per_run() -> None:
    item = service("Default", dripfeed=True)
    values = {**with_quantity(T.DEFAULT, MAX), "runs": "5", "interval": "10"}
    assert validate_order(item, values) == {}
    values["quantity"] = str(MAX + 1)
    assert validate_order(item, values) == {"quantity": f"At most {MAX:,} (you have {MAX + 1:,})"}


# -- typed numbers ---------------------------------------------------------------------------

ACCEPTED = [
    ("12", 12),
    (" 12 ", 12),
    ("\t12\n", 12),
    ("\u00a012\u00a0", 12),  # no-break spaces around, as pasted from a web page
    ("0012", 12),
    ("10,000", 10_000),
    ("1,000,000", 1_000_000),
    ("1,00,000", 100_000),  # lakh grouping (INR panels)
    ("10_000", 10_000),
    ("9" * MAX_DIGITS, int("9" * MAX_DIGITS)),
    ("0" * 5000 + "7", 7),  # leading zeros are not digits that count
]
NOT_WHOLE = [
    SUP2, SUP3, "\N{SUPERSCRIPT ONE}" + SUP2, ARABIC_12, ARABIC_123, PERSIAN_12, DEVANAGARI_12,
    FULLWIDTH_12, FULLWIDTH_1000, DOUBLE_STRUCK_12, "\N{ROMAN NUMERAL TWELVE}",
    "\N{VULGAR FRACTION ONE HALF}", "1\N{ARABIC DECIMAL SEPARATOR}5",
    "1e3", "1E3", "-5", "+5", MINUS_5, "1.5", "1.0", "1,5", "12,34", "1,0000", ",500", "500,",
    "1,,000", "1_", "_1", "1 000", "1\u202f000", "12abc", "0x10", "NaN", "inf", "∞",
    "5 5", "1,000_000", SUP2 + "\N{SUPERSCRIPT ZERO}" * 2,
]  # fmt: skip
TOO_LARGE = ["1" + "0" * MAX_DIGITS, "9" * 5000, "1,000,000,000,000,000,000", "1" * 100_000]


@pytest.mark.parametrize(("raw", "number"), ACCEPTED, ids=[repr(r[0])[:24] for r in ACCEPTED])
def test_whole_numbers_that_are_accepted(raw: str, number: int) -> None:
    assert whole_number(raw) == number
    item = service("Default", minimum=1, maximum=0)
    assert validate_order(item, {"link": "https://x.test/p", "quantity": raw}) == {}
    assert effective_quantity(item, {"quantity": raw}) == number


@pytest.mark.parametrize("raw", NOT_WHOLE)
def test_anything_else_is_not_a_whole_number(raw: str) -> None:
    assert read_whole_number(raw) is NumberProblem.NOT_WHOLE
    assert whole_number(raw) is None
    item = service("Default", minimum=1, maximum=0)
    values = {"link": "https://x.test/p", "quantity": raw}
    assert validate_order(item, values) == {"quantity": "Quantity must be a whole number"}
    assert estimate_charge(item, values) is None


@pytest.mark.parametrize("raw", TOO_LARGE, ids=lambda raw: f"{len(raw)}-chars")
def test_absurd_lengths_are_too_large_not_a_slow_int(raw: str) -> None:
    assert read_whole_number(raw) is NumberProblem.TOO_LARGE
    item = service("Default", minimum=1, maximum=0)
    values = {"link": "https://x.test/p", "quantity": raw}
    assert validate_order(item, values) == {"quantity": "Quantity is too large"}
    assert estimate_charge(item, values) is None


def test_empty_is_no_number_not_a_problem() -> None:
    assert read_whole_number("") is None
    assert read_whole_number("  ") is None
    assert read_whole_number(None) is None


def test_no_non_ascii_unicode_digit_is_a_whole_number() -> None:
    digits = [chr(c) for c in range(0x110000) if chr(c).isdigit() and not chr(c).isascii()]
    assert len(digits) > 300  # Arabic-Indic, Devanagari, fullwidth, superscripts, ...
    assert [d for d in digits if whole_number(d) is not None] == []
    assert [d for d in digits if whole_number(f"1{d}") is not None] == []


NUMBER_SPECS = [
    (kind, spec.name, spec.label)
    for kind in EVERY_TYPE
    for spec in order_fields(service(kind.value, dripfeed=True))
    if spec.kind is FieldKind.NUMBER
]


@pytest.mark.parametrize(
    ("kind", "name", "label"), NUMBER_SPECS, ids=[f"{k.value}-{n}" for k, n, _ in NUMBER_SPECS]
)
@pytest.mark.parametrize("raw", SUSPECT_DIGITS)
def test_every_number_field_refuses_what_is_not_a_whole_number(
    kind: ServiceType, name: str, label: str, raw: str
) -> None:
    item = service(kind.value, dripfeed=True)
    values = {**filled(kind), "runs": "2", "interval": "5", name: raw}
    assert validate_order(item, values).get(name) == f"{label} must be a whole number"


NASTY = [*SUSPECT_DIGITS, ARABIC_123, " 12 ", "9" * 5000, "\x00", "\ud800",
         "\u202e12", "12\n34", "", "   ", "0", "NaN"]  # fmt: skip


@pytest.mark.parametrize("kind", [*EVERY_TYPE, UNKNOWN_TYPE])
@pytest.mark.parametrize("raw", NASTY, ids=lambda raw: repr(raw)[:12])
def test_no_typed_value_raises(kind: ServiceType | str, raw: str) -> None:
    item = service(str(kind), dripfeed=True)
    values = dict.fromkeys([*ALL_FIELDS, "request_id"], raw)
    problems = validate_order(item, values)
    assert isinstance(problems, dict)
    estimate_charge(item, values)
    effective_quantity(item, values)
    add_arguments(item, values)


# -- the charge estimate ---------------------------------------------------------------------
# What the panel charges (api-v2.md): rate x quantity / 1000, x runs for drip-feed; a package
# its rate; a subscription one post at the max per post, per post asked (or open-ended).

ESTIMATED_TYPES = [kind for kind in EVERY_TYPE if kind is not T.SUBSCRIPTIONS]


def total(item: Service, values: Mapping[str, str]) -> Decimal | None:
    estimate = estimate_charge(item, values)
    return None if estimate is None else estimate.total


def test_estimate_cases_cover_every_type() -> None:
    assert {*ESTIMATED_TYPES, T.SUBSCRIPTIONS} == set(ServiceType)


@pytest.mark.parametrize("kind", ESTIMATED_TYPES)
def test_estimate_for_every_type(kind: ServiceType) -> None:
    item = service(kind.value, rate="0.90")
    estimate = estimate_charge(item, with_quantity(kind, 1500))
    assert estimate is not None
    if kind in PACKAGES:
        assert estimate == ChargeEstimate(ChargeBasis.PACKAGE, Decimal("0.9"), Decimal("0.9"))
    else:
        assert estimate == ChargeEstimate(
            ChargeBasis.ORDER, Decimal("1.35"), Decimal("1.35"), quantity=1500
        )


@pytest.mark.parametrize(
    ("rate", "quantity", "expected"),
    [("0.90", 1000, "0.9"), ("0.90", 1, "0.0009"), ("8", 3, "0.024"), ("1.23456", 7, "0.00864"),
     ("0.00001", 1, "0"), ("95200", 10_000, "952000"), ("0", 500, "0")],
)  # fmt: skip
def test_estimate_is_rate_per_thousand_to_five_decimals(
    rate: str, quantity: int, expected: str
) -> None:
    charge = total(service("Default", rate=rate), {"quantity": str(quantity)})
    assert charge == Decimal(expected)
    assert charge is not None and -charge.as_tuple().exponent == 5


@pytest.mark.parametrize("kind", sorted(PACKAGES))
def test_a_package_costs_its_rate_whatever_is_typed(kind: ServiceType) -> None:
    item = service(kind.value, rate="12.5")
    assert total(item, {}) == Decimal("12.5")
    assert total(item, {"quantity": "1000", "comments": many_lines(9)}) == Decimal("12.5")


@pytest.mark.parametrize("kind", list(COUNTED_BY_LINES))
def test_list_types_are_charged_per_non_empty_line(kind: ServiceType) -> None:
    item = service(kind.value, rate="8")
    values = {quantity_field(kind): "a\n\n b \n  \nc\n", "quantity": "1000"}
    assert total(item, values) == Decimal("0.024")  # 8 x 3 / 1000
    assert total(item, {}) == Decimal("0")


@pytest.mark.parametrize(
    ("runs", "expected"), [("", "0.09"), ("1", "0.09"), ("2", "0.18"), ("5", "0.45"),
                           ("1,000", "90")]
)  # fmt: skip
def test_dripfeed_multiplies_by_runs(runs: str, expected: str) -> None:
    item = service("Default", rate="0.90", dripfeed=True)
    values = {"quantity": "100", "runs": runs, "interval": "10"}
    assert total(item, values) == Decimal(expected)


def test_a_dripfeed_estimate_says_runs_times_one_run() -> None:
    item = service("Default", rate="1.23456", dripfeed=True)
    estimate = estimate_charge(item, {"quantity": "7", "runs": "3", "interval": "10"})
    # Each part rounded as the panel rounds the whole: 3 x 0.00864192 = 0.02592576.
    assert estimate == ChargeEstimate(
        ChargeBasis.RUNS, Decimal("0.00864"), Decimal("0.02593"), quantity=7, units=3
    )


@pytest.mark.parametrize("kind", EVERY_TYPE)
@pytest.mark.parametrize("dripfeed", [False, True])
def test_runs_count_exactly_where_they_are_sent(kind: ServiceType, dripfeed: bool) -> None:
    """The reported mismatch: runs multiplied the estimate of types that never send them."""
    item = service(kind.value, dripfeed=dripfeed)
    values = {**with_quantity(kind, 100), "runs": "4", "interval": "10"}
    estimate = estimate_charge(item, values)
    assert estimate is not None
    sent = "runs" in add_arguments(item, values)
    assert sent is (dripfeed and kind is T.DEFAULT)
    assert (estimate.units == 4) is sent


@pytest.mark.parametrize("quantity", ["", "abc", SUP2, "-5", "1.5"])
def test_no_estimate_without_a_quantity(quantity: str) -> None:
    assert estimate_charge(service("Default"), {"quantity": quantity}) is None


def test_an_estimate_too_big_to_show_is_none_not_an_error() -> None:
    item = service("Default", rate="95200", maximum=0, dripfeed=True)
    values = {"quantity": "9" * MAX_DIGITS, "runs": "9" * MAX_DIGITS}
    assert estimate_charge(item, values) is None


def test_an_unknown_type_is_estimated_like_default() -> None:
    values = {"quantity": "1500"}
    assert total(service(UNKNOWN_TYPE), values) == Decimal("1.35")


def subscription(posts: str, rate: str = "2.382") -> ChargeEstimate | None:
    values = {**filled(T.SUBSCRIPTIONS), "min": "100", "max": "2000", "posts": posts}
    return estimate_charge(service("Subscriptions", rate=rate), values)


def test_a_subscription_costs_one_post_per_post_asked() -> None:
    """Issue 9: shown 4.764 USD (one post), the panel wanted 47.64 for the 10 posts."""
    assert subscription("10") == ChargeEstimate(
        ChargeBasis.POSTS, Decimal("4.764"), Decimal("47.64"), quantity=2000, least=100, units=10
    )


def test_an_open_ended_subscription_has_a_price_per_post_and_no_total() -> None:
    assert subscription("") == ChargeEstimate(
        ChargeBasis.OPEN_ENDED, Decimal("4.764"), None, quantity=2000, least=100, units=None
    )


def test_each_post_is_rounded_on_its_own() -> None:
    """A post is an order of its own on the panel: 7 x 0.04173, not 7 x 0.0417256."""
    estimate = subscription("7", rate="0.0208628")  # one post: 0.0417256 at max 2000
    assert estimate is not None
    assert (estimate.unit, estimate.total) == (Decimal("0.04173"), Decimal("0.29211"))


def test_a_subscription_without_max_has_no_estimate() -> None:
    values = {**filled(T.SUBSCRIPTIONS), "max": "", "posts": "5"}
    assert estimate_charge(service("Subscriptions"), values) is None


def test_zero_posts_is_refused_not_read_as_open_ended() -> None:
    values = {**filled(T.SUBSCRIPTIONS), "posts": "0"}
    problems = validate_order(service("Subscriptions"), values)
    assert problems == {"posts": "At least 1 post (leave empty for no limit)"}


# -- arguments for `add` ---------------------------------------------------------------------

EXTRAS = {"request_id": "req-77", "coupon": "SPRING"}


def everything(raw: str = "x") -> dict[str, str]:
    return {name: raw for name in ALL_FIELDS}


@pytest.mark.parametrize("kind", EVERY_TYPE)
@pytest.mark.parametrize("dripfeed", [False, True])
def test_add_arguments_keep_the_types_fields_and_the_extras(
    kind: ServiceType, dripfeed: bool
) -> None:
    item = service(kind.value, dripfeed=dripfeed)
    arguments = add_arguments(item, {**everything(), **EXTRAS})
    used = set(TABLE[kind]) | ({"runs", "interval"} if dripfeed and kind is T.DEFAULT else set())
    assert set(arguments) == {"service"} | used | set(EXTRAS)
    assert arguments["service"] == "9001"
    assert {name: arguments[name] for name in EXTRAS} == EXTRAS


def test_add_arguments_of_an_unknown_type_are_defaults_plus_extras() -> None:
    arguments = add_arguments(service(UNKNOWN_TYPE), {**everything("5"), **EXTRAS})
    assert arguments == {"service": "9001", "link": "5", "quantity": "5", **EXTRAS}


def test_add_arguments_drop_empty_values_and_tidy_lines_and_numbers() -> None:
    item = service("Default", dripfeed=True)
    values = {
        "link": "  https://x.test/p  ",
        "quantity": " 10,000 ",
        "runs": "",
        "interval": "   ",
        "coupon": "",
        "note": " keep me ",
    }
    assert add_arguments(item, values) == {
        "service": "9001",
        "link": "https://x.test/p",
        "quantity": "10000",
        "note": "keep me",
    }
    comments = add_arguments(service("Custom Comments"), {"comments": " one \n\n two\n  \nthree "})
    assert comments["comments"] == "one\ntwo\nthree"


@pytest.mark.parametrize("kind", list(COUNTED_BY_LINES))
def test_a_list_is_sent_with_the_lines_it_was_charged_for(kind: ServiceType) -> None:
    """Line and paragraph separators other than "\\n" go out as "\\n": a panel that splits
    on "\\n" alone counts the lines the estimate counted."""
    item = service(kind.value, rate="8")
    typed = "one\u2028two\r\nthree\x85four\x0bfive"
    values = {quantity_field(kind): typed}
    sent = add_arguments(item, values)[quantity_field(kind)]
    assert sent == "one\ntwo\nthree\nfour\nfive"
    assert total(item, values) == total(item, {quantity_field(kind): sent}) == Decimal("0.04")


def test_add_arguments_normalise_every_number_field() -> None:
    values = {**filled(T.SUBSCRIPTIONS), "min": "1,000", "max": "2_000", "posts": "007"}
    arguments = add_arguments(service("Subscriptions"), values)
    assert (arguments["min"], arguments["max"], arguments["posts"]) == ("1000", "2000", "7")
    assert arguments["delay"] == "30"  # a choice, not a number field


def test_add_arguments_do_not_send_another_types_field_as_an_extra() -> None:
    arguments = add_arguments(service("Default"), {"quantity": "100", "hashtag": "#x"})
    assert "hashtag" not in arguments


def test_the_values_are_only_read() -> None:
    values = {**filled(T.DEFAULT), "quantity": " 1,000 ", "runs": "2", "interval": "5"}
    frozen = MappingProxyType(values)
    item = service("Default", dripfeed=True)
    assert validate_order(item, frozen) == {}
    assert total(item, frozen) == Decimal("1.8")
    assert add_arguments(item, frozen)["quantity"] == "1000"
    assert values == {**filled(T.DEFAULT), "quantity": " 1,000 ", "runs": "2", "interval": "5"}
