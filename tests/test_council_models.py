"""The council's invariants hold in the database, not only in forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from council.models import Person, Role, person_sort_name
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_membership_cannot_end_before_it_starts(b2):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MembershipFactory(
            organization=b2,
            start_date=datetime.date(2024, 5, 1),
            end_date=datetime.date(2024, 4, 30),
        )


def test_committee_cannot_have_two_current_chairs(b2):
    f.MembershipFactory(organization=b2, role=Role.CHAIR)

    with pytest.raises(IntegrityError), transaction.atomic():
        f.MembershipFactory(organization=b2, role=Role.CHAIR)


def test_a_former_chair_and_a_current_chair_may_coexist(b2):
    f.MembershipFactory(
        organization=b2,
        role=Role.CHAIR,
        start_date=datetime.date(2020, 11, 1),
        end_date=datetime.date(2023, 6, 30),
    )

    f.MembershipFactory(organization=b2, role=Role.CHAIR, start_date=datetime.date(2023, 7, 1))

    assert b2.memberships.filter(role=Role.CHAIR).count() == 2


def test_overlapping_closed_chair_terms_are_refused_by_validation(b2):
    f.MembershipFactory(
        organization=b2,
        role=Role.CHAIR,
        start_date=datetime.date(2020, 11, 1),
        end_date=datetime.date(2023, 6, 30),
    )
    second = f.MembershipFactory.build(
        organization=b2,
        person=f.PersonFactory(),
        role=Role.CHAIR,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2024, 1, 1),
    )

    with pytest.raises(ValidationError) as excinfo:
        second.clean()

    assert excinfo.value.code == "two_chairs"


def test_meeting_cannot_end_before_it_starts(body):
    start = datetime.datetime(2030, 1, 1, 17, tzinfo=f.BERLIN)

    with pytest.raises(IntegrityError), transaction.atomic():
        f.MeetingFactory(body=body, start=start, end=start - datetime.timedelta(hours=1))


def test_agenda_numbers_are_unique_within_a_meeting(b2_meeting):
    f.AgendaItemFactory(meeting=b2_meeting, number="Ö 5.1")

    with pytest.raises(IntegrityError), transaction.atomic():
        f.AgendaItemFactory(meeting=b2_meeting, number="Ö 5.1")


def test_organization_short_names_are_unique_within_a_body(body):
    f.CommitteeFactory(body=body, short_name="B2")

    with pytest.raises(IntegrityError), transaction.atomic():
        f.CommitteeFactory(body=body, short_name="B2")


def test_legislative_term_cannot_end_before_it_starts(body):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.LegislativeTermFactory(
            body=body, start_date=datetime.date(2025, 11, 1), end_date=datetime.date(2020, 1, 1)
        )


def test_str_of_a_nonpublic_agenda_item_does_not_name_its_title(b2_meeting):
    item = f.AgendaItemFactory(
        meeting=b2_meeting, number="N 1", title="Grundstück Am Markt", public=False
    )

    assert "Grundstück" not in str(item)


def test_person_formal_name_is_the_letters_address_line():
    person = f.PersonFactory.build(
        form_of_address="Frau", title="Dr.", given_name="Katrin", family_name="Lasser"
    )

    assert person.formal_name == "Frau Dr. Katrin Lasser"


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        (("Köhler", "Anna"), ("König", "Anna")),
        (("König", "Anna"), ("Kuhn", "Anna")),
        (("kuhn", "Zoe"), ("Kuhne", "Anna")),
        (("Meyer", "Anna"), ("Meyer", "Bert")),
        (("Ørsted", "Anna"), ("Otte", "Anna")),
    ],
)
def test_person_sort_name_orders_as_din_5007(earlier, later):
    assert person_sort_name(*earlier) < person_sort_name(*later)


def test_person_sort_name_treats_umlauts_as_their_base_letter_and_ignores_case():
    assert person_sort_name("Köhler", "Jürgen") == person_sort_name("KOHLER", "jurgen")
    assert person_sort_name("Strauß", "") == person_sort_name("Strauss", "")


def test_saving_a_person_sets_the_sort_name(body):
    person = f.PersonFactory(body=body, family_name="Özdemir", given_name="Ümit")

    person.family_name = "Äbersold"
    person.save(update_fields=["family_name"])

    person.refresh_from_db()
    assert person.sort_name == person_sort_name("Äbersold", "Ümit")


def test_persons_are_ordered_alphabetically_as_german_readers_expect(body):
    for family_name in ["Kuhn", "König", "Zander", "köhler", "Abel"]:
        f.PersonFactory(body=body, family_name=family_name, given_name="Anna")

    names = list(Person.objects.values_list("family_name", flat=True))

    assert names == ["Abel", "köhler", "König", "Kuhn", "Zander"]
