"""The administration's report: requested, written point by point, released, published and
presented, each step by whom it belongs to, and the paper following along."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from motions import services as paper_steps
from motions.models import Action, PaperState
from reports import services
from reports.models import ReportRequest, ReportState
from tests import factories as f

pytestmark = pytest.mark.django_db

DUE = datetime.date(2030, 5, 1)


@pytest.fixture
def adopted(b2, spd, spd_staff, b2_chair, b2_meeting):
    paper = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        questions=["Wie wird der Beschluss umgesetzt?", "Wie werden die Träger eingebunden?"],
        report_kind="written_and_oral",
    )
    paper_steps.submit(paper=paper, by=spd_staff)
    paper_steps.schedule(paper=paper, meeting=b2_meeting, by=b2_chair)
    f.publish_agenda(b2_meeting)
    return paper_steps.decide(paper=paper, by=b2_chair, outcome="adopted")


@pytest.fixture
def request_(adopted, b2_chair, integration_unit):
    return services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=DUE, form="written_and_oral"
    )


def write(request, by, answers=("Antwort eins.", "Antwort zwei."), **fields):
    questions = list(request.questions.all())
    return services.save_report(
        request=request,
        by=by,
        title=fields.get("title", "Stand des Kommunalen Integrationsmanagements"),
        introduction=fields.get("introduction", "Die Verwaltung berichtet wie folgt."),
        answers={q.pk: text for q, text in zip(questions, answers, strict=False)},
    )


@pytest.fixture
def released(request_, integration_unit_staff, integration_unit_head):
    report = write(request_, integration_unit_staff)
    return services.release(report=report, by=integration_unit_head)


# Asking for the report ---------------------------------------------------------------------------


def test_the_request_takes_over_the_motions_questions(request_):
    assert list(request_.questions.values_list("text", flat=True)) == [
        "Wie wird der Beschluss umgesetzt?",
        "Wie werden die Träger eingebunden?",
    ]


def test_the_questions_can_be_edited_when_asking(adopted, b2_chair, integration_unit):
    request = services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=DUE, questions=["Nur eine?"]
    )

    assert list(request.questions.values_list("text", flat=True)) == ["Nur eine?"]


def test_asking_for_a_report_moves_the_paper(request_, adopted):
    adopted.refresh_from_db()

    assert (adopted.state, adopted.report_due) == (PaperState.REPORT_REQUESTED, DUE)


def test_a_due_date_before_the_request_is_refused(adopted, b2_chair, integration_unit):
    with pytest.raises(ValidationError):
        services.request_report(
            paper=adopted, by=b2_chair, unit=integration_unit, due_date=datetime.date(2020, 1, 1)
        )


def test_a_due_meeting_sets_the_due_date(adopted, b2_chair, integration_unit, upcoming_b2_meeting):
    request = services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_meeting=upcoming_b2_meeting
    )

    assert request.due_date == datetime.date(2099, 4, 15)


def test_faction_staff_may_not_ask_for_a_report(adopted, spd_staff, integration_unit):
    with pytest.raises(PermissionDenied):
        services.request_report(paper=adopted, by=spd_staff, unit=integration_unit, due_date=DUE)


def test_a_paper_can_be_asked_for_a_second_report(request_, adopted, b2_chair, integration_unit):
    services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=DUE + datetime.timedelta(30)
    )

    assert ReportRequest.objects.filter(paper=adopted).count() == 2


# Who works on it ----------------------------------------------------------------------------------


def test_the_unit_assigns_the_request_to_a_colleague(request_, integration_unit_staff):
    services.assign(request=request_, by=integration_unit_staff, assignee=integration_unit_staff)

    assert ReportRequest.objects.get(pk=request_.pk).assignee == integration_unit_staff


def test_a_request_is_not_assigned_outside_the_unit(request_, integration_unit_staff, spd_staff):
    with pytest.raises(ValidationError):
        services.assign(request=request_, by=integration_unit_staff, assignee=spd_staff)


# Writing ---------------------------------------------------------------------------------------------


def test_the_unit_writes_one_answer_per_question(request_, integration_unit_staff):
    report = write(request_, integration_unit_staff)

    assert [a.text for a in report.answers.all()] == ["Antwort eins.", "Antwort zwei."]


def test_a_report_saved_without_a_title_is_named_after_the_paper(
    request_, integration_unit_staff, adopted
):
    report = write(request_, integration_unit_staff, title="")

    assert report.title == f"Bericht der Verwaltung zu {adopted.reference}: {adopted.title}"


def test_the_default_title_of_a_report_is_cut_to_its_field(request_, adopted):
    adopted.title = "Integrationsmanagement " * 20

    assert len(services.default_title(request_)) == 300


@pytest.mark.parametrize("persona", ["spd_staff", "b2_chair", "planning_unit_staff"])
def test_nobody_outside_the_unit_writes_its_report(request, request_, persona):
    with pytest.raises(PermissionDenied):
        write(request_, request.getfixturevalue(persona))


def test_a_second_save_on_a_stale_copy_is_refused(request_, integration_unit_staff):
    report = write(request_, integration_unit_staff)
    seen = services.version_of(report)
    write(request_, integration_unit_staff, introduction="Kollegin war schneller.")

    with pytest.raises(ValidationError, match="inzwischen geändert"):
        services.save_report(
            request=request_, by=integration_unit_staff, title="Mein Titel", seen_version=seen
        )


# Release and publication ----------------------------------------------------------------------------


def test_the_head_of_the_unit_releases_the_report_with_a_number(released):
    assert released.state == ReportState.RELEASED
    assert released.reference == f"M/{datetime.date.today().year}/0001"


def test_staff_of_the_unit_do_not_release_their_report(request_, integration_unit_staff):
    report = write(request_, integration_unit_staff)

    with pytest.raises(PermissionDenied):
        services.release(report=report, by=integration_unit_staff)


def test_a_change_after_the_release_needs_a_new_release(released, request_, integration_unit_staff):
    report = write(request_, integration_unit_staff, introduction="Ergänzt.")

    assert report.state == ReportState.DRAFT


def test_publishing_makes_a_public_papers_report_public(released, integration_unit_head):
    report = services.publish(report=released, by=integration_unit_head)

    assert (report.state, report.is_public) == (ReportState.PUBLISHED, True)


def test_publishing_marks_the_papers_report_received(released, integration_unit_head, adopted):
    services.publish(report=released, by=integration_unit_head)

    adopted.refresh_from_db()
    assert adopted.state == PaperState.REPORT_RECEIVED


def test_a_report_with_an_unanswered_question_is_not_published_without_a_reason(
    request_, integration_unit_staff, integration_unit_head
):
    report = write(request_, integration_unit_staff, answers=("Nur die erste.",))
    services.release(report=report, by=integration_unit_head)

    with pytest.raises(ValidationError, match="Unbeantwortet: 2"):
        services.publish(report=report, by=integration_unit_head)


def test_a_report_with_an_unanswered_question_is_published_with_its_reason(
    request_, integration_unit_staff, integration_unit_head
):
    report = write(request_, integration_unit_staff, answers=("Nur die erste.",))
    services.release(report=report, by=integration_unit_head)

    report = services.publish(
        report=report, by=integration_unit_head, unanswered_reason="Daten liegen erst 2031 vor."
    )

    assert report.unanswered_reason == "Daten liegen erst 2031 vor."


def test_the_report_of_a_nonpublic_paper_is_never_public(
    b2, spd, spd_staff, b2_chair, integration_unit, integration_unit_staff, integration_unit_head
):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], is_public=False)
    paper.report_kind = "written"
    paper.save()
    paper_steps.submit(paper=paper, by=spd_staff)
    request = services.request_report(paper=paper, by=b2_chair, unit=integration_unit, due_date=DUE)
    report = write(request, integration_unit_staff, answers=())
    services.release(report=report, by=integration_unit_head)

    report = services.publish(report=report, by=integration_unit_head)

    assert report.is_public is False


def test_a_correction_keeps_the_earlier_version(released, integration_unit_head, request_):
    services.publish(report=released, by=integration_unit_head)
    write(request_, integration_unit_head, answers=("Antwort eins, berichtigt.", "Antwort zwei."))

    report = services.publish(report=released, by=integration_unit_head, note="Zahl berichtigt.")

    assert [v.content["answers"][0]["text"] for v in report.versions.all()] == [
        "Antwort eins.",
        "Antwort eins, berichtigt.",
    ]


def test_a_correction_says_what_changed(released, integration_unit_head):
    services.publish(report=released, by=integration_unit_head)

    with pytest.raises(ValidationError, match="geändert"):
        services.publish(report=released, by=integration_unit_head)


def test_the_paper_waits_for_the_second_report(
    released, integration_unit_head, adopted, b2_chair, integration_unit
):
    later = DUE + datetime.timedelta(days=60)
    services.request_report(paper=adopted, by=b2_chair, unit=integration_unit, due_date=later)

    services.publish(report=released, by=integration_unit_head)

    adopted.refresh_from_db()
    assert (adopted.state, adopted.report_due) == (PaperState.REPORT_REQUESTED, later)


# Presentation ------------------------------------------------------------------------------------------


def test_presenting_the_report_closes_the_paper(
    released, integration_unit_head, b2_chair, b2_meeting, adopted
):
    report = services.publish(report=released, by=integration_unit_head)
    item = f.AgendaItemFactory(meeting=b2_meeting, title="Bericht KIM", order=90, number="Ö 90")

    services.present(report=report, by=b2_chair, item=item)

    adopted.refresh_from_db()
    assert adopted.state == PaperState.CLOSED
    assert adopted.timeline.last().action == Action.CLOSED


def test_an_oral_only_report_is_published_with_its_summary_when_presented(
    adopted, b2_chair, integration_unit, integration_unit_staff, b2_meeting
):
    request = services.request_report(
        paper=adopted, by=b2_chair, unit=integration_unit, due_date=DUE, form="oral"
    )
    report = write(request, integration_unit_staff, answers=())
    item = f.AgendaItemFactory(meeting=b2_meeting, title="Bericht", order=91, number="Ö 91")

    report = services.present(
        report=report, by=b2_chair, item=item, oral_summary="Frau Meier berichtete über …"
    )

    assert (report.state, report.oral_summary) == (
        ReportState.PRESENTED,
        "Frau Meier berichtete über …",
    )


def test_a_written_report_is_published_before_it_is_presented(released, b2_chair, b2_meeting):
    item = f.AgendaItemFactory(meeting=b2_meeting, title="Bericht", order=92, number="Ö 92")

    with pytest.raises(ValidationError):
        services.present(report=released, by=b2_chair, item=item)


def test_a_report_presented_at_a_nonpublic_item_is_not_public(
    released, integration_unit_head, b2_chair, b2_meeting
):
    report = services.publish(report=released, by=integration_unit_head)
    item = f.AgendaItemFactory(meeting=b2_meeting, order=93, number="N 93", public=False)

    report = services.present(report=report, by=b2_chair, item=item)

    assert report.is_public is False


@freeze_time("2030-05-02 10:00")
def test_a_request_is_overdue_the_day_after_its_due_date(request_):
    assert request_.overdue
