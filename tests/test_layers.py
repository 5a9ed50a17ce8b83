"""The Qt-free layers stay Qt-free: a script can drive them without PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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


UI_ROOT = Path(__file__).parent.parent / "smmdesk" / "ui"
SIDE_DOORS = {"store", "keys", "journal", "clients", "_store", "_keys", "_clients"}
FORBIDDEN_IN_UI = {
    "Store",
    "Database",
    "KeyStore",
    "OrderJournal",
    "ClientPool",
    "PanelClient",
    "keyring",
    "sqlite3",
    "httpx",
}


def _ui_sources() -> list[Path]:
    return sorted(UI_ROOT.rglob("*.py"))


@pytest.mark.parametrize("path", _ui_sources(), ids=lambda p: str(p.relative_to(UI_ROOT)))
def test_ui_goes_through_the_desk_only(path: Path) -> None:
    """Widgets reach data, keys and the network only through `Desk` (and `LocalReads`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doors = [
        f"line {node.lineno}: .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in SIDE_DOORS
    ]
    imports = [
        f"line {node.lineno}: {alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
        if alias.name.split(".")[-1] in FORBIDDEN_IN_UI
        or (isinstance(node, ast.ImportFrom) and (node.module or "") in FORBIDDEN_IN_UI)
    ]
    assert doors == [] and imports == []
