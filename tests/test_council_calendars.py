"""The iCalendar feeds: all meetings, a committee's, one meeting; as a citizen sees them."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from freezegun import freeze_time

from council import agenda
from council.calendars import FEED_AGENDA_ITEMS, feed_start
from council.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["citizen", "spd_staff", "b2_chair", "b2_member", "office", "integration_unit_staff"]
SECRET = "Grundstücksverkauf Am Markt 3"
FEED = reverse("council:meetings_ical")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://rat.example.org"


@pytest.fixture(params=PERSONAS)
def persona_client(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    client.persona = request.param
    return client


def events(response):
    """The feed's events by UID."""
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(meeting):
    return f"meeting-{meeting.pk}@rat.example.org"


@pytest.fixture
def invited(upcoming_b2_meeting, b2_chair):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")
    agenda.add_item(upcoming_b2_meeting, title=SECRET, public=False)
    agenda.publish(upcoming_b2_meeting, by=b2_chair)
    return upcoming_b2_meeting


def test_the_feed_is_an_icalendar_in_utf8(client, invited):
    response = client.get(FEED)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content.startswith(b"BEGIN:VCALENDAR")


def test_a_meeting_is_an_event_with_its_time_place_and_link(client, invited):
    event = events(client.get(FEED))[uid(invited)]

    assert event["SUMMARY"] == "Sitzung des Betriebsausschusses 2 im April"
    assert event.decoded("DTSTART") == datetime.datetime(2099, 4, 15, 17, tzinfo=f.BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert "Europaplatz 1" in event["LOCATION"]
    assert event["URL"] == f"https://rat.example.org/sitzungen/{invited.pk}/"
    assert event["STATUS"] == "CONFIRMED"


def test_the_feed_describes_europe_berlin(client, invited):
    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)

    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Berlin"


def test_summer_time_follows_the_feeds_time_zone(client, invited):
    # 15 April 2099 is summer time: 17:00 in Berlin is 15:00 UTC.
    calendar = icalendar.Calendar.from_ical(client.get(FEED).content)
    event = next(iter(calendar.walk("VEVENT")))

    assert event.decoded("DTSTART").astimezone(datetime.UTC).hour == 15


def test_the_description_lists_the_published_agenda_with_public_titles_only(client, invited):
    description = str(events(client.get(FEED))[uid(invited)]["DESCRIPTION"])

    assert "Ö 1 Spielplatz Nord" in description
    assert "N 1 nicht öffentlich" in description
    assert "Grundstücksverkauf" not in description
    assert f"https://rat.example.org/sitzungen/{invited.pk}/" in description


@pytest.fixture
def long_agenda(upcoming_b2_meeting, b2_chair):
    for n in range(1, FEED_AGENDA_ITEMS + 3):
        agenda.add_item(upcoming_b2_meeting, title=f"Bauantrag {n:03}")
    agenda.publish(upcoming_b2_meeting, by=b2_chair)
    return upcoming_b2_meeting


@pytest.mark.parametrize("feed", ["all", "committee"])
def test_a_feed_names_the_first_items_of_a_long_agenda_and_points_to_the_rest(
    client, b2, long_agenda, feed
):
    address = FEED if feed == "all" else reverse("council:organization_ical", args=[b2.pk])
    description = str(events(client.get(address))[uid(long_agenda)]["DESCRIPTION"])

    assert f"Bauantrag {FEED_AGENDA_ITEMS:03}" in description
    assert f"Bauantrag {FEED_AGENDA_ITEMS + 1:03}" not in description
    assert "weitere Punkte" in description


def test_a_single_meetings_event_names_its_whole_agenda(client, long_agenda):
    response = client.get(reverse("council:meeting_ical", args=[long_agenda.pk]))
    description = str(events(response)[uid(long_agenda)]["DESCRIPTION"])

    assert f"Bauantrag {FEED_AGENDA_ITEMS + 2:03}" in description
    assert "weitere Punkte" not in description


def test_an_agenda_of_exactly_the_feeds_length_is_named_whole(
    client, upcoming_b2_meeting, b2_chair
):
    for n in range(1, FEED_AGENDA_ITEMS + 1):
        agenda.add_item(upcoming_b2_meeting, title=f"Bauantrag {n:03}")
    agenda.publish(upcoming_b2_meeting, by=b2_chair)

    description = str(events(client.get(FEED))[uid(upcoming_b2_meeting)]["DESCRIPTION"])

    assert f"Bauantrag {FEED_AGENDA_ITEMS:03}" in description
    assert "weitere Punkte" not in description


def test_a_nonpublic_title_is_nowhere_in_the_feed_even_for_the_office(client, invited, office):
    client.force_login(office)

    assert "Grundstücksverkauf".encode() not in client.get(FEED).content


def test_an_unpublished_agenda_is_not_in_the_feed(client, upcoming_b2_meeting):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")

    response = client.get(FEED)

    description = str(events(response)[uid(upcoming_b2_meeting)]["DESCRIPTION"])
    assert "Tagesordnung" not in description
    assert b"Spielplatz" not in response.content


def test_an_unpublished_agenda_is_not_in_the_feed_for_the_chair_either(
    client, upcoming_b2_meeting, b2_chair
):
    agenda.add_item(upcoming_b2_meeting, title="Spielplatz Nord")
    client.force_login(b2_chair)

    assert b"Spielplatz" not in client.get(FEED).content


def test_a_cancelled_meeting_is_cancelled_in_the_feed(client, b2):
    meeting = f.MeetingFactory(body=b2.body, organizations=[b2], state="cancelled")

    event = events(client.get(FEED))[uid(meeting)]

    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Abgesagt: ")


def test_a_meetings_uid_stays_when_the_meeting_moves(client, invited):
    before = set(events(client.get(FEED)))
    Meeting.objects.filter(pk=invited.pk).update(
        start=datetime.datetime(2099, 4, 22, 17, tzinfo=f.BERLIN)
    )

    after = set(events(client.get(FEED)))

    assert before == after == {uid(invited)}


def test_the_uid_takes_the_first_allowed_host_without_a_site_url(client, invited, settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["rat.castrop-rauxel.de", "testserver"]

    assert f"meeting-{invited.pk}@rat.castrop-rauxel.de" in events(client.get(FEED))


@freeze_time("2026-11-20 12:00")
def test_the_feed_reaches_twelve_months_back_and_into_the_future(client, b2):
    def meeting_on(day):
        start = datetime.datetime.combine(day, datetime.time(17), tzinfo=f.BERLIN)
        return f.MeetingFactory(body=b2.body, organizations=[b2], start=start)

    too_old = meeting_on(datetime.date(2025, 10, 31))
    oldest = meeting_on(datetime.date(2025, 11, 1))
    far_ahead = meeting_on(datetime.date(2031, 1, 15))

    uids = set(events(client.get(FEED)))

    assert uid(too_old) not in uids
    assert {uid(oldest), uid(far_ahead)} <= uids


def test_the_feed_starts_on_the_first_of_the_month_a_year_ago():
    assert feed_start(datetime.date(2028, 2, 29)) == datetime.datetime(2027, 2, 1, tzinfo=f.BERLIN)


# A committee's feed and a single meeting ------------------------------------------------------------


def test_a_committees_feed_has_only_its_meetings(client, invited, council):
    other = f.MeetingFactory(body=council.body, organizations=[council])

    response = client.get(
        reverse("council:organization_ical", args=[invited.organizations.get().pk])
    )

    assert set(events(response)) == {uid(invited)}
    assert uid(other) not in events(response)


def test_a_faction_has_no_meeting_feed(client, spd):
    assert client.get(reverse("council:organization_ical", args=[spd.pk])).status_code == 404


def test_a_single_meeting_is_one_event(client, invited):
    response = client.get(reverse("council:meeting_ical", args=[invited.pk]))

    assert set(events(response)) == {uid(invited)}
    assert response["Content-Disposition"].startswith("attachment")


def test_a_meeting_that_does_not_exist_has_no_event(client):
    assert client.get(reverse("council:meeting_ical", args=[999999])).status_code == 404


# Every role, bounded queries, links ---------------------------------------------------------------


def calendar_urls(b2, meeting):
    return [
        FEED,
        reverse("council:organization_ical", args=[b2.pk]),
        reverse("council:meeting_ical", args=[meeting.pk]),
    ]


def test_every_feed_opens_for_every_role_without_nonpublic_titles(persona_client, b2, invited):
    for url in calendar_urls(b2, invited):
        response = persona_client.get(url)

        assert response.status_code == 200, (persona_client.persona, url)
        assert "Grundstücksverkauf".encode() not in response.content


@pytest.mark.parametrize("size", [2, 12])
def test_every_feed_runs_a_bounded_number_of_queries(
    size, persona_client, b2, council, django_assert_max_num_queries
):
    for n in range(size):
        start = datetime.datetime(2099, 1, 1 + n, 17, tzinfo=f.BERLIN)
        meeting = f.MeetingFactory(body=b2.body, organizations=[b2, council], start=start)
        for order in range(1, size + 1):
            f.AgendaItemFactory(meeting=meeting, order=order, public=order % 2 == 0)

    for url in calendar_urls(b2, meeting):
        # The session and the user, the body, the meetings, their organizations and items.
        with django_assert_max_num_queries(7):
            response = persona_client.get(url)
        assert response.status_code == 200


def test_the_meeting_calendar_page_links_the_feed(client, body):
    page = client.get(reverse("council:meetings")).content.decode()

    assert f'href="{FEED}"' in page
    assert "Alle Sitzungen abonnieren (iCal)" in page


def test_a_committee_page_links_its_feed(client, b2):
    page = client.get(b2.get_absolute_url()).content.decode()

    assert f'href="{reverse("council:organization_ical", args=[b2.pk])}"' in page


def test_a_faction_page_offers_no_meeting_feed(client, spd):
    page = client.get(spd.get_absolute_url()).content.decode()

    assert "kalender.ics" not in page


def test_the_meeting_page_offers_the_meeting_for_a_calendar(client, invited):
    page = client.get(invited.get_absolute_url()).content.decode()

    assert f'href="{reverse("council:meeting_ical", args=[invited.pk])}"' in page
