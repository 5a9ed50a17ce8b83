"""Checking a mass order (`services.mass_check`): a verdict per line with the form's own
rules, the duplicate-link guard within the batch and against active orders, totals per
panel against its balance; every checked charge is what the demo panel then takes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smmdesk.api import (
    PanelClient,
    PlacedOrder,
    Service,
    ServiceType,
    add_arguments,
    estimate_charge,
    validate_order,
)
from smmdesk.api.draft import OrderDraft
from smmdesk.api.links import order_link_key
from smmdesk.api.mass_lines import MassLine, parse_mass_text
from smmdesk.demopanel import DemoPanel
from smmdesk.services import OrderJournal
from smmdesk.services.mass_check import (
    BatchCheck,
    BatchChecker,
    LineVerdict,
    lines_from_orders,
)
from smmdesk.services.mass_context import NO_SERVICE_ID
from smmdesk.services.mass_rules import OrderShapes, worded
from smmdesk.store import JournalState, Panel, Store
from tests.conftest import TEST_KEY
from tests.store.conftest import make_service

from .test_charges import DRIPFEED, services_to_place, values_for

MAIN, BACKUP = "Main", "Backup"
DEFAULT = make_service("1", rate="1.50", min=10, max=10_000)
COMMENTS = make_service("2", rate="3.00", type="Custom Comments", min=1, max=100)
FOLLOWS = make_service("3", rate="2.00", type="Subscriptions", min=10, max=500)
DRIP = make_service("4", rate="1.00", dripfeed=True, min=10, max=10_000)


@pytest.fixture
def main(store: Store) -> Panel:
    panel = store.add_panel(MAIN, "https://main.example/api/v2")
    store.save_services(panel.id, [DEFAULT, COMMENTS, FOLLOWS, DRIP])
    return panel


@pytest.fixture
def backup(store: Store) -> Panel:
    panel = store.add_panel(BACKUP, "https://backup.example/api/v2")
    store.save_services(panel.id, [make_service("1", rate="9.00")])
    return panel


def check(store: Store, panel: Panel, text: str, **options: object) -> BatchCheck:
    lines = parse_mass_text(text)
    return BatchChecker.load(store, panel.id, lines).check(lines, **options)  # type: ignore[arg-type]


def verdicts(result: BatchCheck) -> list[tuple[int, LineVerdict, tuple[str, ...]]]:
    return [(c.line.number, c.verdict, c.problems) for c in result.lines]


# -- one line ------------------------------------------------------------------------------


def test_a_good_line_is_ready_with_the_draft_the_form_would_send(store: Store, main: Panel) -> None:
    result = check(store, main, "1|https://instagram.com/p/a|1,000", currencies={main.id: "USD"})
    [line] = result.lines
    assert line.verdict is LineVerdict.READY and line.problems == ()
    assert (line.panel_id, line.panel_name, line.service) == (main.id, MAIN, DEFAULT)
    assert line.draft == OrderDraft(
        DEFAULT, {"link": "https://instagram.com/p/a", "quantity": "1000"},
        charge_estimate=Decimal("1.50000"), currency="USD",
    )  # fmt: skip
    assert (line.charge, line.currency) == (Decimal("1.50000"), "USD")
    assert result.to_send() == [(1, main.id, line.draft)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("99|https://x.example/a|100", "Main has no service 99"),
        ("|https://x.example/a|100", NO_SERVICE_ID),
        ("1|https://x.example/a", "Quantity is required"),
        ("1|https://x.example/a|5", "Quantity: at least 10 (you have 5)"),
        ("1|https://x.example/a|20000", "Quantity: at most 10,000 (you have 20,000)"),
        ("1|https://x.example/a|1e9", "Quantity must be a whole number"),
        ("1|https://x.example/a|-5", "Quantity must be a whole number"),
        ("1|https://x.example/a|1.5", "Quantity must be a whole number"),
        ("1|https://x.example/a|99999999999999999999", "Quantity is too large"),
        ("1|javascript:alert(1)|100", "A link starts with http:// or https://, not javascript:"),
        ("1|https://x.example/a b|100", "A link cannot contain spaces or control characters"),
        ("1||100", "Link is required"),
        ("just words", "Write each order as service ID|link|quantity"),
    ],
)
def test_a_line_that_cannot_be_sent_is_invalid_with_the_reason(
    store: Store, main: Panel, text: str, problem: str
) -> None:
    [line] = check(store, main, text).lines
    assert (line.verdict, line.problems, line.draft) == (LineVerdict.INVALID, (problem,), None)


def test_a_link_with_a_newline_in_a_csv_cell_is_invalid(store: Store, main: Panel) -> None:
    [line] = check(store, main, 'service,link,quantity\n1,"https://x.example/a\nb",100\n').lines
    assert (line.verdict, line.problems) == (LineVerdict.INVALID, ("A link is a single line",))


def test_every_type_reads_its_fields_from_csv(store: Store, main: Panel) -> None:
    text = (
        "service,link,quantity,comments,username,min,max,posts,delay,runs,interval\n"
        '2,https://x.example/c,,"nice\ngreat\nwow",,,,,,,\n'
        "3,,,,@someone,10,20,5,30,,\n"
        "4,https://x.example/d,100,,,,,,,3,15\n"
    )
    comments, follows, drip = check(store, main, text).lines
    assert [c.verdict for c in (comments, follows, drip)] == [LineVerdict.READY] * 3
    assert comments.charge == Decimal("0.00900")  # 3 comments at 3.00 a thousand
    assert follows.charge == Decimal("0.20000")  # 5 posts of at most 20 at 2.00 a thousand
    assert drip.charge == Decimal("0.30000")  # 3 runs of 100 at 1.00 a thousand
    assert follows.draft is not None and follows.draft.fields["username"] == "@someone"


def test_a_line_unreadable_by_the_parser_keeps_its_words(store: Store, main: Panel) -> None:
    line = MassLine(4, "x", None, problem="This line cannot be read: oops")
    result = BatchChecker.load(store, main.id, [line]).check([line])
    assert verdicts(result) == [(4, LineVerdict.INVALID, ("This line cannot be read: oops",))]


# -- panels --------------------------------------------------------------------------------


def test_a_panel_column_chooses_the_panel_by_name_or_id(
    store: Store, main: Panel, backup: Panel
) -> None:
    text = (
        "service,link,quantity,panel\n1,a.example/1,100,\n1,a.example/2,100, backup \n"
        f"1,a.example/3,100,{backup.id}\n1,a.example/4,100,Elsewhere\n"
    )
    first, by_name, by_id, unknown = check(store, main, text).lines
    assert [line.panel_id for line in (first, by_name, by_id)] == [main.id, backup.id, backup.id]
    assert by_name.charge == Decimal("0.90000")  # the backup panel's own price
    assert unknown.verdict is LineVerdict.INVALID
    assert unknown.problems == ("No panel is called 'Elsewhere' (your panels: Main, Backup)",)


def test_a_panel_whose_catalogue_was_never_fetched_says_so(store: Store) -> None:
    panel = store.add_panel("New", "https://new.example/api/v2")
    [line] = check(store, panel, "1|https://x.example/a|100").lines
    assert line.problems == ("New's services have not been fetched yet: open Services first",)


def test_an_edited_line_naming_another_panel_has_its_services_read(
    store: Store, main: Panel, backup: Panel
) -> None:
    checker = BatchChecker.load(store, main.id, parse_mass_text("1|https://x.example/a|100"))
    edited = parse_mass_text("service,link,quantity,panel\n1,https://x.example/a,100,Backup\n")
    assert not checker.covers(edited)
    [line] = checker.check(edited).lines
    assert (line.verdict, line.panel_id, line.charge) == (
        LineVerdict.READY, backup.id, Decimal("0.90000"),
    )  # fmt: skip
    assert checker.covers(edited)


def test_an_edited_line_naming_another_service_has_it_read(store: Store, main: Panel) -> None:
    lines = parse_mass_text("1|https://x.example/a|100\n77|https://x.example/b|100")
    checker = BatchChecker.load(store, main.id, lines)
    assert checker.covers(lines)
    assert checker.check(lines).lines[1].problems == ("Main has no service 77",)
    edited = [lines[0], MassLine(2, "2|x|", "2", {"link": "https://x.example/b", "comments": "a"})]
    assert not checker.covers(edited)
    assert checker.check(edited).lines[1].draft is not None
    assert checker.covers(edited)


def test_a_checker_without_a_store_says_what_was_not_loaded(
    store: Store, main: Panel, backup: Panel
) -> None:
    checker = BatchChecker(
        main.id, store.panels(), {main.id: {"1": DEFAULT}}, {}, {main.id: frozenset({"1"})}
    )
    [line] = checker.check(parse_mass_text("2|https://x.example/b|1")).lines
    assert line.problems == ("Main's services are not loaded: check the batch again",)
    [line] = checker.check(
        parse_mass_text("service,link,panel\n1,https://x.example/b,Backup\n")
    ).lines
    assert line.problems == ("Backup's services are not loaded: check the batch again",)


def test_a_catalogue_given_to_load_is_used_instead_of_the_cache(store: Store, main: Panel) -> None:
    lines = parse_mass_text("1|https://x.example/a|1000\n9|https://x.example/b|1000")
    repriced = make_service("1", rate="2.00")
    checker = BatchChecker.load(store, main.id, lines, catalogues={main.id: [repriced]})
    first, unknown = checker.check(lines).lines
    assert (first.service, first.charge) == (repriced, Decimal("2.00000"))
    assert unknown.problems == ("Main has no service 9",)
    assert checker.covers(parse_mass_text("12345|https://x.example/c|100"))


def test_the_services_a_batch_names_are_read_alone(store: Store, main: Panel) -> None:
    assert store.batch_services(main.id, ["1", "3", "99", "3"]) == {"1": DEFAULT, "3": FOLLOWS}
    never = store.add_panel("Never fetched", "https://never.example/api/v2")
    assert store.batch_services(never.id, ["1"]) is None


# -- the duplicate-link guard --------------------------------------------------------------


def test_a_link_repeated_in_the_batch_is_held_naming_the_first_line(
    store: Store, main: Panel
) -> None:
    text = (
        "1|https://instagram.com/p/AbC|100\n"
        "1|https://instagram.com/p/other|100\n"
        "4|HTTPS://www.instagram.com/p/AbC/?igshid=x|200\n"  # another service, same post
        "1|https://instagram.com/p/abc|100\n"  # another post: paths keep their case
    )
    assert verdicts(check(store, main, text)) == [
        (1, LineVerdict.READY, ()),
        (2, LineVerdict.READY, ()),
        (3, LineVerdict.HELD, ("Line 1 has the same link",)),
        (4, LineVerdict.READY, ()),
    ]


def test_an_invalid_or_skipped_line_holds_no_link(store: Store, main: Panel) -> None:
    text = (
        "1|https://x.example/a|5\n1|https://x.example/b|100\n"
        "1|https://x.example/a|100\n1|https://x.example/b|100\n"
    )
    result = check(store, main, text, skipped={2})
    assert [c.verdict for c in result.lines] == [
        LineVerdict.INVALID, LineVerdict.SKIPPED, LineVerdict.READY, LineVerdict.READY,
    ]  # fmt: skip


def test_a_link_with_an_active_order_on_any_panel_is_held(
    store: Store, main: Panel, backup: Panel
) -> None:
    placed = store.insert_sending_order(backup.id, DEFAULT, link="https://x.example/a", quantity=10)
    store.record_placed(placed.id, PlacedOrder("777"), expect=(JournalState.SENDING,))
    sending = store.insert_sending_order(main.id, DEFAULT, link="https://x.example/b", quantity=10)
    store.set_journal_state(sending.id, JournalState.UNCONFIRMED, expect=(JournalState.SENDING,))
    follow = store.insert_sending_order(
        main.id, FOLLOWS, link=None, quantity=None, fields={"username": "@Acc"}
    )
    store.record_placed(follow.id, PlacedOrder("778"), expect=(JournalState.SENDING,))
    text = (
        "service,link,quantity,username,min,max,delay\n"
        "1,http://x.example/a/,100\n1,x.example/b,100\n3,,,acc,10,20,0\n"
    )
    assert verdicts(check(store, main, text)) == [
        (2, LineVerdict.HELD, ("An active order 777 on Backup has this link",)),
        (3, LineVerdict.HELD, (
            f"An unconfirmed order (#{sending.id}) on Main may already be working on this"
            " link: check that panel's order list first",
        )),
        (4, LineVerdict.HELD, ("An active order 778 on Main has this account",)),
    ]  # fmt: skip


def test_a_released_line_is_ready_and_keeps_its_reason(store: Store, main: Panel) -> None:
    text = "1|https://x.example/a|100\n1|https://x.example/a|200\n"
    result = check(store, main, text, released={2})
    held = result.lines[1]
    assert (held.verdict, held.released, held.problems) == (
        LineVerdict.READY, True, ("Line 1 has the same link",),
    )  # fmt: skip
    assert [number for number, _, _ in result.to_send()] == [1, 2]
    assert (result.ready_count, result.held_count) == (2, 0)


# -- totals --------------------------------------------------------------------------------


def test_totals_per_panel_against_the_balance(store: Store, main: Panel, backup: Panel) -> None:
    text = (
        "service,link,quantity,panel\n"
        "1,https://x.example/1,1000,\n"  # 1.50
        "1,https://x.example/2,2000,\n"  # 3.00
        "1,https://x.example/1,1000,\n"  # held: not counted
        "1,https://x.example/3,5,\n"  # invalid
        "1,https://x.example/4,1000,Backup\n"  # 9.00
    )
    result = check(store, main, text, balances={main.id: Decimal("4"), backup.id: Decimal("10")},
                   currencies={main.id: "USD"})  # fmt: skip
    by_panel = {total.panel_name: total for total in result.totals}
    assert (by_panel[MAIN].lines, by_panel[MAIN].charge) == (2, Decimal("4.50000"))
    assert (by_panel[MAIN].balance, by_panel[MAIN].short_by) == (Decimal("4"), Decimal("0.50000"))
    assert by_panel[MAIN].currency == "USD"
    assert (by_panel[BACKUP].lines, by_panel[BACKUP].short_by) == (1, None)
    counts = (result.ready_count, result.held_count, result.invalid_count, result.skipped_count)
    assert counts == (3, 1, 1, 0)


def test_an_unknown_balance_is_never_short(store: Store, main: Panel) -> None:
    [total] = check(store, main, "1|https://x.example/a|10000").totals
    assert (total.charge, total.balance, total.short_by) == (Decimal("15.00000"), None, None)


def test_a_recheck_after_an_edit_equals_a_fresh_check(store: Store, main: Panel) -> None:
    lines = parse_mass_text("1|https://x.example/a|100\n1|https://x.example/b|5\n")
    checker = BatchChecker.load(store, main.id, lines)
    checker.check(lines)
    edited = [lines[0], MassLine(2, "1|https://x.example/a|50", "1",
                                 {"link": "https://x.example/a", "quantity": "50"})]  # fmt: skip
    again = checker.check(edited, currencies={main.id: "EUR"})
    assert again == BatchChecker.load(store, main.id, edited).check(
        edited, currencies={main.id: "EUR"}
    )
    assert [c.verdict for c in again.lines] == [LineVerdict.READY, LineVerdict.HELD]
    assert again.lines[0].currency == "EUR"


# -- order again ---------------------------------------------------------------------------


def test_orders_become_lines_that_check_back_to_the_same_order(store: Store, main: Panel) -> None:
    default = store.insert_sending_order(main.id, DEFAULT, link="https://x.example/a", quantity=150)
    drip = store.insert_sending_order(
        main.id, DRIP, link="https://x.example/b", quantity=100, runs=3, interval=15
    )
    comments = store.insert_sending_order(
        main.id, COMMENTS, link="https://x.example/c", quantity=None, fields={"comments": "a\nb"}
    )
    orders = [default, drip, comments]
    lines = lines_from_orders(orders)
    assert [(line.number, line.source, line.panel) for line in lines] == [
        (1, "1|https://x.example/a|150", str(main.id)),
        (2, "4|https://x.example/b|100", str(main.id)),
        (3, "2|https://x.example/c|", str(main.id)),
    ]
    result = BatchChecker.load(store, main.id, lines).check(lines)
    assert [c.draft.fields if c.draft else None for c in result.lines] == [
        {"link": "https://x.example/a", "quantity": "150"},
        {"link": "https://x.example/b", "quantity": "100", "runs": "3", "interval": "15"},
        {"link": "https://x.example/c", "comments": "a\nb"},
    ]
    # the orders are still `sending`, so the guard holds each line on its own link
    assert all(c.verdict is LineVerdict.HELD for c in result.lines)


# -- the rules by shape are the form's rules -----------------------------------------------

SERVICES = [
    make_service("1", min=10, max=1_000),
    make_service("2", type="Custom Comments", min=1, max=5),
    make_service("3", type="Subscriptions", min=10, max=500),
    make_service("4", dripfeed=True, min=10, max=1_000),
    make_service("5", type="Package", rate="4.00", min=1, max=1),
    make_service("6", type="Poll", min=10, max=1_000),
    make_service("7", type="Story Views Premium", min=10, max=1_000),
]
VALUES = st.one_of(
    st.sampled_from(["", " ", "10", "100", "5", "1,000", "2000", "1e9", "abc", "0", "30",
                     "a\nb", "x\ny\nz", "@user", "0010", "\u0661\u0660\u0660"]),
    st.integers(min_value=0, max_value=2_000).map(str),  # a quantity of its own a line
    st.text(max_size=8),
)  # fmt: skip
LINKS = st.one_of(
    st.sampled_from(["", "  ", "https://x.example/p", " https://x.example/p ", "x.example/a",
                     "@handle", "javascript:x", "http://", "https://x.example/a b",
                     "https://x.example/\n", "ftp://x", "https://x.example/" + "a" * 5000]),
    st.text(max_size=12),
)  # fmt: skip
FIELD_NAMES = ["quantity", "comments", "username", "min", "max", "posts", "delay", "runs",
               "interval", "answer_number", "expiry"]  # fmt: skip


def direct_check(
    service: Service, fields: dict[str, str], currency: str
) -> tuple[tuple[str, ...], OrderDraft | None]:
    """The form's own way with one line: `validate_order`, then the draft of what
    `add_arguments` sends, charged at its `estimate_charge`."""
    found = validate_order(service, fields)
    if found:
        return worded(service, found), None
    sent = {name: str(value) for name, value in add_arguments(service, fields).items()}
    del sent["service"]
    estimate = estimate_charge(service, sent)
    charge = None if estimate is None else estimate.total
    return (), OrderDraft(service, sent, charge_estimate=charge, currency=currency)


@settings(
    max_examples=400,
    deadline=timedelta(milliseconds=500),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.sampled_from(SERVICES),
    st.lists(st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=5), min_size=1,
             max_size=3),
    st.lists(LINKS, min_size=2, max_size=5),
)  # fmt: skip
def test_checking_by_shape_answers_as_the_form_does(
    service: Service, shapes_of_fields: list[dict[str, str]], links: list[str]
) -> None:
    """Each shape is met with several links: every answer by shape must be the form's
    own, and the key the duplicate-link guard's."""
    shapes = OrderShapes()
    for rest in shapes_of_fields:
        for link in links:
            fields = {**rest, "link": link}
            problems, draft, key = shapes.check(service, fields, "USD")
            assert (problems, draft) == direct_check(service, fields, "USD")
            expected = None if draft is None else order_link_key(draft.link, draft.fields)
            assert key == expected


# -- against the panel ---------------------------------------------------------------------


@pytest.fixture
def frozen_client() -> Iterator[PanelClient]:
    """A panel whose clock stands still: nothing refunds between two balance readings."""
    with (
        DemoPanel(key=TEST_KEY, services=50, seed=1, speed=0.0, balance=Decimal(10**6)) as server,
        PanelClient(server.url, TEST_KEY, timeout=5) as client,
    ):
        yield client


def test_every_checked_charge_is_what_the_panel_takes(
    store: Store, frozen_client: PanelClient
) -> None:
    frozen_row = store.add_panel("Frozen demo", frozen_client.url, is_demo=True)
    chosen = services_to_place(frozen_client.services())
    store.save_services(frozen_row.id, list(chosen.values()))
    columns = ["service", "link", "quantity", "comments", "usernames", "hashtags", "hashtag",
               "username", "media", "answer_number", "groups", "keywords", "min", "max",
               "posts", "delay", "runs", "interval"]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore")
    writer.writeheader()
    for kind, service in chosen.items():
        values = values_for(kind, service)
        if kind != DRIPFEED:
            values.pop("runs", None)
        writer.writerow({"service": service.id, **values})
    result = check(store, frozen_row, buffer.getvalue())
    assert [c.verdict for c in result.lines] == [LineVerdict.READY] * len(chosen)
    assert len(result.lines) == len(ServiceType) + 1
    journal = OrderJournal(store)
    for number, panel_id, draft in result.to_send():
        before = frozen_client.balance().amount
        record = journal.place(frozen_client, panel_id, draft)
        assert record.journal_state is JournalState.PLACED, number
        assert before - frozen_client.balance().amount == draft.charge_estimate, number
