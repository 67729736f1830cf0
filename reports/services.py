"""Every step of a report request and its report. Each locks its row, checks who acts and the
state, changes it, and takes the paper's own step where the paper moves on (requested, report
received, closed), so that the paper's history and notices follow."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council import agenda
from council.models import AgendaResult, OrganizationKind
from motions import services as paper_steps
from motions.models import PaperState
from reports import notifications
from reports.models import (
    Answer,
    Report,
    ReportForm,
    ReportRequest,
    ReportState,
    ReportVersion,
    RequestQuestion,
)


def _require(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("Dazu sind Sie nicht berechtigt."))


# The request --------------------------------------------------------------------------------------


@transaction.atomic
def request_report(
    *,
    paper,
    by,
    unit,
    form=ReportForm.WRITTEN,
    due_date=None,
    due_meeting=None,
    questions=None,
    interim=False,
):
    """Ask a unit for a report on the paper, by a date or for a meeting. `questions` are the
    texts it must answer (by default the paper's own questions)."""
    if unit.kind != OrganizationKind.ADMINISTRATION:
        raise ValidationError(_("Berichte schreibt eine Verwaltungseinheit."), code="unit")
    if due_meeting is not None:
        due_date = due_date or timezone.localdate(due_meeting.start)
    if due_date is None:
        raise ValidationError(_("Bitte nennen Sie ein Datum oder eine Sitzung."), code="due")
    if due_date < timezone.localdate():
        raise ValidationError(
            _("Das Fälligkeitsdatum liegt vor dem Auftrag."), code="due_before_request"
        )
    if questions is None:
        questions = list(paper.questions.values_list("text", flat=True))
    questions = [text.strip() for text in questions if text.strip()]
    request = ReportRequest.objects.create(
        paper=paper,
        unit=unit,
        form=form,
        due_date=due_date,
        due_meeting=due_meeting,
        interim=interim,
        requested_by=by,
    )
    RequestQuestion.objects.bulk_create(
        RequestQuestion(request=request, order=n, text=text)
        for n, text in enumerate(questions, start=1)
    )
    # The paper's own step checks who may ask and whether the paper is ready for it.
    paper_steps.request_report(
        paper=paper,
        by=by,
        due_date=_owed_by(paper),
        comment=f"{unit.name}, {due_date:%d.%m.%Y}",
    )
    notifications.report_requested(request)
    return request


def _owed_by(paper):
    """The earliest due date of the paper's open requests: the date the paper shows."""
    return (
        ReportRequest.objects.filter(paper=paper)
        .open()
        .order_by("due_date")
        .values_list("due_date", flat=True)
        .first()
    )


@transaction.atomic
def assign(*, request, by, assignee):
    """Who in the unit works on the request."""
    request = ReportRequest.objects.select_for_update().get(pk=request.pk)
    _require(by, "reports.work_on_request", request)
    if assignee is not None and request.unit_id not in _units_of(assignee):
        raise ValidationError(
            _("Bearbeiten kann nur, wer in %(unit)s arbeitet.") % {"unit": request.unit.name},
            code="assignee",
        )
    request.assignee = assignee
    request.save(update_fields=["assignee", "modified"])
    return request


def _units_of(user):
    from council.roles import roles_of

    return roles_of(user).units


# The report -----------------------------------------------------------------------------------------


def version_of(report):
    """An opaque version of the working copy, for forms that must not act on a stale copy."""
    return report.modified.isoformat() if report and report.modified else ""


@transaction.atomic
def save_report(
    *,
    request,
    by,
    title,
    introduction="",
    conclusion="",
    oral_summary="",
    answers=None,
    seen_version=None,
):
    """Write the working copy of the report: `answers` maps question ids to texts. A second
    person's save on a copy that changed meanwhile is refused, nothing is overwritten."""
    request = (
        ReportRequest.objects.select_for_update(of=("self",))
        .select_related("paper")
        .get(pk=request.pk)
    )
    _require(by, "reports.work_on_request", request)
    report = Report.objects.select_for_update().filter(request=request).first()
    if report is None:
        report = Report(request=request, body=request.paper.body, created_by=by)
    elif seen_version is not None and seen_version != version_of(report):
        raise ValidationError(
            _(
                "Der Bericht wurde inzwischen geändert. Ihre Fassung ist unten erhalten; bitte "
                "vergleichen Sie mit der aktuellen."
            ),
            code="stale",
        )
    if report.state == ReportState.RELEASED:
        # A change after the release needs a new release.
        report.state, report.released_at, report.released_by = ReportState.DRAFT, None, None
    report.title = title.strip()[:300] or default_title(request)
    report.introduction, report.conclusion = introduction.strip(), conclusion.strip()
    report.oral_summary = oral_summary.strip()
    report.save()
    questions = {q.pk: q for q in request.questions.all()}
    for question_id, text in (answers or {}).items():
        if question_id in questions:
            Answer.objects.update_or_create(
                report=report, question_id=question_id, defaults={"text": text.strip()}
            )
    return report


def default_title(request):
    title = _("Bericht der Verwaltung zu %(reference)s: %(title)s") % {
        "reference": request.paper.reference,
        "title": request.paper.title,
    }
    return title[:300]


def unanswered(report):
    """The questions of the request that the report leaves without an answer."""
    answered = {a.question_id for a in report.answers.all() if a.text.strip()}
    return [q for q in report.request.questions.all() if q.pk not in answered]


@transaction.atomic
def release(*, report, by):
    """The head of the unit (or the council office) releases the report; it gets its number."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("request", "body")
        .get(pk=report.pk)
    )
    _require(by, "reports.release_report", report)
    if report.state != ReportState.DRAFT:
        raise ValidationError(_("Nur ein Entwurf wird freigegeben."), code="state")
    now = timezone.now()
    if not report.reference:
        report.reference = paper_steps.next_reference(
            body=report.body, paper_type="report", year=timezone.localdate(now).year
        )
    report.state, report.released_at, report.released_by = ReportState.RELEASED, now, by
    report.save()
    return report


def _content(report):
    return {
        "title": report.title,
        "introduction": report.introduction,
        "answers": [
            {"question": a.question.text, "order": a.question.order, "text": a.text}
            for a in report.answers.select_related("question").order_by("question__order")
        ],
        "conclusion": report.conclusion,
        "oral_summary": report.oral_summary,
    }


def _is_public(report):
    paper = report.request.paper
    item = report.presented_item
    return paper.is_public and (item is None or item.public)


@transaction.atomic
def publish(*, report, by, unanswered_reason="", note=""):
    """Publish the released report (or a correction of a published one, with a note on what
    changed). Every question answered, or a recorded reason why not."""
    # Only the report's row is locked: PostgreSQL locks no row on the nullable side of the
    # outer join that the item (none before a presentation) needs.
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("request__paper", "presented_item")
        .get(pk=report.pk)
    )
    _require(by, "reports.release_report", report)
    correcting = report.is_published
    if not correcting and report.state != ReportState.RELEASED:
        raise ValidationError(
            _("Veröffentlicht wird ein freigegebener Bericht."), code="not_released"
        )
    if correcting and not note.strip():
        raise ValidationError(
            _("Bitte sagen Sie, was an der veröffentlichten Fassung geändert wurde."),
            code="note",
        )
    missing = unanswered(report)
    if missing and not unanswered_reason.strip():
        raise ValidationError(
            _(
                "Unbeantwortet: %(numbers)s. Bitte beantworten Sie jede Frage oder begründen Sie, "
                "warum nicht."
            )
            % {"numbers": ", ".join(str(q.order) for q in missing)},
            code="unanswered",
        )
    now = timezone.now()
    if not correcting:
        report.state, report.published_at, report.published_by = ReportState.PUBLISHED, now, by
    report.unanswered_reason = unanswered_reason.strip() if missing else ""
    report.is_public = _is_public(report)
    if not report.reference:  # a correction of an oral-only report presented without release
        report.reference = paper_steps.next_reference(
            body=report.body, paper_type="report", year=timezone.localdate(now).year
        )
    report.save()
    ReportVersion.objects.create(
        report=report,
        number=report.versions.count() + 1,
        published_at=now,
        published_by=by,
        note=note.strip(),
        content=_content(report),
    )
    if not correcting:
        _answered(report.request, by, now)
    return report


def _answered(request, by, now):
    ReportRequest.objects.filter(pk=request.pk).update(answered_at=now, modified=now)
    paper = request.paper
    paper.refresh_from_db()
    if paper.state == PaperState.REPORT_REQUESTED and _owed_by(paper) is None:
        paper_steps.receive_report(paper=paper, by=by, comment=request.report.reference or "")
    elif paper.state == PaperState.REPORT_REQUESTED:
        paper_steps.move_report_due(paper=paper, due_date=_owed_by(paper))


@transaction.atomic
def present(*, report, by, item, oral_summary=""):
    """The report was given orally in a meeting, at `item`. An oral-only report is published
    with it, as its summary."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("request__paper")
        .get(pk=report.pk)
    )
    if not by.has_perm("council.manage_meeting", item.meeting):
        raise PermissionDenied(_("Das hält der Vorsitz der Sitzung oder der Sitzungsdienst fest."))
    if item.meeting.start > timezone.now():
        raise ValidationError(_("Vorgetragen wird ab Beginn der Sitzung."), code="before_meeting")
    oral_only = report.request.form == ReportForm.ORAL
    if report.state == ReportState.PRESENTED:
        raise ValidationError(_("Der Bericht ist bereits vorgetragen."), code="state")
    if not report.is_published and not oral_only:
        raise ValidationError(
            _("Ein schriftlicher Bericht wird vor dem Vortrag veröffentlicht."), code="unpublished"
        )
    now = timezone.now()
    report.presented_item, report.presented_at = item, now
    if not item.result:
        agenda.close_item(item, AgendaResult.TAKEN_NOTE)
    if oral_only and not report.is_published:
        report.oral_summary = oral_summary.strip() or report.oral_summary
        if not report.oral_summary:
            raise ValidationError(
                _("Bitte fassen Sie den mündlichen Bericht kurz zusammen."), code="summary"
            )
        report.published_at, report.published_by = now, by
        report.reference = report.reference or paper_steps.next_reference(
            body=report.body, paper_type="report", year=timezone.localdate(now).year
        )
        report.released_at = report.released_at or now
        report.state = ReportState.PRESENTED
        report.is_public = _is_public(report)
        report.save()
        ReportVersion.objects.create(
            report=report, number=1, published_at=now, published_by=by, content=_content(report)
        )
        _answered(report.request, by, now)
    else:
        report.state = ReportState.PRESENTED
        report.is_public = _is_public(report)
        report.save()
    paper = report.request.paper
    paper.refresh_from_db()
    if paper.state == PaperState.REPORT_RECEIVED:
        paper_steps.close(
            paper=paper,
            by=by,
            comment=_("Bericht %(reference)s vorgetragen: %(meeting)s, %(number)s")
            % {"reference": report.reference, "meeting": item.meeting, "number": item.number},
            item=item,
        )
    return report
