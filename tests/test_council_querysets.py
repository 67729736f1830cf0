"""visible_to: who may read a non-public agenda item's title."""

import pytest
from django.contrib.auth.models import AnonymousUser

from council.models import AgendaItem, Person, Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_item(b2_meeting):
    return f.AgendaItemFactory(meeting=b2_meeting, title="Grundstück Am Markt", public=False)


@pytest.fixture
def public_item(b2_meeting):
    return f.AgendaItemFactory(meeting=b2_meeting, title="Spielplatz Nord", public=True)


def test_citizen_sees_public_items_only(secret_item, public_item):
    visible = AgendaItem.objects.visible_to(AnonymousUser())

    assert list(visible) == [public_item]


def test_committee_member_sees_nonpublic_items_of_their_committee(b2_member, secret_item):
    assert secret_item in AgendaItem.objects.visible_to(b2_member)


def test_chair_sees_nonpublic_items_of_their_committee(b2_chair, secret_item):
    assert secret_item in AgendaItem.objects.visible_to(b2_chair)


def test_member_of_another_committee_does_not_see_nonpublic_items(body, secret_item):
    person = f.PersonFactory(body=body)
    f.MembershipFactory(person=person, organization=f.CommitteeFactory(body=body))
    user = f.user_for(person)

    assert secret_item not in AgendaItem.objects.visible_to(user)


def test_faction_staff_does_not_see_nonpublic_items(spd_staff, secret_item):
    assert secret_item not in AgendaItem.objects.visible_to(spd_staff)


def test_council_office_sees_nonpublic_items(office, secret_item):
    assert secret_item in AgendaItem.objects.visible_to(office)


def test_the_unit_serving_the_committee_sees_its_nonpublic_items(
    integration_unit_staff, secret_item
):
    assert secret_item in AgendaItem.objects.visible_to(integration_unit_staff)


def test_a_unit_serving_other_committees_does_not_see_the_nonpublic_items(
    planning_unit_staff, secret_item
):
    assert secret_item not in AgendaItem.objects.visible_to(planning_unit_staff)


def test_visible_items_are_not_duplicated_for_a_joint_meeting(b2_member, b2, body):
    other = f.CommitteeFactory(body=body)
    f.MembershipFactory(person=b2_member.person, organization=other)
    meeting = f.MeetingFactory(body=body, organizations=[b2, other])
    f.AgendaItemFactory(meeting=meeting, public=False)

    assert AgendaItem.objects.visible_to(b2_member).filter(meeting=meeting).count() == 1


def test_disclosure_marks_nonpublic_items_undisclosed_for_citizens(secret_item, public_item):
    items = {i.pk: i.disclosed for i in AgendaItem.objects.with_disclosure(AnonymousUser())}

    assert items == {secret_item.pk: False, public_item.pk: True}


def test_staff_without_mandate_has_no_public_person_page(spd_staff):
    assert spd_staff.person not in Person.objects.public()


def test_councillor_has_a_public_person_page(council):
    membership = f.MembershipFactory(organization=council, role=Role.MEMBER)

    assert membership.person in Person.objects.public()
