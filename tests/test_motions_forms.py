"""What the letter form offers to choose from."""

import datetime

import pytest

from council.models import Role
from motions.forms import PaperForm
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_signatories_offered_are_all_faction_chairs_and_the_own_factions_members(
    spd_staff, spd, gruene, body
):
    spd_member = f.MembershipFactory(organization=spd, role=Role.MEMBER).person
    gruene_chair = f.MembershipFactory(organization=gruene, role=Role.FACTION_CHAIR).person
    gruene_member = f.MembershipFactory(organization=gruene, role=Role.MEMBER).person

    offered = set(PaperForm(user=spd_staff, body=body).fields["signers"].queryset)

    assert {spd_member, gruene_chair} <= offered
    assert gruene_member not in offered


def test_faction_staff_may_only_file_for_their_own_faction(spd_staff, spd, gruene, body):
    choices = list(PaperForm(user=spd_staff, body=body).fields["lead_faction"].queryset)

    assert choices == [spd]


def test_only_upcoming_meetings_are_offered_as_target(spd_staff, b2, body):
    past = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2020, 1, 1, 17, tzinfo=f.BERLIN)
    )
    future = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2099, 1, 1, 17, tzinfo=f.BERLIN)
    )

    offered = [
        value
        for value, _label in PaperForm(user=spd_staff, body=body)
        .fields["target_meeting"]
        .widget.choices
    ]

    assert future.pk in offered
    assert past.pk not in offered


def test_staff_of_one_faction_are_not_offered_it_as_its_own_co_sponsor(
    spd_staff, spd, gruene, body
):
    offered = list(PaperForm(user=spd_staff, body=body).fields["co_sponsors"].queryset)

    assert offered == [gruene]
