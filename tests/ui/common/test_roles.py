"""`fill_roles` answers every role of a cell, the ones without a value included."""

from __future__ import annotations

from PySide6.QtCore import QModelRoleData, Qt
from PySide6.QtGui import QColor

from smmdesk.ui.common.roles import fill_roles


def test_a_role_without_value_is_cleared_not_left_from_the_previous_cell() -> None:
    background = QModelRoleData(Qt.ItemDataRole.BackgroundRole)
    fill_roles(background, lambda _role: QColor("pink"))  # a rejected row's cell
    assert background.data() == QColor("pink")
    fill_roles(background, lambda _role: None)  # the next, ordinary cell
    assert background.data() is None
