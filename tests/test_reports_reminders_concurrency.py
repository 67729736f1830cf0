"""Two machines run `send_reminders` at the same instant: each reminder still goes out once.

Only PostgreSQL shows two writers racing for the same unique row; SQLite serialises all writers,
so there the test is skipped (CI runs the suite on both).
"""

import datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from reports import reminders
from reports.models import Reminder
from tests import factories as f
from tests.concurrency import at_once, postgresql_only  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

MACHINES = 4
REQUESTS = 6


def run_everywhere_at_once():
    return at_once([reminders.send_due] * MACHINES)


def test_reminders_go_out_once_when_machines_run_in_parallel(
    b2, integration_unit, integration_unit_staff, office
):
    due = datetime.date(2026, 6, 30)
    for _ in range(REQUESTS):
        paper = f.requested_paper(committee=b2)
        f.ReportRequestFactory(paper=paper, unit=integration_unit, due_date=due)

    # freezegun patches the clock for every thread, and only from one thread safely.
    with freeze_time(datetime.datetime(2026, 7, 1, 8, 0, tzinfo=f.BERLIN)):
        queued, errors = run_everywhere_at_once()

    assert errors == []
    assert sum(queued) == Reminder.objects.count() == 2 * REQUESTS
    assert len(mail.outbox) == 2 * REQUESTS
