"""Numbering patterns are set in the admin (/verwaltung/); a pattern that cannot work is refused."""

import pytest

from motions.models import ReferencePattern
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_numbering_pattern_without_a_number_and_says_why(client, body):
    client.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.post(
        "/verwaltung/motions/referencepattern/add/",
        {"body": body.pk, "paper_type": "motion", "pattern": "A/{year}"},
    )

    assert response.status_code == 200
    assert "Das Muster braucht den Platzhalter {number}" in response.content.decode()
    assert not ReferencePattern.objects.exists()
