from pathlib import Path

from PySide6.QtCore import QSettings

from smmdesk.services.notices import NoticeKind
from smmdesk.settings import NOTIFY_OPTIONS, Settings, low_balance_option


def test_every_kind_of_notice_has_its_own_switch_on_by_default(tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert set(NOTIFY_OPTIONS) == {kind.value for kind in NoticeKind}
    assert all(settings.get(option) for option in NOTIFY_OPTIONS.values())


def test_a_low_balance_warning_is_kept_per_panel_as_exact_text(tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.set(low_balance_option(3), "0.10")
    assert settings.get(low_balance_option(3)) == "0.10"
    assert settings.get(low_balance_option(4)) == ""
