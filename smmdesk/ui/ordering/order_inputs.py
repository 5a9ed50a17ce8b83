"""One input widget per `FieldKind`, all speaking strings.

`validate_order` and `estimate_charge` take the strings a user typed, so every input
exposes `value() -> str` and `set_value(str)` and emits `edited()` on any change; the form
never needs to know which widget sits behind a field.

Numbers are line edits with a digits-only validator rather than spin boxes: optional
numbers (drip-feed runs, posts) must be able to stay empty, and a spin box cannot.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from smmdesk.api import FieldKind, FieldSpec
from smmdesk.api.forms import lines
from smmdesk.ui.common.tones import Tone, current_tones
from smmdesk.ui.ordering.estimate_text import lines_text
from smmdesk.ui.ordering.field_words import (
    field_hint,
    field_label,
    mnemonic_label,
    problem_words,
)

_MAX_DIGITS = 9
_LINES_HEIGHT = 96


class _InputBase(QWidget):
    """What the inputs share: a vertical box for the editor and the `edited()` signal."""

    edited = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"input_{spec.name}")
        self.accessible_name = field_label(spec.label)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)

    @Slot()
    def on_editor_changed(self) -> None:
        self.edited.emit()


class TextInput(_InputBase):
    """One line: links, usernames, hashtags; digits only for NUMBER; a date for DATE."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.line = QLineEdit(self)
        self.line.setObjectName(f"edit_{spec.name}")
        self.line.setAccessibleName(self.accessible_name)
        self.line.setPlaceholderText(field_hint(spec.hint))
        self.line.setClearButtonEnabled(spec.kind is FieldKind.TEXT)
        if spec.kind is FieldKind.NUMBER:
            pattern = QRegularExpression(rf"\d{{0,{_MAX_DIGITS}}}")
            self.line.setValidator(QRegularExpressionValidator(pattern, self.line))
        elif spec.kind is FieldKind.DATE:
            pattern = QRegularExpression(r"[0-9/]{0,10}")
            self.line.setValidator(QRegularExpressionValidator(pattern, self.line))
            self.line.setPlaceholderText(field_hint(spec.hint or "dd/mm/yyyy"))
        self.box.addWidget(self.line)
        self.line.textChanged.connect(self.on_editor_changed)

    def value(self) -> str:
        return self.line.text()

    def set_value(self, value: str) -> None:
        self.line.setText(value)

    def editor(self) -> QWidget:
        return self.line


class LinesInput(_InputBase):
    """One item per line, with a live count: for comment types the count is the quantity."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName(f"edit_{spec.name}")
        self.text.setAccessibleName(self.accessible_name)
        self.text.setPlaceholderText(field_hint(spec.hint))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(_LINES_HEIGHT)
        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"count_{spec.name}")
        self.box.addWidget(self.text)
        self.box.addWidget(self.count_label)
        self.text.textChanged.connect(self.on_editor_changed)
        self._update_count()

    def value(self) -> str:
        return self.text.toPlainText()

    def set_value(self, value: str) -> None:
        self.text.setPlainText(value)

    def editor(self) -> QWidget:
        return self.text

    @Slot()
    def on_editor_changed(self) -> None:
        self._update_count()
        super().on_editor_changed()

    def _update_count(self) -> None:
        count = len(lines(self.value()))
        self.count_label.setText(lines_text(count))


class ChoiceInput(_InputBase):
    """A fixed list, such as the subscription delays the panels accept."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"edit_{spec.name}")
        self.combo.setAccessibleName(self.accessible_name)
        self.combo.addItems(list(spec.choices))
        self.box.addWidget(self.combo)
        self.combo.currentIndexChanged.connect(self.on_editor_changed)

    def value(self) -> str:
        return self.combo.currentText()

    def set_value(self, value: str) -> None:
        position = self.combo.findText(value)
        if position >= 0:
            self.combo.setCurrentIndex(position)

    def editor(self) -> QWidget:
        return self.combo


FieldInput = TextInput | LinesInput | ChoiceInput


def make_input(spec: FieldSpec, parent: QWidget | None = None) -> FieldInput:
    if spec.kind is FieldKind.LINES:
        return LinesInput(spec, parent)
    if spec.kind is FieldKind.CHOICE:
        return ChoiceInput(spec, parent)
    return TextInput(spec, parent)


class OrderFieldsForm(QWidget):
    """The rows of one service's fields, each input with its error label underneath.

    Switching to another service keeps what was typed into fields of the same name (the
    link, usually), so picking a cheaper variant does not mean retyping.

    Signals:
        edited()   any input changed
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderFields")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.inputs: dict[str, FieldInput] = {}
        self.errors: dict[str, QLabel] = {}
        self._tones = current_tones()

    def set_specs(self, specs: list[FieldSpec]) -> None:
        kept = self.values()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs, self.errors = {}, {}
        for spec in specs:
            self._add_row(spec)
        self.set_values({name: value for name, value in kept.items() if name in self.inputs})

    def values(self) -> dict[str, str]:
        return {name: field.value() for name, field in self.inputs.items()}

    def set_values(self, values: Mapping[str, str]) -> None:
        for name, value in values.items():
            field = self.inputs.get(name)
            if field is not None:
                field.set_value(value)

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for name, label in self.errors.items():
            message = problems.get(name, "")
            label.setText(problem_words(message))
            label.setVisible(bool(message))

    def editors(self) -> list[QWidget]:
        """The fields' editors, top to bottom: the form's tab order."""
        return [field.editor() for field in self.inputs.values()]

    def focus_first(self, names: Iterable[str]) -> None:
        wanted = set(names)
        for name, field in self.inputs.items():
            if name in wanted:
                field.editor().setFocus()
                return

    def _add_row(self, spec: FieldSpec) -> None:
        field = make_input(spec, self)
        error = QLabel(self)
        error.setObjectName(f"error_{spec.name}")
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        error.setStyleSheet(self._tones.style(Tone.BAD))
        error.hide()
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(error)
        label = QLabel(mnemonic_label(spec), self)
        label.setObjectName(f"label_{spec.name}")
        label.setBuddy(field.editor())
        self.form.addRow(label, cell)
        for shown in (label, cell):  # now, not a turn of the event loop later: Tab and
            shown.show()  # Ctrl+N may put the keyboard in the field at once
        self.inputs[spec.name] = field
        self.errors[spec.name] = error
        field.edited.connect(self.on_field_edited)

    @Slot()
    def on_field_edited(self) -> None:
        self.edited.emit()
