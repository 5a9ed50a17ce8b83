"""The user's language: SMMDesk's own translations, Qt's (standard buttons and dialogs),
number and date formats (`QLocale`, which `ui/common/format.py` follows) and the layout
direction (Arabic lays the window out right to left).

The language follows the system unless the user chose one in Settings; a language
SMMDesk has no translation for shows English with the system's number formats.
"""

from __future__ import annotations

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


def chosen_locale(language: str) -> QLocale:
    """The locale for a Settings value ("" follows the system). A system without a
    configured locale ("C", as in a bare session) gets US English, whose numbers are
    grouped, rather than C's "1000000"."""
    if language != SYSTEM:
        return QLocale(language)
    system = QLocale.system()
    if system.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
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
    if locale.language() != QLocale.Language.English:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("smmdesk", str(TRANSLATIONS)), ("qtbase", qt_folder)):
            translator = QTranslator(app)
            if translator.load(locale, name, "_", folder):
                app.installTranslator(translator)
                _installed.append(translator)
    if isinstance(app, QGuiApplication):
        app.setLayoutDirection(locale.textDirection())
    return locale


def available_languages() -> list[str]:
    """The languages SMMDesk has a compiled translation for (English always)."""
    found = {path.stem.removeprefix("smmdesk_") for path in TRANSLATIONS.glob("smmdesk_*.qm")}
    return ["en", *sorted(found)]
