"""`manage.py demo` papers: the sample letter with every part, a paper at every stage, and
generated papers on request, none of them twice."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max
from django.test import override_settings

from council.models import AgendaItem, Organization
from motions import services
from motions.models import Outcome, Paper, PaperState, PaperType, ReportKind, TimelineEntry
from tests.factories import BERLIN

pytestmark = pytest.mark.django_db

SAMPLE_TITLE = "Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel"
KFI_LINK = (
    "http://www.kfi.nrw.de/Foerderprogramme/Kommunales-Integrationsmanagement/"
    "2020-06-30-Handlungskonzept-FINAL.docx"
)
DEMO_TODAY = datetime.date(2026, 11, 25)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EXAMPLES = 22


def demo(*args):
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_papers(django_db_setup, django_db_blocker):
    """The demo, built once for this module and rolled back after it; returns its output.

    Each test still runs in a savepoint of its own inside.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo()
        transaction.set_rollback(True)


@pytest.fixture
def sample(demo_papers):
    return Paper.objects.get(title=SAMPLE_TITLE)


def fixed_papers():
    """The sample and the fictional papers, without generated ones: they are entered first."""
    return Paper.objects.filter(
        pk__in=list(Paper.objects.order_by("pk").values_list("pk", flat=True)[:EXAMPLES])
    )


def generated_papers():
    return Paper.objects.exclude(pk__in=fixed_papers())


def snapshot():
    return list(Paper.objects.order_by("pk").values()), TimelineEntry.objects.count()


# The sample letter ---------------------------------------------------------------------------


def test_sample_is_a_joint_motion_of_spd_as_lead_and_gruene_both_agreed(sample):
    sponsors = [
        (s.faction.short_name, s.is_lead, s.agreed_at is not None)
        for s in sample.sponsorships.all()
    ]

    assert sample.paper_type == PaperType.MOTION
    assert sponsors == [("SPD", True, True), ("GRÜNE", False, True)]


def test_sample_is_addressed_to_b2_and_its_chair_katrin_lasser(sample):
    assert sample.committee.name == "Betriebsausschuss 2"
    assert sample.addressee.formal_name == "Frau Katrin Lasser"


def test_sample_is_dated_castrop_rauxel_30_march_2021(sample):
    assert sample.place == "Castrop-Rauxel"
    assert sample.letter_date == datetime.date(2021, 3, 30)


def test_sample_has_the_title_and_the_request_of_the_letter(sample):
    assert sample.title == SAMPLE_TITLE
    assert sample.request_text == (
        "wir bitten Sie, nachfolgenden Antrag in der nächsten Sitzung des Betriebsausschuss 2 "
        "behandeln zu lassen:"
    )


def test_sample_has_the_proposed_resolution_of_the_letter(sample):
    assert sample.proposed_resolution == (
        "Die Verwaltung wird aufgefordert, schriftlich sowie in der Sitzung des B2 am 15.4.21, "
        "zum „Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel“ "
        "Bericht zu erstatten."
    )


def test_sample_has_the_questions_intro_and_both_questions_in_order(sample):
    questions = [question.text for question in sample.questions.all()]

    assert (
        sample.questions_intro == "Daher soll insbesondere auf folgende Aspekte eingegangen werden:"
    )
    assert questions == [
        "wie wird der Beschluss des Kreis Recklinghausen aus März 2020 zur Umsetzung des KIM "
        "bzw. zur Unterstützung der kreisangehörigen Städte in Castrop-Rauxel umgesetzt?",
        "wie werden in Castrop-Rauxel bewährte Träger der Freien Wohlfahrtspflege an der "
        "Umsetzung des Kommunalen Integrationsmanagements eingebunden?",
    ]


def test_sample_justification_has_its_paragraphs_and_the_link_in_angle_brackets(sample):
    paragraphs = sample.justification.split("\n\n")

    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Das Land NRW möchte mit der flächendeckenden")
    assert (
        paragraphs[1] == "Das Land NRW hat für die Umsetzung des KIM ein Handlungskonzept erstellt:"
    )
    assert paragraphs[2].startswith(f"<{KFI_LINK}>. In dem Konzept heißt es")
    assert paragraphs[2].endswith("wertvolle Beiträge leistet.")


def test_sample_closes_with_kind_regards(sample):
    assert sample.closing == "Mit freundlichen Grüßen"


def test_sample_is_signed_by_molloisch_then_wagener_with_their_functions(sample):
    signatories = [(s.person.name, s.function) for s in sample.signatories.all()]

    assert signatories == [
        ("Daniel Molloisch", "Vorsitzender der SPD Ratsfraktion"),
        ("Bert Wagener", "Fraktionsvorsitzender Bündnis90/ Die Grünen"),
    ]


def test_sample_asks_for_a_written_and_oral_report_at_the_b2_meeting_of_15_april_2021(sample):
    b2_meeting = datetime.datetime(2021, 4, 15, 17, 0, tzinfo=BERLIN)

    assert sample.report_kind == ReportKind.WRITTEN_AND_ORAL
    assert sample.report_meeting.start == b2_meeting
    assert sample.target_meeting.start == b2_meeting


def test_sample_is_the_first_motion_filed_in_2021_and_on_time(sample):
    assert sample.reference == "A/2021/0001"
    assert sample.submitted_at == datetime.datetime(2021, 3, 30, 16, 20, tzinfo=BERLIN)
    assert not sample.late


def test_sample_went_every_step_from_draft_to_closed_in_2021(sample):
    steps = list(sample.timeline.values_list("action", "at__year"))

    assert steps == [
        ("created", 2021),
        ("agreed", 2021),
        ("submitted", 2021),
        ("scheduled", 2021),
        ("decided", 2021),
        ("report_requested", 2021),
        ("report_received", 2021),
        ("closed", 2021),
    ]


def test_sample_was_adopted_and_answered_by_the_integration_unit_on_time(sample):
    request = sample.report_requests.get()

    assert (sample.state, sample.outcome) == (PaperState.CLOSED, Outcome.ADOPTED)
    assert (request.unit.short_name, request.due_date) == ("FB 50", datetime.date(2021, 4, 15))
    assert request.on_time


def test_the_samples_report_answers_both_questions_and_was_presented_at_b2(sample):
    report = sample.report_requests.get().report

    assert [a.text[:30] for a in report.answers.all()] == [
        "Der Kreis Recklinghausen hat i",
        "Die Verwaltung hat die Träger ",
    ]
    assert (report.state, report.presented_item.meeting) == ("presented", sample.report_meeting)


def test_sample_was_adopted_on_a_public_item_of_the_b2_meeting(sample):
    consultation = sample.consultations.get()

    assert consultation.meeting == sample.report_meeting
    assert consultation.agenda_item.public
    assert consultation.agenda_item.result == Outcome.ADOPTED


def test_sample_page_prints_the_link_of_the_justification_as_a_link(client, sample):
    response = client.get(sample.get_absolute_url())

    assert response.status_code == 200
    assert f'<a href="{KFI_LINK}"' in response.content.decode()


def test_sample_page_prints_both_signatories_with_their_functions(client, sample):
    response = client.get(sample.get_absolute_url())

    page = response.content.decode()
    molloisch = page.index("Daniel Molloisch</span><br>Vorsitzender der SPD Ratsfraktion")
    wagener = page.index("Bert Wagener</span><br>Fraktionsvorsitzender Bündnis90/ Die Grünen")
    assert molloisch < wagener


# Fictional papers ----------------------------------------------------------------------------


def test_there_is_a_paper_in_every_state(demo_papers):
    states = set(fixed_papers().values_list("state", flat=True))

    # Taken over from another system only: the demo tells its own history.
    assert states == set(PaperState.values) - {PaperState.IMPORTED}


def test_there_is_a_decided_paper_with_every_outcome(demo_papers):
    outcomes = set(
        fixed_papers().filter(state=PaperState.DECIDED).values_list("outcome", flat=True)
    )

    assert outcomes == set(Outcome.values)


def test_one_requested_report_is_overdue_and_another_not_yet_due(demo_papers):
    due = (
        fixed_papers()
        .filter(state=PaperState.REPORT_REQUESTED)
        .values_list("report_due", flat=True)
    )

    assert min(due) < DEMO_TODAY <= max(due)


def test_a_joint_draft_awaits_the_co_sponsors_agreement(demo_papers):
    waiting = fixed_papers().filter(
        state=PaperState.DRAFT, sponsorships__is_lead=False, sponsorships__agreed_at=None
    )

    assert waiting.exists()


def test_one_paper_came_in_late_and_one_as_urgent(demo_papers):
    submitted = fixed_papers().filter(state=PaperState.SUBMITTED)

    assert submitted.filter(late=True, urgent=False).exists()
    assert submitted.filter(urgent=True, late=False).exclude(urgency_reason="").exists()


def test_an_inquiry_asks_the_administration_questions(demo_papers):
    inquiries = fixed_papers().filter(paper_type=PaperType.INQUIRY).annotate(n=Count("questions"))

    assert inquiries.filter(n__gte=2).exists()


def test_an_amendment_amends_another_motion(demo_papers):
    amendment = fixed_papers().get(paper_type=PaperType.AMENDMENT)

    assert amendment.amends.paper_type == PaperType.MOTION
    assert amendment.reference.startswith("ÄA/2026/")


def test_a_non_public_paper_is_on_a_non_public_agenda_item(demo_papers):
    paper = fixed_papers().get(is_public=False)

    assert not paper.consultations.get().agenda_item.public


def test_the_council_office_entered_letters_that_came_by_post(demo_papers):
    entered = fixed_papers().filter(entered_on_behalf=True, created_by__username="sitzungsdienst")

    assert entered.exists()
    assert not entered.filter(received_on=None).exists()


def test_every_filed_paper_has_a_text_a_justification_and_signatories(demo_papers):
    filed = (
        fixed_papers()
        .exclude(state=PaperState.DRAFT)
        .annotate(
            questions_count=Count("questions", distinct=True),
            signatories_count=Count("signatories", distinct=True),
        )
    )

    assert all(p.proposed_resolution or p.questions_count for p in filed)
    assert all(p.justification and p.signatories_count for p in filed)


def test_no_demo_step_lies_after_the_demos_today(demo_papers):
    last = TimelineEntry.objects.aggregate(last=Max("at"))["last"]

    assert last.astimezone(BERLIN).date() < DEMO_TODAY


def test_every_agenda_item_that_names_a_paper_is_that_papers_consultation(demo_papers):
    titles = list(Paper.objects.values_list("title", flat=True))
    unconsulted = AgendaItem.objects.filter(consultation__isnull=True)

    made_up = [
        item.title
        for item in unconsulted
        if item.title.startswith(("Antrag", "Anfrage")) or any(t in item.title for t in titles)
    ]

    assert made_up == []


def test_every_agenda_item_of_a_consultation_carries_its_papers_reference(demo_papers):
    consulted = AgendaItem.objects.filter(consultation__isnull=False)

    titles = consulted.values_list("title", "consultation__paper__reference")

    assert titles and all(title.startswith(f"{reference} ") for title, reference in titles)


def test_the_demo_says_how_many_papers_it_added(demo_papers):
    assert "Drucksachen: 22 Beispiele und 0 erzeugte hinzugefügt" in demo_papers


def test_running_again_leaves_the_papers_as_they_are(demo_papers):
    before = snapshot()

    demo()

    assert snapshot() == before


# Generated papers ----------------------------------------------------------------------------


@pytest.fixture(scope="class")
def twenty_generated(demo_papers, django_db_blocker):
    """`demo --papers 20` on top of the demo, rolled back after the class; returns the output."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo("--papers", "20")
        transaction.set_rollback(True)


class TestGeneratedPapers:
    def test_papers_20_adds_twenty_papers(self, twenty_generated):
        assert "und 20 erzeugte hinzugefügt" in twenty_generated
        assert generated_papers().count() == 20

    def test_papers_20_again_adds_none(self, twenty_generated):
        before = snapshot()

        demo("--papers", "20")

        assert snapshot() == before

    def test_papers_30_after_20_adds_the_ten_missing(self, twenty_generated):
        demo("--papers", "30")

        assert generated_papers().count() == 30

    def test_generated_references_are_unique(self, twenty_generated):
        references = list(
            generated_papers().exclude(reference=None).values_list("reference", flat=True)
        )

        assert references
        assert len(set(references)) == len(references)

    def test_a_paper_filed_after_the_generated_ones_takes_a_free_number(self, twenty_generated):
        spd, b2 = (Organization.objects.get(short_name=name) for name in ("SPD", "B2"))
        staff = get_user_model().objects.get(username="spd")
        letter = Paper(body=b2.body, committee=b2, title="Neu", proposed_resolution="Beschluss")
        draft = services.save_draft(paper=letter, by=staff, factions=[spd], questions=[])

        paper = services.submit(paper=draft, by=staff)

        assert Paper.objects.filter(reference=paper.reference).count() == 1

    def test_generated_papers_follow_the_thread_to_their_state(self, twenty_generated):
        papers = generated_papers().prefetch_related("timeline")

        assert all(list(p.timeline.all())[-1].to_state == p.state for p in papers)
