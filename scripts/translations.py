#!/usr/bin/env python3
"""SMMDesk's translations: `.ts` sources in resources/translations/, compiled `.qm` files
in smmdesk/resources/translations/ (built, never committed).

    python scripts/translations.py update    # refresh the .ts files from the code (lupdate)
    python scripts/translations.py compile   # .ts -> .qm (lrelease), into the package

The build calls `compile_translations()` too: setup.py for the wheel, the PyInstaller spec
for the bundles. Qt's own tools come with PySide6 (`PySide6/lupdate`, `PySide6/lrelease`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "resources" / "translations"
LANGUAGES = ("pt_BR", "es", "tr", "id", "ar")


def qt_tool(name: str) -> Path:
    import PySide6

    tool = Path(PySide6.__file__).parent / (name + (".exe" if sys.platform == "win32" else ""))
    if not tool.exists():
        raise FileNotFoundError(f"{tool} is missing: PySide6 installs it")
    return tool


def compile_translations(out_dir: Path | None = None, root: Path = ROOT) -> list[Path]:
    """Compile every .ts into a .qm in `out_dir` (the package's translations folder)."""
    target = out_dir or root / "smmdesk" / "resources" / "translations"
    target.mkdir(parents=True, exist_ok=True)
    built = []
    for source in sorted((root / "resources" / "translations").glob("smmdesk_*.ts")):
        qm = target / source.with_suffix(".qm").name
        subprocess.run(
            [str(qt_tool("lrelease")), "-silent", str(source), "-qm", str(qm)], check=True
        )
        built.append(qm)
    return built


def update_sources(root: Path = ROOT) -> list[Path]:
    """Refresh every language's .ts from the strings in smmdesk/ (kept translations stay)."""
    code = sorted(str(p) for p in (root / "smmdesk").rglob("*.py"))
    sources = [root / "resources" / "translations" / f"smmdesk_{lang}.ts" for lang in LANGUAGES]
    for source in sources:
        language = source.stem.removeprefix("smmdesk_")
        subprocess.run(
            [str(qt_tool("lupdate")), "-silent", "-no-obsolete", "-target-language", language,
             *code, "-ts", str(source)],
            check=True,
        )  # fmt: skip
    return sources


def main(argv: list[str]) -> int:
    if argv[1:] == ["compile"]:
        for qm in compile_translations():
            print(qm.relative_to(ROOT))  # noqa: T201 (command-line output)
        return 0
    if argv[1:] == ["update"]:
        for ts in update_sources():
            print(ts.relative_to(ROOT))  # noqa: T201 (command-line output)
        return 0
    print(__doc__)  # noqa: T201 (command-line output)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
