"""The meeting list's and the person list's filters, pages and bad values."""

import datetime

import pytest
from django.urls import reverse

from council.models import Role
from tests import factories as f

BERLIN = f.BERLIN


@pytest.fixture
def meetings(b2, council):
    return {
        "b2_past": f.MeetingFactory(
            organizations=[b2],
            name="B2 alt",
            start=datetime.datetime(2020, 3, 5, 17, tzinfo=BERLIN),
        ),
        "b2_next": f.MeetingFactory(
            organizations=[b2],
            name="B2 neu",
            start=datetime.datetime(2099, 3, 5, 17, tzinfo=BERLIN),
        ),
        "council_next": f.MeetingFactory(
            organizations=[council],
            name="Rat neu",
            start=datetime.datetime(2099, 3, 6, 17, tzinfo=BERLIN),
        ),
    }


def meetings_page(client, **params):
    return client.get(reverse("council:meetings"), params).content.decode()


def test_upcoming_meetings_are_listed_soonest_first(client, meetings):
    content = meetings_page(client, zeit="kommend")

    assert content.index("B2 neu") < content.index("Rat neu")
    assert "B2 alt" not in content


def test_past_meetings_are_listed(client, meetings):
    content = meetings_page(client, zeit="vergangen")

    assert "B2 alt" in content
    assert "B2 neu" not in content


def test_meetings_filter_by_committee(client, meetings, b2):
    content = meetings_page(client, zeit="kommend", gremium=b2.pk)

    assert "B2 neu" in content
    assert "Rat neu" not in content


def test_the_month_calendar_filters_by_committee_and_keeps_it_when_turning(client, meetings, b2):
    content = meetings_page(client, monat="2099-03", gremium=b2.pk)

    assert "B2 neu" in content
    assert "Rat neu" not in content
    assert f"gremium={b2.pk}" in content.split('aria-label="Monate"')[1]


def test_upcoming_meetings_come_in_keyset_pages(client, b2, monkeypatch):
    monkeypatch.setattr("council.views.MEETINGS_PER_PAGE", 1)
    first, second = (
        f.MeetingFactory(
            organizations=[b2], name=name, start=datetime.datetime(2099, 1, d, tzinfo=BERLIN)
        )
        for name, d in [("Erste", 1), ("Zweite", 2)]
    )

    page_one = meetings_page(client, zeit="kommend")
    page_two = meetings_page(client, zeit="kommend", nach=first.pk)

    assert "Erste" in page_one and f"nach={first.pk}" in page_one
    assert "Zweite" in page_two and "Erste" not in page_two


@pytest.mark.parametrize(
    "params",
    [
        {"zeit": "morgen"},
        {"gremium": "abc"},
        {"monat": "2026-13"},
        {"zeit": "kommend", "nach": "x"},
    ],
)
def test_a_bad_meeting_filter_gives_a_normal_page_with_a_message(client, meetings, params):
    response = client.get(reverse("council:meetings"), params)

    assert response.status_code == 200
    assert "message--warning" in response.content.decode()


@pytest.mark.parametrize("count", [2, 20])
def test_the_meeting_list_runs_a_bounded_number_of_queries(
    client, b2, count, django_assert_max_num_queries
):
    for n in range(count):
        f.MeetingFactory(
            organizations=[b2],
            start=datetime.datetime(2099, 1, 1, tzinfo=BERLIN) + datetime.timedelta(days=n),
        )

    with django_assert_max_num_queries(8):
        assert (
            client.get(
                reverse("council:meetings"), {"zeit": "kommend", "gremium": b2.pk}
            ).status_code
            == 200
        )


@pytest.fixture
def members(council, b2, spd, gruene):
    people = {}
    for name, organization, faction in [
        ("Ahrens", council, spd),
        ("Bauer", council, gruene),
        ("Cramer", b2, spd),
    ]:
        person = f.PersonFactory(body=council.body, family_name=name)
        f.MembershipFactory(
            person=person, organization=organization, role=Role.MEMBER, on_behalf_of=faction
        )
        people[name] = person
    return people


def persons_page(client, **params):
    return client.get(reverse("council:persons"), params).content.decode()


def test_the_person_list_shows_the_council_by_default(client, members):
    content = persons_page(client)

    assert "Ahrens" in content and "Bauer" in content
    assert "Cramer" not in content


def test_the_person_list_filters_by_faction(client, members, spd):
    content = persons_page(client, fraktion=spd.pk)

    assert "Ahrens" in content
    assert "Bauer" not in content


def test_the_person_list_filters_by_committee(client, members, b2):
    content = persons_page(client, gremium=b2.pk)

    assert "Cramer" in content
    assert "Ahrens" not in content


@pytest.mark.parametrize("params", [{"fraktion": "x"}, {"gremium": "99999999"}])
def test_a_bad_person_filter_gives_the_council_with_a_message(client, members, params):
    content = persons_page(client, **params)

    assert "message--warning" in content
    assert "Ahrens" in content
