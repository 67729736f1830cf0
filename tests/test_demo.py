"""`manage.py demo`: a realistic council, the same on every run, with one login per role."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from council.models import (
    AgendaItem,
    Body,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    Person,
    Role,
    person_sort_name,
)
from council.roles import roles_of
from tests.factories import BERLIN

pytestmark = pytest.mark.django_db

MODELS = [
    Body,
    LegislativeTerm,
    Organization,
    Person,
    Membership,
    Location,
    Meeting,
    AgendaItem,
    get_user_model(),
    Group,
]
LOGINS = ["sitzungsdienst", "spd", "gruene", "b2-vorsitz", "verwaltung", "admin"]
CUT = datetime.datetime(2026, 11, 25, tzinfo=BERLIN)  # the demo's fixed "today"


def demo(*args):
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_council(django_db_setup, django_db_blocker):
    """The demo, built once for this module (a second per build) and rolled back after it.

    Each test still runs in a savepoint of its own inside. Returns what the command printed.
    """
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast_hasher),
        transaction.atomic(),
    ):
        yield demo()
        transaction.set_rollback(True)


def organization(short_name):
    return Organization.objects.get(body__short_name="castrop-rauxel", short_name=short_name)


def user(username):
    return get_user_model().objects.get(username=username)


def agendas():
    """{meeting id: [(public, number), ...] in the agenda's order}."""
    items = {}
    rows = AgendaItem.objects.order_by("meeting", "order").values_list(
        "meeting", "public", "number"
    )
    for meeting_id, public, number in rows:
        items.setdefault(meeting_id, []).append((public, number))
    return items


def count_rows():
    return {model.__name__: model.objects.count() for model in MODELS}


def snapshot():
    """Every row of every model the command writes, all fields included (`modified`, too)."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def listing():
    """The meetings and memberships by their natural keys, whatever their primary keys."""
    meetings = sorted(Meeting.objects.values_list("name", "start", "state"))
    memberships = sorted(
        Membership.objects.values_list(
            "person__given_name",
            "person__family_name",
            "organization__short_name",
            "role",
            "on_behalf_of__short_name",
            "start_date",
            "end_date",
        ),
        key=str,
    )
    return meetings, memberships


def test_running_again_creates_no_further_rows(demo_council):
    before = count_rows()

    demo()

    assert count_rows() == before


def test_running_again_changes_no_value(demo_council):
    before = snapshot()

    demo()

    assert snapshot() == before


def test_running_again_lists_the_same_meetings_and_memberships(demo_council):
    before = listing()

    demo()

    assert listing() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statistics for PostgreSQL's planner")
def test_on_postgresql_the_demo_ends_by_collecting_statistics(demo_council):
    with CaptureQueriesContext(connection) as queries:
        demo()

    assert "ANALYZE" in [query["sql"] for query in queries.captured_queries]


def test_sitzungsdienst_login_is_the_council_office_with_the_admin(demo_council):
    office = user("sitzungsdienst")

    roles = roles_of(office)

    assert roles.office and office.is_staff
    assert not (roles.factions or roles.chaired or roles.seats)


def test_every_demo_person_has_its_sort_name(demo_council):
    persons = Person.objects.all()

    assert all(p.sort_name == person_sort_name(p.family_name, p.given_name) for p in persons)


def test_sitzungsdienst_login_is_the_clerk_of_the_council_office(demo_council):
    person = user("sitzungsdienst").person

    assert person.memberships.get().organization == organization("BdR")


def test_spd_login_is_staff_of_the_spd_faction(demo_council):
    roles = roles_of(user("spd"))

    assert roles.factions == {organization("SPD").pk}
    assert not (roles.office or roles.chaired or roles.units)


def test_gruene_login_is_staff_of_the_gruene_faction(demo_council):
    roles = roles_of(user("gruene"))

    assert roles.factions == {organization("GRÜNE").pk}
    assert not (roles.office or roles.chaired or roles.units)


def test_b2_vorsitz_login_chairs_b2_and_nothing_else(demo_council):
    roles = roles_of(user("b2-vorsitz"))

    assert roles.chaired == {organization("B2").pk}
    assert not (roles.office or roles.factions or roles.units)


def test_verwaltung_login_works_in_the_integration_unit(demo_council):
    roles = roles_of(user("verwaltung"))

    assert roles.units == {organization("FB 50").pk}
    assert not (roles.office or roles.factions or roles.chaired)


def test_admin_login_is_a_superuser(demo_council):
    admin = user("admin")

    assert admin.is_superuser and admin.is_staff


def test_every_demo_login_takes_the_demo_password(demo_council):
    accepted = [name for name in LOGINS if user(name).check_password("ratsfaden-demo")]

    assert accepted == LOGINS


def test_summary_prints_every_demo_login_and_the_password(demo_council):
    output = demo_council

    assert all(f"  {name} " in output for name in LOGINS)
    assert "ratsfaden-demo" in output


def test_b2_is_chaired_by_katrin_lasser(demo_council):
    b2 = organization("B2")

    chair = b2.memberships.active().get(role=Role.CHAIR).person

    assert b2.name == "Betriebsausschuss 2"
    assert chair.formal_name == "Frau Katrin Lasser"


def test_the_sample_letters_signatories_chair_their_factions(demo_council):
    chairs = {
        short_name: organization(short_name).memberships.active().get(role=Role.FACTION_CHAIR)
        for short_name in ("SPD", "GRÜNE")
    }

    assert chairs["SPD"].person.name == "Daniel Molloisch"
    assert chairs["GRÜNE"].person.name == "Bert Wagener"


def test_the_council_and_every_committee_have_one_chair_and_one_deputy(demo_council):
    committees = Organization.objects.filter(kind__in=["council", "committee"])

    chairs = {
        committee.short_name: sorted(
            committee.memberships.active()
            .filter(role__in=[Role.CHAIR, Role.DEPUTY_CHAIR])
            .values_list("role", flat=True)
        )
        for committee in committees
    }

    assert len(chairs) == 9
    assert all(roles == [Role.CHAIR, Role.DEPUTY_CHAIR] for roles in chairs.values())


def test_the_b2_meeting_of_15_april_2021_was_held_at_17_oclock(demo_council):
    meeting = Meeting.objects.get(name="Sitzung des Betriebsausschusses 2", start__year=2021)

    assert meeting.start == datetime.datetime(2021, 4, 15, 17, 0, tzinfo=BERLIN)
    assert list(meeting.organizations.all()) == [organization("B2")]
    assert meeting.state == MeetingState.HELD


def test_there_are_past_and_future_meetings(demo_council):
    past = Meeting.objects.past(now=CUT)
    upcoming = Meeting.objects.upcoming(now=CUT)

    assert past.count() > 20
    assert upcoming.count() > 20


def test_meetings_before_25_november_2026_are_held_and_later_ones_are_not(demo_council):
    past_states = set(Meeting.objects.past(now=CUT).values_list("state", flat=True))
    future_states = set(Meeting.objects.upcoming(now=CUT).values_list("state", flat=True))

    assert past_states == {MeetingState.HELD}
    assert MeetingState.HELD not in future_states


def test_two_meetings_are_invited_and_one_is_cancelled(demo_council):
    states = Meeting.objects.exclude(state__in=[MeetingState.HELD, MeetingState.SCHEDULED])

    assert sorted(states.values_list("state", flat=True)) == ["cancelled", "invited", "invited"]


def test_every_agenda_has_five_to_ten_items(demo_council):
    sizes = {len(items) for items in agendas().values()}

    assert min(sizes) >= 5
    assert max(sizes) <= 10


def test_every_agenda_has_a_non_public_item(demo_council):
    closed = [any(not public for public, _number in items) for items in agendas().values()]

    assert all(closed)


def test_every_agenda_lists_public_items_before_non_public_ones(demo_council):
    orders = [[public for public, _number in items] for items in agendas().values()]

    assert all(order == sorted(order, reverse=True) for order in orders)


def test_public_items_are_numbered_with_o_and_non_public_ones_with_n(demo_council):
    prefixes = {
        (public, number.split()[0]) for items in agendas().values() for public, number in items
    }

    assert prefixes == {(True, "Ö"), (False, "N")}


def test_only_items_of_held_meetings_have_results(demo_council):
    decided = AgendaItem.objects.exclude(result="")

    assert decided.exists()
    assert set(decided.values_list("meeting__state", flat=True)) == {MeetingState.HELD}


def test_every_meeting_that_invited_has_its_invitation_as_a_version(demo_council):
    from council.models import Meeting

    invited = Meeting.objects.filter(invited_at__isnull=False)

    assert invited.exists()
    assert not invited.filter(agenda_versions__isnull=True).exists()


def test_every_committee_has_an_agenda_template(demo_council):
    from council.models import Organization

    committees = Organization.objects.filter(kind__in=["council", "committee"])

    assert not committees.filter(standing_items__isnull=True).exists()
