from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from smmdesk.i18n import LANGUAGES, chosen_locale, install_language


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
