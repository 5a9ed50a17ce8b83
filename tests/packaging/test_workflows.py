"""The GitHub Actions workflows cannot run here, so they are checked offline: against
GitHub's workflow schema (`check-jsonschema --builtin-schema vendor.github-workflows`, from
the test extra, which carries the schema), their bash steps with `bash -n`, and every
repository file they name must exist. Fast, so not marked `packaging`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)
# Paths of this repository as workflows name them (either slash), globs left out.
REPOSITORY_PATH = re.compile(r"\b(?:packaging|scripts|resources|tests)(?:[/\\][\w.-]+)+")


def _check_jsonschema() -> str | None:
    beside_python = Path(sys.executable).with_name("check-jsonschema")
    return str(beside_python) if beside_python.is_file() else shutil.which("check-jsonschema")


def _bash_steps(workflow: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(job/step name, script) of every `run` step whose shell is bash."""
    top_shell = workflow.get("defaults", {}).get("run", {}).get("shell")
    for job_id, job in workflow["jobs"].items():
        runner = str(job.get("runs-on", ""))
        default = "pwsh" if "windows" in runner else "bash"
        job_shell = job.get("defaults", {}).get("run", {}).get("shell") or top_shell or default
        for index, step in enumerate(job.get("steps", [])):
            if "run" in step and (step.get("shell") or job_shell) in {"bash", "sh"}:
                yield f"{job_id}/{step.get('name', index)}", step["run"]


def test_the_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "release.yml"}


def test_workflows_match_the_github_schema() -> None:
    linter = _check_jsonschema()
    if linter is None:
        pytest.skip("check-jsonschema is not installed (the test extra installs it)")
    result = subprocess.run(
        [linter, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_bash_steps_parse(path: Path) -> None:
    yaml = pytest.importorskip("ruamel.yaml", reason="ruamel.yaml comes with check-jsonschema")
    workflow = yaml.YAML(typ="safe").load(path.read_text())
    steps = list(_bash_steps(workflow))
    assert steps, f"{path.name} has no bash step"
    for name, script in steps:
        plain = EXPRESSION.sub("EXPRESSION", script)
        result = subprocess.run(
            ["bash", "-n"], input=plain, capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{path.name} {name}:\n{result.stderr}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_named_repository_files_exist(path: Path) -> None:
    named = {m.replace("\\", "/") for m in REPOSITORY_PATH.findall(path.read_text())}
    assert sorted(p for p in named if not (ROOT / p).exists()) == []
