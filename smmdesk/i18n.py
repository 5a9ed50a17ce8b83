"""The user's language: SMMDesk's own translations, Qt's (standard buttons and dialogs),
number and date formats (`QLocale`, which `ui/common/format.py` follows) and the layout
direction (Arabic lays the window out right to left).

The language follows the system unless the user chose one in Settings; a language
SMMDesk has no translation for shows English with the system's number formats.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

TRANSLATIONS = Path(__file__).parent / "resources" / "translations"
SYSTEM = ""
# What Settings offers, each in its own language.
LANGUAGES = {
    SYSTEM: "System language",
    "en": "English",
    "pt_BR": "Português (Brasil)",
    "es": "Español",
    "tr": "Türkçe",
    "id": "Bahasa Indonesia",
    "ar": "العربية",
}

_installed: list[QTranslator] = []
_right_to_left = False  # the direction install_language last set


def chosen_locale(language: str) -> QLocale:
    """The locale for a Settings value ("" follows the system). A system without a
    configured locale ("C", as in a bare session) gets US English, whose numbers are
    grouped, rather than C's "1000000"."""
    if language != SYSTEM:
        return QLocale(language)
    system = QLocale.system()
    if system.name() == "C":
        return QLocale("en_US")
    return system


def install_language(app: QCoreApplication, language: str) -> QLocale:
    """Load the translations for `language` into `app`, replacing any loaded before, and
    make its locale the default one. Call before the window is built: texts are read once.
    """
    locale = chosen_locale(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(locale)
    if not locale.name().startswith("en_"):
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("smmdesk", str(TRANSLATIONS)), ("qtbase", qt_folder)):
            translator = QTranslator(app)
            if translator.load(locale, name, "_", folder):
                app.installTranslator(translator)
                _installed.append(translator)
    if isinstance(app, QGuiApplication):
        _set_direction(app, written_right_to_left(locale))
    return locale


def written_right_to_left(locale: QLocale) -> bool:
    """Whether the locale's language is written right to left: the bidirectional class of
    the first letter of its own name ("العربية", "עברית"). Not `locale.textDirection()`
    and `locale.language()`: they answer enums of `Qt` and `QLocale`, and PySide builds
    every enum of a class at its first use (those two: 40 ms before the first paint)."""
    for character in locale.nativeLanguageName():
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _set_direction(app: QGuiApplication, right_to_left: bool) -> None:
    """The application's layout direction; left to right, Qt's own, is left as it is."""
    global _right_to_left
    if right_to_left or _right_to_left:
        from PySide6.QtCore import Qt

        direction = Qt.LayoutDirection
        app.setLayoutDirection(direction.RightToLeft if right_to_left else direction.LeftToRight)
    _right_to_left = right_to_left


def available_languages() -> list[str]:
    """The languages SMMDesk has a compiled translation for (English always)."""
    found = {path.stem.removeprefix("smmdesk_") for path in TRANSLATIONS.glob("smmdesk_*.qm")}
    return ["en", *sorted(found)]
