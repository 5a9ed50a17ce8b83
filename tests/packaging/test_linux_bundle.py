"""The Linux artefacts, end to end: `packaging/build-linux.sh` builds the tar.gz and the
.deb, the .deb is unpacked into a temporary root (`dpkg -x`, as dpkg would install it) and
the installed binary must pass `--selftest` offscreen.

The build goes to the test's own temporary folders (other runs of the suite in the same
work tree may build at the same time). Set SMMDESK_PACKAGING_REUSE=1 to test the artefacts
that `packaging/build-linux.sh` left in dist/ (when they are of the current version)
instead. Sizes and the build time are printed and written to dist/packaging-report.txt.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.timeout(3600),
    pytest.mark.skipif(
        sys.platform != "linux" or platform.machine() != "x86_64",
        reason="the Linux artefacts are built on Linux x86_64",
    ),
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian)"),
]

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
APP_ID = "io.github.smmdesk.SMMDesk"
REUSE_ENV = "SMMDESK_PACKAGING_REUSE"
BUILD_TIMEOUT = 40 * 60
RUN_TIMEOUT = 300


@dataclass
class Artefacts:
    version: str
    tarball: Path
    deb: Path
    build_seconds: float
    built_now: bool
    report: dict[str, str] = field(default_factory=dict)


def _read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {key: value for key, value in pairs}


def _mib(size: int) -> str:
    return f"{size / 1048576:.1f} MiB"


def _tree_bytes(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _build_env(out: Path) -> dict[str, str]:
    env = dict(os.environ, SMMDESK_BUILD_DIR=str(out / "build"), SMMDESK_DIST_DIR=str(out))
    if sys.prefix != sys.base_prefix:  # build with the venv running the tests
        env["SMMDESK_VENV"] = sys.prefix
    return env


def _reusable(expected_version: str) -> Artefacts | None:
    info_file = DIST / "build-linux.env"
    if os.environ.get(REUSE_ENV) != "1" or not info_file.is_file():
        return None
    info = _read_env(info_file)
    tarball, deb = DIST / info.get("TARBALL", "-"), DIST / info.get("DEB", "-")
    if info.get("VERSION") != expected_version or not (tarball.is_file() and deb.is_file()):
        return None
    return Artefacts(expected_version, tarball, deb, float(info["BUILD_SECONDS"]), False)


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Artefacts]:
    expected_version = version("smmdesk")
    reused = _reusable(expected_version)
    if reused is not None:
        yield reused
    else:
        out = tmp_path_factory.mktemp("packaging")
        log_path = out / "build-linux.log"
        started = time.monotonic()
        with log_path.open("w") as log:
            result = subprocess.run(
                ["bash", str(ROOT / "packaging" / "build-linux.sh")],
                cwd=ROOT,
                env=_build_env(out),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=BUILD_TIMEOUT,
                check=False,
            )
        waited = time.monotonic() - started
        tail = "\n".join(log_path.read_text().splitlines()[-40:])
        assert result.returncode == 0, f"build-linux.sh failed ({log_path}):\n{tail}"
        info = _read_env(out / "build-linux.env")
        assert info["VERSION"] == expected_version
        seconds = float(info["BUILD_SECONDS"])  # without the wait for another build's lock
        built = Artefacts(expected_version, out / info["TARBALL"], out / info["DEB"], seconds, True)
        built.report["build-linux.sh wall time"] = f"{waited:.0f} s"
        yield built


@pytest.fixture(scope="module")
def installed(artefacts: Artefacts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb's files under a temporary root, exactly where dpkg would put them."""
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(artefacts.deb), str(root)], check=True)
    return root


def _run(
    binary: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    return subprocess.run(
        [str(binary), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_artefact_names_carry_the_version(artefacts: Artefacts) -> None:
    assert artefacts.tarball.name == f"smmdesk-{artefacts.version}-linux-x86_64.tar.gz"
    assert artefacts.deb.name == f"smmdesk_{artefacts.version}_amd64.deb"


def _project_metadata() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        project: dict[str, Any] = tomllib.load(file)["project"]
    return project


def test_control_file(artefacts: Artefacts) -> None:
    fields = ["Package", "Version", "Architecture", "Depends", "Installed-Size"]
    output = subprocess.run(
        ["dpkg-deb", "--field", str(artefacts.deb), *fields],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    control = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    assert control["Package"] == "smmdesk"
    assert control["Version"] == artefacts.version
    assert control["Architecture"] == "amd64"
    depends = {alt.split("(")[0].strip() for alt in control["Depends"].replace("|", ",").split(",")}
    for library in ("libc6", "libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3"):
        assert library in depends
    assert "libxcb-cursor0" in depends
    assert int(control["Installed-Size"]) > 0


def test_control_file_names_the_maintainer_and_homepage_of_the_project(
    artefacts: Artefacts,
) -> None:
    """Maintainer and Homepage come from pyproject.toml, where they are written once."""
    project = _project_metadata()
    maintainer = project["maintainers"][0]
    output = subprocess.run(
        ["dpkg-deb", "-f", str(artefacts.deb), "Maintainer", "Homepage"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    control = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    if "SMMDESK_DEB_MAINTAINER" not in os.environ:
        assert control["Maintainer"] == f"{maintainer['name']} <{maintainer['email']}>"
    assert control["Homepage"] == project["urls"]["Homepage"]
    assert control["Homepage"].startswith("https://")


def test_package_layout(artefacts: Artefacts, installed: Path) -> None:
    binary = installed / "opt" / "smmdesk" / "smmdesk"
    assert binary.is_file() and os.access(binary, os.X_OK)
    link = installed / "usr" / "bin" / "smmdesk"
    assert link.is_symlink() and os.readlink(link) == "/opt/smmdesk/smmdesk"
    share = installed / "usr" / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert desktop.is_file() and metainfo.is_file()
    entry = desktop.read_text()
    assert "\nExec=smmdesk\n" in entry and f"\nIcon={APP_ID}\n" in entry
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in metainfo.read_text()
    assert f'<release version="{artefacts.version}"' in metainfo.read_text()
    icons = share / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (icons / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "doc" / "smmdesk" / "copyright").is_file()
    # Nothing outside /opt/smmdesk, /usr/bin/smmdesk and /usr/share.
    top = {p.relative_to(installed).parts[0] for p in installed.iterdir()}
    assert top == {"opt", "usr"}
    assert {p.name for p in (installed / "usr").iterdir()} == {"bin", "share"}


def test_tarball_holds_the_same_bundle(artefacts: Artefacts) -> None:
    prefix = f"smmdesk-{artefacts.version}/"
    with tarfile.open(artefacts.tarball) as archive:
        names = archive.getnames()
    assert f"{prefix}smmdesk" in names
    assert all(name == prefix.rstrip("/") or name.startswith(prefix) for name in names)
    assert any(name.startswith(f"{prefix}_internal/smmdesk/resources/") for name in names)


def test_installed_binary_prints_the_version(artefacts: Artefacts, installed: Path) -> None:
    result = _run(installed / "opt" / "smmdesk" / "smmdesk", "--version")
    assert result.returncode == 0, result.stderr
    assert artefacts.version in result.stdout.splitlines()[0]


def test_installed_binary_passes_selftest(
    artefacts: Artefacts, installed: Path, tmp_path: Path
) -> None:
    bundle = installed / "opt" / "smmdesk"
    before = sorted(str(p) for p in bundle.rglob("*"))
    started = time.monotonic()
    result = _run(bundle / "smmdesk", "--selftest", "--data-dir", str(tmp_path / "data"))
    seconds = time.monotonic() - started
    artefacts.report["selftest"] = f"exit {result.returncode} in {seconds:.1f} s"
    print(result.stdout)
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    # The app writes nothing into its install folder, so removing the package leaves
    # nothing behind there.
    assert sorted(str(p) for p in bundle.rglob("*")) == before


def test_frozen_keyring_finds_its_backends(installed: Path) -> None:
    internal = installed / "opt" / "smmdesk" / "_internal"
    entry_points = list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert entry_points, "keyring's metadata (its backends' entry points) is not bundled"
    assert "SecretService = keyring.backends.SecretService" in entry_points[0].read_text()
    result = _run(installed / "opt" / "smmdesk" / "smmdesk", env={"SMMDESK_PROBE_KEYRING": "1"})
    print(result.stdout)
    if result.returncode != 0 and os.environ.get("SMMDESK_REQUIRE_SECRET_SERVICE") != "1":
        pytest.skip("no Secret Service on this session's D-Bus: the frozen keyring has none")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "keyring.backends.SecretService.Keyring" in result.stdout


def test_report_sizes_and_build_time(
    artefacts: Artefacts, installed: Path, packaging_figures: list[str]
) -> None:
    bundle_bytes = _tree_bytes(installed / "opt" / "smmdesk")
    lines = [
        f"SMMDesk {artefacts.version} Linux artefacts",
        f"bundle (/opt/smmdesk) {_mib(bundle_bytes)}",
        f"{artefacts.tarball.name} {_mib(artefacts.tarball.stat().st_size)}",
        f"{artefacts.deb.name} {_mib(artefacts.deb.stat().st_size)}",
        f"build time {artefacts.build_seconds:.0f} s"
        + ("" if artefacts.built_now else " (reused artefacts: time of that build)"),
        *(f"{name} {value}" for name, value in artefacts.report.items()),
    ]
    report = "\n".join(lines) + "\n"
    DIST.mkdir(exist_ok=True)
    (DIST / "packaging-report.txt").write_text(report)
    print(report)
    packaging_figures.extend(lines)
    assert bundle_bytes > 0
