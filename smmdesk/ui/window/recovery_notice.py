"""The crash-recovery notice: orders a closed SMMDesk left `sending` are now unconfirmed.

It stays above the tabs until the user dismisses it (a status-bar message would time out
or be overwritten by the next one), and its action leads to the Unconfirmed tab.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from smmdesk.ui.common.format import plural
from smmdesk.ui.common.notice_banner import NoticeBanner


class RecoveryNotice(NoticeBanner):
    """Emits `action_clicked()` for "Show unconfirmed orders"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("recoveryNotice", parent)

    def announce(self, count: int) -> None:
        verb = "was" if count == 1 else "were"
        self.show_notice(
            f"{plural(count, 'order')} {verb} being sent when SMMDesk last closed. They "
            "are marked Unconfirmed: check each on its panel, then resolve or dismiss it.",
            "Show unconfirmed orders",
        )
