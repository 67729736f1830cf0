"""Reading reports: the public list and a report's page. Thin views over querysets."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_safe

from council.documents import render_pdf, stored_pdf
from council.models import current_body
from council.pagination import keyset_page
from reports import services
from reports.filters import filter_reports
from reports.models import Report

PAGE_SIZE = 50


def _reports(user):
    return Report.objects.visible_to(user).select_related(
        "request__paper", "request__unit", "presented_item__meeting"
    )


@require_safe
def report_list(request):
    """Published reports the user may read, newest first, filtered by the query string."""
    body = current_body(request)
    reports, filters = filter_reports(
        _reports(request.user).published().filter(request__paper__body=body), request.GET, body=body
    )
    page = keyset_page(reports, ["-published_at"], request.GET.get("nach"), PAGE_SIZE)
    problems = filters.problems() + ([page.problem] if page.problem else [])
    return render(
        request,
        "reports/report_list.html",
        {"page": page, "filters": filters, "problems": problems},
    )


@require_safe
def report_pdf(request, pk):
    """The report's latest version as a tagged PDF; a public report's is kept as a file."""
    report = get_object_or_404(_reports(request.user), pk=pk)
    version = report.versions.order_by("-number").first()
    if version is None:
        raise Http404  # a working copy is no document yet
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "reports/report_pdf.html",
            {"report": report, "content": version.content, "version": version},
        )
    stem = (report.reference or "bericht").replace("/", "-")
    pdf = stored_pdf(version, "pdf", stem, html) if report.is_public else render_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
    return response


@require_safe
def detail(request, pk):
    """A published report reads as its latest version; before that, its unit and the office
    read the working copy."""
    report = get_object_or_404(
        _reports(request.user).prefetch_related("attachments", "versions"), pk=pk
    )
    versions = sorted(report.versions.all(), key=lambda v: v.number)
    latest = versions[-1] if versions else None
    working = None
    if latest is None:
        working = {
            "title": report.title,
            "introduction": report.introduction,
            "answers": [
                {"question": a.question.text, "order": a.question.order, "text": a.text}
                for a in report.answers.select_related("question").order_by("question__order")
            ],
            "conclusion": report.conclusion,
            "oral_summary": report.oral_summary,
        }
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "content": latest.content if latest else working,
            "latest": latest,
            "versions": versions,
            "unanswered": services.unanswered(report) if not report.is_published else [],
        },
    )
