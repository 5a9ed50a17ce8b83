from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from smmdesk.i18n import LANGUAGES, chosen_locale, install_language, written_right_to_left


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    before = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(before)


def test_arabic_lays_the_window_out_right_to_left_and_back(restored: QApplication) -> None:
    locale = install_language(restored, "ar")
    assert locale.language() is QLocale.Language.Arabic
    assert restored.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert QLocale().language() is QLocale.Language.Arabic  # numbers follow it
    install_language(restored, "es")
    assert restored.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert QLocale().toString(1234.5, "f", 1) == "1234,5"


def test_every_offered_language_is_a_locale_qt_knows() -> None:
    for code in LANGUAGES:
        if code:
            assert chosen_locale(code).name().startswith(code.split("_")[0]), code


@pytest.mark.parametrize(
    ("name", "right_to_left"),
    [("ar", True), ("he", True), ("fa", True), ("ur", True), ("en_US", False),
     ("pt_BR", False), ("tr", False), ("id", False), ("ja", False), ("ru", False), ("C", False)],
)  # fmt: skip
def test_the_direction_is_qts_own(name: str, right_to_left: bool) -> None:
    locale = QLocale(name)
    assert written_right_to_left(locale) is right_to_left
    expected = Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
    assert locale.textDirection() is expected
