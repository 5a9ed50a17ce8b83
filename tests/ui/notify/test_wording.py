from datetime import UTC, datetime
from decimal import Decimal

import pytest

from smmdesk.services.notices import Notice, NoticeKind
from smmdesk.store import WatchedPrice
from smmdesk.ui.notify.wording import notice_words

NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("notice", "title", "body"),
    [
        (
            Notice(NoticeKind.COMPLETED, 1, "Panel A", 1, (5,), ("901",)),
            "Order 901 completed on Panel A",
            "Order 901",
        ),
        (
            Notice(
                NoticeKind.PARTIAL,
                1,
                "Panel A",
                1000,
                tuple(range(1000)),
                ("1", "2", "3", "4", "5"),
            ),
            "1,000 orders went partial on Panel A",
            "Orders 1, 2, 3, 4, 5 and 995 more",
        ),
        (
            Notice(NoticeKind.REFILL_REJECTED, 1, "B", 2, (7, 8), ("70", "80")),
            "2 refills rejected or failed on B",
            "Orders 70, 80",
        ),
        (
            Notice(NoticeKind.COMPLETED, 1, "A", 1000, (), ("1",) * 5, panel_count=4),
            "1,000 orders completed on 4 panels",
            "Orders 1, 1, 1, 1, 1 and 995 more",
        ),
        (
            Notice(NoticeKind.REFILL_COMPLETED, 1, "A", 2, (7, 8), ("70", "80"), panel_count=2),
            "2 refills completed on 2 panels",
            "Orders 70, 80",
        ),
        (
            Notice(NoticeKind.UNCONFIRMED, 1, "B", 1, (7,)),
            "An order on B may or may not have been placed",
            "Check the panel's order list, then resolve or dismiss them in Unconfirmed.",
        ),
        (
            Notice(
                NoticeKind.LOW_BALANCE,
                1,
                "B",
                balance=Decimal("9.5"),
                threshold=Decimal("10"),
                currency="USD",
            ),
            "Balance on B is low",
            "9.50 USD left; the warning is set at 10.00 USD.",
        ),
        (
            Notice(
                NoticeKind.PRICE_CHANGED,
                1,
                "B",
                3,
                prices=(
                    WatchedPrice(1, "5", "Likes", Decimal("1"), Decimal("1.2"), NOW),
                    WatchedPrice(1, "6", "Views", None, None, NOW),
                ),
            ),
            "3 services you ordered changed on B",
            "Likes: 1.00 → 1.20; Views: no longer listed; and 1 more",
        ),
    ],
)
def test_a_notice_reads_as_one_short_title_and_body(notice: Notice, title: str, body: str) -> None:
    assert notice_words(notice) == (title, body)
