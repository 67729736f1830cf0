"""The council office's admin (/verwaltung/) refuses malformed lists and choices with a message."""

import pytest

from council.models import Meeting
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "query",
    [
        {"start__year": "9999"},
        {"start__year": "1"},
        {"start__year": "99999"},
        {"start__year": "9999", "start__month": "12"},
        {"start__year": "9999", "start__month": "12", "start__day": "31"},
        {"start__year": "1", "start__month": "1", "start__day": "1"},
        {"start__year": "2026", "start__month": "9" * 30},
        {"start__year": "٢٠٢٦"},
    ],
)
def test_an_impossible_date_in_the_date_filter_shows_the_whole_list_with_a_message(
    admin_client, b2_meeting, query
):
    response = admin_client.get("/verwaltung/council/meeting/", query, follow=True)

    assert response.status_code == 200
    assert b2_meeting.name in response.content.decode()
    assert "Dieses Datum kann die Liste nicht filtern" in response.content.decode()


def test_an_impossible_year_in_the_papers_date_filter_is_not_an_error(admin_client, body):
    response = admin_client.get("/verwaltung/motions/paper/", {"submitted_at__year": "9999"})

    assert response.status_code == 302


def test_a_valid_date_filter_still_filters(admin_client, b2_meeting):
    response = admin_client.get("/verwaltung/council/meeting/", {"start__year": "2031"})

    assert response.status_code == 200
    assert b2_meeting.name not in response.content.decode()


def test_a_nul_character_in_a_list_filter_is_refused(admin_client, b2_meeting):
    response = admin_client.get("/verwaltung/council/meeting/", {"state__exact": "\x00"})

    assert response.status_code == 302


def test_a_nul_character_in_the_autocomplete_search_finds_nothing(admin_client, b2):
    response = admin_client.get(
        "/verwaltung/autocomplete/",
        {
            "term": "B\x00",
            "app_label": "council",
            "model_name": "membership",
            "field_name": "organization",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("value", [str(2**63), "9" * 5000, "٣"])
def test_an_impossible_id_in_a_meetings_committees_is_an_invalid_choice(
    admin_client, b2_meeting, value
):
    response = admin_client.post(
        f"/verwaltung/council/meeting/{b2_meeting.pk}/change/",
        {
            "name": "Umbenannt",
            "body": b2_meeting.body_id,
            "start_0": "15.04.2030",
            "start_1": "17:00",
            "state": b2_meeting.state,
            "organizations": [value],
            "agenda_items-TOTAL_FORMS": "0",
            "agenda_items-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert Meeting.objects.get().name == b2_meeting.name


@pytest.mark.parametrize("value", [str(2**63), "9" * 5000])
def test_an_impossible_id_in_an_admin_action_selects_nothing(admin_client, b2_meeting, value):
    response = admin_client.post(
        "/verwaltung/council/meeting/",
        {"action": "delete_selected", "_selected_action": [value], "index": "0"},
        follow=True,
    )

    assert response.status_code == 200
    assert Meeting.objects.exists()


def test_a_huge_row_count_in_an_inline_is_refused_without_building_the_rows(
    admin_client, b2_meeting
):
    response = admin_client.post(
        f"/verwaltung/council/meeting/{b2_meeting.pk}/change/",
        {
            "name": "Umbenannt",
            "body": b2_meeting.body_id,
            "start_0": "15.04.2030",
            "start_1": "17:00",
            "state": b2_meeting.state,
            "organizations": [],
            "agenda_items-TOTAL_FORMS": str(2**63),
            "agenda_items-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Bitte höchstens 50 Formulare abschicken" in response.content.decode()
    assert response.content.decode().count('name="agenda_items-') < 60 * 10
