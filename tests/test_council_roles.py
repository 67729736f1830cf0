"""Roles follow from memberships and groups; each role resolves to what it says."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from council.models import Role
from council.roles import roles_of
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_anonymous_citizen_has_no_role():
    roles = roles_of(AnonymousUser())

    assert not roles.is_staff_of_anything


def test_faction_staff_acts_for_their_faction(spd_staff, spd):
    assert roles_of(spd_staff).factions == {spd.pk}


def test_faction_chair_acts_for_their_faction(spd):
    person = f.PersonFactory()
    f.MembershipFactory(person=person, organization=spd, role=Role.FACTION_CHAIR)
    user = f.user_for(person)

    assert roles_of(user).factions == {spd.pk}


def test_committee_chair_chairs_their_committee(b2_chair, b2):
    assert roles_of(b2_chair).chaired == {b2.pk}


def test_deputy_chair_counts_as_chair(b2):
    person = f.PersonFactory()
    f.MembershipFactory(person=person, organization=b2, role=Role.DEPUTY_CHAIR)
    user = f.user_for(person)

    assert roles_of(user).chaired == {b2.pk}


def test_administration_staff_work_in_their_unit(integration_unit_staff, integration_unit):
    roles = roles_of(integration_unit_staff)

    assert roles.units == {integration_unit.pk}
    assert not roles.seats


def test_council_office_group_grants_office_role(office):
    assert roles_of(office).office


def test_committee_member_has_a_seat_but_chairs_nothing(b2_member, b2):
    roles = roles_of(b2_member)

    assert b2.pk in roles.seats
    assert not roles.chaired


def test_ended_membership_grants_no_role(spd):
    person = f.PersonFactory()
    f.MembershipFactory(
        person=person,
        organization=spd,
        role=Role.FACTION_STAFF,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    user = f.user_for(person)

    assert not roles_of(user).factions


def test_faction_staff_has_no_seat(spd_staff):
    assert not roles_of(spd_staff).seats


def test_chair_may_manage_their_committees_meeting(b2_chair, b2_meeting):
    assert b2_chair.has_perm("council.manage_meeting", b2_meeting)


def test_chair_may_not_manage_another_committees_meeting(b2_chair, body):
    other = f.MeetingFactory(body=body, organizations=[f.CommitteeFactory(body=body)])

    assert not b2_chair.has_perm("council.manage_meeting", other)


def test_council_office_may_manage_every_meeting(office, b2_meeting):
    assert office.has_perm("council.manage_meeting", b2_meeting)
