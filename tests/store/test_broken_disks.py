"""Broken disks get words, not tracebacks: a full disk, a read-only folder, a damaged,
truncated or emptied file, another program's lock and an unopenable path each raise a
typed `StorageProblem` that names the folder or file and says what to do; no journal row
is lost, the history can be opened read-only, and a damaged file can be swapped for the
newest sound backup without ever being deleted."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from smmdesk.store import (
    CannotOpen,
    DatabaseCorrupt,
    DatabaseLocked,
    DiskFull,
    JournalState,
    OrderQuery,
    ReadOnlyStorage,
    Store,
    StoreError,
)
from smmdesk.store.backups import backup_path, backups, newest_sound_backup, restore

from .conftest import make_service
from .disks import (
    Impatient,
    PageCapped,
    ReadOnlyHandle,
    locked_by_another_program,
    overwrite_header,
    page_count,
    truncate_to_half,
)
from .test_db import build_v1


def history_with_one_order(path: Path) -> None:
    with Store.open(path) as store:
        panel = store.add_panel("Main panel", "https://panel.example/api/v2")
        record = store.insert_sending_order(panel.id, make_service(), link="x", quantity=10)
        store.set_journal_state(
            record.id, JournalState.PLACED, expect=(JournalState.SENDING,), order_id="501"
        )


def order_ids(store: Store) -> list[str | None]:
    return [r.order_id for r in store.orders_page(OrderQuery(), 0, 100)]


# -- a full disk --------------------------------------------------------------------------


def test_a_full_disk_at_the_first_start_says_free_space_or_another_folder(
    tmp_path: Path,
) -> None:
    path = tmp_path / "smmdesk.db"
    with pytest.raises(DiskFull) as raised:
        Store.on(PageCapped(path, pages=1))
    message = str(raised.value)
    assert str(tmp_path) in message and "Free some space" in message
    assert "--data-dir" in message
    assert raised.value.folder == tmp_path


def test_a_full_disk_during_a_migration_keeps_the_old_history_and_its_backup(
    tmp_path: Path,
) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    with pytest.raises(DiskFull):
        Store.on(PageCapped(path, pages=page_count(path)))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # rolled back whole
    assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 2
    conn.close()
    assert backup_path(path, 1).exists()
    with Store.open(path) as store:  # space freed: the migration goes through
        assert order_ids(store) == [None, "4521"]


def test_a_full_disk_during_a_write_keeps_every_row_and_the_previous_cache(
    tmp_path: Path,
) -> None:
    path = tmp_path / "smmdesk.db"
    history_with_one_order(path)
    with Store.open(path) as store:
        panel_id = store.panels()[0].id
        store.save_services(panel_id, [make_service("1")])
    with Store.on(PageCapped(path, pages=page_count(path))) as store:
        catalogue = [make_service(str(n), description="d" * 500) for n in range(200)]
        with pytest.raises(DiskFull, match="is full"):
            store.save_services(panel_id, catalogue)
        cached = store.cached_services(panel_id)
        assert cached is not None and [s.id for s in cached.services] == ["1"]
        assert order_ids(store) == ["501"]


# -- a read-only folder -------------------------------------------------------------------


def test_a_read_only_folder_is_reported_at_open_and_the_history_opens_read_only(
    tmp_path: Path,
) -> None:
    path = tmp_path / "smmdesk.db"
    history_with_one_order(path)
    with pytest.raises(ReadOnlyStorage) as raised:
        Store.on(ReadOnlyHandle(path))
    assert str(tmp_path) in str(raised.value) and "--data-dir" in str(raised.value)
    with Store.open(path, read_only=True) as store:
        assert store.read_only and order_ids(store) == ["501"]
        with pytest.raises(ReadOnlyStorage, match="open read-only"):
            store.add_panel("Another", "https://other.example/api/v2")
    with Store.open(path) as store:
        assert len(store.panels()) == 1


def test_read_only_cannot_upgrade_an_older_history(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    with pytest.raises(StoreError, match="older SMMDesk"):
        Store.open(path, read_only=True)
    assert not backups(path), "nothing was written"


# -- a damaged file -----------------------------------------------------------------------


@pytest.mark.parametrize("damage", [overwrite_header, truncate_to_half], ids=["header", "half"])
def test_a_damaged_file_is_named_and_left_as_it_is(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    path = tmp_path / "smmdesk.db"
    history_with_one_order(path)
    damage(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseCorrupt) as raised:
        Store.open(path)
    assert str(path) in str(raised.value) and "backup" in str(raised.value)
    assert path.read_bytes() == before


def test_an_emptied_file_beside_backups_is_damage_not_a_first_start(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    Store.open(path).close()  # the migration leaves smmdesk.db.v1.bak
    path.write_bytes(b"")
    with pytest.raises(DatabaseCorrupt, match="empty"):
        Store.open(path)
    assert path.stat().st_size == 0


def test_damage_met_while_reading_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    history_with_one_order(path)
    with Store.open(path) as store:
        size = path.stat().st_size
        with path.open("r+b") as file:  # every page but the first (header and schema)
            file.seek(4096)
            file.write(b"\xff" * (size - 4096))
        with pytest.raises(DatabaseCorrupt):
            store.orders_page(OrderQuery(), 0, 100)


# -- another program's lock ---------------------------------------------------------------


def test_a_lock_held_by_another_program_is_reported_at_open(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    history_with_one_order(path)
    with locked_by_another_program(path), pytest.raises(DatabaseLocked) as raised:
        Store.on(Impatient(path))
    assert str(path) in str(raised.value) and "Close that program" in str(raised.value)


def test_a_lock_taken_while_running_fails_the_write_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    history_with_one_order(path)
    with Store.on(Impatient(path)) as store:
        panel_id = store.panels()[0].id
        with locked_by_another_program(path), pytest.raises(DatabaseLocked):
            store.insert_sending_order(panel_id, make_service(), link="y", quantity=10)
        assert order_ids(store) == ["501"]
        store.insert_sending_order(panel_id, make_service(), link="y", quantity=10)
        assert len(order_ids(store)) == 2


# -- a path that cannot be opened ---------------------------------------------------------


def test_a_file_where_the_data_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder")
    path = tmp_path / "data" / "smmdesk.db"
    with pytest.raises(CannotOpen) as raised:
        Store.open(path)
    assert str(tmp_path / "data") in str(raised.value) and "--data-dir" in str(raised.value)


def test_a_folder_where_the_database_should_be(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    path.mkdir()
    with pytest.raises(CannotOpen, match="cannot open"):
        Store.open(path)


def test_read_only_needs_an_existing_history(tmp_path: Path) -> None:
    with pytest.raises(CannotOpen):
        Store.open(tmp_path / "missing.db", read_only=True)


# -- the automatic backup -----------------------------------------------------------------


def test_restoring_the_backup_moves_the_damaged_file_aside(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    Store.open(path).close()  # migrated: smmdesk.db.v1.bak holds the two v1 orders
    overwrite_header(path)
    damaged = path.read_bytes()
    with pytest.raises(DatabaseCorrupt):
        Store.open(path)
    backup = newest_sound_backup(path)
    assert backup is not None and backup.path == backup_path(path, 1)
    aside = restore(path, backup)
    assert aside is not None and aside.read_bytes() == damaged
    assert backup.path.exists(), "the backup stays for another time"
    with Store.open(path) as store:
        assert order_ids(store) == [None, "4521"]


def test_a_damaged_backup_is_passed_over_for_an_older_sound_one(tmp_path: Path) -> None:
    path = tmp_path / "smmdesk.db"
    build_v1(path)
    Store.open(path).close()
    older = backup_path(path, 1)
    newer = backup_path(path, 2)
    newer.write_bytes(older.read_bytes())
    overwrite_header(newer)
    later = older.stat().st_mtime + 60
    os.utime(newer, (later, later))
    assert [b.path for b in backups(path)] == [newer, older]
    sound = newest_sound_backup(path)
    assert sound is not None and sound.path == older
    overwrite_header(older)
    assert newest_sound_backup(path) is None
