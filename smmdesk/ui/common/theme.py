"""Light, dark or whatever the OS uses.

"system" leaves colours to Qt, which follows the OS colour scheme (and its changes) since
Qt 6.5. "light" and "dark" force the Fusion style with an explicit palette, because native
styles (Windows 11, macOS) ignore a palette that fights the OS scheme.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_NATIVE_STYLE_PROPERTY = "smmdeskNativeStyle"
Role = QPalette.ColorRole

_DARK = {
    Role.Window: QColor(37, 37, 38),
    Role.WindowText: QColor(230, 230, 230),
    Role.Base: QColor(30, 30, 30),
    Role.AlternateBase: QColor(45, 45, 48),
    Role.ToolTipBase: QColor(50, 50, 52),
    Role.ToolTipText: QColor(230, 230, 230),
    Role.Text: QColor(230, 230, 230),
    Role.PlaceholderText: QColor(140, 140, 140),
    Role.Button: QColor(50, 50, 52),
    Role.ButtonText: QColor(230, 230, 230),
    Role.BrightText: QColor(255, 90, 90),
    Role.Link: QColor(90, 160, 255),
    Role.Highlight: QColor(38, 110, 200),
    Role.HighlightedText: QColor(255, 255, 255),
}
_LIGHT = {
    Role.Window: QColor(246, 246, 246),
    Role.WindowText: QColor(25, 25, 25),
    Role.Base: QColor(255, 255, 255),
    Role.AlternateBase: QColor(240, 243, 247),
    Role.ToolTipBase: QColor(255, 255, 225),
    Role.ToolTipText: QColor(25, 25, 25),
    Role.Text: QColor(25, 25, 25),
    Role.PlaceholderText: QColor(120, 120, 120),
    Role.Button: QColor(240, 240, 240),
    Role.ButtonText: QColor(25, 25, 25),
    Role.BrightText: QColor(200, 0, 0),
    Role.Link: QColor(0, 90, 200),
    Role.Highlight: QColor(38, 110, 200),
    Role.HighlightedText: QColor(255, 255, 255),
}


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "system", "light" or "dark" (anything else counts as "system").

    "system" touches nothing unless a forced theme was applied earlier in this run: at
    start-up, re-creating the native style would cost ~30 ms before the first paint.
    """
    native = app.property(_NATIVE_STYLE_PROPERTY)
    if theme not in ("light", "dark"):
        if native:
            app.styleHints().unsetColorScheme()
            app.setStyle(str(native))
            app.setPalette(app.style().standardPalette())
        return
    if not native:
        app.setProperty(_NATIVE_STYLE_PROPERTY, app.style().name())
    dark = theme == "dark"
    app.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    app.setStyle("Fusion")
    app.setPalette(_palette(_DARK if dark else _LIGHT))


def _palette(colours: dict[QPalette.ColorRole, QColor]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, colour)
    disabled = QPalette.ColorGroup.Disabled
    muted = colours[Role.PlaceholderText]
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(disabled, role, muted)
    return palette
