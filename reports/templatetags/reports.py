from django import template
from django.db.models import Prefetch

from motions.services import may_ask_for_report
from reports.models import Report, ReportRequest, ReportVersion

register = template.Library()


@register.filter
def report_may_be_asked(paper):
    """Whether a report may be asked for on `paper` now (the rule the service applies)."""
    return may_ask_for_report(paper)


@register.simple_tag
def paper_reports(paper, user):
    """The report requests on `paper`, each with the report the user may read (or None) and its
    latest published version. Four queries, however many requests."""
    requests = list(
        ReportRequest.objects.filter(paper=paper)
        .select_related("unit", "assignee__person", "due_meeting")
        .prefetch_related("questions")
        .order_by("requested_at", "pk")
    )
    reports = {
        report.request_id: report
        for report in Report.objects.visible_to(user)
        .filter(request__in=requests)
        .select_related("presented_item__meeting")
        .prefetch_related(Prefetch("versions", queryset=ReportVersion.objects.order_by("-number")))
    }
    rows = []
    for request in requests:
        report = reports.get(request.pk)
        latest = report.versions.all()[0] if report and report.versions.all() else None
        rows.append((request, report, latest))
    return rows
