"""Settings ▸ OK through the real dialog: every pane and the desk apply the change at once
(the price board its currency and conversion rates), and an order in flight is not
disturbed by it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from smmdesk.api.draft import OrderDraft
from smmdesk.demopanel import DemoPanel
from smmdesk.settings import (
    BOARD_CURRENCY,
    CLOSE_TO_TRAY,
    CURRENCY_RATES,
    LANGUAGE,
    NOTIFY_OPTIONS,
    READ_TIMEOUT_S,
    REFRESH_INTERVAL_S,
    THEME,
    Option,
)
from smmdesk.store import JournalState, OrderRecord
from smmdesk.ui.common.context import AppContext
from smmdesk.ui.window.main_window import MainWindow
from smmdesk.ui.window.settings_dialog import SettingsDialog
from tests.ui.conftest import LOAD_TIMEOUT_MS


def open_dialog(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def spin(dialog: SettingsDialog, option: Option[int]) -> QSpinBox:
    found = dialog.findChild(QSpinBox, option.key.replace("/", "_"))
    assert isinstance(found, QSpinBox)
    return found


def press_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert isinstance(buttons, QDialogButtonBox)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def test_ok_reaches_the_panes_at_once(qtbot: QtBot, window: MainWindow) -> None:
    orders, refills = window.orders_pane, window.refills_pane
    dialog = open_dialog(qtbot, window)
    check = dialog.findChild(QCheckBox, "autoRefreshCheck")
    assert isinstance(check, QCheckBox)
    check.setChecked(True)
    spin(dialog, REFRESH_INTERVAL_S).setValue(240)
    press_ok(qtbot, dialog)
    for pane in (orders, refills):
        assert pane.refresh_timer.isActive()
        assert pane.refresh_timer.interval() == 240_000
    dialog = open_dialog(qtbot, window)
    check = dialog.findChild(QCheckBox, "autoRefreshCheck")
    assert isinstance(check, QCheckBox)
    check.setChecked(False)
    press_ok(qtbot, dialog)
    assert not orders.refresh_timer.isActive() and not refills.refresh_timer.isActive()


def test_theme_applies_at_once(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    theme = dialog.findChild(QComboBox, "themeCombo")
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("dark"))
    press_ok(qtbot, dialog)
    assert window.context.settings.get(THEME) == "dark"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().window().color().lightness() < 100
    dialog = open_dialog(qtbot, window)
    theme = dialog.findChild(QComboBox, "themeCombo")
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("light"))
    press_ok(qtbot, dialog)
    assert app.palette().window().color().lightness() > 150


def test_ok_during_an_add_keeps_the_order_placed(
    qtbot: QtBot, window: MainWindow, context: AppContext, demo_panel: DemoPanel
) -> None:
    """The network settings retire the panel's client; the `add` already on the wire
    finishes on it instead of being cut off into `unconfirmed`."""
    service = next(s for s in context.services if s.type == "Default")
    demo_panel.latency_ms = 1500
    request = OrderDraft.of(service, "https://instagram.com/p/inflight", service.min)
    with qtbot.waitSignal(context.desk.order_placed, timeout=LOAD_TIMEOUT_MS) as placed:
        ticket = context.desk.place_order(context.panel_id, request)
        qtbot.wait(500)  # the request is on the wire now
        dialog = open_dialog(qtbot, window)
        spin(dialog, READ_TIMEOUT_S).setValue(context.settings.get(READ_TIMEOUT_S) + 5)
        press_ok(qtbot, dialog)
    answered, record = placed.args
    assert answered.serial == ticket.serial
    assert isinstance(record, OrderRecord)
    assert record.journal_state is JournalState.PLACED, record.error
    assert demo_panel.requests["add"] == 1
    demo_panel.latency_ms = 0
    with qtbot.waitSignal(context.desk.orders_refreshed, timeout=LOAD_TIMEOUT_MS) as refreshed:
        context.desk.refresh_orders(context.panel_id)
    assert refreshed.args[1].checked == 1


def test_language_tray_and_notification_switches_are_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, window)
    language = dialog.findChild(QComboBox, "languageCombo")
    language.setCurrentIndex(language.findData("pt_BR"))
    dialog.findChild(QCheckBox, "closeToTrayCheck").setChecked(True)
    dialog.findChild(QCheckBox, "notify_completed").setChecked(False)
    press_ok(qtbot, dialog)
    settings = window.context.settings
    assert settings.get(LANGUAGE) == "pt_BR"
    assert settings.get(CLOSE_TO_TRAY) is True
    assert settings.get(NOTIFY_OPTIONS["completed"]) is False
    assert settings.get(NOTIFY_OPTIONS["partial"]) is True


def test_the_price_board_s_currency_and_rates_are_set_here_too(
    qtbot: QtBot, window: MainWindow
) -> None:
    board = window.price_board_pane
    dialog = open_dialog(qtbot, window)
    currency = dialog.findChild(QLineEdit, "boardCurrencyEdit")
    rates = dialog.findChild(QPlainTextEdit, "currencyRatesEdit")
    assert isinstance(currency, QLineEdit) and isinstance(rates, QPlainTextEdit)
    currency.selectAll()
    qtbot.keyClicks(currency, "eur")
    rates.setPlainText("usd = 0.92; nonsense\nTRY=0.027")
    press_ok(qtbot, dialog)

    settings = window.context.settings
    assert settings.get(BOARD_CURRENCY) == "EUR"
    assert settings.get(CURRENCY_RATES) == "TRY=0.027\nUSD=0.92"
    assert board.currency.currentText() == "EUR"

    dialog = open_dialog(qtbot, window)
    currency = dialog.findChild(QLineEdit, "boardCurrencyEdit")
    assert isinstance(currency, QLineEdit)
    currency.setText("G")  # half typed: the saved code stays
    press_ok(qtbot, dialog)
    assert settings.get(BOARD_CURRENCY) == "EUR"
