"""Reference numbers stay unique and gap-free when staff submit at the same instant.

Only PostgreSQL shows real row-lock contention between connections; SQLite serialises all
writers, so there the test is skipped (CI runs the suite on both).
"""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from motions import services
from motions.models import Paper
from tests import factories as f

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

SUBMITTERS = 8


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no concurrent writers")


def submit_simultaneously(papers, by):
    """Submit every paper from its own thread and connection, all released at once."""
    barrier = threading.Barrier(len(papers))
    errors = []

    def submit(paper):
        try:
            barrier.wait(timeout=10)
            services.submit(paper=paper, by=by)
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(paper,)) for paper in papers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_simultaneous_submissions_get_unique_gap_free_references(b2, spd, spd_staff):
    papers = [f.PaperFactory(body=b2.body, committee=b2, factions=[spd]) for _ in range(SUBMITTERS)]

    errors = submit_simultaneously(papers, spd_staff)

    references = sorted(Paper.objects.values_list("reference", flat=True))
    year = timezone.localdate().year
    assert errors == []
    assert references == [f"A/{year}/{n:04d}" for n in range(1, SUBMITTERS + 1)]


def test_the_first_submissions_of_a_year_race_to_create_the_counter(b2, spd, spd_staff):
    papers = [
        f.PaperFactory(body=b2.body, committee=b2, factions=[spd], paper_type="inquiry")
        for _ in range(2)
    ]

    errors = submit_simultaneously(papers, spd_staff)

    assert errors == []
    assert len(set(Paper.objects.values_list("reference", flat=True))) == 2
