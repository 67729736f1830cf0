"""The registry of what one can follow, and the news each built-in kind finds: public only."""

import datetime

import pytest

from council import agenda
from motions import services as paper_steps
from subscriptions import kinds
from tests import factories as f
from tests.test_subscriptions_feeds import published_report

pytestmark = pytest.mark.django_db

BEFORE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def fake_kind():
    """A kind as the search app would register it."""
    calls = []

    def new_results(params, since):
        calls.append((params, since))
        return [(f"Treffer für {params['q']}", "/antraege/1/", since + datetime.timedelta(hours=1))]

    kinds.register(
        "fake",
        parameters=("q",),
        describe=lambda params: f"Suche nach {params['q']}" if params.get("q") else None,
        new_results=new_results,
    )
    yield calls
    kinds.KINDS.pop("fake")


def test_a_registered_kind_can_be_followed(client, fake_kind):
    response = client.get("/folgen/?art=fake&q=Radweg&other=ignored")

    assert response.status_code == 200
    assert "Suche nach Radweg" in response.content.decode()


def test_a_registered_kind_keeps_only_its_parameters_in_order(fake_kind):
    kind = kinds.get("fake")

    assert kinds.target_of(kind, {"other": "x", "q": "Radweg Süd"}) == "q=Radweg+S%C3%BCd"
    assert kinds.params_of("q=Radweg+S%C3%BCd") == {"q": "Radweg Süd"}


def test_a_registered_kind_without_parameters_is_refused(client, fake_kind):
    assert client.get("/folgen/?art=fake").status_code == 404


def test_a_too_long_target_is_refused(client, fake_kind):
    assert client.get("/folgen/?art=fake&q=" + "x" * 600).status_code == 404


def test_news_of_a_registered_kind_reach_the_subscriber(
    fake_kind, django_capture_on_commit_callbacks, mailoutbox
):
    from subscriptions import sending
    from subscriptions.models import Subscription

    confirmed = datetime.datetime(2026, 3, 1, 8, tzinfo=datetime.UTC)
    Subscription.objects.create(
        email="a@example.org",
        kind="fake",
        target="q=Radweg",
        frequency="instant",
        confirmed_at=confirmed,
        checked_until=confirmed,
    )

    with django_capture_on_commit_callbacks(execute=True):
        sending.send_due(now=confirmed + datetime.timedelta(hours=2))

    assert fake_kind[0] == ({"q": "Radweg"}, confirmed)
    assert "Treffer für Radweg" in mailoutbox[0].body


def test_paper_news_are_its_public_steps(b2, spd, spd_staff, b2_chair, b2_meeting):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    paper_steps.submit(paper=paper, by=spd_staff)
    paper_steps.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)

    news = kinds.get("paper").new_results({"id": str(paper.pk)}, BEFORE)

    assert [title.split(": ", 1)[1].split(" (")[0] for title, _url, _date in news] == [
        "eingereicht",
        "auf die Tagesordnung gesetzt",
    ]
    assert all(url == paper.get_absolute_url() for _title, url, _date in news)


def test_a_non_public_paper_has_no_news(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False)
    paper_steps.submit(paper=paper, by=spd_staff)

    assert kinds.get("paper").new_results({"id": str(paper.pk)}, BEFORE) == []
    assert kinds.get("paper").describe({"id": str(paper.pk)}) is None


def test_committee_news_are_public_papers_meetings_and_invitations(
    b2, spd, spd_staff, b2_chair, upcoming_b2_meeting
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Schulweg")
    paper_steps.submit(paper=paper, by=spd_staff)
    hidden = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Geheim", is_public=False)
    paper_steps.submit(paper=hidden, by=spd_staff)
    agenda.add_item(upcoming_b2_meeting, title="Punkt")
    agenda.publish(upcoming_b2_meeting, by=b2_chair)

    titles = [title for title, _u, _d in kinds.get("committee").new_results({"id": b2.pk}, BEFORE)]

    assert any("Schulweg" in title for title in titles)
    assert not any("Geheim" in title for title in titles)
    assert any(title.startswith("Neue Sitzung") for title in titles)
    assert any(title.startswith("Einladung veröffentlicht") for title in titles)


def test_faction_news_are_its_public_papers_and_their_reports(b2, spd, integration_unit):
    report = published_report(b2, integration_unit, title="Antwort", factions=[spd])
    published_report(b2, integration_unit, title="Geheime Antwort", factions=[spd], is_public=False)

    titles = [title for title, _u, _d in kinds.get("faction").new_results({"id": spd.pk}, BEFORE)]

    assert any(report.reference in title for title in titles)
    assert not any("Geheime" in title for title in titles)


def test_news_before_since_are_left_out(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    paper = paper_steps.submit(paper=paper, by=spd_staff)
    later = paper.submitted_at + datetime.timedelta(seconds=1)

    assert kinds.get("faction").new_results({"id": spd.pk}, later) == []
