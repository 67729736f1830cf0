"""Asking for a report, and the administration writing, releasing, publishing and presenting it.
Thin views: each reads its form, calls one service, and shows a refusal with what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from council.models import AgendaItem
from motions.models import Paper, TransitionNotAllowed
from motions.services import may_ask_for_report
from reports import services
from reports.forms import PresentForm, PublishForm, ReportWritingForm, RequestForm
from reports.models import Report, ReportAttachment, ReportRequest


def _text(exc):
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


@login_required
def request_report(request, paper_pk):
    """The chair or the office asks the administration for a report on a paper."""
    paper = get_object_or_404(
        Paper.objects.visible_to(request.user).select_related("body", "committee"), pk=paper_pk
    )
    if not request.user.has_perm("motions.request_report", paper):
        raise PermissionDenied
    form = RequestForm(request.POST if request.method == "POST" else None, paper=paper)
    context = {"paper": paper, "form": form, "may_ask": may_ask_for_report(paper)}
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "reports/request_form.html", context, status=status)
    data = form.cleaned_data
    try:
        services.request_report(
            paper=paper,
            by=request.user,
            unit=data["unit"],
            form=data["form"],
            due_date=data["due_date"],
            due_meeting=data["due_meeting"],
            questions=form.question_texts(),
            interim=data["interim"],
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        form.add_error(None, _text(exc))
        return render(request, "reports/request_form.html", context, status=400)
    messages.success(
        request, _("Der Bericht ist bei %(unit)s angefordert.") % {"unit": data["unit"]}
    )
    return redirect(paper)


def _request_for_work(request, pk):
    report_request = get_object_or_404(
        ReportRequest.objects.select_related("paper", "unit").prefetch_related("questions"), pk=pk
    )
    if not request.user.has_perm("reports.work_on_request", report_request):
        raise PermissionDenied
    return report_request


@login_required
def write(request, pk):
    """The working copy of the report: one answer per question, attachments."""
    report_request = _request_for_work(request, pk)
    report = Report.objects.filter(request=report_request).first()
    questions = report_request.questions.all()
    initial = {"version": services.version_of(report)}
    if report:
        initial |= {
            "title": report.title,
            "introduction": report.introduction,
            "conclusion": report.conclusion,
            "oral_summary": report.oral_summary,
        }
        initial |= {f"answer_{a.question_id}": a.text for a in report.answers.all()}
    else:
        initial["title"] = services.default_title(report_request)
    form = ReportWritingForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        questions=questions,
        initial=initial,
    )
    context = {"report_request": report_request, "report": report, "form": form}
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "reports/write.html", context, status=status)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            report = services.save_report(
                request=report_request,
                by=request.user,
                title=data["title"],
                introduction=data["introduction"],
                conclusion=data["conclusion"],
                oral_summary=data["oral_summary"],
                answers=form.answers(),
                seen_version=data["version"] or None,
            )
            if data.get("attachment"):
                ReportAttachment.objects.create(
                    report=report,
                    file=data["attachment"],
                    title=data["attachment_title"],
                    content_type=form.attachment_content_type,
                    size=data["attachment"].size,
                    uploaded_by=request.user,
                )
    except ValidationError as exc:
        form.add_error(None, _text(exc))
        status = 409 if exc.code == "stale" else 400
        return render(request, "reports/write.html", context, status=status)
    messages.success(request, _("Der Bericht ist gespeichert."))
    return redirect("reports:write", pk=report_request.pk)


def _report_for_step(request, pk, permission):
    report = get_object_or_404(
        Report.objects.select_related("request__paper", "request__unit"), pk=pk
    )
    if not request.user.has_perm(permission, report):
        raise PermissionDenied
    return report


@login_required
def release(request, pk):
    report = _report_for_step(request, pk, "reports.release_report")
    if request.method == "POST":
        try:
            services.release(report=report, by=request.user)
        except ValidationError as exc:
            messages.error(request, _text(exc))
        else:
            messages.success(request, _("Freigegeben. Der Bericht hat seine Nummer."))
        return redirect(report)
    return render(request, "reports/release.html", {"report": report})


@login_required
def publish(request, pk):
    report = _report_for_step(request, pk, "reports.release_report")
    form = PublishForm(request.POST if request.method == "POST" else None)
    context = {"report": report, "form": form, "unanswered": services.unanswered(report)}
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "reports/publish.html", context, status=status)
    try:
        services.publish(
            report=report,
            by=request.user,
            unanswered_reason=form.cleaned_data["unanswered_reason"],
            note=form.cleaned_data["note"],
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        form.add_error(None, _text(exc))
        return render(request, "reports/publish.html", context, status=400)
    messages.success(request, _("Der Bericht ist veröffentlicht."))
    return redirect(report)


@login_required
def present(request, pk):
    """The chair (or the office) records that the report was given in a meeting."""
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("request__paper"), pk=pk
    )
    paper = report.request.paper
    items = (
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting__organizations=paper.committee, meeting__start__lte=timezone.now())
        .select_related("meeting")
        .order_by("-meeting__start", "order")[:60]
    )
    managed = [i.pk for i in items if request.user.has_perm("council.manage_meeting", i.meeting)]
    if not managed:
        raise PermissionDenied
    form = PresentForm(
        request.POST if request.method == "POST" else None,
        items=AgendaItem.objects.filter(pk__in=managed).select_related("meeting"),
    )
    context = {"report": report, "form": form}
    if request.method != "POST" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "reports/present.html", context, status=status)
    try:
        services.present(
            report=report,
            by=request.user,
            item=form.cleaned_data["item"],
            oral_summary=form.cleaned_data["oral_summary"],
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        form.add_error(None, _text(exc))
        return render(request, "reports/present.html", context, status=400)
    messages.success(request, _("Der Vortrag des Berichts ist festgehalten."))
    return redirect(report)


@require_safe
def attachment(request, pk, attachment_pk):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    file = report.attachments.filter(pk=attachment_pk).first()
    if file is None:
        raise Http404
    return FileResponse(
        file.file.open("rb"),
        content_type=file.content_type,
        as_attachment=False,
        filename=file.file.name.rsplit("/", 1)[-1],
    )
