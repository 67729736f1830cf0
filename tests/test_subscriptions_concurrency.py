"""Two machines run `send_subscriptions` at the same instant: each subscriber still gets each
news once.

Only PostgreSQL shows two runs racing for the same rows; SQLite serialises all writers, so there
the test is skipped (CI runs the suite on both).
"""

import datetime

import pytest
from django.core import mail
from freezegun import freeze_time

from motions import services as paper_steps
from subscriptions import sending
from subscriptions.models import Subscription
from tests import factories as f
from tests.concurrency import at_once, postgresql_only  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

MACHINES = 4
SUBSCRIBERS = 30


def run_everywhere_at_once():
    return at_once([sending.send_due] * MACHINES)


def test_digests_go_out_once_when_machines_run_in_parallel(b2, spd, spd_staff, monkeypatch):
    # Small batches, so that the machines really interleave.
    monkeypatch.setattr(sending, "BATCH", 3)
    confirmed = datetime.datetime(2026, 3, 1, 12, tzinfo=f.BERLIN)
    for number in range(SUBSCRIBERS):
        Subscription.objects.create(
            email=f"leser{number}@example.org",
            kind="committee",
            target=f"id={b2.pk}",
            frequency="daily" if number % 2 else "instant",
            confirmed_at=confirmed,
            checked_until=confirmed,
        )
    with freeze_time(datetime.datetime(2026, 3, 2, 10, tzinfo=f.BERLIN)):
        paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Schulweg")
        paper_steps.submit(paper=paper, by=spd_staff)
    mail.outbox.clear()  # the council office's notice of the submission

    with freeze_time(datetime.datetime(2026, 3, 3, 8, tzinfo=f.BERLIN)):
        claimed, errors = run_everywhere_at_once()

    assert errors == []
    assert sum(claimed) == SUBSCRIBERS
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"leser{number}@example.org" for number in range(SUBSCRIBERS)
    )
