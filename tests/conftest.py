"""Personas and common data. Each persona is a user with exactly the role the name says."""

import datetime

import pytest

from council.models import Role
from tests import factories as f


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STATIC_ROOT = None  # served from the finders; no collectstatic before tests
    settings.WHITENOISE_USE_FINDERS = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A test's transaction never commits, so no change would start a new generation of cached
    # pages: the page caches are off, except in the tests of the caches (tests/test_pagecache*.py).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def body(db):
    return f.BodyFactory()


@pytest.fixture
def council(body):
    return f.CouncilFactory(body=body, name="Rat der Stadt Castrop-Rauxel", short_name="Rat")


@pytest.fixture
def b2(body):
    return f.CommitteeFactory(body=body, name="Betriebsausschuss 2", short_name="B2")


@pytest.fixture
def spd(body):
    return f.FactionFactory(body=body, name="SPD-Fraktion", short_name="SPD")


@pytest.fixture
def gruene(body):
    return f.FactionFactory(body=body, name="Fraktion Bündnis 90/Die Grünen", short_name="GRÜNE")


@pytest.fixture
def integration_unit(body, b2):
    """The unit that works for B2 (and so reads B2's non-public papers and items)."""
    unit = f.AdministrationUnitFactory(
        body=body, name="Fachbereich Integration", short_name="FB 50"
    )
    unit.serves.add(b2)
    return unit


@pytest.fixture
def integration_unit_head(integration_unit):
    """The head of the integration unit: releases its reports."""
    return _persona(integration_unit, Role.UNIT_HEAD, "integration-head")


@pytest.fixture
def planning_unit(body):
    """A unit that works for another committee than B2."""
    unit = f.AdministrationUnitFactory(
        body=body, name="Fachbereich Stadtplanung", short_name="FB 61"
    )
    unit.serves.add(f.CommitteeFactory(body=body, name="Ausschuss für Stadtentwicklung"))
    return unit


@pytest.fixture
def planning_unit_staff(planning_unit):
    return _persona(planning_unit, Role.MEMBER, "planning-staff")


@pytest.fixture
def citizen(client):
    """Anonymous: the test client without a login."""
    return None


def _persona(organization, role, username, **person):
    person = f.PersonFactory(body=organization.body, **person)
    f.MembershipFactory(person=person, organization=organization, role=role)
    return f.user_for(person, username=username)


@pytest.fixture
def spd_staff(spd):
    return _persona(spd, Role.FACTION_STAFF, "spd-staff")


@pytest.fixture
def gruene_staff(gruene):
    return _persona(gruene, Role.FACTION_STAFF, "gruene-staff")


@pytest.fixture
def b2_chair(b2):
    return _persona(b2, Role.CHAIR, "b2-chair", given_name="Katrin", family_name="Lasser")


@pytest.fixture
def b2_member(b2, spd):
    person = f.PersonFactory(body=b2.body)
    f.MembershipFactory(person=person, organization=b2, role=Role.MEMBER, on_behalf_of=spd)
    return f.user_for(person, username="b2-member")


@pytest.fixture
def office(body):
    return f.council_office_user(username="office")


@pytest.fixture
def integration_unit_staff(integration_unit):
    return _persona(integration_unit, Role.MEMBER, "integration-staff")


@pytest.fixture
def b2_meeting(b2):
    """A meeting that has begun: papers can be put on its agenda and decided there."""
    return f.MeetingFactory(
        body=b2.body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=datetime.datetime(2026, 3, 2, 17, 0, tzinfo=f.BERLIN),
    )


@pytest.fixture
def upcoming_b2_meeting(b2):
    return f.MeetingFactory(
        body=b2.body,
        name="Sitzung des Betriebsausschusses 2 im April",
        organizations=[b2],
        start=datetime.datetime(2099, 4, 15, 17, 0, tzinfo=f.BERLIN),
    )
