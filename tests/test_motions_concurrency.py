"""Reference numbers stay unique and gap-free when staff submit at the same instant.

Only PostgreSQL shows real row-lock contention between connections; SQLite serialises all
writers, so there the test is skipped (CI runs the suite on both).
"""

from functools import partial

import pytest
from django.utils import timezone

from motions import services
from motions.models import Paper
from tests import factories as f
from tests.concurrency import at_once, postgresql_only  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

SUBMITTERS = 8


def submit_simultaneously(papers, by):
    """Submit every paper from its own thread and connection, all released at once."""
    _, errors = at_once([partial(services.submit, paper=paper, by=by) for paper in papers])
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
