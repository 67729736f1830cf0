"""Atom feeds of the public lists and of a paper's history: valid Atom, public content only,
the lists' filters, bounded queries, and a 404 for a filter that names nothing."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from council import agenda
from motions import services as paper_steps
from motions.models import Paper
from tests import factories as f

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(response):
    """The feed's entries as {title, id, summary}, after checking what RFC 4287 requires: a feed
    and each entry with id, title and updated, an entry with a link, no id twice."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for element in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{element}") is not None, element
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        for element in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{element}") is not None, element
        datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        entries.append(
            {
                "title": entry.find(f"{ATOM}title").text,
                "id": entry.find(f"{ATOM}id").text,
                "summary": (entry.find(f"{ATOM}summary").text or ""),
            }
        )
    assert len({e["id"] for e in entries}) == len(entries)
    return entries


def published_report(committee, unit, *, title, is_public=True, at=None, factions=()):
    """A published report on a new paper of `committee`, built directly."""
    from reports.models import Report

    at = at or datetime.datetime(2026, 3, 10, 9, 0, tzinfo=f.BERLIN)
    paper = f.requested_paper(committee=committee, is_public=is_public, factions=list(factions))
    request = f.ReportRequestFactory(paper=paper, unit=unit, answered_at=at)
    number = Report.objects.count() + 1
    return Report.objects.create(
        request=request,
        body=committee.body,
        reference=f"M/2026/{number:04d}",
        title=title,
        state="published",
        is_public=is_public,
        released_at=at,
        published_at=at,
        created_by=request.requested_by,
    )


@pytest.fixture
def submitted(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Integrationsmanagement")
    return paper_steps.submit(paper=paper, by=spd_staff)


@pytest.fixture
def gruene_paper(b2, gruene, gruene_staff):
    paper = f.draft(
        committee=b2, by=gruene_staff, factions=[gruene], title="Radwege", paper_type="inquiry"
    )
    return paper_steps.submit(paper=paper, by=gruene_staff)


def test_register_feed_lists_public_papers_not_drafts(client, submitted, b2, spd, spd_staff):
    f.draft(committee=b2, by=spd_staff, factions=[spd], title="Geheimer Entwurf")

    entries = atom_entries(client.get("/feeds/antraege/"))

    assert [e["title"] for e in entries] == [f"{submitted.reference}: Integrationsmanagement"]


def test_register_feed_leaves_out_non_public_papers(client, b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Grundstück", is_public=False)
    paper_steps.submit(paper=paper, by=spd_staff)

    assert atom_entries(client.get("/feeds/antraege/")) == []


def test_register_feed_follows_the_faction_filter(client, submitted, gruene_paper, gruene):
    entries = atom_entries(client.get(f"/feeds/antraege/?fraktion={gruene.pk}"))

    assert [e["title"] for e in entries] == [f"{gruene_paper.reference}: Radwege"]


def test_register_feed_follows_the_type_filter(client, submitted, gruene_paper):
    entries = atom_entries(client.get("/feeds/antraege/?art=inquiry"))

    assert [e["title"] for e in entries] == [f"{gruene_paper.reference}: Radwege"]


def test_register_feed_follows_the_report_filter(client, submitted, gruene_paper):
    Paper.objects.filter(pk=gruene_paper.pk).update(report_due=datetime.date(2020, 1, 31))

    entries = atom_entries(client.get("/feeds/antraege/?bericht=ueberfaellig"))

    assert [e["title"] for e in entries] == [f"{gruene_paper.reference}: Radwege"]


def test_register_feed_follows_the_committee_and_year_filters(client, submitted, b2, body):
    other = f.CommitteeFactory(body=body)
    year = submitted.submitted_at.year

    assert len(atom_entries(client.get(f"/feeds/antraege/?gremium={b2.pk}&jahr={year}"))) == 1
    assert atom_entries(client.get(f"/feeds/antraege/?gremium={other.pk}")) == []
    assert atom_entries(client.get(f"/feeds/antraege/?jahr={year - 1}")) == []


@pytest.mark.parametrize(
    "query",
    [
        "fraktion=999999",
        "fraktion=abc",
        "gremium=99999999999999999999999",
        "art=unsinn",
        "stand=draft",
        "jahr=20x6",
        "jahr=0000",
        "jahr=99999999999999999999",
    ],
)
def test_register_feed_with_a_bad_filter_is_a_404(client, query):
    assert client.get(f"/feeds/antraege/?{query}").status_code == 404


def test_register_feed_with_a_faction_id_of_a_committee_is_a_404(client, b2):
    assert client.get(f"/feeds/antraege/?fraktion={b2.pk}").status_code == 404


def test_register_feed_runs_a_bounded_number_of_queries(
    client, b2, spd, spd_staff, django_assert_max_num_queries
):
    for number in range(5):
        paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title=f"Antrag {number}")
        paper_steps.submit(paper=paper, by=spd_staff)

    with django_assert_max_num_queries(6):
        entries = atom_entries(client.get(f"/feeds/antraege/?fraktion={spd.pk}&gremium={b2.pk}"))

    assert len(entries) == 5


def test_feed_escapes_markup_in_titles(client, b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="<script>alert(1)</script>")
    paper_steps.submit(paper=paper, by=spd_staff)

    response = client.get("/feeds/antraege/")

    assert b"<script>" not in response.content
    assert atom_entries(response)[0]["title"].endswith("<script>alert(1)</script>")


def test_paper_feed_shows_the_public_history_without_drafting(client, submitted):
    entries = atom_entries(client.get(f"/feeds/antraege/{submitted.pk}/"))

    assert [e["title"] for e in entries] == ["eingereicht"]


def test_paper_feed_of_a_draft_is_a_404(client, b2, spd, spd_staff):
    draft = f.draft(committee=b2, by=spd_staff, factions=[spd])

    assert client.get(f"/feeds/antraege/{draft.pk}/").status_code == 404


def test_paper_feed_tells_a_decision_at_a_closed_item_without_its_details(
    client, b2, spd, spd_staff, b2_chair, b2_meeting
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    paper_steps.submit(paper=paper, by=spd_staff)
    paper_steps.schedule(paper=paper, meeting=b2_meeting, by=b2_chair, public=False)
    f.publish_agenda(b2_meeting)
    paper_steps.decide(
        paper=paper, by=b2_chair, outcome="adopted", resolution_text="Kaufpreis 1 Mio"
    )

    response = client.get(f"/feeds/antraege/{paper.pk}/")

    assert "Kaufpreis" not in response.content.decode()
    assert "in nicht öffentlicher Sitzung" in atom_entries(response)[0]["title"]


def test_reports_feed_lists_only_published_public_reports(client, b2, integration_unit):
    public = published_report(b2, integration_unit, title="Antwort zur Schulsozialarbeit")
    published_report(b2, integration_unit, title="Geheime Antwort", is_public=False)

    entries = atom_entries(client.get("/feeds/berichte/"))

    assert [e["title"] for e in entries] == [f"{public.reference}: Antwort zur Schulsozialarbeit"]


def test_reports_feed_follows_the_lists_committee_filter(client, b2, council, integration_unit):
    published_report(b2, integration_unit, title="Antwort an B2")
    published_report(council, integration_unit, title="Antwort an den Rat")

    entries = atom_entries(client.get("/feeds/berichte/", {"gremium": b2.pk}))

    assert [e["title"].split(": ", 1)[1] for e in entries] == ["Antwort an B2"]


def test_reports_feed_follows_the_lists_year_filter(client, b2, integration_unit):
    at_2025 = datetime.datetime(2025, 5, 1, 9, 0, tzinfo=f.BERLIN)
    published_report(b2, integration_unit, title="Antwort von 2025", at=at_2025)
    published_report(b2, integration_unit, title="Antwort von 2026")

    entries = atom_entries(client.get("/feeds/berichte/", {"jahr": "2025"}))

    assert [e["title"].split(": ", 1)[1] for e in entries] == ["Antwort von 2025"]


@pytest.mark.parametrize("query", [{"gremium": "x"}, {"jahr": "zwei"}, {"einheit": "99999"}])
def test_reports_feed_with_a_bad_filter_is_a_404(client, query):
    assert client.get("/feeds/berichte/", query).status_code == 404


def test_the_reports_list_offers_the_feed_of_its_filter_state(client, b2):
    response = client.get("/berichte/", {"gremium": b2.pk, "seite": "2"})

    assert f'href="/feeds/berichte/?gremium={b2.pk}"' in response.content.decode()


def test_members_feed_lists_the_councils_public_mandates(client, body, council, spd):
    person = f.PersonFactory(body=body, given_name="Anna", family_name="Beispiel")
    f.MembershipFactory(person=person, organization=council, on_behalf_of=spd)

    entries = atom_entries(client.get("/feeds/personen/"))

    assert [e["title"].split(":")[0] for e in entries] == ["Anna Beispiel"]


def test_members_feed_follows_the_lists_committee_and_faction_filters(
    client, body, council, b2, spd, gruene
):
    for name, faction in (("Rot", spd), ("Grün", gruene)):
        person = f.PersonFactory(body=body, family_name=name)
        f.MembershipFactory(person=person, organization=b2, on_behalf_of=faction)

    entries = atom_entries(client.get("/feeds/personen/", {"gremium": b2.pk, "fraktion": spd.pk}))

    assert len(entries) == 1 and "Rot" in entries[0]["title"]


def test_members_feed_never_lists_staff_without_a_mandate(client, body, council, spd):
    staff = f.PersonFactory(body=body, family_name="Mitarbeiterin")
    f.MembershipFactory(person=staff, organization=council, role="faction_staff")

    entries = atom_entries(client.get("/feeds/personen/"))

    assert "Mitarbeiterin" not in str(entries)


def test_members_feed_with_a_bad_filter_is_a_404(client, council):
    assert client.get("/feeds/personen/", {"gremium": "x"}).status_code == 404


def test_the_persons_list_offers_the_feed_of_its_filter_state(client, council, b2):
    response = client.get("/personen/", {"gremium": b2.pk})

    assert f'href="/feeds/personen/?gremium={b2.pk}"' in response.content.decode()


def test_meetings_feed_of_a_committee_shows_its_meetings_with_the_public_agenda(
    client, b2, body, upcoming_b2_meeting
):
    f.MeetingFactory(body=body, organizations=[f.CommitteeFactory(body=body)], name="Andere")
    agenda.add_item(upcoming_b2_meeting, title="Schulwegsicherung")
    agenda.add_item(upcoming_b2_meeting, title="Grundstücksverkauf", public=False)
    f.publish_agenda(upcoming_b2_meeting)

    entries = atom_entries(client.get(f"/feeds/sitzungen/?gremium={b2.pk}"))

    assert len(entries) == 1
    assert entries[0]["title"].startswith("Einladung: ")
    assert "Schulwegsicherung" in entries[0]["summary"]
    assert "Grundstücksverkauf" not in entries[0]["summary"]


def test_meetings_feed_hides_an_unpublished_agenda(client, b2, upcoming_b2_meeting):
    agenda.add_item(upcoming_b2_meeting, title="Noch nicht veröffentlicht")

    response = client.get("/feeds/sitzungen/")

    assert "Noch nicht veröffentlicht" not in response.content.decode()
    assert len(atom_entries(response)) == 1


@pytest.mark.parametrize("value", ["abc", "999999", "-1"])
def test_meetings_feed_with_a_bad_committee_is_a_404(client, value):
    assert client.get(f"/feeds/sitzungen/?gremium={value}").status_code == 404


def test_meetings_feed_of_a_faction_is_a_404(client, spd):
    assert client.get(f"/feeds/sitzungen/?gremium={spd.pk}").status_code == 404


def test_meetings_feed_runs_a_bounded_number_of_queries(
    client, body, b2, django_assert_max_num_queries
):
    for day in range(1, 6):
        meeting = f.MeetingFactory(
            body=body,
            organizations=[b2],
            start=datetime.datetime(2099, 5, day, 17, tzinfo=f.BERLIN),
        )
        agenda.add_item(meeting, title="Punkt")
        f.publish_agenda(meeting)

    with django_assert_max_num_queries(6):
        assert len(atom_entries(client.get(f"/feeds/sitzungen/?gremium={b2.pk}"))) == 5
