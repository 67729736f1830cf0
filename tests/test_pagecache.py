"""Public pages are kept as citizens get them: a change is visible at once, and no one gets a
page that was rendered for somebody else.

The tests commit (transactional tests): a new generation starts when a change commits.
"""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from council import agenda
from motions import services as paper_steps
from motions.models import Notification, Paper
from pagecache import decorators, generations
from tests import factories as f
from tests.page_caches import turned_on

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Verschlusssache4K9"


@pytest.fixture(autouse=True)
def page_cache(settings):
    yield from turned_on(settings, "pages")


@pytest.fixture
def world(body, b2, spd, spd_staff, b2_chair, office, integration_unit_staff):
    """A public motion on a published agenda, and beside it a non-public one that staff see."""
    meeting = f.MeetingFactory(
        body=body,
        organizations=[b2],
        start=datetime.datetime(2026, 3, 2, 17, tzinfo=f.BERLIN),
    )
    public = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Schulwege sichern")
    paper_steps.submit(paper=public, by=spd_staff)
    paper_steps.schedule(paper=public, meeting=meeting, by=b2_chair)
    secret = f.draft(
        committee=b2, by=spd_staff, factions=[spd], is_public=False, title=f"Grundstück {SECRET}"
    )
    paper_steps.submit(paper=secret, by=spd_staff)
    paper_steps.schedule(paper=secret, meeting=meeting, by=b2_chair, public=False)
    f.publish_agenda(meeting)
    return {"public": public, "secret": secret, "meeting": meeting}


def _citizen():
    return Client()


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_citizen_is_answered_from_the_cache_with_one_query(world, django_assert_num_queries):
    citizen = _citizen()
    citizen.get("/antraege/")

    with django_assert_num_queries(1):  # the current generation
        response = citizen.get("/antraege/")

    assert "Schulwege sichern" in response.text


def test_a_change_through_the_services_is_visible_to_citizens_at_once(world, spd_staff):
    citizen = _citizen()
    citizen.get("/antraege/")

    with transaction.atomic():
        paper_steps.withdraw(paper=world["public"], by=spd_staff)

    assert "zurückgezogen" in citizen.get(world["public"].get_absolute_url()).text.lower()


def test_a_change_by_a_queryset_update_is_visible_to_citizens_at_once(world):
    citizen = _citizen()
    citizen.get("/antraege/")

    with transaction.atomic():
        Paper.objects.filter(pk=world["public"].pk).update(title="Schulwege beleuchten")

    assert "Schulwege beleuchten" in citizen.get("/antraege/").text


def test_a_change_to_the_agenda_is_visible_to_citizens_at_once(world):
    citizen = _citizen()
    meeting_page = world["meeting"].get_absolute_url()
    citizen.get(meeting_page)

    with transaction.atomic():
        item = agenda.add_item(world["meeting"], title="Einwohnerfragestunde")
        item.published_at = item.meeting.invited_at
        item.save()

    assert "Einwohnerfragestunde" in citizen.get(meeting_page).text


def test_a_logged_in_reader_never_gets_the_citizens_page(world, office):
    _citizen().get("/antraege/")

    response = _logged_in(office).get("/antraege/")

    assert SECRET in response.text


def test_a_page_rendered_for_a_logged_in_reader_is_never_kept(world, office):
    _logged_in(office).get("/antraege/")

    response = _citizen().get("/antraege/")

    assert SECRET not in response.text


def _rendered_afresh(client, path):
    """Whether the view ran (an answer from the cache reads only the generation)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries) > 1


def test_a_citizen_with_a_session_is_not_answered_from_the_cache(world):
    _citizen().get("/antraege/")
    with_session = _citizen()
    with_session.cookies["sessionid"] = "unbekannt"

    assert _rendered_afresh(with_session, "/antraege/")


def test_kept_pages_stay_out_of_the_shared_cache(world):
    caches["default"].clear()

    _citizen().get("/antraege/")

    # Sessions and throttles live there; a flood of page variants must not push them out.
    assert len(caches["default"]._cache) == 0
    assert len(caches["pages"]._cache) == 1


def test_a_very_large_answer_is_not_kept(monkeypatch, world):
    monkeypatch.setattr(decorators, "MAX_BYTES", 1000)
    citizen = _citizen()
    citizen.get("/antraege/")

    assert _rendered_afresh(citizen, "/antraege/")


def test_a_missing_page_is_not_kept(world):
    citizen = _citizen()
    assert citizen.get(world["secret"].get_absolute_url()).status_code == 404

    assert _rendered_afresh(citizen, world["secret"].get_absolute_url())


def test_the_cache_is_off_when_its_timeout_is_zero(settings, world):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    citizen = _citizen()
    citizen.get("/antraege/")

    assert _rendered_afresh(citizen, "/antraege/")


def test_a_write_to_a_table_that_never_reaches_a_page_keeps_the_generation(world, office):
    before = generations.current()

    with transaction.atomic():
        Notification.objects.create(recipient=office, paper=world["public"], message="Neu")

    assert generations.current() == before


def test_a_transaction_with_many_writes_starts_one_generation(world):
    before = generations.current()

    with transaction.atomic():
        for title in ["Eins", "Zwei", "Drei"]:
            Paper.objects.filter(pk=world["public"].pk).update(title=title)

    assert generations.current() == before + 1


def test_a_write_that_is_rolled_back_starts_no_generation(world):
    before = generations.current()

    with transaction.atomic():
        try:
            with transaction.atomic():
                Paper.objects.filter(pk=world["public"].pk).update(title="Verworfen")
                raise RuntimeError("abgebrochen")
        except RuntimeError:
            pass

    assert generations.current() == before


# Every role, every kept page: what the reader gets with the citizens' page in the cache is what
# the reader gets without any cache.
PERSONAS = ["citizen", "spd_staff", "b2_chair", "office", "integration_unit_staff"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _pages(world):
    body = world["meeting"].body_id
    return [
        "/",
        "/antraege/",
        world["public"].get_absolute_url(),
        world["secret"].get_absolute_url(),
        f"{world['public'].get_absolute_url()}brief/",
        world["meeting"].get_absolute_url(),
        world["meeting"].organizations.get().get_absolute_url(),
        "/sitzungen/",
        "/sitzungen/kalender.ics",
        "/berichte/",
        "/suche/?q=Grundst%C3%BCck",
        "/feeds/antraege/",
        f"/oparl/v1/body/{body}/paper/",
        f"/oparl/v1/paper/{world['secret'].pk}/",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_reader_gets_with_a_warm_cache_what_they_get_without(
    request, settings, world, persona
):
    user = request.getfixturevalue(persona)
    reader = _logged_in(user) if user else _citizen()
    for page in _pages(world):
        _citizen().get(page)
        warm = reader.get(page)
        settings.PUBLIC_PAGE_CACHE_SECONDS = 0
        cold = reader.get(page)
        settings.PUBLIC_PAGE_CACHE_SECONDS = 60

        assert (page, warm.status_code) == (page, cold.status_code)
        assert CSRF.sub("", warm.content.decode()) == CSRF.sub("", cold.content.decode()), page
