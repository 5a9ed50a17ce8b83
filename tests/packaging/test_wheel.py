"""The wheel, as `pipx install smmdesk` gets it: `pip wheel --no-deps` builds it with the
project's own build backend (in pip's isolated build environment), pip installs it into a
fresh virtual environment (not .venv; pip's cache is used), and there `smmdesk --selftest`
must pass offscreen with nothing of the work tree on the path.

The build runs on a copy of the work tree: setuptools builds in place, so it would write
build/lib and the egg-info into the tree, ship a module that build/lib kept from an earlier
build after the source was deleted, and collide with another suite building at the same
time. Timings and the wheel's size are shown in the closing summary ("packaging figures").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        sys.platform != "linux", reason="the fresh environment is checked on Linux (CI)"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
# Left out of the copy: version control, environments, caches and build outputs.
TOP_LEVEL_SKIPPED = {".git", ".venv", "build", "dist", ".mypy_cache", ".ruff_cache"}
TOP_LEVEL_SKIPPED |= {".pytest_cache", ".hypothesis"}
STEP_TIMEOUT = 300
ISOLATION_VARIABLES = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")


@dataclass(frozen=True)
class Wheel:
    source: Path  # the copy of the work tree it was built from
    path: Path
    project: dict[str, Any]

    @property
    def version(self) -> str:
        return str(self.project["version"])

    def names(self) -> list[str]:
        with zipfile.ZipFile(self.path) as archive:
            return archive.namelist()

    def read(self, name: str) -> str:
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(name).decode()


def _skip_in_copy(folder: str, names: list[str]) -> set[str]:
    skipped = {n for n in names if n == "__pycache__" or n.endswith((".egg-info", ".pyc"))}
    if Path(folder) == ROOT:
        skipped |= TOP_LEVEL_SKIPPED & set(names)
        # Any other virtual environment someone keeps in the tree.
        skipped |= {n for n in names if (ROOT / n / "pyvenv.cfg").is_file()}
    return skipped


def _environment() -> dict[str, str]:
    """This process's environment without what would point Python at .venv or the tree."""
    env = {k: v for k, v in os.environ.items() if k not in ISOLATION_VARIABLES}
    env.pop("SMMDESK_DATA_DIR", None)
    return dict(env, PIP_DISABLE_PIP_VERSION_CHECK="1", QT_QPA_PLATFORM="offscreen")


def _run(args: Iterable[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    command = " ".join(str(arg) for arg in args)
    assert result.returncode == 0, f"{command}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result


def _timed(figures: list[str], what: str, step: Callable[[], object]) -> None:
    started = time.monotonic()
    step()
    figures.append(f"{what} {time.monotonic() - started:.1f} s")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, packaging_figures: list[str]) -> Wheel:
    work = tmp_path_factory.mktemp("wheel")
    source, out = work / "source", work / "wheelhouse"
    shutil.copytree(ROOT, source, ignore=_skip_in_copy, symlinks=True)
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, source]
    _timed(packaging_figures, "wheel: pip wheel --no-deps", lambda: _run(build, cwd=work))
    built = sorted(out.glob("smmdesk-*.whl"))
    assert len(built) == 1, f"expected one wheel in {out}: {built}"
    with (source / "pyproject.toml").open("rb") as file:
        project = tomllib.load(file)["project"]
    size = built[0].stat().st_size
    packaging_figures.append(f"wheel: {built[0].name} {size / 1024:.0f} KiB")
    return Wheel(source, built[0], project)


@pytest.fixture(scope="module")
def fresh_venv(
    wheel: Wheel, tmp_path_factory: pytest.TempPathFactory, packaging_figures: list[str]
) -> Path:
    """A new virtual environment with the wheel installed by pip, dependencies from the
    index (or pip's cache), as pipx does."""
    work = tmp_path_factory.mktemp("fresh-venv")
    venv = work / "venv"
    create = [sys.executable, "-m", "venv", venv]
    _timed(packaging_figures, "wheel: python -m venv", lambda: _run(create, cwd=work))
    install = [venv / "bin" / "python", "-m", "pip", "install", "-q", wheel.path]
    _timed(packaging_figures, "wheel: pip install", lambda: _run(install, cwd=work))
    return venv


def test_wheel_is_pure_python_and_named_for_the_version(wheel: Wheel) -> None:
    assert wheel.path.name == f"smmdesk-{wheel.version}-py3-none-any.whl"


def test_wheel_holds_every_module_and_resource(wheel: Wheel) -> None:
    names = set(wheel.names())
    package = wheel.source / "smmdesk"
    modules = {p.relative_to(wheel.source).as_posix() for p in package.rglob("*.py")}
    assert modules - names == set(), "modules missing from the wheel (no __init__.py?)"
    resources = {
        p.relative_to(wheel.source).as_posix()
        for p in (package / "resources").rglob("*")
        if p.is_file()
    }
    assert resources, "smmdesk/resources holds nothing"
    assert resources - names == set()
    assert "smmdesk/py.typed" in names


def test_wheel_holds_a_compiled_translation_per_source(wheel: Wheel) -> None:
    """Every `.ts` source has its `.qm` in the wheel (the build compiles them)."""
    sources = [p for p in wheel.source.rglob("*.ts") if "translations" in p.parts]
    shipped = {
        Path(n).stem for n in wheel.names() if n.startswith("smmdesk/") and n.endswith(".qm")
    }
    missing = sorted(p.stem for p in sources if p.stem not in shipped)
    assert missing == [], f"no .qm in the wheel for {missing}"


def test_wheel_holds_no_tests_benchmarks_or_bytecode(wheel: Wheel) -> None:
    names = wheel.names()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"smmdesk", f"smmdesk-{wheel.version}.dist-info"}
    unwanted = {"tests", "bench", "__pycache__"}
    assert [n for n in names if unwanted & set(n.split("/")) or n.endswith(".pyc")] == []


def test_wheel_metadata(wheel: Wheel) -> None:
    info = f"smmdesk-{wheel.version}.dist-info"
    metadata = HeaderParser().parsestr(wheel.read(f"{info}/METADATA"))
    assert metadata["Requires-Python"] == wheel.project["requires-python"]
    requirements = metadata.get_all("Requires-Dist") or []
    assert any(r.startswith("PySide6-Essentials") for r in requirements)
    maintainer = wheel.project["maintainers"][0]
    assert maintainer["email"] in metadata["Maintainer-email"]
    homepage = wheel.project["urls"]["Homepage"]
    assert f"Homepage, {homepage}" in (metadata.get_all("Project-URL") or [])
    entry_points = wheel.read(f"{info}/entry_points.txt")
    assert "[gui_scripts]\nsmmdesk = smmdesk.app:main" in entry_points


def test_fresh_venv_runs_the_installed_package(
    wheel: Wheel, fresh_venv: Path, tmp_path: Path
) -> None:
    python = fresh_venv / "bin" / "python"
    where = _run([python, "-c", "import smmdesk; print(smmdesk.__file__)"], cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(fresh_venv)
    _run([python, "-m", "pip", "check"], cwd=tmp_path)
    version = _run([fresh_venv / "bin" / "smmdesk", "--version"], cwd=tmp_path)
    assert f"SMMDesk {wheel.version}" in version.stdout


def test_fresh_venv_passes_selftest(
    fresh_venv: Path, tmp_path: Path, packaging_figures: list[str]
) -> None:
    selftest = [fresh_venv / "bin" / "smmdesk", "--selftest", "--data-dir", tmp_path / "data"]
    started = time.monotonic()
    result = _run(selftest, cwd=tmp_path)
    packaging_figures.append(f"wheel: --selftest {time.monotonic() - started:.1f} s")
    print(result.stdout)
    assert "selftest passed" in result.stdout
