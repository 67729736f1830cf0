"""The public pages: what each role sees, and a query count that does not grow with the data."""

import datetime

import pytest
from django.urls import reverse

from council.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

PERSONAS = ["citizen", "spd_staff", "b2_chair", "b2_member", "office", "integration_unit_staff"]


@pytest.fixture(params=PERSONAS)
def persona_client(request, client):
    user = request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    client.persona = request.param
    return client


def populate(body, council, b2, spd, size):
    """`size` members, meetings and agenda items per meeting for the B2 committee."""
    location = f.LocationFactory(body=body)
    for n in range(size):
        person = f.PersonFactory(body=body)
        f.MembershipFactory(person=person, organization=council, on_behalf_of=spd)
        f.MembershipFactory(person=person, organization=b2, on_behalf_of=spd)
        f.MembershipFactory(person=person, organization=spd)
        start = datetime.datetime(2026, 11, 2 + n % 27, 17, tzinfo=f.BERLIN)
        meeting = f.MeetingFactory(
            body=body, start=start, location=location, organizations=[b2, council]
        )
        for order in range(1, size + 1):
            f.AgendaItemFactory(
                meeting=meeting, order=order, number=f"Ö {order}", public=order % 2 == 0
            )
    return meeting


def page_urls(b2, meeting):
    person = b2.memberships.first().person
    return [
        reverse("council:home"),
        reverse("council:organizations"),
        b2.get_absolute_url(),
        reverse("council:meetings") + "?monat=2026-11",
        meeting.get_absolute_url(),
        reverse("council:persons"),
        person.get_absolute_url(),
    ]


@pytest.mark.parametrize("size", [2, 12])
def test_every_page_runs_a_bounded_number_of_queries(
    size, persona_client, body, council, b2, spd, django_assert_max_num_queries
):
    meeting = populate(body, council, b2, spd, size)

    # The same bound for 2 and 12 of everything; the most is the start page for a logged-in user:
    # session, user and roles (5), then its sections (next meetings, figures, papers, decisions,
    # reports) and the body.
    for url in page_urls(b2, meeting):
        with django_assert_max_num_queries(13):
            response = persona_client.get(url)
        assert response.status_code == 200, url


def test_every_page_renders_for_every_role(persona_client, body, council, b2, spd):
    meeting = populate(body, council, b2, spd, 2)

    for url in page_urls(b2, meeting):
        assert persona_client.get(url).status_code == 200, (persona_client.persona, url)


def test_citizen_sees_a_public_agenda_items_title(client, b2_meeting):
    item = f.AgendaItemFactory(meeting=b2_meeting, title="Neubau Kita Nord", public=True)

    response = client.get(b2_meeting.get_absolute_url())

    assert item.title in response.content.decode()


def test_citizen_sees_only_number_of_a_nonpublic_agenda_item(client, b2_meeting):
    f.AgendaItemFactory(
        meeting=b2_meeting,
        number="N 2",
        title="Grundstücksverkauf Am Markt 3",
        public=False,
        resolution_text="Verkauf an die Firma Muster GmbH",
    )

    response = client.get(b2_meeting.get_absolute_url())

    page = response.content.decode()
    assert "N 2" in page
    assert "Grundstücksverkauf" not in page
    assert "Muster GmbH" not in page
    assert "nicht öffentlich" in page


def test_chair_sees_the_title_of_a_nonpublic_item_of_their_committee(client, b2_chair, b2_meeting):
    f.AgendaItemFactory(meeting=b2_meeting, title="Grundstücksverkauf Am Markt 3", public=False)
    client.force_login(b2_chair)

    response = client.get(b2_meeting.get_absolute_url())

    assert "Grundstücksverkauf" in response.content.decode()


def test_faction_staff_sees_only_number_of_a_nonpublic_agenda_item(client, spd_staff, b2_meeting):
    f.AgendaItemFactory(meeting=b2_meeting, title="Grundstücksverkauf Am Markt 3", public=False)
    client.force_login(spd_staff)

    response = client.get(b2_meeting.get_absolute_url())

    assert "Grundstücksverkauf" not in response.content.decode()


def test_committee_page_lists_members_with_their_roles(client, b2_chair, b2):
    response = client.get(b2.get_absolute_url())

    page = response.content.decode()
    assert "Katrin Lasser" in page
    assert "Vorsitz" in page


def test_committee_page_does_not_list_faction_staff(client, spd_staff, spd):
    response = client.get(spd.get_absolute_url())

    assert spd_staff.person.family_name not in response.content.decode()


def test_committee_page_separates_upcoming_and_past_meetings(client, b2, body):
    f.MeetingFactory(
        body=body,
        name="Sitzung Vergangen",
        organizations=[b2],
        start=datetime.datetime(2020, 3, 1, 17, tzinfo=f.BERLIN),
    )
    f.MeetingFactory(
        body=body,
        name="Sitzung Kommend",
        organizations=[b2],
        start=datetime.datetime(2099, 3, 1, 17, tzinfo=f.BERLIN),
    )

    page = client.get(b2.get_absolute_url()).content.decode()

    assert (
        page.index("Sitzung Kommend")
        < page.index("Vergangene Sitzungen")
        < page.index("Sitzung Vergangen")
    )


def test_person_page_shows_mandates_only(client, council, spd):
    person = f.PersonFactory(email="privat@example.org")
    f.MembershipFactory(person=person, organization=council, on_behalf_of=spd)
    f.MembershipFactory(person=person, organization=spd, role=Role.FACTION_STAFF)

    page = client.get(person.get_absolute_url()).content.decode()

    assert council.name in page
    assert "privat@example.org" not in page
    assert "Fraktionsgeschäftsstelle" not in page


def test_person_without_mandate_has_no_public_page(client, spd_staff):
    response = client.get(spd_staff.person.get_absolute_url())

    assert response.status_code == 404


def test_calendar_shows_meetings_of_the_month_asked_for(client, b2, body):
    f.MeetingFactory(
        body=body,
        name="Märzsitzung",
        organizations=[b2],
        start=datetime.datetime(2027, 3, 10, 17, tzinfo=f.BERLIN),
    )
    f.MeetingFactory(
        body=body,
        name="Aprilsitzung",
        organizations=[b2],
        start=datetime.datetime(2027, 4, 10, 17, tzinfo=f.BERLIN),
    )

    page = client.get(reverse("council:meetings"), {"monat": "2027-03"}).content.decode()

    assert "Märzsitzung" in page
    assert "Aprilsitzung" not in page


def test_calendar_places_a_late_evening_meeting_on_its_local_day(client, b2, body):
    # 23:30 in Berlin is already the next day in UTC; the calendar counts local days.
    f.MeetingFactory(
        body=body,
        name="Spätsitzung",
        organizations=[b2],
        start=datetime.datetime(2027, 3, 31, 23, 30, tzinfo=f.BERLIN),
    )

    page = client.get(reverse("council:meetings"), {"monat": "2027-03"}).content.decode()

    assert "Spätsitzung" in page


def test_calendar_answers_a_malformed_month_with_this_month_and_a_message(client, body):
    response = client.get(reverse("council:meetings"), {"monat": "März"})

    assert response.status_code == 200
    assert "Kein gültiger Monat" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "council:imprint",
        "council:privacy",
        "portal:accessibility",
        "portal:feedback",
        "portal:easy_language",
    ],
)
def test_legal_pages_are_linked_from_every_page(client, body, name):
    page = client.get(reverse("council:home")).content.decode()

    assert reverse(name) in page
    assert client.get(reverse(name)).status_code == 200


def test_layout_has_a_skip_link_to_the_main_content(client, body):
    page = client.get(reverse("council:home")).content.decode()

    assert 'href="#main"' in page
    assert 'id="main"' in page


def test_pages_send_a_content_security_policy(client, body):
    response = client.get(reverse("council:home"))

    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_are_german_whatever_the_browser_asks_for(client, b2, body):
    f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2027, 3, 10, 17, tzinfo=f.BERLIN)
    )

    page = client.get(
        reverse("council:meetings"), {"monat": "2027-03"}, HTTP_ACCEPT_LANGUAGE="en-US,en"
    ).content.decode()

    assert "Mittwoch, 10. März 2027" in page


def test_english_is_available_to_who_chooses_it(client, body):
    client.cookies["django_language"] = "en"

    response = client.get(reverse("council:home"))

    assert response.headers["Content-Language"] == "en"


def test_not_found_page_is_german_and_names_no_detail(client, body):
    response = client.get("/sitzungen/999999/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Seite nicht gefunden" in page
    assert "No Meeting matches" not in page


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "2026-13"])
def test_calendar_answers_months_out_of_range_with_a_message(client, body, month):
    response = client.get(reverse("council:meetings"), {"monat": month})

    assert response.status_code == 200
    assert "Der Filter wurde nicht angewandt" in response.content.decode()


def _members_named(organization, *family_names, **membership):
    for family_name in family_names:
        person = f.PersonFactory(body=organization.body, given_name="Anna", family_name=family_name)
        f.MembershipFactory(person=person, organization=organization, **membership)


def _order_in(page, *names):
    return sorted(names, key=page.index)


def test_person_list_is_in_german_alphabetical_order(client, council, spd):
    _members_named(council, "Kuhn", "König", "Köhler", on_behalf_of=spd)

    page = client.get(reverse("council:persons")).content.decode()

    assert _order_in(page, "Kuhn", "König", "Köhler") == ["Köhler", "König", "Kuhn"]


def test_committee_members_of_one_role_are_in_german_alphabetical_order(client, b2):
    _members_named(b2, "Kuhn", "könig", "Köhler")

    page = client.get(b2.get_absolute_url()).content.decode()

    assert _order_in(page, "Kuhn", "könig", "Köhler") == ["Köhler", "könig", "Kuhn"]


def test_council_comes_first_among_the_bodies(client, body, b2, council):
    f.CommitteeFactory(body=body, name="Ausschuss für Bauen", short_name="ABau")

    page = client.get(reverse("council:organizations")).content.decode()

    assert page.index(council.name) < page.index("Ausschuss für Bauen") < page.index(b2.name)


def test_start_page_leads_to_the_papers(client, body):
    page = client.get(reverse("council:home")).content.decode()

    explore = page[page.index('id="explore-heading"') :].split("</section>")[0]
    assert f'href="{reverse("motions:list")}"' in explore


def test_a_former_mandate_reads_as_a_period(client, council, spd):
    person = f.PersonFactory(body=council.body)
    f.MembershipFactory(
        person=person,
        organization=council,
        on_behalf_of=spd,
        start_date=datetime.date(2020, 11, 1),
        end_date=datetime.date(2025, 10, 31),
    )
    f.MembershipFactory(person=person, organization=spd, start_date=datetime.date(2025, 11, 1))

    page = client.get(person.get_absolute_url()).content.decode()

    assert ">01.11.2020</time> – <time" in page
    assert ">31.10.2025</time>" in page
    assert "seit <time" in page
