"""The work of B2 in Chromium, by the keyboard alone: the chair puts the sample letter on the
agenda of a special meeting, prepares and publishes the invitation, records the decision on
meeting day and releases the minutes; a citizen then reads the minutes and the decided paper.
axe-core (WCAG 2.1 A and AA) checks every screen on the way."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from council.models import Role, Standing, StandingItem
from motions import services
from tests import factories as f
from tests.browser.keyboard import (
    choose_option,
    choose_radio,
    focus_by_tab,
    press_enter_on,
    toggle,
    type_into,
)
from tests.browser.sample_letter import (
    JUSTIFICATION,
    QUESTIONS,
    QUESTIONS_INTRO,
    REQUEST_TEXT,
    RESOLUTION,
    TITLE,
)

pytestmark = pytest.mark.browser

# Results are recorded from the meeting's start on, and only upcoming meetings take new items:
# the special meeting begins this long after the test starts, time enough to schedule the paper.
STARTS_IN = datetime.timedelta(seconds=30)
LATE_REASON = "Dringender Sachstand vor den Haushaltsberatungen; Ladung mit verkürzter Frist."
PRESENTATION = "Vorstellung des Kommunalen Integrationszentrums"


@pytest.fixture
def special_meeting(body, b2, spd, gruene, spd_staff, gruene_staff, b2_chair):
    """The sample letter, submitted, waiting for B2; B2's standing items and its members with
    their factions; a special meeting about to begin and the regular one the letter asked for."""
    template = [
        ("Eröffnung der Sitzung", Standing.OPENING),
        ("Feststellung der Tagesordnung", Standing.OPENING),
        ("Mitteilungen der Verwaltung", Standing.CLOSING),
        ("Verschiedenes", Standing.CLOSING),
    ]
    for order, (title, placement) in enumerate(template):
        StandingItem.objects.create(organization=b2, title=title, placement=placement, order=order)
    for faction in (spd, spd, gruene):
        f.MembershipFactory(organization=b2, role=Role.MEMBER, on_behalf_of=faction)
    regular = f.MeetingFactory(
        body=body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=datetime.datetime(2099, 4, 15, 17, 0, tzinfo=f.BERLIN),
    )
    special = f.MeetingFactory(
        body=body,
        name="Sondersitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=timezone.now() + STARTS_IN,
    )
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd, gruene],
        questions=QUESTIONS,
        title=TITLE,
        request_text=REQUEST_TEXT,
        proposed_resolution=RESOLUTION,
        questions_intro=QUESTIONS_INTRO,
        justification=JUSTIFICATION,
        report_kind="written_and_oral",
        target_meeting=regular,
    )
    services.agree(paper=paper, faction=gruene, by=gruene_staff)
    paper = services.submit(paper=paper, by=spd_staff)
    return SimpleNamespace(b2=b2, paper=paper, meeting=special)


def agenda_numbers(page):
    items = page.locator(".agenda__item")
    return [
        (
            items.nth(i).locator(".agenda__number").inner_text(),
            items.nth(i).locator(".agenda__title").inner_text(),
        )
        for i in range(items.count())
    ]


def test_the_chair_takes_the_sample_letter_from_the_inbox_to_the_minutes_by_keyboard(
    special_meeting, b2_chair, page, citizen_page, live_server, log_in, check_screen
):
    data = special_meeting
    meeting, paper = data.meeting, data.paper
    paper_item = f"{paper.reference} {TITLE}"
    log_in(b2_chair)
    page.goto(live_server.url + reverse("council:home"))

    # "Mein Ausschuss": the letter waits in B2's inbox.
    press_enter_on(page, "a[href='/mein-ausschuss/']")
    expect(page.locator("h1")).to_have_text(data.b2.name)
    expect(page.locator("table.inbox tbody tr")).to_have_count(1)
    expect(page.locator("table.inbox tbody tr")).to_contain_text(paper.reference)
    check_screen(page, "ausschuss-eingang")

    # "Auf die Tagesordnung …": the special meeting, for the decision.
    press_enter_on(page, f"a[href='/antraege/{paper.pk}/terminieren/']")
    expect(page.locator("#id_meeting")).to_have_value(str(paper.target_meeting_id))
    check_screen(page, "ausschuss-terminieren")
    choose_option(page, "#id_meeting", "So", meeting.pk)
    choose_radio(page, "role", "decision")
    focus_by_tab(page, "#id_public")
    expect(page.locator("#id_public")).to_be_checked()
    press_enter_on(page, "main form button[type=submit]")

    expect(page.locator(".messages")).to_contain_text("Auf die Tagesordnung gesetzt")
    expect(page.locator("table.inbox")).to_have_count(0)

    # The agenda editor: the standing items, a free item, and the paper moved after it.
    press_enter_on(page, f"a[href='/sitzungen/{meeting.pk}/tagesordnung/']")
    assert agenda_numbers(page) == [("Ö 1", paper_item)]
    expect(page.locator("#standing-items")).to_have_text(
        "Nach der Vorlage des Gremiums: Eröffnung der Sitzung, Feststellung der Tagesordnung, "
        "Mitteilungen der Verwaltung, Verschiedenes"
    )
    press_enter_on(page, "form[action$='/standardpunkte/'] button")
    expect(page.locator(".messages")).to_contain_text("Die Standardpunkte sind eingefügt.")
    expect(page.locator("form[action$='/standardpunkte/']")).to_have_count(0)
    type_into(page, "#id_title", PRESENTATION)
    press_enter_on(page, "form[action$='/tagesordnung/neu/'] button")
    expect(page.locator(".messages")).to_contain_text("Der Punkt ist aufgenommen.")
    item = meeting.agenda_items.get(consultation__paper=paper)
    press_enter_on(page, f"form[action$='/{item.pk}/runter/'] button")
    assert agenda_numbers(page) == [
        ("Ö 1", "Eröffnung der Sitzung"),
        ("Ö 2", "Feststellung der Tagesordnung"),
        ("Ö 3", PRESENTATION),
        ("Ö 4", paper_item),
        ("Ö 5", "Mitteilungen der Verwaltung"),
        ("Ö 6", "Verschiedenes"),
    ]
    check_screen(page, "ausschuss-tagesordnung-entwurf", widths=(1280, 360))

    # The notice period cannot be kept for a meeting today: the reason goes with the invitation.
    expect(page.locator("#publish-heading")).to_have_text("Einladung veröffentlichen")
    type_into(page, "#id_late_reason", LATE_REASON)
    press_enter_on(page, "form[action$='/veroeffentlichen/'] button")

    expect(page.locator(".messages")).to_contain_text("Veröffentlicht: Einladung vom")
    expect(page.locator("section[aria-labelledby=publish-heading]")).to_contain_text(LATE_REASON)
    expect(page.locator(".agenda__tools")).to_have_count(0)
    check_screen(page, "ausschuss-tagesordnung-veroeffentlicht", widths=(1280, 360))

    # Meeting day, once the meeting has begun.
    page.wait_for_timeout(max(0, (meeting.start - timezone.now()).total_seconds() * 1000) + 200)
    press_enter_on(page, f"nav a[href='/sitzungen/{meeting.pk}/sitzungstag/']")
    expect(page.locator("h1")).to_contain_text("Sitzungstag")
    expect(page.locator(f"#top-{item.pk} button[type=submit]")).to_be_enabled()
    check_screen(page, "ausschuss-sitzungstag", widths=(1280, 360))
    focus_by_tab(page, f"#top-{item.pk} details summary")
    page.keyboard.press("Enter")
    check_screen(page, "ausschuss-sitzungstag-fraktionen", widths=(360,))
    prefix = f"#id_top{item.pk}"
    choose_option(page, f"{prefix}-result", "b", "adopted")
    toggle(page, f"{prefix}-unanimous")
    type_into(page, f"{prefix}-yes", "4")
    press_enter_on(page, f"#top-{item.pk} button[type=submit]")

    expect(page.locator(".messages")).to_contain_text("Ö 4: Ergebnis gespeichert.")
    expect(page.locator(f"#top-{item.pk} .agenda__result")).to_have_text(
        "Ergebnis: beschlossen (einstimmig)"
    )
    check_screen(page, "ausschuss-sitzungstag-beschlossen")
    press_enter_on(page, "form[action$='/niederschrift-freigeben/'] button")
    expect(page.locator(".messages")).to_contain_text("Die Niederschrift ist freigegeben")

    # A citizen reads the minutes and the decided paper.
    minutes = citizen_page.goto(live_server.url + reverse("council:minutes", args=[meeting.pk]))
    assert minutes.ok
    expect(citizen_page.locator("main")).to_contain_text(TITLE)
    expect(citizen_page.locator("main")).to_contain_text("einstimmig")
    expect(citizen_page.locator("main")).not_to_contain_text("Entwurf – nicht freigegeben")
    check_screen(citizen_page, "niederschrift-sondersitzung")
    citizen_page.goto(live_server.url + paper.get_absolute_url())
    expect(citizen_page.locator(".facts .badge").first).to_have_text("entschieden: beschlossen")
