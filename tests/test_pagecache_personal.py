"""Staff work lists are kept for the one session they were rendered for: a change of anything is
visible at once, and no one else, nor the same person in another browser, is given the page.

The tests commit (transactional tests): a new generation starts when a change commits.
"""

import re

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from council.models import Membership, Role
from motions import services as paper_steps
from motions.models import Notification, Paper
from pagecache import generations
from tests import factories as f
from tests.page_caches import turned_on

pytestmark = pytest.mark.django_db(transaction=True)

DASHBOARD = "/antraege/unsere/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def personal_cache(settings):
    yield from turned_on(settings, "personal_pages")


@pytest.fixture
def filed(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Schulwege sichern")
    paper_steps.submit(paper=paper, by=spd_staff)
    return paper


def _browser(user):
    """A logged-in browser that has its CSRF cookie, as every browser has after the login."""
    client = Client()
    client.force_login(user)
    client.get("/")
    assert "csrftoken" in client.cookies
    return client


def _rendered_afresh(client, path):
    """Whether the view ran (an answer from the cache reads the session, the user and the
    generation)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return len(queries) > 3, response


def _kept(client, path):
    client.get(path)
    return client


def test_a_second_visit_is_answered_from_the_cache_with_three_queries(
    filed, spd_staff, django_assert_num_queries
):
    staff = _kept(_browser(spd_staff), DASHBOARD)

    with django_assert_num_queries(3):  # the session, the user, the generation
        response = staff.get(DASHBOARD)

    assert "Schulwege sichern" in response.text


@pytest.mark.parametrize(
    "persona, path",
    [
        ("spd_staff", DASHBOARD),
        ("office", DASHBOARD),
        ("b2_chair", "/eingang/"),
        ("b2_chair", "/mein-ausschuss/{b2}/"),
        ("b2_chair", "/sitzungen-vorbereiten/"),
        ("integration_unit_staff", "/berichte/eingang/"),
    ],
)
def test_each_role_gets_from_the_cache_what_it_gets_rendered(request, b2, filed, persona, path):
    path = path.format(b2=b2.pk)
    reader = _kept(_browser(request.getfixturevalue(persona)), path)

    afresh, kept = _rendered_afresh(reader, path)
    caches["personal_pages"].clear()
    _, rendered = _rendered_afresh(reader, path)

    assert not afresh
    assert kept.status_code == rendered.status_code == 200
    assert CSRF.sub("", kept.text) == CSRF.sub("", rendered.text)


def test_the_meeting_day_is_kept_for_the_office(filed, office, b2_meeting, b2_chair):
    paper_steps.schedule(paper=filed, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    path = f"{b2_meeting.get_absolute_url()}sitzungstag/"
    reader = _kept(_browser(office), path)

    afresh, response = _rendered_afresh(reader, path)

    assert not afresh
    assert "Schulwege sichern" in response.text


def test_a_paper_filed_by_a_colleague_is_on_the_list_at_once(b2, spd, spd_staff, filed):
    staff = _kept(_browser(spd_staff), DASHBOARD)
    colleague = f.user_for(f.PersonFactory(body=spd.body), username="spd-colleague")
    f.MembershipFactory(person=colleague.person, organization=spd, role=Role.FACTION_STAFF)

    with transaction.atomic():
        paper = f.draft(committee=b2, by=colleague, factions=[spd], title="Radwege beleuchten")
        paper_steps.submit(paper=paper, by=colleague)

    assert "Radwege beleuchten" in staff.get(DASHBOARD).text


def test_a_change_no_citizen_sees_still_renders_the_list_afresh(filed, spd_staff):
    staff = _kept(_browser(spd_staff), DASHBOARD)
    public_generation = generations.current()

    with transaction.atomic():
        Notification.objects.create(recipient=spd_staff, paper=filed, message="Neu")

    assert generations.current() == public_generation
    assert _rendered_afresh(staff, DASHBOARD)[0]


def test_the_meeting_day_before_the_meeting_begins_is_never_kept(
    filed, office, upcoming_b2_meeting, b2_chair
):
    paper_steps.schedule(paper=filed, meeting=upcoming_b2_meeting, by=b2_chair)
    f.publish_agenda(upcoming_b2_meeting)
    path = f"{upcoming_b2_meeting.get_absolute_url()}sitzungstag/"
    reader = _kept(_browser(office), path)

    # Its forms open at the minute the meeting begins, which the day in the key does not tell.
    assert _rendered_afresh(reader, path)[0]


def test_a_change_to_the_user_while_the_page_renders_is_not_kept_for_later(
    monkeypatch, filed, body
):
    admin = f.UserFactory(username="admin", is_superuser=True)
    browser = _browser(admin)
    read_generation = generations.current_of_everything

    def demoted_meanwhile(using="default"):
        monkeypatch.setattr(generations, "current_of_everything", read_generation)
        get_user_model().objects.filter(pk=admin.pk).update(is_superuser=False)
        return read_generation(using)

    monkeypatch.setattr(generations, "current_of_everything", demoted_meanwhile)
    browser.get(DASHBOARD)

    assert browser.get(DASHBOARD).status_code == 403


@pytest.fixture
def colleague(spd):
    """A second staff member of the SPD faction."""
    person = f.PersonFactory(body=spd.body, given_name="Jana", family_name="Ortmann")
    f.MembershipFactory(person=person, organization=spd, role=Role.FACTION_STAFF)
    return f.user_for(person, username="spd-colleague")


# Each browser logs in before the page is kept: a login writes (last_login) and so would start a
# new generation, which alone would make the page unreachable.


def test_a_colleague_of_the_same_faction_never_gets_anothers_page(filed, spd_staff, colleague):
    theirs = _browser(colleague)
    _kept(_browser(spd_staff), DASHBOARD)

    response = theirs.get(DASHBOARD)

    assert "Jana Ortmann" in response.text


def test_a_browser_that_keeps_its_csrf_cookie_gets_the_next_users_own_page(
    filed, spd_staff, colleague
):
    after = Client()
    after.force_login(colleague)
    before = _kept(_browser(spd_staff), DASHBOARD)
    after.cookies["csrftoken"] = before.cookies["csrftoken"].value

    response = after.get(DASHBOARD)

    assert "Jana Ortmann" in response.text


def test_the_same_person_in_another_browser_gets_the_page_rendered_afresh(filed, spd_staff):
    other_browser = _browser(spd_staff)
    _kept(_browser(spd_staff), DASHBOARD)

    assert _rendered_afresh(other_browser, DASHBOARD)[0]


def test_a_chair_whose_office_ended_is_refused_the_inbox_at_once(filed, b2_chair):
    chair = _kept(_browser(b2_chair), "/eingang/")

    with transaction.atomic():
        Membership.objects.filter(person__user=b2_chair).delete()

    assert chair.get("/eingang/").status_code == 403


def test_after_logging_out_the_old_session_cookie_gets_no_kept_page(filed, spd_staff):
    staff = _kept(_browser(spd_staff), DASHBOARD)
    session_cookie = staff.cookies["sessionid"].value
    staff.post("/abmelden/")
    stale = Client()
    stale.cookies["sessionid"] = session_cookie
    stale.cookies["csrftoken"] = staff.cookies["csrftoken"].value

    response = stale.get(DASHBOARD)

    assert response.status_code == 302


def _message_in_cookie(client):
    storage = CookieStorage(HttpRequest())
    storage.add(messages.SUCCESS, "Gespeichert.")
    response = HttpResponse()
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[CookieStorage.cookie_name].value


def _message_in_session(client):
    request = HttpRequest()
    request.session = client.session
    storage = SessionStorage(request)
    storage.add(messages.SUCCESS, "Gespeichert.")
    storage.update(HttpResponse())
    request.session.save()


@pytest.mark.parametrize(
    "storage, leave_message",
    [
        ("django.contrib.messages.storage.fallback.FallbackStorage", _message_in_cookie),
        ("django.contrib.messages.storage.session.SessionStorage", _message_in_session),
    ],
)
def test_a_waiting_message_is_shown_once_over_a_kept_page(
    settings, filed, spd_staff, storage, leave_message
):
    settings.MESSAGE_STORAGE = storage
    staff = _kept(_browser(spd_staff), DASHBOARD)
    leave_message(staff)

    with_message = staff.get(DASHBOARD)
    afterwards = staff.get(DASHBOARD)

    assert "Gespeichert." in with_message.text
    assert "Gespeichert." not in afterwards.text


def test_a_form_on_a_kept_page_is_accepted(filed, spd_staff):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(spd_staff)
    staff.get(DASHBOARD)  # sets the CSRF cookie
    staff.get(DASHBOARD)  # rendered and kept
    afresh, kept = _rendered_afresh(staff, DASHBOARD)
    token = CSRF.search(kept.text).group(1)

    response = staff.post("/abmelden/", {"csrfmiddlewaretoken": token})

    assert not afresh
    assert response.status_code == 302


def test_a_session_write_starts_no_generation(filed):
    before = generations.current_of_everything()

    session = SessionStore()
    session["seen"] = True
    session.save()

    assert generations.current_of_everything() == before


def test_the_personal_cache_is_off_when_its_timeout_is_zero(settings, filed, spd_staff):
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    staff = _kept(_browser(spd_staff), DASHBOARD)

    assert _rendered_afresh(staff, DASHBOARD)[0]


def test_a_bulk_insert_that_ignores_conflicts_starts_a_generation(filed, spd_staff):
    before = generations.current_of_everything()

    with transaction.atomic():
        Notification.objects.bulk_create(
            [Notification(recipient=spd_staff, paper=filed, message="Neu")],
            ignore_conflicts=True,
        )

    assert generations.current_of_everything() == before + 1


def test_a_transaction_with_a_public_write_after_another_starts_both_generations(filed, spd_staff):
    public, everything = generations.current(), generations.current_of_everything()

    with transaction.atomic():
        Notification.objects.create(recipient=spd_staff, paper=filed, message="Neu")
        Paper.objects.filter(pk=filed.pk).update(title="Schulwege beleuchten")

    assert generations.current() == public + 1
    assert generations.current_of_everything() == everything + 1
