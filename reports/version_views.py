"""A report's published versions and what changed between two of them (/berichte/<pk>/fassungen/,
?von=1&zu=2). Whoever may read the report may read each of its versions."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports.models import Report
from reports.versions import compare


@require_safe
def versions(request, pk):
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("request__paper", "request__unit"),
        pk=pk,
    )
    versions = list(report.versions.order_by("number"))
    old, new, problems = _chosen(versions, request.GET)
    parts = compare(old.content, new.content) if old and new else []
    context = {
        "report": report,
        "versions": versions,
        "old": old,
        "new": new,
        "changed": [part for part in parts if part.changed],
        "unchanged": [part.label for part in parts if not part.changed],
        "problems": problems,
    }
    return render(request, "reports/versions.html", context)


def _chosen(versions, params):
    """The two versions to compare: ?von and ?zu by number, else the last two."""
    if len(versions) < 2:
        return None, None, []
    by_number = {version.number: version for version in versions}
    problems = []
    old = _version(by_number, params.get("von"), versions[-2], problems)
    new = _version(by_number, params.get("zu"), versions[-1], problems)
    return old, new, problems


def _version(by_number, value, default, problems):
    if value is None or value == "":
        return default
    value = value.strip()
    if value.isascii() and value.isdigit() and len(value) < 6 and int(value) in by_number:
        return by_number[int(value)]
    problems.append(
        _("Eine Fassung „%(value)s“ gibt es nicht; verglichen wird Fassung %(number)s.")
        % {"value": value[:20], "number": default.number}
    )
    return default
