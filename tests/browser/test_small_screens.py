"""Every page type on a 360 px phone, for every role: nothing scrolls sideways (WCAG 1.4.10,
reflow), long German words are hyphenated rather than cut, and the pages of the papers pass
axe-core (WCAG 2.1 A and AA). Screenshots at 360 and 1280 px are kept for a person to look at."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from council.models import Role
from motions import services
from motions.models import Outcome
from reports import services as reports_services
from tests import factories as f

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
ROLES = ["citizen", "spd_staff", "b2_chair", "integration_unit_staff", "office"]

TITLE = "Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel"
LINK = (
    "http://www.kfi.nrw.de/Foerderprogramme/Kommunales-Integrationsmanagement/"
    "2020-06-30-Handlungskonzept-FINAL.docx"
)
JUSTIFICATION = (
    "Das Land NRW möchte mit der flächendeckenden Implementierung des Kommunalen "
    "Integrationsmanagements (KIM) die Integrationsmanagementstrukturen bündeln.\n\n"
    f"<{LINK}>. Einbezogen werden sollen Träger der Freien Wohlfahrtspflege."
)

# Every page type, by its path in the data of the `papers` fixture, and who may open it (the
# others get the login, a refusal or "not found" – which must not scroll sideways either).
EVERYONE = set(ROLES)
STAFF = {"spd_staff", "office"}
PAGES = {
    "start": (lambda d: reverse("council:home"), EVERYONE),
    "sitzungen": (lambda d: reverse("council:meetings"), EVERYONE),
    "sitzung": (lambda d: d.meeting.get_absolute_url(), EVERYONE),
    "gremien": (lambda d: reverse("council:organizations"), EVERYONE),
    "gremium": (lambda d: d.b2.get_absolute_url(), EVERYONE),
    "fraktion": (lambda d: d.gruene.get_absolute_url(), EVERYONE),
    "personen": (lambda d: reverse("council:persons"), EVERYONE),
    "person": (lambda d: d.councillor.get_absolute_url(), EVERYONE),
    "antraege": (lambda d: reverse("motions:list"), EVERYONE),
    "antrag": (lambda d: d.joint.get_absolute_url(), EVERYONE),
    "brief": (lambda d: reverse("motions:letter", args=[d.joint.pk]), EVERYONE),
    "unsere-antraege": (lambda d: reverse("motions:dashboard"), STAFF),
    "neuer-antrag": (lambda d: reverse("motions:create"), STAFF),
    "entwurf-bearbeiten": (lambda d: reverse("motions:edit", args=[d.draft.pk]), STAFF),
    "entwurf": (lambda d: d.draft.get_absolute_url(), STAFF),
    "einreichen": (lambda d: reverse("motions:submit", args=[d.draft.pk]), STAFF),
    "zurueckziehen": (lambda d: reverse("motions:withdraw", args=[d.draft.pk]), STAFF),
    "benachrichtigungen": (lambda d: reverse("motions:notifications"), EVERYONE - {"citizen"}),
    "anmelden": (lambda d: reverse("login"), EVERYONE),
    "impressum": (lambda d: reverse("council:imprint"), EVERYONE),
    "datenschutz": (lambda d: reverse("council:privacy"), EVERYONE),
    "barrierefreiheit": (lambda d: reverse("portal:accessibility"), EVERYONE),
    "nicht-gefunden": (lambda d: "/gibt-es-nicht/", set()),
}
# Checked with axe-core and photographed, as the role that works with them.
MAIN_PAGES = {
    "antrag": "citizen",
    "brief": "citizen",
    "antraege": "citizen",
    "gremium": "citizen",
    "sitzung": "b2_chair",
    "unsere-antraege": "spd_staff",
    "neuer-antrag": "spd_staff",
    "entwurf-bearbeiten": "spd_staff",
    "einreichen": "spd_staff",
    "zurueckziehen": "spd_staff",
    "benachrichtigungen": "b2_chair",
    "nicht-gefunden": "citizen",
}


@pytest.fixture
def papers(
    body, council, b2, spd, gruene, integration_unit, spd_staff, gruene_staff, b2_chair, office
):
    """A joint motion of the Greens and the SPD to B2 with a long title and a long link, on
    the agenda of a meeting held in March, decided, with a report requested from FB 50; and a
    draft of the SPD. Faction chairs and a councillor with mandates in both terms."""
    for faction, given_name, family_name in [
        (spd, "Daniel", "Molloisch"),
        (gruene, "Bert", "Wagener"),
    ]:
        chair = f.PersonFactory(body=body, given_name=given_name, family_name=family_name)
        f.MembershipFactory(person=chair, organization=faction, role=Role.FACTION_CHAIR)
    councillor = f.PersonFactory(body=body, given_name="Anna-Katharina", family_name="Schulze")
    f.MembershipFactory(person=councillor, organization=council, on_behalf_of=gruene)
    f.MembershipFactory(person=councillor, organization=b2, on_behalf_of=gruene)
    f.MembershipFactory(
        person=councillor,
        organization=b2,
        role=Role.DEPUTY_CHAIR,
        start_date=datetime.date(2020, 11, 1),
        end_date=datetime.date(2025, 10, 31),
    )
    # A long committee name widens the dashboard's committee filter.
    f.CommitteeFactory(
        body=body,
        name="Ausschuss für Arbeit, Soziales, Gesundheit, Gleichstellung und Integration",
        short_name="ASGI",
    )
    meeting = f.MeetingFactory(
        body=body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=datetime.datetime(2026, 3, 2, 17, tzinfo=f.BERLIN),
    )
    f.AgendaItemFactory(meeting=meeting, number="Ö 1", title="Eröffnung der Sitzung")
    f.AgendaItemFactory(
        meeting=meeting, number="N 1", title="Grundstücksangelegenheit", public=False
    )

    joint = f.draft(
        committee=b2,
        by=gruene_staff,
        factions=[gruene, spd],
        title=TITLE,
        justification=JUSTIFICATION,
        report_kind="written_and_oral",
        questions=["Wie werden die Träger der Freien Wohlfahrtspflege eingebunden?"],
    )
    services.agree(paper=joint, faction=spd, by=spd_staff, seen_version=services.version_of(joint))
    joint = services.submit(paper=joint, by=gruene_staff)
    joint = services.schedule(paper=joint, meeting=meeting, by=b2_chair)
    f.publish_agenda(meeting)
    joint = services.decide(paper=joint, by=b2_chair, outcome=Outcome.ADOPTED)
    reports_services.request_report(
        paper=joint, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 6, 1)
    )
    joint.refresh_from_db()
    draft = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Sichere Radwege")
    return SimpleNamespace(
        b2=b2, gruene=gruene, meeting=meeting, councillor=councillor, joint=joint, draft=draft
    )


@pytest.fixture
def as_role(request, log_in):
    def as_role(role):
        if role != "citizen":
            log_in(request.getfixturevalue(role))

    return as_role


def _visit(page, live_server, path):
    response = page.goto(live_server.url + path)
    return response.status


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_on_a_360px_phone(role, papers, as_role, page, live_server):
    as_role(role)
    page.set_viewport_size(PHONE)
    too_wide, refused = {}, {}

    for name, (path, allowed) in PAGES.items():
        status = _visit(page, live_server, path(papers))
        if role in allowed and status != 200:
            refused[name] = status
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width

    assert too_wide == {}, f"{role}: pages wider than {PHONE['width']} px"
    assert refused == {}, f"{role}: pages the role may open did not open"


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_main_pages_meet_wcag_21_aa_on_a_phone_and_a_desktop(
    name, papers, as_role, page, live_server, assert_accessible, screenshot
):
    as_role(MAIN_PAGES[name])
    path = PAGES[name][0](papers)

    for size, label in [(PHONE, "360px"), (DESKTOP, "1280px")]:
        page.set_viewport_size(size)
        _visit(page, live_server, path)
        screenshot(page, f"{name}-{label}")
        assert_accessible(page)


def test_long_words_in_the_letter_are_hyphenated_in_the_pages_language(papers, page, live_server):
    page.set_viewport_size(PHONE)

    _visit(page, live_server, papers.joint.get_absolute_url())

    assert page.evaluate("document.documentElement.lang") == "de"
    for selector in ["h1", ".letter", ".facts dd"]:
        hyphens = page.locator(selector).first.evaluate("e => getComputedStyle(e).hyphens")
        assert hyphens == "auto", selector


def test_the_dashboard_shows_state_deadline_and_report_on_a_phone(
    papers, as_role, page, live_server
):
    as_role("spd_staff")
    page.set_viewport_size(PHONE)

    _visit(page, live_server, reverse("motions:dashboard"))

    row = page.locator("table.dashboard tbody tr", has_text=TITLE)
    for text in ["Bericht angefordert", "01.06.2099", "FB 50"]:
        cell = row.get_by_text(text).first
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], text
