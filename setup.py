"""Only what pyproject.toml cannot say: the wheel's `.qm` translations are compiled from
resources/translations/*.ts while it is built (lrelease comes with PySide6, which is
therefore a build requirement), so compiled files are never committed by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        spec = importlib.util.spec_from_file_location(
            "translations", ROOT / "scripts" / "translations.py"
        )
        assert spec is not None and spec.loader is not None
        translations = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(translations)
        out_dir = Path(self.build_lib) / "smmdesk" / "resources" / "translations"
        translations.compile_translations(out_dir, root=ROOT)


setup(cmdclass={"build_py": BuildWithTranslations})
