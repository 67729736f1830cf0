"""What the pages say beyond the data: who is logged in, where the office goes, the names
behind abbreviations, and joint papers named from the reader's side."""

import datetime

import pytest
from django.urls import path, reverse

from council.models import Role
from motions import services
from reports import services as reports_services
from tests import factories as f

pytestmark = pytest.mark.django_db


def failing_view(request):
    raise RuntimeError("Absichtlich kaputt")


urlpatterns = [path("kaputt/", failing_view)]


def header(response):
    page = response.content.decode()
    return page[page.index('<header class="site-header">') : page.index("</header>")]


# Who is logged in ---------------------------------------------------------------------------------


def test_header_names_the_logged_in_person(client, b2_chair, body):
    client.force_login(b2_chair)

    assert "Angemeldet als Katrin Lasser" in header(client.get(reverse("council:home")))


def test_header_names_a_user_without_a_person_by_the_full_name(client, body):
    user = f.UserFactory(username="ratsbuero", first_name="Petra", last_name="Hollmann")
    client.force_login(user)

    assert "Angemeldet als Petra Hollmann" in header(client.get(reverse("council:home")))


def test_header_names_a_user_without_any_name_by_the_login(client, body):
    client.force_login(f.UserFactory(username="ratsbuero"))

    assert "Angemeldet als ratsbuero" in header(client.get(reverse("council:home")))


# Navigation ---------------------------------------------------------------------------------------


def test_council_office_finds_the_administration_in_the_navigation(client, office, body):
    client.force_login(office)

    assert 'href="/verwaltung/"' in header(client.get(reverse("council:home")))


@pytest.mark.parametrize("persona", ["citizen", "spd_staff", "b2_chair"])
def test_others_are_not_shown_the_administration(request, client, persona, body):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    assert "/verwaltung/" not in header(client.get(reverse("council:home")))


# Joint papers and abbreviations -------------------------------------------------------------------


@pytest.fixture
def joint_paper(b2, spd, gruene, gruene_staff, spd_staff):
    """Led by the Greens, with the SPD as co-sponsor; both have agreed, and it is submitted."""
    paper = f.draft(
        committee=b2,
        by=gruene_staff,
        factions=[gruene, spd],
        title="Gemeinsamer Antrag",
        report_kind="written",
    )
    services.agree(paper=paper, faction=spd, by=spd_staff, seen_version=services.version_of(paper))
    return services.submit(paper=paper, by=gruene_staff)


def dashboard_row(client, user, title):
    client.force_login(user)
    page = client.get(reverse("motions:dashboard")).content.decode()
    start = page.index(title)
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


def test_co_sponsor_reads_the_lead_faction_as_partner(client, joint_paper, spd_staff, gruene):
    row = dashboard_row(client, spd_staff, joint_paper.title)

    assert f'gemeinsam mit <abbr title="{gruene.name}">GRÜNE</abbr>' in row
    assert ">SPD</abbr>" not in row


def test_lead_faction_reads_the_co_sponsor_as_partner(client, joint_paper, gruene_staff, spd):
    row = dashboard_row(client, gruene_staff, joint_paper.title)

    assert f'gemeinsam mit <abbr title="{spd.name}">SPD</abbr>' in row
    assert ">GRÜNE</abbr>" not in row


def test_council_office_reads_lead_and_partner(client, joint_paper, office):
    row = dashboard_row(client, office, joint_paper.title)

    assert row.index(">GRÜNE</abbr>") < row.index("gemeinsam mit") < row.index(">SPD</abbr>")


def test_dashboard_explains_the_committees_abbreviation(client, joint_paper, spd_staff, b2):
    row = dashboard_row(client, spd_staff, joint_paper.title)

    assert f'<abbr title="{b2.name}">{b2.short_name}</abbr>' in row


def test_dashboard_explains_the_report_units_abbreviation(
    client, joint_paper, spd_staff, office, integration_unit
):
    reports_services.request_report(
        paper=joint_paper, by=office, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
    )

    row = dashboard_row(client, spd_staff, joint_paper.title)

    assert '<abbr title="Fachbereich Integration">FB 50</abbr>' in row


def test_consultation_table_explains_the_committees_abbreviation(
    client, joint_paper, b2, b2_chair, b2_meeting
):
    services.schedule(paper=joint_paper, meeting=b2_meeting, by=b2_chair)

    page = client.get(joint_paper.get_absolute_url()).content.decode()

    table = page[page.index('id="consultations-heading"') :]
    assert f'<abbr title="{b2.name}">{b2.short_name}</abbr>' in table


def test_person_list_explains_the_factions_abbreviation(client, council, spd):
    person = f.PersonFactory(body=council.body)
    f.MembershipFactory(person=person, organization=council, on_behalf_of=spd)

    page = client.get(reverse("council:persons")).content.decode()

    assert f'<abbr title="{spd.name}">SPD</abbr>' in page


# The letter ---------------------------------------------------------------------------------------


def test_the_letter_to_a_male_chair_is_addressed_to_herrn(client, b2, spd, spd_staff):
    chair = f.PersonFactory(
        body=b2.body, form_of_address="Herr", given_name="Oliver", family_name="Kuhn"
    )
    f.MembershipFactory(person=chair, organization=b2, role=Role.CHAIR)
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd])
    client.force_login(spd_staff)

    page = client.get(reverse("motions:letter", args=[paper.pk])).content.decode()

    assert "Herrn Oliver Kuhn" in page
    assert "Sehr geehrter Herr Kuhn," in page


# Error pages --------------------------------------------------------------------------------------


@pytest.mark.urls("tests.test_templates")
def test_a_server_error_shows_the_german_error_page_without_details(client):
    client.raise_request_exception = False

    response = client.get("/kaputt/")

    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.content.decode()
    assert "Absichtlich kaputt" not in response.content.decode()
