"""Guards against a PySide6 defect that would crash the app after enough emissions.

PySide6 6.12.0 drops a reference to `True`/`False` each time a Python-declared signal
carries one, so Python aborts ("bool_dealloc") after a few thousand emissions; pyproject.toml
keeps PySide6 below 6.12 for that reason. This test fails on any release with the defect.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal, Slot


class Emitter(QObject):
    flagged = Signal(bool)
    carried = Signal(object)


class Receiver(QObject):
    @Slot(bool)
    def on_emitter_flagged(self, _flag: bool) -> None:
        return None

    @Slot(object)
    def on_emitter_carried(self, _value: object) -> None:
        return None


def test_emitting_booleans_keeps_their_reference_counts() -> None:
    emitter, receiver = Emitter(), Receiver()
    emitter.flagged.connect(receiver.on_emitter_flagged)
    emitter.carried.connect(receiver.on_emitter_carried)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(20):
        emitter.flagged.emit(True)
        emitter.carried.emit(False)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
