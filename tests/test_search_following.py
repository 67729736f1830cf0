"""A search can be followed by e-mail: the search app registers it as a kind of subscription."""

import datetime

import pytest
from django.utils import timezone

from motions import services as paper_steps
from search import following
from search import index as search_index
from subscriptions import kinds
from tests import factories as f

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.make_aware(datetime.datetime(2000, 1, 1))


def test_a_search_is_a_kind_of_subscription():
    assert kinds.get("search").parameters == following.PARAMETERS


def test_a_search_is_described_by_its_words():
    assert following.describe({"q": "Radweg"}) == "Suche „Radweg“"


def test_a_search_without_words_describes_nothing_to_follow():
    assert following.describe({"q": "  "}) is None


def test_a_new_public_paper_is_news_for_a_search_that_finds_it(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Radweg am Kanal")
    paper_steps.submit(paper=paper, by=spd_staff)
    search_index.rebuild()

    news = following.new_results({"q": "Radweg"}, LONG_AGO)

    assert [url for _title, url, _date in news] == [paper.get_absolute_url()]


def test_a_draft_is_no_news_for_a_search(b2, spd, spd_staff):
    f.draft(committee=b2, by=spd_staff, factions=[spd], title="Radweg am Kanal")
    search_index.rebuild()

    assert following.new_results({"q": "Radweg"}, LONG_AGO) == []


def test_a_malformed_filter_of_a_followed_search_is_ignored(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Radweg am Kanal")
    paper_steps.submit(paper=paper, by=spd_staff)
    search_index.rebuild()

    news = following.new_results({"q": "Radweg", "gremium": "x1"}, LONG_AGO)

    assert len(news) == 1


def test_the_results_page_offers_to_follow_the_search_by_mail(client):
    response = client.get("/suche/", {"q": "Radweg", "art": "motion"})

    assert b"/folgen/?art=search&amp;q=Radweg" in response.content


def test_the_subscription_form_names_the_followed_search(client):
    response = client.get("/folgen/", {"art": "search", "q": "Radweg"})

    assert "Suche „Radweg“" in response.content.decode()
