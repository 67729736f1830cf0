"""The start page's sections: newest papers, latest decisions, newest reports, figures."""

import datetime

import pytest
from django.urls import reverse

from tests import factories as f


@pytest.fixture
def held_item(b2):
    meeting = f.MeetingFactory(
        organizations=[b2], start=datetime.datetime(2026, 3, 5, 17, tzinfo=f.BERLIN)
    )
    item = f.AgendaItemFactory(meeting=meeting, number="Ö 1", title="Antrag")
    f.publish_agenda(meeting)
    item.refresh_from_db()
    return item


def decided(committee, item, **fields):
    decided.count += 1
    return f.PaperFactory(
        body=committee.body,
        committee=committee,
        state="decided",
        outcome="adopted",
        decision_item=item,
        reference=f"A/2026/{decided.count:04d}",
        submitted_at=datetime.datetime(2026, 1, 12, 9, 0, tzinfo=f.BERLIN),
        **fields,
    )


decided.count = 0


def home(client):
    return client.get(reverse("council:home")).content.decode()


def test_the_start_page_shows_the_newest_public_papers(client, b2):
    f.requested_paper(committee=b2, title="Neuer Radweg")
    f.requested_paper(committee=b2, title="Geheimes Grundstück", is_public=False)

    content = home(client)

    assert "Neuer Radweg" in content
    assert "Geheimes Grundstück" not in content


def test_the_start_page_shows_a_decision_taken_in_public(client, b2, held_item):
    decided(b2, held_item, title="Beschlossener Antrag")

    content = home(client)

    assert "Neueste Beschlüsse" in content
    assert "Beschlossener Antrag" in content
    assert "beschlossen" in content


def test_the_start_page_hides_a_decision_taken_in_a_closed_item(client, b2, held_item):
    type(held_item).objects.filter(pk=held_item.pk).update(public=False)
    decided(b2, held_item, title="Im Stillen beschlossen")

    content = home(client)

    assert "Im Stillen beschlossen" not in content.split("Neueste Beschlüsse")[1]


def test_the_start_page_counts_open_and_overdue_report_requests_of_public_papers(client, b2):
    today = datetime.date.today()
    for due, public in [
        (today - datetime.timedelta(days=3), True),
        (today, True),
        (today - datetime.timedelta(days=3), False),
    ]:
        paper = f.requested_paper(committee=b2, is_public=public)
        f.ReportRequestFactory(paper=paper, due_date=due)

    content = home(client)

    assert '<span class="figures__number">2</span>' in content
    assert '<span class="figures__number">1</span> davon überfällig' in content
    assert reverse("reports:accountability") in content


def test_the_start_page_has_a_labelled_search_box(client, body):
    content = home(client)

    assert 'action="/suche/"' in content
    assert '<label for="home-search-q">' in content


@pytest.mark.parametrize(
    "persona", ["citizen", "spd_staff", "b2_chair", "integration_unit_staff", "office"]
)
def test_everyone_gets_the_start_page(client, b2, persona, request):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    assert client.get(reverse("council:home")).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_start_page_runs_a_bounded_number_of_queries(
    client, b2, spd, count, held_item, django_assert_max_num_queries
):
    for _n in range(count):
        paper = decided(b2, held_item)
        f.ReportRequestFactory(paper=paper)

    with django_assert_max_num_queries(14):
        assert client.get(reverse("council:home")).status_code == 200
