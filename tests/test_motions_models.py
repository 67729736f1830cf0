"""The paper's invariants hold in the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from motions.models import ReferencePattern
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


# Numbering patterns ------------------------------------------------------------------------------


def pattern_errors(body, pattern, paper_type="motion"):
    """The error codes a numbering pattern gets in the admin's form (which runs full_clean)."""
    try:
        ReferencePattern(body=body, paper_type=paper_type, pattern=pattern).full_clean()
    except ValidationError as error:
        return [e.code for e in error.error_dict["pattern"]]
    return []


@pytest.mark.parametrize(
    "pattern", ["A/{year}/{number:04d}", "{number}-{year}", "Drucksache {year}/{number:06d}"]
)
def test_a_numbering_pattern_with_year_and_number_that_fits_is_accepted(body, pattern):
    assert pattern_errors(body, pattern) == []


def test_a_numbering_pattern_without_a_number_is_refused(body):
    assert pattern_errors(body, "A/{year}") == ["number_missing"]


def test_a_numbering_pattern_without_a_year_is_refused_as_its_counter_restarts_each_year(body):
    assert pattern_errors(body, "A/{number:04d}") == ["year_missing"]


@pytest.mark.parametrize(
    "pattern",
    [
        "Antrag der Fraktionen im Rat der Stadt {year}/{number}",
        "A/{year}/{number:036d}",
        "A/{year}/{number:99999999d}",
    ],
)
def test_a_numbering_pattern_whose_references_would_not_fit_is_refused(body, pattern):
    assert pattern_errors(body, pattern) == ["too_long"]


def test_a_numbering_pattern_is_refused_with_a_german_message(body):
    with pytest.raises(ValidationError) as error:
        ReferencePattern(body=body, paper_type="motion", pattern="A/{year}").full_clean()

    assert "{number}" in error.value.message_dict["pattern"][0]


def test_a_numbering_pattern_that_another_paper_type_uses_is_refused(body):
    ReferencePattern.objects.create(body=body, paper_type="inquiry", pattern="X/{year}/{number}")

    assert pattern_errors(body, "X/{year}/{number:04d}") == ["same_as_other_type"]


def test_a_numbering_pattern_that_another_type_uses_by_default_is_refused(body):
    assert pattern_errors(body, "AF/{year}/{number:04d}") == ["same_as_other_type"]


def test_a_numbering_pattern_may_be_saved_again_for_its_own_type(body):
    existing = ReferencePattern.objects.create(
        body=body, paper_type="motion", pattern="A/{year}/{number}"
    )

    existing.pattern = "A/{year}/{number:05d}"

    existing.full_clean()


def test_a_numbering_pattern_with_an_unknown_placeholder_gets_only_that_error(body):
    assert pattern_errors(body, "A/{jahr}/{number}") == ["invalid"]


def test_an_imported_paper_reads_as_the_type_its_own_system_gave_it(b2):
    paper = f.PaperFactory.build(
        body=b2.body, committee=b2, state="imported", source_type="Beschlussvorlage"
    )

    assert (paper.type_label, paper.oparl_type) == ("Beschlussvorlage", "Beschlussvorlage")


def test_a_paper_of_ratsfaden_reads_as_its_own_type(b2):
    paper = f.PaperFactory.build(body=b2.body, committee=b2, paper_type="inquiry")

    assert (paper.type_label, paper.oparl_type) == ("Anfrage", "Anfrage")
