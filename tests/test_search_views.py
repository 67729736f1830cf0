"""The search page and its feed: public content only and the same for every role, bounded
queries, any input answered with a normal page, valid Atom."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from council import agenda
from motions import services as paper_steps
from reports import services as report_steps
from search.models import Entry
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("search:results")
FEED = reverse("search:feed")
ATOM = "{http://www.w3.org/2005/Atom}"
SECRET = "Verschlusssache"


@pytest.fixture
def published(
    django_capture_on_commit_callbacks,
    b2,
    spd,
    spd_staff,
    b2_chair,
    upcoming_b2_meeting,
    integration_unit,
    integration_unit_staff,
    integration_unit_head,
):
    """A public motion with a published report and a public agenda item, each beside a secret
    with the word SECRET: a draft, a non-public paper, a draft report, a non-public item and an
    unpublished agenda. All written through the services, the index updated on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        public = f.draft(
            committee=b2,
            by=spd_staff,
            factions=[spd],
            title="Kommunales Integrationsmanagement",
            questions=["Wie steht es?"],
            report_kind="written",
        )
        paper_steps.submit(paper=public, by=spd_staff)
        f.draft(committee=b2, by=spd_staff, factions=[spd], title=f"Entwurf {SECRET}")
        hidden = f.draft(
            committee=b2, by=spd_staff, factions=[spd], is_public=False, title=f"Kauf {SECRET}"
        )
        paper_steps.submit(paper=hidden, by=spd_staff)
        request = report_steps.request_report(
            paper=public, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
        )
        report = report_steps.save_report(
            request=request,
            by=integration_unit_staff,
            title="Bericht Integrationsmanagement",
            answers={q.pk: "Gut." for q in request.questions.all()},
        )
        report_steps.release(report=report, by=integration_unit_head)
        report_steps.publish(report=report, by=integration_unit_head)
        report_steps.save_report(
            request=request,
            by=integration_unit_staff,
            title="Bericht Integrationsmanagement",
            introduction=f"Korrektur {SECRET}",
        )
        third = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=["Wann?"])
        third.report_kind = "written"
        third.save()
        paper_steps.submit(paper=third, by=spd_staff)
        draft_request = report_steps.request_report(
            paper=third, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
        )
        report_steps.save_report(
            request=draft_request, by=integration_unit_staff, title=f"Berichtsentwurf {SECRET}"
        )
        agenda.add_item(upcoming_b2_meeting, title="Integrationsmanagement im Ausschuss")
        agenda.add_item(upcoming_b2_meeting, title=f"Vertrag {SECRET}", public=False)
        agenda.publish(upcoming_b2_meeting, by=b2_chair, late_reason="Eilt.")
        unpublished = f.MeetingFactory(body=b2.body, organizations=[b2])
        agenda.add_item(unpublished, title=f"Vorlage {SECRET}")
    return public


@pytest.fixture
def roles(spd_staff, gruene_staff, b2_chair, office, integration_unit_staff):
    return [None, spd_staff, gruene_staff, b2_chair, office, integration_unit_staff]


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_the_search_finds_paper_report_and_agenda_item(client, published):
    response = client.get(URL, {"q": "Integrationsmanagement"})

    assert response.status_code == 200
    text = response.content.decode()
    assert published.get_absolute_url() in text
    assert "Bericht <mark>Integrationsmanagement</mark>" in text
    assert "<mark>Integrationsmanagement</mark> im Ausschuss" in text


def test_no_role_finds_anything_non_public(client, published, roles):
    for user in roles:
        client.logout()

        response = as_user(client, user).get(URL, {"q": SECRET})

        assert response.status_code == 200
        assert "0 Treffer" in response.content.decode(), user
        assert not any(SECRET in entry for entry in Entry.objects.values_list("body", flat=True))


def test_every_role_sees_the_same_results(client, published, roles):
    pages = set()
    for user in roles:
        client.logout()
        response = as_user(client, user).get(URL, {"q": "Integrationsmanagement"})
        results = response.content.decode().split('class="search-results"')[1]
        pages.add(results.split("</section>")[0])

    assert len(pages) == 1


def test_the_page_says_that_it_shows_public_content_to_everyone(client, db):
    response = client.get(URL)

    assert "zeigt allen dasselbe" in response.content.decode()


def test_the_header_of_every_page_has_the_search_box(client, db):
    response = client.get(reverse("council:home"))

    assert 'role="search"' in response.content.decode()
    assert f'action="{URL}"' in response.content.decode()


def test_the_results_link_their_feed(client, published):
    response = client.get(URL, {"q": "Integrationsmanagement"})

    assert f'href="{FEED}?q=Integrationsmanagement"' in response.content.decode()


def test_the_result_shows_its_date(client, published):
    response = client.get(URL, {"q": "Integrationsmanagement", "sortierung": "datum"})

    assert '<time datetime="' in response.content.decode()


# Bounded queries --------------------------------------------------------------------------------


def _entries(count, b2):
    for number in range(count):
        entry = Entry.objects.create(
            source="paper",
            object_id=10_000 + number,
            kind="motion",
            title=f"Ampel {number}",
            body="Ampel an der Kreuzung",
            date=datetime.date(2026, 1, 1),
            url=f"/antraege/{10_000 + number}/",
        )
        entry.organizations.add(b2)
    if Entry.objects.exists():
        from django.db import connection

        from search import index

        if connection.vendor == "postgresql":
            Entry.objects.update(vector=index.vector())


@pytest.mark.parametrize("count", [1, 60])
def test_the_results_page_runs_a_bounded_number_of_queries(
    client, b2, spd, count, django_assert_max_num_queries
):
    _entries(count, b2)
    params = {"q": "Ampel", "gremium": b2.pk, "fraktion": spd.pk, "jahr": "2026", "seite": "2"}

    with django_assert_max_num_queries(12):
        response = client.get(URL, params)

    assert response.status_code == 200


# Bad input --------------------------------------------------------------------------------------

BAD_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    '"',
    '"unclosed phrase',
    "-",
    "--",
    "OR",
    "a OR",
    "&",
    "|",
    "!",
    ":*",
    "a:*",
    "()",
    "\x00",
    "Ampel\x00Kreuzung",
    "🦄🏛️",
    "مرحبا بالعالم",
    "שלום",
    "\u202eAmpel",
    "NEAR(a b)",
    "a AND NOT b",
    "'; DROP TABLE search_entry; --",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_any_query_gives_a_normal_page(client, b2, q):
    _entries(2, b2)

    response = client.get(URL, {"q": q})

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"art": "nichts"},
        {"gremium": "abc"},
        {"gremium": str(2**64)},
        {"gremium": "٣"},
        {"gremium": "999999"},
        {"fraktion": "-1"},
        {"jahr": "abc"},
        {"jahr": "99999"},
        {"jahr": "1e309"},
        {"sortierung": "egal"},
        {"seite": "0"},
        {"seite": "-1"},
        {"seite": "9" * 5000},
        {"seite": "1e309"},
        {"seite": "99999"},
        {"seite": "٣"},
    ],
)
def test_any_filter_or_page_gives_a_normal_page_with_a_message(client, b2, params):
    _entries(2, b2)

    response = client.get(URL, {"q": "Ampel", **params})

    assert response.status_code == 200
    assert 'class="notice"' in response.content.decode()


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    q=st.text(max_size=300),
    page=st.text(max_size=12),
    year=st.text(max_size=6),
    order=st.sampled_from(["", "relevanz", "datum", "x"]),
)
def test_random_input_never_gives_a_server_error(client, b2, q, page, year, order):
    response = client.get(URL, {"q": q, "seite": page, "jahr": year, "sortierung": order})
    feed = client.get(FEED, {"q": q, "jahr": year})

    assert response.status_code == 200
    assert feed.status_code == 200


# The feed ---------------------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_the_public_matches(client, published):
    response = client.get(FEED, {"q": "Integrationsmanagement"})

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert f"http://testserver{published.get_absolute_url()}" in links


def test_the_feed_never_shows_anything_non_public(client, published):
    for word in ("Entwurf", "Kauf", "Vertrag", "Vorlage", "Korrektur", "Berichtsentwurf"):
        response = client.get(FEED, {"q": word})

        assert SECRET not in response.content.decode(), word
    assert ET.fromstring(client.get(FEED, {"q": SECRET}).content).findall(f"{ATOM}entry") == []


def test_the_feed_of_an_empty_search_is_an_empty_feed(client, db):
    response = client.get(FEED)

    assert response.status_code == 200
    assert ET.fromstring(response.content).findall(f"{ATOM}entry") == []
