"""What `TextCellDelegate` paints must be what a model's roles say: one check for every
model that answers `cell_look`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QAbstractItemModel, Qt

from smmdesk.ui.common.text_cells import CellLooks


def assert_looks_match_roles(model: QAbstractItemModel, columns: Iterable[int]) -> None:
    """Every cell of these columns: `cell_look` equals the display text, alignment (0 for
    none), background and foreground `data()` answers."""
    looks = cast(CellLooks, model)
    for row in range(model.rowCount()):
        for column in columns:
            index = model.index(row, column)
            roles = (
                index.data(),
                index.data(Qt.ItemDataRole.TextAlignmentRole) or 0,
                index.data(Qt.ItemDataRole.BackgroundRole),
                index.data(Qt.ItemDataRole.ForegroundRole),
            )
            assert looks.cell_look(row, column) == roles, (row, column)
