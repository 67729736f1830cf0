"""The administration's report on the sample letter in Chromium, by the keyboard alone: the
integration unit takes the request, writes the report answer by answer, its head releases and
publishes it; then the faction and a citizen read each question beside its answer. axe-core
(WCAG 2.1 A and AA) checks every screen on the way."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from motions import services
from reports import services as reports
from tests import factories as f
from tests.browser.keyboard import choose_option, press_enter_on, type_into
from tests.browser.sample_letter import (
    JUSTIFICATION,
    QUESTIONS,
    QUESTIONS_INTRO,
    REQUEST_TEXT,
    RESOLUTION,
    TITLE,
)

pytestmark = pytest.mark.browser

INTRODUCTION = (
    "Der Ausschuss hat die Verwaltung beauftragt, zum Stand des Kommunalen "
    "Integrationsmanagements zu berichten. Die Verwaltung berichtet wie folgt."
)
ANSWERS = [
    "Der Kreis Recklinghausen fördert seit Januar 2021 zwei Stellen im Casemanagement in "
    "Castrop-Rauxel; die Steuerungsgruppe tagt vierteljährlich im Rathaus.",
    "Caritas und AGORA sind Partner des Casemanagements und erhalten Fördermittel über den "
    "Kreis; weitere Träger sind über den Runden Tisch Integration eingebunden.",
]


@pytest.fixture
def report_request(
    b2, spd, gruene, spd_staff, gruene_staff, b2_chair, b2_meeting, integration_unit
):
    """The sample letter, adopted by B2, and its report asked of the integration unit."""
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
    )
    services.agree(paper=paper, faction=gruene, by=gruene_staff)
    services.submit(paper=paper, by=spd_staff)
    services.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    paper = services.decide(paper=paper, by=b2_chair, outcome="adopted")
    request = reports.request_report(
        paper=paper,
        by=b2_chair,
        unit=integration_unit,
        form="written_and_oral",
        due_date=timezone.localdate() + datetime.timedelta(days=21),
    )
    return SimpleNamespace(paper=paper, request=request)


def named(user, given_name, family_name):
    user.person.given_name, user.person.family_name = given_name, family_name
    user.person.save()
    return user


# Where an element's first visible line of text begins (text read only by screen readers left out).
FIRST_LINE = """element => {
    const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (texts.nextNode()) {
        const text = texts.currentNode;
        if (!text.textContent.trim() || text.parentElement.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        const line = range.getClientRects()[0];
        return {x: line.left, y: line.top};
    }
}"""


def assert_each_question_beside_its_answer(page, container):
    pairs = page.locator(f"{container} .question-answers")
    questions, answers = pairs.locator("dt"), pairs.locator("dd")
    expect(questions).to_have_count(len(QUESTIONS))
    for number, (question, answer) in enumerate(zip(QUESTIONS, ANSWERS, strict=True)):
        expect(questions.nth(number)).to_contain_text(f"{number + 1}. {question}")
        expect(answers.nth(number)).to_contain_text(answer)
        # Beside: the answer begins right of the question, level with its first line.
        question_box = questions.nth(number).bounding_box()
        question_line = questions.nth(number).evaluate(FIRST_LINE)
        answer_line = answers.nth(number).evaluate(FIRST_LINE)
        assert answer_line["x"] >= question_box["x"] + question_box["width"]
        assert abs(answer_line["y"] - question_line["y"]) < 2


def test_the_unit_writes_and_publishes_the_report_and_everyone_reads_both_answers(
    report_request,
    integration_unit_staff,
    integration_unit_head,
    spd_staff,
    page,
    second_page,
    citizen_page,
    live_server,
    log_in,
    check_screen,
):
    data = report_request
    request, paper = data.request, data.paper
    staff = named(integration_unit_staff, "Miriam", "Yilmaz")
    named(integration_unit_head, "Jörg", "Brandt")
    log_in(staff)
    page.goto(live_server.url + reverse("council:home"))

    # "Berichtsaufträge": the request waits in the unit's inbox.
    press_enter_on(page, "nav a[href='/berichte/eingang/']")
    row = page.locator("tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("noch 21 Tage")
    check_screen(page, "bericht-eingang")

    # The request: its questions; she takes it on herself.
    press_enter_on(page, f"a[href='{request.get_absolute_url()}']")
    expect(page.locator("main ol li")).to_have_text(QUESTIONS)
    check_screen(page, "bericht-auftrag")
    choose_option(page, "#id_assignee", "Miriam", staff.pk)
    press_enter_on(page, "form[action$='/zuweisen/'] button")
    expect(page.locator(".messages")).to_contain_text("Die Bearbeitung ist zugewiesen.")
    expect(page.locator(".facts")).to_contain_text("Miriam Yilmaz")

    # Writing: an introduction and one answer per question, each field named by its question.
    press_enter_on(page, f"a[href='{reverse('reports:write', args=[request.pk])}']")
    expect(page.locator("h1")).to_have_text("Bericht schreiben")
    check_screen(page, "bericht-schreiben", widths=(1280, 360))
    type_into(page, "#id_introduction", INTRODUCTION)
    for question, answer in zip(request.questions.order_by("order"), ANSWERS, strict=True):
        expect(page.get_by_label(f"{question.order}. {question.text}")).to_be_visible()
        type_into(page, f"#id_answer_{question.pk}", answer)
    press_enter_on(page, "form.form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Der Bericht ist gespeichert.")
    report = request.report

    # The head of the unit releases and publishes it, from her own inbox.
    head_page = second_page(integration_unit_head)
    head_page.goto(live_server.url + reverse("reports:inbox"))
    press_enter_on(head_page, f"a[href='{report.get_absolute_url()}']")
    expect(head_page.locator(".notice")).to_contain_text("Entwurf")
    press_enter_on(head_page, "a[href$='/freigeben/']")
    check_screen(head_page, "bericht-freigeben")
    press_enter_on(head_page, "main form button[type=submit]")
    expect(head_page.locator(".messages")).to_contain_text("Freigegeben.")
    press_enter_on(head_page, "a[href$='/veroeffentlichen/']")
    check_screen(head_page, "bericht-veroeffentlichen")
    press_enter_on(head_page, "main form button[type=submit]")
    expect(head_page.locator(".messages")).to_contain_text("Der Bericht ist veröffentlicht.")

    # The faction and a citizen read both answers on the paper's page and the report's.
    report.refresh_from_db()
    for reader, name in ((second_page(spd_staff), "fraktion"), (citizen_page, "buerger")):
        reader.goto(live_server.url + paper.get_absolute_url())
        expect(reader.locator(".facts .badge").first).to_have_text("Bericht liegt vor: beschlossen")
        assert_each_question_beside_its_answer(reader, ".report-summary")
        check_screen(reader, f"bericht-antrag-{name}")
        press_enter_on(reader, f".report-summary a[href='{report.get_absolute_url()}']")
        expect(reader.locator(".eyebrow")).to_contain_text(report.reference)
        expect(reader.locator(".letter")).to_contain_text(INTRODUCTION)
        assert_each_question_beside_its_answer(reader, ".letter")
        check_screen(reader, f"bericht-{name}")
