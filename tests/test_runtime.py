import gc
import sys
from collections.abc import Iterator

import pytest

from smmdesk.runtime import (
    GUI_SWITCH_INTERVAL_S,
    YOUNG_COLLECTION_EVERY,
    building_long_lived_data,
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


@pytest.mark.usefixtures("collector_restored")
def test_data_built_for_long_is_built_without_collections_then_left_out_of_them() -> None:
    gc.enable()
    with building_long_lived_data():
        assert not gc.isenabled()
        catalogue = [[n] for n in range(1000)]

    assert gc.isenabled()
    assert not any(thing is catalogue for thing in gc.get_objects())


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_resumes_when_the_last_of_several_builders_is_done() -> None:
    gc.enable()
    first, second = building_long_lived_data(), building_long_lived_data()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)

    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    with building_long_lived_data():
        pass

    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_the_collector_resumes_when_building_fails() -> None:
    gc.enable()
    with pytest.raises(ValueError), building_long_lived_data():
        raise ValueError("the panel's answer did not parse")

    assert gc.isenabled()
