"""The portal's public page types in Chromium at 360 and 1280 px: axe-core (WCAG 2.1 A and AA),
no sideways scrolling, screenshots to look at; and the feedback form by keyboard alone."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from council.models import Role
from portal import services as portal_steps
from portal.models import Feedback
from reports.models import Report
from tests import factories as f

pytestmark = pytest.mark.browser

BOTH = (360, 1280)


@pytest.fixture
def portal(body, council, b2, spd, gruene, integration_unit, office):
    councillor = f.PersonFactory(body=body, given_name="Anna-Katharina", family_name="Schulze")
    f.MembershipFactory(person=councillor, organization=council, on_behalf_of=gruene)
    f.MembershipFactory(person=councillor, organization=b2, on_behalf_of=gruene, role=Role.CHAIR)
    meeting = f.MeetingFactory(
        body=body,
        organizations=[b2],
        name="Sitzung des Betriebsausschusses 2",
        start=datetime.datetime(2026, 3, 5, 17, tzinfo=f.BERLIN),
    )
    item = f.AgendaItemFactory(
        meeting=meeting, number="Ö 1", title="Kommunales Integrationsmanagement"
    )
    f.publish_agenda(meeting)
    paper = f.PaperFactory(
        body=body,
        committee=b2,
        factions=[spd, gruene],
        title="Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel",
        state="decided",
        outcome="adopted",
        decision_item=item,
        reference="A/2026/0001",
        submitted_at=datetime.datetime(2026, 2, 1, 9, tzinfo=f.BERLIN),
    )
    overdue = f.requested_paper(committee=b2, factions=[spd], report_due=datetime.date(2026, 1, 5))
    request = f.ReportRequestFactory(paper=overdue, unit=integration_unit)
    published = datetime.datetime(2026, 3, 1, 10, tzinfo=f.BERLIN)
    report = Report.objects.create(
        request=request,
        body=body,
        reference="M/2026/0001",
        title="Bericht zum Integrationsmanagement",
        introduction="Die Verwaltung berichtet.",
        state="published",
        is_public=True,
        released_at=published,
        published_at=published,
        created_by=office,
    )
    feedback = portal_steps.submit_feedback(
        body=body, email="leserin@example.org", message="Der Kalender ist schwer zu lesen."
    )
    return SimpleNamespace(
        b2=b2,
        spd=spd,
        councillor=councillor,
        meeting=meeting,
        paper=paper,
        report=report,
        feedback=feedback,
        unit=integration_unit,
    )


PAGES = {
    "portal-start": lambda d: reverse("council:home"),
    "portal-antraege-gefiltert": lambda d: (
        f"{reverse('motions:list')}?gremium={d.b2.pk}&bericht=ueberfaellig&sortierung=nummer"
    ),
    "portal-antraege-fehler": lambda d: f"{reverse('motions:list')}?jahr=zwei&nach=x",
    "portal-antrag": lambda d: d.paper.get_absolute_url(),
    "portal-sitzungen-kalender": lambda d: (
        f"{reverse('council:meetings')}?monat=2026-03&gremium={d.b2.pk}"
    ),
    "portal-sitzungen-vergangen": lambda d: f"{reverse('council:meetings')}?zeit=vergangen",
    "portal-sitzung": lambda d: d.meeting.get_absolute_url(),
    "portal-gremium": lambda d: d.b2.get_absolute_url(),
    "portal-personen-gefiltert": lambda d: f"{reverse('council:persons')}?fraktion={d.spd.pk}",
    "portal-person": lambda d: d.councillor.get_absolute_url(),
    "portal-berichte-gefiltert": lambda d: f"{reverse('reports:list')}?einheit={d.unit.pk}",
    "portal-bericht": lambda d: d.report.get_absolute_url(),
    "portal-barrierefreiheit": lambda d: reverse("portal:accessibility"),
    "portal-leichte-sprache": lambda d: reverse("portal:easy_language"),
    "portal-rueckmeldung": lambda d: reverse("portal:feedback"),
    "portal-danke": lambda d: reverse("portal:feedback_thanks"),
}
OFFICE_PAGES = {
    "portal-rueckmeldungen": lambda d: reverse("portal:feedback_list"),
    "portal-rueckmeldung-antworten": lambda d: d.feedback.get_absolute_url(),
}


def _open(page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response.ok, f"{path}: HTTP {response.status}"


@pytest.mark.parametrize("name", PAGES)
def test_public_page_types_are_accessible_at_both_widths(
    name, portal, page, live_server, check_screen
):
    _open(page, live_server, PAGES[name](portal))

    check_screen(page, name, widths=BOTH)


@pytest.mark.parametrize("name", OFFICE_PAGES)
def test_the_offices_feedback_pages_are_accessible_at_both_widths(
    name, portal, page, live_server, log_in, office, check_screen
):
    log_in(office)

    _open(page, live_server, OFFICE_PAGES[name](portal))

    check_screen(page, name, widths=BOTH)


def test_a_citizen_reports_a_barrier_by_keyboard_alone(
    portal, page, live_server, assert_accessible, check_screen
):
    _open(page, live_server, reverse("council:persons"))
    page.get_by_role("link", name="Barriere melden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/barrierefreiheit/rueckmeldung/**")

    page.get_by_label("E-Mail-Adresse").focus()
    page.keyboard.type("kein-at")
    page.get_by_label("Nachricht").focus()
    page.keyboard.type("Die Filter sind mit der Lupe schwer zu finden.")
    page.get_by_role("button", name="Rückmeldung senden").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    check_screen(page, "portal-rueckmeldung-fehler", widths=BOTH)
    page.get_by_label("E-Mail-Adresse").fill("")
    page.get_by_label("E-Mail-Adresse").focus()
    page.keyboard.type("leser@example.org")
    page.get_by_role("button", name="Rückmeldung senden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/danke/")

    assert Feedback.objects.filter(email="leser@example.org", page="/personen/").exists()
    assert_accessible(page)


def test_a_citizen_filters_the_register_by_keyboard(portal, page, live_server, assert_accessible):
    _open(page, live_server, reverse("motions:list"))

    page.get_by_label("Bericht der Verwaltung").focus()
    page.get_by_label("Bericht der Verwaltung").select_option("ueberfaellig")
    page.get_by_role("button", name="Anzeigen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**bericht=ueberfaellig**")

    assert page.get_by_label("Bericht der Verwaltung").input_value() == "ueberfaellig"
    assert portal.paper.title not in page.locator("main").inner_text()
    assert_accessible(page)
