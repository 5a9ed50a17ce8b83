import gc
import sys
from collections.abc import Iterator

import pytest

from smmdesk.runtime import (
    GUI_SWITCH_INTERVAL_S,
    YOUNG_COLLECTION_EVERY,
    favour_gui_thread,
    freeze_start_up_objects,
)


@pytest.fixture
def restored_runtime() -> Iterator[None]:
    interval, thresholds = sys.getswitchinterval(), gc.get_threshold()
    yield
    sys.setswitchinterval(interval)
    gc.set_threshold(*thresholds)
    gc.unfreeze()


@pytest.mark.usefixtures("restored_runtime")
def test_a_busy_worker_hands_the_gil_over_quickly_and_collects_young_objects_rarely() -> None:
    favour_gui_thread()

    assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL_S)
    assert gc.get_threshold()[0] == YOUNG_COLLECTION_EVERY


@pytest.mark.usefixtures("restored_runtime")
def test_objects_alive_at_start_up_are_left_out_of_later_collections() -> None:
    survivor = [object()]

    freeze_start_up_objects()

    assert gc.get_freeze_count() > 0
    assert not any(thing is survivor for thing in gc.get_objects())
