"""The paper list as CSV: for those who work with papers, with what each may see."""

import csv
import io

import pytest

from motions import services as paper_steps
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/daten/intern/drucksachen.csv"


@pytest.fixture
def papers(b2, spd, gruene, spd_staff, gruene_staff):
    public = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Radweg")
    paper_steps.submit(paper=public, by=spd_staff)
    hidden = f.draft(
        committee=b2, by=gruene_staff, factions=[gruene], title="Grundstück", is_public=False
    )
    paper_steps.submit(paper=hidden, by=gruene_staff)
    f.draft(committee=b2, by=spd_staff, factions=[spd], title="Entwurf")
    return public, hidden


def _titles(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["Betreff"] for row in csv.DictReader(io.StringIO(text), delimiter=";")]


def test_citizens_are_sent_to_login(client, papers):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_an_account_without_a_role_is_refused(client, papers):
    client.force_login(f.UserFactory())

    assert client.get(URL).status_code == 403


def test_faction_staff_get_the_public_papers_without_drafts(client, papers, spd_staff):
    client.force_login(spd_staff)

    response = client.get(URL)

    assert response["Content-Disposition"].startswith('attachment; filename="drucksachen-')
    assert _titles(response) == ["Radweg"]


def test_the_office_gets_the_non_public_papers_too(client, papers, office):
    client.force_login(office)

    assert sorted(_titles(client.get(URL))) == ["Grundstück", "Radweg"]


def test_the_committee_chair_gets_the_committees_non_public_papers(client, papers, b2_chair):
    client.force_login(b2_chair)

    assert sorted(_titles(client.get(URL))) == ["Grundstück", "Radweg"]


def test_the_unit_gets_what_it_may_read(client, papers, integration_unit_staff):
    client.force_login(integration_unit_staff)

    assert sorted(_titles(client.get(URL))) == ["Grundstück", "Radweg"]


def test_the_list_is_narrowed_to_a_faction(client, papers, office, gruene):
    client.force_login(office)

    assert _titles(client.get(f"{URL}?fraktion={gruene.pk}")) == ["Grundstück"]


@pytest.mark.parametrize("query", ["?fraktion=x", "?gremium=999999", "?fraktion=-1"])
def test_a_bad_filter_is_a_404(client, papers, office, query):
    client.force_login(office)

    assert client.get(URL + query).status_code == 404


def test_the_paper_list_links_the_csv_for_staff_only(client, papers, spd_staff, b2):
    anonymous = client.get(f"/antraege/?gremium={b2.pk}").content.decode()
    client.force_login(spd_staff)

    staff = client.get(f"/antraege/?gremium={b2.pk}").content.decode()

    assert URL not in anonymous
    assert f'{URL}?gremium={b2.pk}"' in staff


def test_the_export_takes_a_bounded_number_of_queries(
    client, papers, office, b2, spd, spd_staff, django_assert_max_num_queries
):
    for _n in range(20):
        paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
        paper_steps.submit(paper=paper, by=spd_staff)
    client.force_login(office)

    with django_assert_max_num_queries(12):
        titles = _titles(client.get(URL))

    assert len(titles) == 22
