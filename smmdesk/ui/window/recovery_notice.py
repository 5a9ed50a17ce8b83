"""The crash-recovery notice: orders a closed SMMDesk left `sending` are now unconfirmed.

It stays above the tabs until the user dismisses it (a status-bar message would time out
or be overwritten by the next one), and its action leads to the Unconfirmed tab.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from smmdesk.ui.common.format import format_count
from smmdesk.ui.common.notice_banner import NoticeBanner

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


class RecoveryNotice(NoticeBanner):
    """Emits `action_clicked()` for "Show unconfirmed orders"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("recoveryNotice", parent)

    def announce(self, count: int) -> None:
        if count == 1:
            text = translate(
                "RecoveryNotice",
                "1 order was being sent when SMMDesk last closed. They are marked "
                "Unconfirmed: check each on its panel, then resolve or dismiss it.",
            )
        else:
            text = translate(
                "RecoveryNotice",
                "{count} orders were being sent when SMMDesk last closed. They are marked "
                "Unconfirmed: check each on its panel, then resolve or dismiss it.",
            )
        action = translate("RecoveryNotice", "Show unconfirmed orders")
        self.show_notice(text.format(count=format_count(count)), action)
