"""Reading reports: the public list and a report's page. Thin views over querysets."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from reports.models import Report, ReportRequest

PAGE_SIZE = 50


def _reports(user):
    return Report.objects.visible_to(user).select_related(
        "request__paper", "request__unit", "presented_item__meeting"
    )


@require_safe
def report_list(request):
    reports = _reports(request.user).published().order_by("-published_at", "-pk")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(request, "reports/report_list.html", {"page": page})


@require_safe
def detail(request, pk):
    report = get_object_or_404(_reports(request.user), pk=pk)
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "version": report.versions.order_by("-number").first()},
    )


@require_safe
def request_detail(request, pk):
    report_request = get_object_or_404(
        ReportRequest.objects.visible_to(request.user).select_related("paper", "unit"), pk=pk
    )
    return render(request, "reports/request_detail.html", {"report_request": report_request})
