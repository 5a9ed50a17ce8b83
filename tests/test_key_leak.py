"""After the whole suite: the test key appears in no file of the app's data, config or
logs (the conftest orders this module last)."""

from __future__ import annotations

from pathlib import Path

from tests import conftest


def test_the_key_is_in_no_file_the_app_wrote(app_dirs_root: Path) -> None:
    files = [p for p in app_dirs_root.rglob("*") if p.is_file()]
    leaking = [p for p in files if conftest.TEST_KEY.encode() in p.read_bytes()]
    assert files, "the suite should have written app data to scan"
    assert leaking == []
