"""The paper's invariants hold in the database."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_letter_entered_on_behalf_records_when_it_arrived(b2):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PaperFactory(body=b2.body, committee=b2, entered_on_behalf=True, received_on=None)


def test_an_urgent_paper_has_a_reason(b2):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PaperFactory(body=b2.body, committee=b2, urgent=True, urgency_reason="")


def test_a_submitted_paper_has_a_reference(b2):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PaperFactory(body=b2.body, committee=b2, state="submitted")


def test_a_decided_paper_has_an_outcome(b2):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.PaperFactory(
            body=b2.body,
            committee=b2,
            state="decided",
            reference="A/1",
            submitted_at="2026-01-01T10:00Z",
        )


def test_references_are_unique_within_a_body(b2):
    f.PaperFactory(
        body=b2.body,
        committee=b2,
        state="submitted",
        reference="A/1",
        submitted_at="2026-01-01T10:00Z",
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        f.PaperFactory(
            body=b2.body,
            committee=b2,
            state="submitted",
            reference="A/1",
            submitted_at="2026-01-01T10:00Z",
        )


def test_a_paper_has_one_lead_faction(b2, spd, gruene):
    paper = f.PaperFactory(body=b2.body, committee=b2, factions=[spd])

    with pytest.raises(IntegrityError), transaction.atomic():
        paper.sponsorships.create(faction=gruene, is_lead=True)
