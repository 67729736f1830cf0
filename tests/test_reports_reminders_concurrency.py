"""Two machines run `send_reminders` at the same instant: each reminder still goes out once.

Only PostgreSQL shows two writers racing for the same unique row; SQLite serialises all writers,
so there the test is skipped (CI runs the suite on both).
"""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from freezegun import freeze_time

from reports import reminders
from reports.models import Reminder
from tests import factories as f

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

MACHINES = 4
REQUESTS = 6


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no concurrent writers")


def run_everywhere_at_once():
    """`send_due` from several threads, each with its own connection, released together."""
    barrier = threading.Barrier(MACHINES)
    queued, errors = [], []

    def machine():
        try:
            barrier.wait(timeout=10)
            queued.append(reminders.send_due())
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=machine) for _ in range(MACHINES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return queued, errors


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
