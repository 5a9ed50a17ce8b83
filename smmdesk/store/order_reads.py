"""The orders view's reads: a count, a page, every match, the tab counts, for a filter of
tab, panel and search (`order_view` writes their SQL; `search_matches` keeps a search's
matches between the count and the pages)."""

from __future__ import annotations

from functools import cached_property

from smmdesk.search import query_words

from . import order_view
from .db import Database
from .page_cursor import PageCursor, PageQuery
from .records import OrderQuery, OrderRecord
from .search_matches import SearchMatches


class OrderViewReads:
    _db: Database

    @cached_property
    def _search_matches(self) -> SearchMatches:
        return SearchMatches()

    @cached_property
    def _page_cursor(self) -> PageCursor:
        return PageCursor()

    def count_orders(self, query: OrderQuery) -> int:
        if query_words(query.text):
            return self._search_matches.count(self._db.connection, query)
        where, params = order_view.where_clause(query)
        row = self._db.query_one(f"SELECT count(*) FROM orders{where}", params)
        assert row is not None
        return int(row[0])

    def orders_page(self, query: OrderQuery, offset: int, limit: int) -> list[OrderRecord]:
        """A page of the view (`limit` -1: every order from `offset`): a search reads the
        matches `count_orders` kept; a page that follows the last one read continues
        from its last row (`page_cursor`)."""
        if query_words(query.text):
            where, params = self._search_matches.page_where(self._db.connection, query)
        else:
            where, params = order_view.page_where_clause(query)
        page = PageQuery(
            where, tuple(params), order_view.sort_key(query), query.descending,
            order_view.order_by_clause(query),
        )  # fmt: skip
        return self._page_cursor.page(self._db, page, offset, limit)

    def orders_matching(self, query: OrderQuery) -> list[OrderRecord]:
        """Every order the query matches, in its sort order: what "select all" means."""
        return self.orders_page(query, 0, -1)  # LIMIT -1: SQLite's "no limit"

    def tab_counts(self, panel_id: int | None) -> dict[str, int]:
        """How many orders each tab of the orders view holds (`all` counts every row)."""
        if panel_id is None:
            rows = self._db.query("SELECT tab, count(*) FROM orders GROUP BY tab")
        else:  # each tab's rows of the panel in `orders_search`, not the whole panel's
            marks = ",".join("?" * len(order_view.STORED_TABS))
            rows = self._db.query(
                f"SELECT tab, count(*) FROM orders WHERE tab IN ({marks}) AND panel_id = ?"
                " GROUP BY tab",
                (*order_view.STORED_TABS, panel_id),
            )
        by_tab = {row[0]: int(row[1]) for row in rows}
        counts = {tab: by_tab.get(tab, 0) for tab in order_view.TABS}
        counts[order_view.TAB_ALL] = sum(by_tab.values())
        return counts
