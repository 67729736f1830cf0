"""CSV of the paper list for those who work with it: every paper the user may see (public ones,
and the non-public ones the user is entitled to), narrowed as on the page."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from council.forms import is_id
from council.models import Organization
from council.roles import roles_of
from motions.models import Paper
from oparl.open_data import cell

HEADER = [
    "Drucksachennummer",
    "Art",
    "Betreff",
    "Gremium",
    "Fraktionen",
    "eingereicht am",
    "Stand",
    "Ergebnis",
    "öffentlich",
    "Bericht fällig am",
    "Bericht",
    "Adresse",
]


def may_export(user):
    return roles_of(user).is_staff_of_anything


def _organization(value, **filters):
    if not value:
        return None
    if not is_id(value):
        raise Http404
    return get_object_or_404(Organization, pk=value, **filters)


class _Echo:
    def write(self, value):
        return value


@login_required
@require_safe
def paper_list_csv(request):
    if not may_export(request.user):
        raise PermissionDenied
    papers = (
        Paper.objects.visible_to(request.user)
        .exclude(state="draft")
        .with_outcome_disclosure(request.user)
        .select_related("committee")
        .prefetch_related("sponsorships__faction")
        .order_by("-submitted_at", "-pk")
    )
    faction = _organization(request.GET.get("fraktion"), kind="faction")
    committee = _organization(request.GET.get("gremium"))
    if faction:
        papers = papers.of_factions([faction])
    if committee:
        papers = papers.filter(committee=committee)
    writer = csv.writer(_Echo(), delimiter=";")
    # The BOM makes spreadsheet programs read the umlauts as UTF-8.
    lines = (writer.writerow(_row(request, p)) for p in papers.iterator(chunk_size=500))
    response = StreamingHttpResponse(
        _chain("\ufeff" + writer.writerow(HEADER), lines), content_type="text/csv; charset=utf-8"
    )
    today = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="drucksachen-{today}.csv"'
    return response


def _chain(first, rest):
    yield first
    yield from rest


def _row(request, paper):
    submitted = timezone.localtime(paper.submitted_at) if paper.submitted_at else None
    return [
        cell(value)
        for value in (
            paper.reference,
            paper.type_label,
            paper.title,
            paper.committee.name,
            ", ".join(s.faction.short_name for s in paper.sponsorships.all()),
            f"{submitted:%d.%m.%Y}" if submitted else "",
            paper.get_state_display(),
            paper.get_outcome_display() if paper.outcome_disclosed else "",
            "ja" if paper.is_public else "nein",
            f"{paper.report_due:%d.%m.%Y}" if paper.report_due else "",
            paper.report_status,
            request.build_absolute_uri(paper.get_absolute_url()),
        )
    ]
