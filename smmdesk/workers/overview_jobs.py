"""`Desk`'s job for the Overview: every panel's figures in one read of the history.

At 100,000 orders the aggregate takes tens of milliseconds and can take a few hundred when
every order is recent (bench/overview.py), so it runs on the read pool, never on the GUI
thread.
"""

from __future__ import annotations

from datetime import UTC, datetime

from smmdesk.store import Overview, OverviewSpan

from .desk_base import DeskBase
from .jobs import Job, Ticket


class OverviewJobs(DeskBase):
    def load_overview(self, now: datetime | None = None) -> Ticket:
        """Every panel's figures at `now` (default: the moment the job runs), counted in
        local days. Answers `overview_loaded(Ticket, Overview)`."""

        def job() -> Overview:
            return self._store.overview(OverviewSpan.at(now or datetime.now(UTC)))

        return self._submit(self._reads, Ticket(Job.LOAD_OVERVIEW, None, self._generation), job)
