"""Filing the sample motion in Chromium: faction staff type the letter into the form with the
keyboard alone, preview it, get the co-sponsor's agreement, submit it and find it on the
dashboard, with axe-core (WCAG 2.1 A and AA) checking the form, the preview and the dashboard."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from council.models import Role
from tests import factories as f
from tests.browser.keyboard import (
    choose_option,
    choose_radio,
    focus_by_tab,
    press_enter_on,
    toggle,
    type_date,
    type_into,
)
from tests.browser.sample_letter import (
    JUSTIFICATION,
    LINK,
    QUESTIONS,
    QUESTIONS_INTRO,
    REQUEST_TEXT,
    RESOLUTION,
    SIGNATORIES,
    TITLE,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def council_of_the_sample(body, b2, spd, gruene, b2_chair):
    """B2 chaired by Katrin Lasser, the two factions with their chairs, and a B2 meeting far
    enough ahead that the form offers it (the sample's own meeting of April 2021 is past)."""
    chairs = []
    for faction, given_name, family_name in [
        (spd, "Daniel", "Molloisch"),
        (gruene, "Bert", "Wagener"),
    ]:
        person = f.PersonFactory(
            body=body, form_of_address="Herr", given_name=given_name, family_name=family_name
        )
        f.MembershipFactory(person=person, organization=faction, role=Role.FACTION_CHAIR)
        chairs.append(person)
    meeting = f.MeetingFactory(
        body=body,
        name="Sitzung des Betriebsausschusses 2",
        organizations=[b2],
        start=datetime.datetime(2099, 4, 15, 17, 0, tzinfo=f.BERLIN),
    )
    return SimpleNamespace(b2=b2, spd=spd, gruene=gruene, chairs=chairs, meeting=meeting)


def add_question_by_keyboard(page):
    response = press_enter_on(page, "button[name=add_question]")
    assert response.status == 200


# The filing ---------------------------------------------------------------------------------------


def test_faction_staff_file_the_sample_motion_with_the_keyboard_alone(
    council_of_the_sample,
    spd_staff,
    gruene_staff,
    page,
    second_page,
    live_server,
    log_in,
    assert_accessible,
    screenshot,
):
    data = council_of_the_sample
    log_in(spd_staff)
    page.goto(live_server.url + reverse("motions:create"))
    assert_accessible(page)

    # The parts of the letter that are not questions, in the order the Tab key reaches them.
    choose_radio(page, "paper_type", "motion")
    choose_option(page, "#id_lead_faction", "S", data.spd.pk)
    toggle(page, f"input[name=co_sponsors][value='{data.gruene.pk}']")
    focus_by_tab(page, "#id_place")
    expect(page.locator("#id_place")).to_have_value("Castrop-Rauxel")
    type_date(page, "#id_letter_date", datetime.date(2021, 3, 30))
    choose_option(page, "#id_committee", "B", data.b2.pk)
    choose_option(page, "#id_target_meeting", "S", data.meeting.pk)
    type_into(page, "#id_title", TITLE)
    type_into(page, "#id_request_text", REQUEST_TEXT)
    type_into(page, "#id_proposed_resolution", RESOLUTION)
    type_into(page, "#id_questions_intro", QUESTIONS_INTRO)
    focus_by_tab(page, "#id_justification")
    page.keyboard.insert_text(JUSTIFICATION)  # pasted, like a text written elsewhere
    choose_radio(page, "report_kind", "written_and_oral")
    choose_option(page, "#id_report_meeting", "S", data.meeting.pk)
    # Offered to sign are the members of the user's own faction, until the form is sent again.
    spd_chair, gruene_chair = data.chairs
    expect(page.locator(f"input[name=signers][value='{gruene_chair.pk}']")).to_have_count(0)
    toggle(page, f"input[name=signers][value='{spd_chair.pk}']")

    # "Frage hinzufügen" sends the form and brings it back with one more empty row each time.
    add_question_by_keyboard(page)
    add_question_by_keyboard(page)
    # Now the co-sponsor's members are offered too, each faction in a group of its own.
    expect(page.locator(".choice-group legend")).to_have_text([data.spd.name, data.gruene.name])
    toggle(page, f"input[name=signers][value='{gruene_chair.pk}']")
    expect(page.locator("textarea[name$='-text']")).to_have_count(2)
    expect(page.locator("#id_title")).to_have_value(TITLE)
    expect(page.locator("#id_letter_date")).to_have_value("2021-03-30")
    expect(page.locator("#id_target_meeting")).to_have_value(str(data.meeting.pk))
    expect(page.locator("#id_justification")).to_have_value(JUSTIFICATION)
    expect(page.locator("#id_report_kind_3")).to_be_checked()
    expect(page.locator(f"input[name=co_sponsors][value='{data.gruene.pk}']")).to_be_checked()
    expect(page.locator("input[name=signers]:checked")).to_have_count(2)
    for number, question in enumerate(QUESTIONS):
        type_into(page, f"#id_questions-{number}-text", question)
        type_into(page, f"#id_questions-{number}-ORDER", str(number + 1))
    screenshot(page, "antrag-formular-ausgefuellt")
    assert_accessible(page)

    preview = press_enter_on(page, "button[name=preview]")

    # The draft's page is the preview of the letter.
    assert preview.ok
    expect(page).to_have_url(re.compile(r"/antraege/\d+/$"))
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".notice--draft")).to_contain_text("Entwurf")
    letter = page.locator(".letter")
    expect(letter.locator(".letter__title")).to_have_text(TITLE)
    expect(letter).to_contain_text("Sehr geehrte Frau Lasser,")
    expect(letter).to_contain_text(QUESTIONS_INTRO)
    expect(letter.locator(".letter__questions li")).to_have_text(QUESTIONS)
    expect(letter.locator(f'a[href="{LINK}"]')).to_have_text(LINK)
    expect(letter.locator(".letter__signature-name")).to_have_text(SIGNATORIES)
    expect(letter).to_contain_text("schriftlich und mündlich")
    expect(letter.locator(".letter__reference")).to_have_text("Entwurf – noch nicht eingereicht")
    expect(page.locator(".notice--draft")).to_contain_text(
        f"Zustimmung fehlt noch von: {data.gruene.name}"
    )
    screenshot(page, "antrag-vorschau")
    assert_accessible(page)
    paper_url = page.url

    # The co-sponsoring faction agrees to the text as it now reads, in a session of its own.
    gruene_page = second_page(gruene_staff)
    gruene_page.goto(paper_url)
    gruene_page.get_by_role("button", name="Als GRÜNE zustimmen").click()
    expect(gruene_page.locator(".messages")).to_contain_text("Zustimmung Ihrer Fraktion")

    page.reload()
    expect(page.locator(".notice--draft")).not_to_contain_text("Zustimmung fehlt noch")
    press_enter_on(page, "a[href$='/einreichen/']")
    expect(page.locator("h1")).to_have_text(f"Einreichen: {TITLE}")
    submitted = press_enter_on(page, "form[action$='/einreichen/'] button[type=submit]")

    reference = f"A/{timezone.localdate().year}/0001"
    assert submitted.ok
    expect(page).to_have_url(paper_url)
    expect(page.locator(".eyebrow")).to_have_text(f"Antrag {reference}")
    expect(page.locator(".letter__reference")).to_contain_text(f"Drucksache {reference}")

    page.goto(live_server.url + reverse("motions:dashboard"))
    row = page.locator("table.dashboard tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_contain_text(reference)
    expect(row).to_contain_text("gemeinsam mit GRÜNE")
    expect(row).to_contain_text("eingereicht")
    screenshot(page, "antrag-dashboard")
    assert_accessible(page)


def test_an_empty_title_and_an_empty_question_are_shown_as_errors_and_the_rest_is_kept(
    council_of_the_sample, spd_staff, page, live_server, log_in, assert_accessible, screenshot
):
    data = council_of_the_sample
    log_in(spd_staff)
    page.goto(live_server.url + reverse("motions:create"))
    page.get_by_label(data.gruene.name).check()
    page.get_by_label("An (Gremium)").select_option(str(data.b2.pk))
    page.get_by_label("Beschlussvorschlag").fill(RESOLUTION)
    for _ in range(2):
        with page.expect_navigation():
            page.get_by_role("button", name="Frage hinzufügen").click()
    page.locator("#id_questions-0-text").fill(QUESTIONS[0])

    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Entwurf speichern").click()

    assert navigation.value.status == 400
    summary = page.locator("#form-errors")
    expect(summary.get_by_role("heading")).to_have_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary.get_by_role("link")).to_have_text(
        [re.compile(r"^Betreff: "), re.compile(r"^Frage 2: Diese Frage ist leer")]
    )
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_questions-1-text")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_proposed_resolution")).to_have_value(RESOLUTION)
    expect(page.locator("#id_questions-0-text")).to_have_value(QUESTIONS[0])
    expect(page.locator("#id_committee")).to_have_value(str(data.b2.pk))
    expect(page.locator(f"input[name=co_sponsors][value='{data.gruene.pk}']")).to_be_checked()
    screenshot(page, "antrag-formular-fehler")
    assert_accessible(page)
    # The summary's links lead the keyboard to the field in question.
    focus_by_tab(page, "#form-errors a[href='#id_title']")
    page.keyboard.press("Enter")
    expect(page.locator("#id_title")).to_be_focused()
