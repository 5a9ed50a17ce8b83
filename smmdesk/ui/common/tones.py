"""Colours that carry meaning (good, bad, warning, muted), readable in light and dark themes.

A fixed red on a dark window is hard to read and a pastel background washes out white
text, so every tone has a light-theme and a dark-theme variant and the palette decides
which one applies. Models take a `Tones` value instead of asking the application, so they
stay free of widgets and easy to test; panes hand them a new one when the palette changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette


class Tone(Enum):
    GOOD = "good"
    BAD = "bad"
    WARN = "warn"
    BUSY = "busy"
    MUTED = "muted"


_LIGHT_TEXT = {
    Tone.GOOD: "#1b7f3b",
    Tone.BAD: "#c62828",
    Tone.WARN: "#a15c00",
    Tone.BUSY: "#1565c0",
    Tone.MUTED: "#6b6b6b",
}
_DARK_TEXT = {
    Tone.GOOD: "#66d17f",
    Tone.BAD: "#ff7b72",
    Tone.WARN: "#f0b44c",
    Tone.BUSY: "#79b8ff",
    Tone.MUTED: "#9a9a9a",
}
_LIGHT_BACKGROUND = {Tone.WARN: "#fff1d6", Tone.BAD: "#fde7e7"}
_DARK_BACKGROUND = {Tone.WARN: "#4a3500", Tone.BAD: "#4d1f1f"}


@dataclass(frozen=True)
class Tones:
    """The tone colours for one palette (light or dark)."""

    dark: bool

    def text(self, tone: Tone) -> QColor:
        return QColor((_DARK_TEXT if self.dark else _LIGHT_TEXT)[tone])

    def background(self, tone: Tone) -> QColor | None:
        """A tinted row background, only for tones that must stand out (badges)."""
        colour = (_DARK_BACKGROUND if self.dark else _LIGHT_BACKGROUND).get(tone)
        return None if colour is None else QColor(colour)

    def style(self, tone: Tone, bold: bool = False) -> str:
        """A style sheet that colours a label's text with the tone."""
        weight = " font-weight: bold;" if bold else ""
        return f"color: {self.text(tone).name()};{weight}"


def tones_for(palette: QPalette) -> Tones:
    """Dark when the window colour is darker than its text colour."""
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    return Tones(dark=window < text)


def current_tones() -> Tones:
    return tones_for(QGuiApplication.palette())
