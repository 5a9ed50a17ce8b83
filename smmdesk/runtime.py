"""How the Python runtime is set for a GUI whose worker threads compute in bursts.

Each setting keeps a busy worker from holding the GIL while the GUI thread waits for it.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GUI_SWITCH_INTERVAL_S = 0.0002
YOUNG_COLLECTION_EVERY = 10_000  # allocations; CPython's default is 700


def favour_gui_thread() -> None:
    """Make a busy worker hand the GIL over within 0.2 ms instead of 5 ms, and make full
    garbage collections rare.

    While a worker parses a catalogue or 10,000 statuses in Python, every model call-back
    the GUI thread makes to paint (hundreds per repaint) waits for the GIL once: with
    CPython's default 5 ms switch interval a table repaint took 800 ms instead of 17 ms
    (measured); at 0.2 ms it takes about 60 ms. An idle GUI thread asks for nothing, so
    the worker pays only when the user is actually looking.

    A full collection walks every container object and holds the GIL throughout, on
    whichever thread happened to allocate. Measured in a 10,000-order refresh: every GUI
    stall over 15 ms was one of them, run by a worker (27 to 51 ms each). Collecting the
    young generation every 10,000 allocations instead of 700 makes full passes about
    14 times rarer; a refresh of 10,000 orders then runs none.
    """
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 10, 10)


def freeze_start_up_objects() -> None:
    """Once the app has opened: keep what start-up built (modules, classes, widgets) out
    of every later collection. They live as long as the process, so walking them again
    and again only lengthens each pause. Garbage is collected first so that none of it is
    kept for ever."""
    gc.collect()
    gc.freeze()


_long_lived_lock = threading.Lock()
_long_lived_builders = 0
_collector_paused = False
_frozen_since_reclaim = False


@contextmanager
def building_long_lived_data() -> Iterator[None]:
    """Build data the app keeps for long (a panel's catalogue: 20,000 `Service` objects)
    with no garbage collection meanwhile, then keep everything alive out of later
    collections (`gc.freeze`).

    Collections during a catalogue load walk the services being built, holding the GIL,
    so the GUI thread waits: a young collection every 10,000 allocations (5 to 23 ms) and,
    one load in two or three, a middle one over 60,000 objects (74 ms, measured). With
    the load built this way, the GUI thread's worst stall over six loads was 26 to 36 ms
    instead of 26 to 85 (bench/gui_catalogue.py (c), quiet machine).

    The price: what is cyclic garbage at that moment, or becomes so later, is left by
    every usual collection. Acyclic data, such as the catalogue a refresh replaces, is freed by
    reference counting; the rest waits for `reclaim_frozen_garbage`. A catalogue refresh
    is built this way from its request on (the api reads and parses the answer in one
    call), so garbage other threads make during that wait is frozen too. Safe from
    several threads: the collector resumes when the last builder is done."""
    global _long_lived_builders, _collector_paused, _frozen_since_reclaim
    with _long_lived_lock:
        if _long_lived_builders == 0 and gc.isenabled():
            gc.disable()
            _collector_paused = True
        _long_lived_builders += 1
    try:
        yield
    finally:
        with _long_lived_lock:
            _long_lived_builders -= 1
            gc.freeze()
            _frozen_since_reclaim = True
            if _long_lived_builders == 0 and _collector_paused:
                gc.enable()
                _collector_paused = False


def frozen_since_reclaim() -> bool:
    """Whether `building_long_lived_data` froze anything since the last reclaim."""
    return _frozen_since_reclaim


def reclaim_frozen_garbage() -> None:
    """Collect everything, the frozen objects included, then freeze what is still alive:
    the cyclic garbage `building_long_lived_data` froze is freed, and later collections
    still skip the catalogues. One full collection, holding the GIL throughout: call it
    when nobody is waiting (`workers.quiet_collector`)."""
    global _frozen_since_reclaim
    with _long_lived_lock:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen_since_reclaim = False
