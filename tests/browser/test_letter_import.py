"""Reading a letter in Chromium: the council office uploads the sample letter, finds the letter
form filled in with what was found at each field, corrects one field, saves the draft and
submits it on behalf of the two factions; axe-core (WCAG 2.1 A and AA) checks each page."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from council.models import Role
from motions.models import AttachmentKind, Paper
from tests import factories as f

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[1] / "letters" / "sample.txt"
TITLE = "Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel"
CORRECTED = "Stand des Kommunalen Integrationsmanagements"


@pytest.fixture
def council_of_the_sample(body, b2, spd, gruene, b2_chair):
    for faction, given_name, family_name in [
        (spd, "Daniel", "Molloisch"),
        (gruene, "Bert", "Wagener"),
    ]:
        person = f.PersonFactory(body=body, given_name=given_name, family_name=family_name)
        f.MembershipFactory(person=person, organization=faction, role=Role.FACTION_CHAIR)
    # The sample's own B2 meeting (April 2021) is past; this one lies ahead.
    return f.MeetingFactory(
        body=body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=datetime.datetime(2099, 4, 15, 17, 0, tzinfo=f.BERLIN),
    )


def test_office_reads_the_sample_letter_corrects_a_field_saves_and_submits_it(
    council_of_the_sample,
    office,
    page,
    live_server,
    log_in,
    assert_accessible,
    screenshot,
    check_screen,
):
    meeting = council_of_the_sample
    log_in(office)
    page.goto(live_server.url + reverse("committees:inbox"))
    page.get_by_role("link", name="Brief einlesen").click()
    expect(page.locator("h1")).to_have_text("Brief einlesen")
    assert_accessible(page)

    page.locator("#id_letter").set_input_files(SAMPLE)
    page.get_by_role("button", name="Brief einlesen").click()

    expect(page.locator("#letter-reading-heading")).to_contain_text("Aus dem Brief gelesen")
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_letter_date")).to_have_value("2021-03-30")
    expect(page.locator("#id_received_on")).to_have_value(timezone.localdate().isoformat())
    expect(page.locator("#id_title_helptext")).to_contain_text("gefunden:")
    # "in der nächsten Sitzung" after the letter's date: the B2 meeting that lies ahead.
    expect(page.locator("#id_target_meeting")).to_have_value(str(meeting.pk))
    expect(page.locator("textarea[name$='-text']")).to_have_count(2)
    expect(page.locator("input[name=signers]:checked")).to_have_count(2)
    check_screen(page, "brief-eingelesen", widths=(360, 1280))
    assert not Paper.objects.exists()

    # The one correction: a shorter subject.
    page.locator("#id_title").fill(CORRECTED)
    page.get_by_role("button", name="Speichern und Brief ansehen").click()

    expect(page).to_have_url(re.compile(r"/antraege/\d+/$"))
    expect(page.locator("h1")).to_have_text(CORRECTED)
    paper = Paper.objects.get()
    assert paper.title == CORRECTED
    assert paper.target_meeting == meeting
    assert paper.entered_on_behalf
    assert paper.attachments.get().kind == AttachmentKind.ORIGINAL_LETTER

    page.locator("a[href$='/einreichen/']").first.click()
    expect(page.locator("h1")).to_have_text(f"Einreichen: {CORRECTED}")
    page.locator("form[action$='/einreichen/'] button[type=submit]").click()

    reference = f"A/{timezone.localdate().year}/0001"
    expect(page.locator(".eyebrow")).to_have_text(f"Antrag {reference}")
    paper.refresh_from_db()
    assert paper.state == "submitted"
    assert [s.faction.short_name for s in paper.sponsorships.all()] == ["SPD", "GRÜNE"]
    screenshot(page, "brief-eingereicht")
    assert_accessible(page)
