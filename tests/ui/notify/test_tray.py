from decimal import Decimal

from pytestqt.qtbot import QtBot

from smmdesk.api import Balance
from smmdesk.app import app_icon
from smmdesk.ui.common.balances import BalanceBook
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.notify.tray import TrayIcon
from smmdesk.workers import Job, Ticket


def test_the_tooltip_sums_the_real_panels_balances_per_currency(
    qtbot: QtBot, context: AppContext
) -> None:
    book = BalanceBook(context)
    tray = TrayIcon(app_icon(), book)
    panel_id = context.panel_id
    book.on_desk_balance_loaded(Ticket(Job.BALANCE, panel_id, 0), Balance(Decimal("12.5"), "USD"))
    assert tray.toolTip() == "SMMDesk — balance 12.50 USD"


def test_the_menu_offers_open_new_order_refresh_and_quit(qtbot: QtBot, context: AppContext) -> None:
    tray = TrayIcon(app_icon(), BalanceBook(context))
    texts = [action.text() for action in tray.menu.actions() if not action.isSeparator()]
    assert texts == ["Open SMMDesk", "New order…", "Refresh now", "Quit"]
    with qtbot.waitSignal(tray.quit_requested):
        tray.menu.actions()[-1].trigger()
