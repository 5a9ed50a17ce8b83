"""The packaging tests' figures (sizes, timings) are shown in the run's closing summary, so
that a CI log carries them without `-s`."""

from __future__ import annotations

import pytest

FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def packaging_figures(pytestconfig: pytest.Config) -> list[str]:
    """Append lines here: pytest prints them under "packaging figures" at the end."""
    return pytestconfig.stash.setdefault(FIGURES, [])


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("packaging figures")
        for line in lines:
            terminalreporter.write_line(line)
