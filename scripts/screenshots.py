# ruff: noqa: T201  (a command-line script: its output is for the person running it)
"""Screenshots of the real app on the demo panel, for the README: docs/screenshots/*.png.

    python scripts/screenshots.py [--size WIDTHxHEIGHT] [--out FOLDER] [--language CODE]

Runs itself under Xvfb (`xvfb-run`) when there is no display; with `--offscreen` (or when
Xvfb is missing) it uses Qt's offscreen platform instead and says so. Orders are placed
through the app's own facade and the demo clock is advanced between them, so the Orders and
Refills tabs show a realistic mix of states. The API key field is only ever shown masked.
With `--language` (pt_BR, es, tr, id, ar) it shows the translated window and saves only the
Overview, as `overview-CODE.png`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _option(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv[:-1] else default


OUT = Path(_option("--out", str(ROOT / "docs" / "screenshots")))
WINDOW_SIZE = tuple(int(n) for n in _option("--size", "1280x800").split("x"))
LANGUAGE = _option("--language", "")
MASS_LINES = """# service|link|quantity, one order a line
{a}|https://instagram.com/p/mass1|{q}
{a}|https://instagram.com/p/mass2|{q}
{a}|https://instagram.com/p/mass1|{q}
{b}|https://tiktok.com/@someone/video/42|5
999999|https://instagram.com/p/mass4|100
"""
REEXEC_FLAG = "SMMDESK_SCREENSHOTS_UNDER_XVFB"


def main() -> int:
    if "--help" in sys.argv or "-h" in sys.argv:
        print(__doc__)
        return 0
    offscreen = "--offscreen" in sys.argv
    if not offscreen and not os.environ.get("DISPLAY") and not os.environ.get(REEXEC_FLAG):
        if shutil.which("xvfb-run"):
            return _rerun_under_xvfb()
        print("xvfb-run not found: rendering with the offscreen platform instead")
        offscreen = True
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="smmdesk-shots-") as data:
        os.environ["SMMDESK_DATA_DIR"] = data
        return Shooter().run()


def _rerun_under_xvfb() -> int:
    env = {**os.environ, REEXEC_FLAG: "1"}
    screen = f"-screen 0 {WINDOW_SIZE[0] + 200}x{WINDOW_SIZE[1] + 200}x24"
    command = ["xvfb-run", "-a", "-s", screen, sys.executable, *sys.argv]
    done = subprocess.run(command, env=env, check=False)
    if done.returncode != 0:
        print("rendering under Xvfb failed: retrying with the offscreen platform")
        return subprocess.run([sys.executable, *sys.argv, "--offscreen"], check=False).returncode
    return 0


class Shooter:
    def __init__(self) -> None:
        from PySide6.QtCore import QLocale
        from PySide6.QtWidgets import QApplication

        from smmdesk.app import Session, _identify

        self.app = QApplication(sys.argv[:1])
        if QLocale().name() == "C":  # Xvfb's bare environment: show numbers as a user sees them
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _identify(self.app)
        if LANGUAGE:
            from smmdesk.settings import LANGUAGE as LANGUAGE_OPTION
            from smmdesk.settings import open_settings

            chosen = open_settings()
            chosen.set(LANGUAGE_OPTION, LANGUAGE)
            chosen.sync()
        self.session = Session(self.app, force_demo=True)
        self.window = self.session.window

    def run(self) -> int:
        OUT.mkdir(parents=True, exist_ok=True)
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        try:
            self.wait(lambda: self.session.is_open)
            self.desk = self.session.desk
            self.wait(lambda: self.window.services_pane.model.rowCount() > 0)
            if LANGUAGE:
                self.orders_and_refills(save=False)
                self.overview(f"overview-{LANGUAGE}")
                return 0
            self.services()
            self.new_order()
            self.orders_and_refills()
            self.overview("overview")
            self.mass_order()
            self.prices()
            self.insight()
            self.panels_dialog()
        finally:
            self.window.close()
            self.session.close()
        print(f"platform: {self.app.platformName()}; saved to {OUT}")
        return 0

    # -- helpers --------------------------------------------------------------------------

    def wait(self, done: Callable[[], bool], timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not get there in time")
            self.app.processEvents()
            time.sleep(0.01)

    def settle(self, seconds: float = 0.4) -> None:
        self.wait(lambda: self.desk.busy == 0)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, name: str, widget: object | None = None) -> None:
        self.settle()
        target = widget or self.window
        target.grab().save(str(OUT / f"{name}.png"))  # type: ignore[attr-defined]
        print(f"saved {name}.png")

    def service(self, **wanted: object) -> object:
        services = self.session.context.services
        return next(s for s in services if all(getattr(s, k) == v for k, v in wanted.items()))

    # -- the shots ------------------------------------------------------------------------

    def services(self) -> None:
        pane = self.window.services_pane
        self.window.tabs.setCurrentWidget(pane)
        pane.search.setText("instagram followers")
        pane.table.selectRow(1)
        self.save("services")

    def new_order(self) -> None:
        from PySide6.QtWidgets import QLineEdit

        chosen = self.service(type="Default", dripfeed=True)
        self.window.on_services_pane_order_requested(chosen.id)  # type: ignore[attr-defined]
        pane = self.window.order_pane
        typed = {"link": "https://www.twitch.tv/somestreamer", "quantity": "2000", "runs": "5"}
        typed["interval"] = "30"
        for name, text in typed.items():
            edit = pane.findChild(QLineEdit, f"edit_{name}")
            if edit is not None:
                edit.setText(text)
        self.settle(0.2)
        self.save("new-order")

    def orders_and_refills(self, save: bool = True) -> None:
        from smmdesk.api.draft import OrderDraft

        demo = self.session.demo.panel
        assert demo is not None
        placed: list[int] = []
        self.desk.order_placed.connect(lambda _ticket, record: placed.append(record.id))
        for number, flags in enumerate([{}, {"refill": True}, {"cancel": True}] * 3):
            service = self.service(type="Default", **flags)
            link = f"https://instagram.com/p/demo{number}"
            request = OrderDraft.of(service, link, service.min * (number + 1))  # type: ignore[attr-defined]
            demo.advance(240)  # earlier orders get further along than later ones
            self.desk.place_order(self.session.demo_panel_id, request)
            self.settle(0.05)
        self.desk.request_cancels(self.session.demo_panel_id, placed[-1:])
        self.settle()
        self.window.orders_pane.refresh_now()
        self.settle()
        self.window.tabs.setCurrentWidget(self.window.orders_pane)
        if save:
            self.save("orders")
            self.refills(demo, placed)

    def refills(self, demo: object, record_ids: list[int]) -> None:
        records = self.session.store.orders_by_ids(record_ids)
        demo.advance(86_400)  # a day later the first orders are done and refillable
        self.window.orders_pane.refresh_now()
        self.settle()
        finished = [r.id for r in records if r.service_id and r.id in record_ids]
        self.desk.request_refills(self.session.demo_panel_id, finished[:4])
        self.settle()
        demo.advance(1800)  # type: ignore[attr-defined]
        self.window.refills_pane.refresh_now()
        self.window.tabs.setCurrentWidget(self.window.refills_pane)
        self.save("refills")

    def overview(self, name: str) -> None:
        self.window.tabs.setCurrentIndex(0)
        self.settle(1.0)
        self.save(name)

    def mass_order(self) -> None:
        pane = self.window.mass_pane
        self.window.tabs.setCurrentWidget(pane)
        a = self.service(type="Default", refill=True)
        b = self.service(type="Default", cancel=True)
        lines = MASS_LINES.format(a=a.id, b=b.id, q=a.min * 10)  # type: ignore[attr-defined]
        pane.findChild(object, "massText").setPlainText(lines)  # type: ignore[union-attr]
        pane.input.check_button.click()  # type: ignore[attr-defined]
        self.settle(1.0)
        self.save("mass-order")

    def prices(self) -> None:
        pane = self.window.price_board_pane
        self.window.tabs.setCurrentWidget(pane)
        self.settle(1.0)
        pane.search.setText("followers instagram")
        self.settle(0.3)
        self.save("prices")

    def insight(self) -> None:
        pane = self.window.insight_pane
        self.window.tabs.setCurrentWidget(pane)
        self.settle(1.5)
        self.save("insight")

    def panels_dialog(self) -> None:
        from PySide6.QtWidgets import QLineEdit

        from smmdesk.ui.panels.panels_dialog import PanelsDialog

        self.window.tabs.setCurrentWidget(self.window.services_pane)
        dialog = PanelsDialog(self.session.context, self.window)
        dialog.show()
        dialog.add_button.click()
        dialog.name_edit.setText("My main panel")
        dialog.url_edit.setText("https://panel.example/api/v2")
        dialog.key_edit.setText("sk-live-1234567890abcdef")
        assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Password
        self.save("panels-dialog", dialog)
        dialog.close()


if __name__ == "__main__":
    raise SystemExit(main())
