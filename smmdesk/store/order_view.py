"""How the orders view filters, searches and sorts, fast at 100,000 orders.

Three derived columns are kept on every order row so that each view query walks one
index instead of scanning the table:

* `tab`: the status tab the row belongs to (`view_tab`), so a tab filter is an equality;
* `order_key`: a sort key that orders numeric IDs numerically (`9` before `10`) and puts
  other IDs (hex, `ord_…`) after them in text order;
* `search`: the searchable fields (order ID, link, service, customer and note) folded in
  Python (`smmdesk.search.fold`: lower case without accents; SQLite's `lower()` only knows
  ASCII), matched with one `instr()` a typed word, so the words may come in any order and
  `%` and `_` in a search are plain characters.

Each sortable column has two indexes, `(key)` for the "all" tab and `(tab, key)` for the
others, so a page is read in index order and never sorted in a temporary B-tree. A search
first collects the matching row ids from the narrow covering index `(tab, panel_id,
search)`, then walks the sort index keeping rows whose id is in that set (`+id` stops
SQLite from fetching and sorting the matches instead): a rare match no longer costs a
table lookup per order, and a common one no longer costs a sort of thousands of rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from smmdesk.api import OrderState
from smmdesk.search import fold, query_words

from .records import JournalState, OrderQuery

TAB_ALL = "all"
# State-based tabs of placed orders. An `unknown` state (an unrecognised status word) is
# non-final, so it waits under "pending"; subscriptions that run are "in progress".
STATE_TABS: dict[str, frozenset[OrderState]] = {
    "pending": frozenset({OrderState.PENDING, OrderState.UNKNOWN}),
    "in_progress": frozenset({OrderState.IN_PROGRESS, OrderState.ACTIVE, OrderState.PAUSED}),
    "completed": frozenset({OrderState.COMPLETED, OrderState.EXPIRED}),
    "partial": frozenset({OrderState.PARTIAL}),
    "canceled": frozenset({OrderState.CANCELED, OrderState.REFUNDED, OrderState.FAILED}),
}
JOURNAL_TABS = {
    JournalState.UNCONFIRMED: "unconfirmed",
    JournalState.REJECTED: "rejected",
    JournalState.SENDING: "sending",
    JournalState.DISMISSED: "dismissed",
}
# A placed row whose `add` answer repeated an order ID already in the history: the
# panel's order is tracked on the earlier row, so this one waits in no status tab (nor
# among a link's active orders) and shows under "all" with its warning.
DUPLICATE_TAB = "duplicate"
TABS = (TAB_ALL, *STATE_TABS, "unconfirmed", "rejected")
# Every value the `tab` column takes.
STORED_TABS = (*STATE_TABS, *JOURNAL_TABS.values(), DUPLICATE_TAB)
TRACKED_TABS = ("pending", "in_progress")

# Sortable column -> SQL sort expression (each has matching indexes, see module doc).
_FIRST_SORT_KEYS = {
    "created_at": "created_at",
    "order_id": "order_key",
    "service_name": "service_name",
    "link": "link",
    "quantity": "quantity",
    "charge": "CAST(charge AS REAL)",
    "start_count": "start_count",
    "remains": "remains",
    "state": "state",
}
# Sort keys over the columns of schema 9, indexed by that migration (`annotation_indexes`):
# migration 2 builds the indexes of the first keys, before these columns exist.
_ANNOTATION_SORT_KEYS = {
    "customer": "customer",
    "sell_price": "CAST(sell_price AS REAL)",
}
SORT_KEYS = {**_FIRST_SORT_KEYS, **_ANNOTATION_SORT_KEYS}
_SEPARATOR = "\x1f"  # between the searched fields: a word never holds it (it is white space)
_STATE_TAB = {state: tab for tab, states in STATE_TABS.items() for state in states}
_NUMERIC_WIDTH = 30


def view_tab(journal_state: JournalState, state: OrderState | None) -> str:
    if journal_state is not JournalState.PLACED:
        return JOURNAL_TABS[journal_state]
    return "pending" if state is None else _STATE_TAB[state]


def order_key(order_id: str | None) -> str | None:
    """`0` + zero-padded digits for numeric IDs, `1` + the lower-cased ID otherwise."""
    if order_id is None:
        return None
    if order_id.isdigit() and order_id.isascii() and len(order_id) <= _NUMERIC_WIDTH:
        return "0" + order_id.rjust(_NUMERIC_WIDTH, "0")
    return "1" + order_id.lower()


def search_text(
    order_id: str | None,
    link: str | None,
    service_name: str,
    service_id: str,
    customer: str = "",
    note: str = "",
) -> str:
    """The fields a search matches, folded and joined by a separator nobody types."""
    parts = (order_id or "", link or "", service_name, service_id, customer, note)
    return fold(_SEPARATOR.join(part.replace(_SEPARATOR, " ") for part in parts))


def annotated_search(search: str, customer: str, note: str) -> str:
    """A row's search text with another customer and note: its first four fields (the
    order ID, which a row with a repeated ID keeps only here, the link and the service)
    as they are, then these two."""
    head = _SEPARATOR.join(search.split(_SEPARATOR)[:4])
    tail = (part.replace(_SEPARATOR, " ") for part in (customer, note))
    return _SEPARATOR.join((head, *(fold(part) for part in tail)))


def index_statements() -> Iterable[str]:
    yield "CREATE INDEX IF NOT EXISTS orders_search ON orders(tab, panel_id, search)"
    yield from _sort_indexes(_FIRST_SORT_KEYS)


def annotation_index_statements() -> Iterable[str]:
    """The sort indexes of the customer and sell-price columns (schema 9)."""
    yield from _sort_indexes(_ANNOTATION_SORT_KEYS)


def _sort_indexes(keys: dict[str, str]) -> Iterable[str]:
    for name, expression in keys.items():
        yield f"CREATE INDEX IF NOT EXISTS orders_sort_{name} ON orders({expression})"
        yield f"CREATE INDEX IF NOT EXISTS orders_tab_sort_{name} ON orders(tab, {expression})"


def where_clause(query: OrderQuery) -> tuple[str, list[object]]:
    """The WHERE of a count (with a leading `WHERE`, or empty) and its parameters."""
    conditions, params = _conditions(
        query, with_text=True, panel_indexed=not query_words(query.text)
    )
    return _where(conditions), params


def page_where_clause(query: OrderQuery) -> tuple[str, list[object]]:
    """The WHERE of a page query: a search becomes a set of ids (see the module doc)."""
    if not query_words(query.text):
        conditions, params = _conditions(query, with_text=False, panel_indexed=False)
        return _where(conditions), params
    inner, params = where_clause(query)
    outer, outer_params = _conditions(query, with_text=False, with_panel=False)
    outer.append(f"+id IN (SELECT id FROM orders{inner})")
    return _where(outer), [*outer_params, *params]


def sort_walk_conditions(query: OrderQuery) -> tuple[list[str], list[object]]:
    """What a page of a search checks while it walks a sort index over a set of matches
    (the tab; the panel and the words chose the matches)."""
    return _conditions(query, with_text=False, with_panel=False)


def _conditions(
    query: OrderQuery, *, with_text: bool, with_panel: bool = True, panel_indexed: bool = False
) -> tuple[list[str], list[object]]:
    """The filter's conditions. The panel is `+panel_id` (no index may serve it) unless
    `panel_indexed`: an index led by the panel (`orders_by_service`, schema 8) would
    otherwise be chosen for every query of one panel, and then a page is sorted in a
    temporary B-tree of the whole panel (0.5-3.6 s a page at 100,000 orders) and a search
    looks up every row (1.1 s instead of 43 ms through `orders_search`). Only a count
    without search text gains from it (the panel's rows counted in that index)."""
    if query.tab not in TABS:
        raise ValueError(f"unknown orders tab {query.tab!r}")
    conditions: list[str] = []
    params: list[object] = []
    if query.tab != TAB_ALL:
        conditions.append("tab = ?")
        params.append(query.tab)
    if with_panel and query.panel_id is not None:
        conditions.append("panel_id = ?" if panel_indexed else "+panel_id = ?")
        params.append(query.panel_id)
    if with_text:
        for word in query_words(query.text):
            conditions.append("instr(search, ?) > 0")
            params.append(word)
    return conditions, params


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def sort_key(query: OrderQuery) -> str:
    """The expression of the chosen sort column."""
    expression = SORT_KEYS.get(query.sort_column)
    if expression is None:
        raise ValueError(f"cannot sort orders by {query.sort_column!r}")
    return expression


def order_by_clause(query: OrderQuery) -> str:
    """ORDER BY the chosen column, then the row id, so pages never overlap or skip."""
    direction = "DESC" if query.descending else "ASC"
    return f" ORDER BY {sort_key(query)} {direction}, id {direction}"
