"""Light, dark or whatever the OS uses.

"system" leaves colours to Qt, which follows the OS colour scheme (and its changes) since
Qt 6.5. "light" and "dark" force the Fusion style with an explicit palette, because native
styles (Windows 11, macOS) ignore a palette that fights the OS scheme.
"""

from __future__ import annotations

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
    Role.PlaceholderText: QColor(155, 155, 155),
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
    Role.PlaceholderText: QColor(105, 105, 105),
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
    from PySide6.QtCore import Qt  # not before the first paint (see smmdesk.app)

    dark = theme == "dark"
    app.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    app.setStyle("Fusion")
    palette = _palette(_DARK if dark else _LIGHT)
    app.setPalette(palette)  # this also drops class palettes set before
    for name in _INDICATOR_CLASSES:
        # PySide6 takes the class name as str; its stubs say bytes, which it refuses.
        app.setPalette(_indicator_palette(palette), name)  # type: ignore[arg-type]


_INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")


def indicator_edge(palette: QPalette, group: QPalette.ColorGroup) -> QColor:
    """The colour a check box's frame should have: 60 % of the way from the window to its
    text (half-way measured 2.8:1 in the light theme, under WCAG's 3:1)."""
    window, text = palette.color(group, Role.Window), palette.color(group, Role.WindowText)
    return QColor(
        window.red() + (text.red() - window.red()) * 3 // 5,
        window.green() + (text.green() - window.green()) * 3 // 5,
        window.blue() + (text.blue() - window.blue()) * 3 // 5,
    )


def _indicator_palette(palette: QPalette) -> QPalette:
    """The palette of check boxes and radio buttons, whose frame a user can see.

    Fusion draws their frame in the widget's window colour darkened by 40 %: measured
    1.1:1 against the dark window and 1.7:1 against the light one, where WCAG 2.1 (1.4.11)
    asks 3:1 for the edge of a control. These widgets paint no background of their own,
    so their window colour only sets that frame: it is chosen so that, darkened, the frame
    lands 60 % of the way from the window to its text (measured in
    `tests/ui/common/test_theme.py`). A proxy style drawing the frame again cost 30 % on
    every table repaint (every style call crossed into Python); a palette costs nothing.
    """
    indicators = QPalette(palette)
    for group in (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    ):
        indicators.setColor(group, Role.Window, indicator_edge(palette, group).lighter(140))
    return indicators


def _palette(colours: dict[QPalette.ColorRole, QColor]) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, colour)
    disabled = QPalette.ColorGroup.Disabled
    muted = colours[Role.PlaceholderText]
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(disabled, role, muted)
    return palette
