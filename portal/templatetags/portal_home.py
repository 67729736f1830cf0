"""The start page's sections from the record, for `templates/portal/_home.html`.

The start page is the same for everyone: it shows what is public (the rules of `visible_to`
for an anonymous user), and each section is one bounded query along an index.
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from council.models import Meeting
from motions.models import Paper, Sponsorship
from reports.models import Report, ReportRequest

register = template.Library()

PER_SECTION = 5
RECENT_MEETINGS = 30


def _public_papers(body):
    return (
        Paper.objects.visible_to(AnonymousUser())
        .filter(body=body)
        .exclude(submitted_at=None)
        .select_related("committee")
        .prefetch_related(
            Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("faction"))
        )
    )


@register.simple_tag
def newest_papers(body):
    return list(_public_papers(body).order_by("-submitted_at", "-pk")[:PER_SECTION])


@register.simple_tag
def latest_decisions(body):
    """Papers decided in the most recent meetings held, latest first; a decision taken in a
    non-public item is left out, as the paper's page would not show it. Looking only at the last
    RECENT_MEETINGS meetings keeps this a short index walk instead of a sort of every decision."""
    recent = list(
        Meeting.objects.past().filter(body=body).values_list("pk", flat=True)[:RECENT_MEETINGS]
    )
    return list(
        _public_papers(body)
        .filter(decision_item__meeting__in=recent)
        .with_outcome_disclosure(AnonymousUser())
        .filter(outcome_disclosed=True)
        .exclude(outcome="")
        .select_related("decision_item__meeting")
        .order_by("-decision_item__meeting__start", "-pk")[:PER_SECTION]
    )


@register.simple_tag
def newest_reports(body):
    return list(
        Report.objects.visible_to(AnonymousUser())
        .published()
        .filter(request__paper__body=body)
        .select_related("request__paper", "request__unit")
        .order_by("-published_at", "-pk")[:PER_SECTION]
    )


@register.simple_tag
def report_figures(body):
    """Open and overdue report requests on public papers, counted in one query."""
    today = timezone.localdate()
    return (
        ReportRequest.objects.visible_to(AnonymousUser())
        .filter(paper__body=body)
        .open()
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    )
