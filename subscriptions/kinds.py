"""What one can follow by e-mail: a small registry of kinds.

A kind names the parameters that say what is followed (a paper's id, a search's words), tells
in German what that is, and finds what is new: `new_results(params, since)` returns
`[(title, url, date)]` of public news after `since`. Apps further up add their own kinds in
their `AppConfig.ready()`, e.g. a search:

    from subscriptions import kinds
    kinds.register("search", parameters=("q",), describe=..., new_results=...)

Every kind starts from the public querysets (`public()`, `visible_to(AnonymousUser())`): a mail
goes to an address nobody vouches for, so it tells only what a citizen may read.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from council.forms import is_id

MAX_TARGET = 500


@dataclass(frozen=True)
class Kind:
    name: str
    parameters: tuple
    # The followed thing in German ("Antrag A/2026/0001: …"); None if `params` name nothing public.
    describe: Callable
    new_results: Callable


KINDS = {}


def register(name, *, parameters, describe, new_results):
    """Make `name` followable. Registering a name again replaces it (tests, reloads)."""
    KINDS[name] = Kind(name, tuple(parameters), describe, new_results)


def get(name):
    return KINDS.get(name)


def target_of(kind, params):
    """The canonical query string of `params` for `kind` (only its parameters, sorted), or None
    if it is too long to be kept."""
    pairs = sorted((key, str(params[key])) for key in kind.parameters if params.get(key))
    target = urlencode(pairs)
    return target if len(target) <= MAX_TARGET else None


def params_of(target):
    return dict(parse_qsl(target, keep_blank_values=False))


# The built-in kinds: a paper, a committee, a faction. ------------------------------------------

CITIZEN = AnonymousUser()


def _public_paper(params):
    from motions.models import Paper

    value = params.get("id", "")
    if not is_id(value):
        return None
    return Paper.objects.public().filter(pk=value).first()


def _describe_paper(params):
    paper = _public_paper(params)
    if paper is None:
        return None
    return f"{paper.type_label} {paper.reference}: {paper.title}"


def _paper_news(params, since):
    """The paper's public timeline after `since` (a report published is one of its steps)."""
    from subscriptions.feeds import public_timeline

    paper = _public_paper(params)
    if paper is None:
        return []
    return [
        (f"{paper.reference}: {label}", paper.get_absolute_url(), entry.at)
        for entry, label in public_timeline(paper)
        if entry.at > since
    ]


def _organization(params, queryset):
    value = params.get("id", "")
    if not is_id(value):
        return None
    return queryset.filter(pk=value).first()


def _committees():
    from council.models import Organization

    return Organization.objects.committees()


def _factions():
    from council.models import Organization

    return Organization.objects.factions()


def _describe_committee(params):
    committee = _organization(params, _committees())
    return committee.name if committee else None


def _describe_faction(params):
    faction = _organization(params, _factions())
    return faction.name if faction else None


def _new_papers(papers, since):
    papers = papers.filter(submitted_at__gt=since).order_by("submitted_at", "pk")
    return [
        (
            _("Neu: %(type)s %(reference)s „%(title)s“")
            % {
                "type": paper.type_label,
                "reference": paper.reference,
                "title": paper.title,
            },
            paper.get_absolute_url(),
            paper.submitted_at,
        )
        for paper in papers
    ]


def _committee_news(params, since):
    """New public papers addressed to the committee, new meetings, published invitations and
    supplements, released minutes."""
    from council.models import AgendaVersion, Meeting
    from motions.models import Paper

    committee = _organization(params, _committees())
    if committee is None:
        return []
    news = _new_papers(Paper.objects.public().filter(committee=committee), since)
    meetings = Meeting.objects.of_organization(committee)
    for meeting in meetings.filter(created__gt=since):
        news.append(
            (_("Neue Sitzung: %(meeting)s") % {"meeting": meeting}, meeting, meeting.created)
        )
    versions = AgendaVersion.objects.filter(
        meeting__in=meetings, published_at__gt=since
    ).select_related("meeting")
    for version in versions:
        label = _("%(kind)s veröffentlicht: %(meeting)s") % {
            "kind": version.get_kind_display(),
            "meeting": version.meeting,
        }
        news.append((label, version.meeting, version.published_at))
    for meeting in meetings.filter(minutes_released_at__gt=since):
        label = _("Niederschrift freigegeben: %(meeting)s") % {"meeting": meeting}
        news.append((label, meeting, meeting.minutes_released_at))
    return _sorted(news)


def _faction_news(params, since):
    """New public papers of the faction, and reports published on its papers."""
    from motions.models import Paper
    from reports.models import Report

    faction = _organization(params, _factions())
    if faction is None:
        return []
    papers = Paper.objects.public().of_factions([faction])
    news = _new_papers(papers, since)
    reports = (
        Report.objects.visible_to(CITIZEN)
        .published()
        .filter(request__paper__in=papers.values("pk"), published_at__gt=since)
        .select_related("request__paper")
    )
    for report in reports:
        label = _("Bericht %(reference)s zu %(paper)s: %(title)s") % {
            "reference": report.reference,
            "paper": report.request.paper.reference,
            "title": report.title,
        }
        news.append((label, report, report.published_at))
    return _sorted(news)


def _sorted(news):
    """By date; an object stands in for its address."""
    results = [
        (title, where if isinstance(where, str) else where.get_absolute_url(), date)
        for title, where, date in news
    ]
    return sorted(results, key=lambda result: result[2])


def register_builtin():
    register("paper", parameters=("id",), describe=_describe_paper, new_results=_paper_news)
    register(
        "committee", parameters=("id",), describe=_describe_committee, new_results=_committee_news
    )
    register("faction", parameters=("id",), describe=_describe_faction, new_results=_faction_news)
