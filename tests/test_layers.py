"""The Qt-free layers stay Qt-free: a script can drive them without PySide6."""

from __future__ import annotations

import subprocess
import sys

import pytest

QT_FREE = [
    "smmdesk.api",
    "smmdesk.store",
    "smmdesk.services",
    "smmdesk.secrets",
    "smmdesk.demopanel",
]


@pytest.mark.parametrize("module", QT_FREE)
def test_module_imports_no_qt(module: str) -> None:
    probe = f"import sys, {module}; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
