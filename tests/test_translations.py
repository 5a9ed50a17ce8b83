"""Each language SMMDesk offers is complete: its .ts holds every string the code marks,
each translated, with the same {fields} and mnemonics as the English; it compiles, loads,
and changes what the window says. A string added to the code without its translations
fails here (run `python scripts/translations.py update`, then translate)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from translations import LANGUAGES, compile_translations, qt_tool  # noqa: E402

SOURCES = ROOT / "resources" / "translations"
FIELDS = re.compile(r"\{[a-z_]*\}")


def messages(path: Path) -> Iterator[tuple[str, str, ET.Element | None]]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message.findtext("source") or "", message.find("translation")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated_with_its_fields(language: str) -> None:
    source = SOURCES / f"smmdesk_{language}.ts"
    problems = []
    count = 0
    for context, text, translation in messages(source):
        count += 1
        done = translation is not None and translation.get("type") is None
        translated = (translation.text or "") if translation is not None else ""
        if not done or not translated.strip():
            problems.append(f"untranslated {context}: {text!r}")
        elif sorted(FIELDS.findall(text)) != sorted(FIELDS.findall(translated)):
            problems.append(f"fields differ {context}: {text!r} -> {translated!r}")
        elif text.replace("&&", "").count("&") != translated.replace("&&", "").count("&"):
            problems.append(f"mnemonic differs {context}: {text!r} -> {translated!r}")
    assert count > 300
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translations_hold_every_string_the_code_marks(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"smmdesk_{language}.ts"
    shutil.copy(SOURCES / fresh.name, fresh)
    code = sorted(str(p) for p in (ROOT / "smmdesk").rglob("*.py"))
    subprocess.run(
        [str(qt_tool("lupdate")), "-silent", "-no-obsolete", *code, "-ts", str(fresh)],
        check=True,
    )
    missing = [
        f"{context}: {text!r}"
        for context, text, translation in messages(fresh)
        if translation is None or translation.get("type") == "unfinished"
    ]
    assert missing == [], "run scripts/translations.py update, then translate these"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("qm")
    built = compile_translations(folder)
    assert {path.stem for path in built} == {f"smmdesk_{language}" for language in LANGUAGES}
    return folder


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_loads_and_changes_the_window(
    language: str, compiled: Path, qapp: QApplication
) -> None:
    translator = QTranslator()
    assert translator.load(str(compiled / f"smmdesk_{language}.qm"))
    qapp.installTranslator(translator)
    try:
        orders = QCoreApplication.translate("MainWindow", "&Orders")
        settings = QCoreApplication.translate("SettingsDialog", "Settings")
    finally:
        qapp.removeTranslator(translator)
    assert orders != "&Orders" and "&" in orders
    assert settings != "Settings"


ESCAPED_MARK = re.compile(r"""(?:translate|QT_TRANSLATE_NOOP)\(\s*"[^"]*",\s*"[^"]*\\N\{""")


def test_marked_strings_are_written_as_lupdate_reads_them() -> None:
    """lupdate reads C escapes (\\u, \\x) but not Python's \\N{…}: it filed an en dash
    and "Skipped" as "N{EN DASH} Skipped", so the user saw English. Such characters are
    written as they are, or as \\u escapes."""
    escaped = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted((ROOT / "smmdesk").rglob("*.py"))
        for match in ESCAPED_MARK.finditer(path.read_text(encoding="utf-8"))
    ]
    assert escaped == []
