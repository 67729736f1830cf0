"""Every page of the council app in Chromium: accessible (axe-core, WCAG 2.1 A and AA), usable
with the keyboard and on a 360 px screen, for a citizen and for a committee's chair."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from council.models import AgendaResult, MeetingState, Role
from tests import factories as f

pytestmark = pytest.mark.browser

MOBILE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
NONPUBLIC_TITLE = "Grundstücksverkauf Am Markt 3"

# Every page type of the council app, by the path it has in the data of the `pages` fixture.
PAGES = {
    "start": lambda d: reverse("council:home"),
    "gremien": lambda d: reverse("council:organizations"),
    "ausschuss": lambda d: d.b2.get_absolute_url(),
    "fraktion": lambda d: d.spd.get_absolute_url(),
    "sitzungen": lambda d: reverse("council:meetings"),
    "sitzungen-monat": lambda d: f"{reverse('council:meetings')}?monat={d.next_month:%Y-%m}",
    "sitzung": lambda d: d.meeting.get_absolute_url(),
    "personen": lambda d: reverse("council:persons"),
    "person": lambda d: d.person.get_absolute_url(),
    "impressum": lambda d: reverse("council:imprint"),
    "datenschutz": lambda d: reverse("council:privacy"),
    "barrierefreiheit": lambda d: reverse("portal:accessibility"),
    "anmelden": lambda d: reverse("login"),
}


def _at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=f.BERLIN)


@pytest.fixture
def pages(body, council, b2, spd, b2_chair, b2_member):
    """A council with B2 (chair and members), a faction, a person with current and former
    mandates, a B2 meeting this month with public and non-public items, two council meetings
    next month (one cancelled) and a past B2 meeting."""
    person = f.PersonFactory(body=body, title="Dr.", given_name="Anna", family_name="Beispiel")
    f.MembershipFactory(person=person, organization=council, on_behalf_of=spd)
    f.MembershipFactory(person=person, organization=b2, on_behalf_of=spd)
    f.MembershipFactory(person=person, organization=spd, role=Role.FACTION_CHAIR)
    f.MembershipFactory(
        person=person,
        organization=b2,
        role=Role.DEPUTY_CHAIR,
        start_date=datetime.date(2014, 6, 1),
        end_date=datetime.date(2020, 10, 31),
    )
    f.MembershipFactory(person=b2_chair.person, organization=council, on_behalf_of=spd)

    today = timezone.localdate()
    meeting = f.MeetingFactory(
        body=body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=_at(today, 17),
        state=MeetingState.INVITED,
    )
    f.AgendaItemFactory(meeting=meeting, order=1, number="Ö 1", title="Eröffnung der Sitzung")
    f.AgendaItemFactory(
        meeting=meeting,
        order=2,
        number="Ö 2",
        title="Neubau der Kita Nord",
        result=AgendaResult.ADOPTED,
        resolution_text="Der Ausschuss stimmt dem Neubau zu.",
    )
    f.AgendaItemFactory(meeting=meeting, order=3, number="N 1", title=NONPUBLIC_TITLE, public=False)

    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    f.MeetingFactory(
        body=body, name="Sitzung des Rates", organizations=[council], start=_at(next_month, 16)
    )
    f.MeetingFactory(
        body=body,
        name="Sitzung des Rates",
        organizations=[council],
        start=_at(next_month.replace(day=20), 16),
        state=MeetingState.CANCELLED,
    )
    f.MeetingFactory(
        body=body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=_at(datetime.date(2024, 3, 12), 17),
        state=MeetingState.HELD,
    )
    return SimpleNamespace(b2=b2, spd=spd, meeting=meeting, person=person, next_month=next_month)


@pytest.fixture(params=["citizen", "chair"])
def persona(request, log_in):
    """The citizen is anonymous; the chair is B2's chair, logged in."""
    if request.param == "chair":
        log_in(request.getfixturevalue("b2_chair"))
    return request.param


def _open(page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response.ok, f"{path}: HTTP {response.status}"


@pytest.mark.parametrize("name", PAGES)
def test_page_meets_wcag_21_aa_on_a_360px_screen(
    name, persona, pages, page, live_server, assert_accessible, screenshot
):
    page.set_viewport_size(MOBILE)

    _open(page, live_server, PAGES[name](pages))

    if persona == "citizen":
        screenshot(page, f"{name}-360px")
    assert_accessible(page)
    # Reflow (WCAG 1.4.10), which axe cannot check: no sideways scrolling on a small screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


@pytest.mark.parametrize("name", PAGES)
def test_page_meets_wcag_21_aa_on_a_desktop_screen(
    name, persona, pages, page, live_server, assert_accessible, screenshot
):
    page.set_viewport_size(DESKTOP)

    _open(page, live_server, PAGES[name](pages))

    if persona == "citizen":
        screenshot(page, f"{name}-1280px")
    assert_accessible(page)


def test_stylesheet_is_served_and_applied(pages, page, live_server):
    _open(page, live_server, reverse("council:home"))

    background = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(11, 79, 138)"


def test_citizen_sees_that_an_item_is_not_public_but_not_its_title(pages, page, live_server):
    _open(page, live_server, pages.meeting.get_absolute_url())

    assert "nicht öffentlich" in page.locator(".agenda").inner_text()
    assert NONPUBLIC_TITLE not in page.content()


def test_chair_sees_the_title_of_a_nonpublic_item_of_their_committee(
    pages, page, live_server, log_in, b2_chair
):
    log_in(b2_chair)

    _open(page, live_server, pages.meeting.get_absolute_url())

    assert NONPUBLIC_TITLE in page.locator(".agenda").inner_text()


def test_skip_link_is_the_first_element_the_tab_key_reaches(pages, page, live_server):
    _open(page, live_server, pages.meeting.get_absolute_url())

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent.trim()") == "Zum Inhalt springen"


def test_skip_link_moves_the_focus_to_the_main_content(pages, page, live_server):
    _open(page, live_server, pages.meeting.get_absolute_url())

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"
