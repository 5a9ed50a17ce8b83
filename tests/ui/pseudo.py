"""A pseudo-translation for the GUI tests: every text of the given translation contexts
comes out wrapped in « », so a test sees which words went through Qt's translation
system and which did not (data such as IDs, links and the panel's own words must not)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

_WRAPPED = re.compile("«[^«»]*»")


class PseudoTranslator(QTranslator):
    def __init__(self, contexts: Iterable[str]) -> None:
        super().__init__()
        self.contexts = frozenset(contexts)

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"«{source}»" if context in self.contexts else None


@contextmanager
def pseudo_translation(app: QApplication, contexts: Iterable[str]) -> Iterator[None]:
    """The pseudo-translation of `contexts` installed for the duration."""
    translator = PseudoTranslator(contexts)
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)


def wrapped(text: str, joiners: str | None = None) -> bool:
    """Nothing but translated texts (a translated text may hold another, filled in),
    with only white space (or the given `joiners`) between them."""
    if not text.startswith("«"):
        return False
    while (inner := _WRAPPED.sub("", text)) != text:
        text = inner
    return not text.strip(joiners)
