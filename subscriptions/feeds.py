"""Atom feeds (RFC 4287) of the public lists, with the lists' filters, and of a paper's history.

A feed reads the same for everyone, as a citizen sees it: feed readers fetch without a login and
share what they fetched. Each feed starts from the public querysets and shows at most
FEED_SIZE entries, newest first, in a bounded number of queries.
"""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from council.filters import filter_memberships
from council.forms import is_id
from council.models import AgendaItem, Meeting, Organization, current_body
from motions.filters import FILTER_PARAMETERS, filter_papers
from motions.models import Paper, Sponsorship
from reports.filters import filter_reports
from reports.models import Report

FEED_SIZE = 50
CITIZEN = AnonymousUser()


def public_timeline(paper):
    """[(entry, label)]: the paper's history as a citizen reads it on the paper's page (the
    page's own rules: drafting is internal, a step at a closed item is told without its
    details)."""
    from motions.views import _timeline

    entries = _timeline(paper, CITIZEN, insider=False)
    labelled = []
    for entry in entries:
        label = str(entry.get_action_display())
        if entry.closed:
            label += f" ({entry.closed_because})"
        elif entry.comment:
            label += f" ({entry.comment})"
        labelled.append((entry, label))
    return labelled


# The reports list's filters (reports/filters.py), in the order the feed's address keeps them.
REPORT_PARAMETERS = ("einheit", "gremium", "jahr")
MEMBER_PARAMETERS = ("gremium", "fraktion")


def query_string(params, names):
    """The filters among `params` as a query string, in a fixed order."""
    return urlencode([(name, params[name]) for name in names if params.get(name)])


def with_query(url, query):
    """`url` with the query string `query`, if there is one."""
    return f"{url}?{query}" if query else url


class _AtomFeed(Feed):
    feed_type = Atom1Feed
    language = "de"

    def item_description(self, item):
        # Atom summaries are HTML: the text is escaped, so a title can never become markup.
        return linebreaksbr(self.item_text(item), autoescape=True)

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class PaperRegisterFeed(_AtomFeed):
    """The register `/antraege/` with the same filters (motions.filters.filter_papers); a value
    the register would drop with a message makes the feed not found."""

    def get_object(self, request):
        papers, form, _order = filter_papers(
            Paper.objects.public(), request.GET, body=current_body(request)
        )
        if form.errors:
            raise Http404
        return papers, form.cleaned_data, query_string(request.GET, FILTER_PARAMETERS)

    def title(self, obj):
        _papers, values, _query = obj
        parts = [_("Anträge und Anfragen")]
        if values.get("fraktion"):
            parts.append(values["fraktion"].name)
        if values.get("gremium"):
            parts.append(_("an %(name)s") % {"name": values["gremium"].name})
        if any(values.get(name) for name in ("art", "stand", "bericht", "jahr")):
            parts.append(_("gefiltert"))
        return " – ".join(parts)

    def link(self, obj):
        return with_query(reverse("motions:list"), obj[2])

    def feed_url(self, obj):
        return with_query(reverse("subscriptions:papers_feed"), obj[2])

    def subtitle(self, obj):
        return _("Neu eingereichte öffentliche Anträge und Anfragen.")

    def items(self, obj):
        return (
            obj[0]
            .select_related("committee")
            .prefetch_related(
                Prefetch("sponsorships", queryset=Sponsorship.objects.select_related("faction"))
            )
            .order_by("-submitted_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, paper):
        return f"{paper.reference}: {paper.title}"

    def item_text(self, paper):
        factions = ", ".join(s.faction.name for s in paper.sponsorships.all())
        return _("%(type)s von %(factions)s an %(committee)s; Stand: %(state)s") % {
            "type": paper.type_label,
            "factions": factions or "–",
            "committee": paper.committee.name,
            "state": paper.get_state_display(),
        }

    def item_pubdate(self, paper):
        return paper.submitted_at


class PaperTimelineFeed(_AtomFeed):
    """A single paper's public history: new steps, a report received."""

    def get_object(self, request, pk):
        return get_object_or_404(Paper.objects.public(), pk=pk)

    def title(self, paper):
        return _("Verlauf: %(reference)s %(title)s") % {
            "reference": paper.reference,
            "title": paper.title,
        }

    def link(self, paper):
        return paper.get_absolute_url()

    def feed_url(self, paper):
        return reverse("subscriptions:paper_feed", args=[paper.pk])

    def items(self, paper):
        return list(reversed(public_timeline(paper)))[:FEED_SIZE]

    def item_title(self, item):
        return item[1]

    def item_text(self, item):
        return item[1]

    def item_link(self, item):
        return item[0].paper.get_absolute_url() + "#timeline-heading"

    def item_guid(self, item):
        return f"{item[0].paper.get_absolute_url()}#verlauf-{item[0].pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item[0].at


class ReportFeed(_AtomFeed):
    """Published public reports of the administration."""

    def get_object(self, request):
        """The list's filters (unit, committee, year), as `/berichte/` takes them; a value the
        list would drop with a message makes the feed not found, like the register's."""
        reports, form = filter_reports(
            Report.objects.visible_to(CITIZEN).published(), request.GET, body=current_body(request)
        )
        if form.errors:
            raise Http404
        return reports, query_string(request.GET, REPORT_PARAMETERS)

    def title(self, obj):
        return _("Berichte der Verwaltung")

    def link(self, obj):
        return with_query(reverse("reports:list"), obj[1])

    def feed_url(self, obj):
        return with_query(reverse("subscriptions:reports_feed"), obj[1])

    def items(self, obj):
        return (
            obj[0]
            .select_related("request__paper", "request__unit")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, report):
        return f"{report.reference}: {report.title}"

    def item_text(self, report):
        return _("Bericht von %(unit)s zu %(paper)s „%(title)s“") % {
            "unit": report.request.unit.name,
            "paper": report.request.paper.reference,
            "title": report.request.paper.title,
        }

    def item_pubdate(self, report):
        return report.published_at


class MeetingFeed(_AtomFeed):
    """Meetings as they are set and invited to (all, or of one committee: ?gremium=<id>),
    the most recently set or invited first, with the agenda once it is published."""

    def get_object(self, request):
        value = request.GET.get("gremium") or ""
        if not value:
            return None
        if not is_id(value):
            raise Http404
        return get_object_or_404(Organization.objects.committees(), pk=value)

    def title(self, committee):
        if committee:
            return _("Sitzungen: %(name)s") % {"name": committee.name}
        return _("Sitzungen")

    def link(self, committee):
        return committee.get_absolute_url() if committee else reverse("council:meetings")

    def feed_url(self, committee):
        url = reverse("subscriptions:meetings_feed")
        return f"{url}?gremium={committee.pk}" if committee else url

    def items(self, committee):
        agenda = AgendaItem.objects.listed_for(CITIZEN).with_disclosure(CITIZEN).order_by("order")
        meetings = Meeting.objects.select_related("location").prefetch_related(
            "organizations", Prefetch("agenda_items", queryset=agenda, to_attr="listed_items")
        )
        if committee:
            meetings = meetings.of_organization(committee)
        return meetings.annotate(news=Coalesce("invited_at", "created")).order_by("-news", "-pk")[
            :FEED_SIZE
        ]

    def item_title(self, meeting):
        title = str(meeting)
        if meeting.cancelled:
            return _("Abgesagt: %(meeting)s") % {"meeting": title}
        if meeting.invited:
            return _("Einladung: %(meeting)s") % {"meeting": title}
        return title

    def item_text(self, meeting):
        start = timezone.localtime(meeting.start)
        lines = [
            ", ".join(o.name for o in meeting.organizations.all()),
            _("Beginn: %(date)s, %(time)s Uhr")
            % {"date": f"{start:%d.%m.%Y}", "time": f"{start:%H:%M}"},
        ]
        if meeting.location:
            lines.append(_("Ort: %(place)s") % {"place": meeting.location})
        if meeting.listed_items:
            lines.append(_("Tagesordnung:"))
            for item in meeting.listed_items:
                title = item.title if item.disclosed else _("nicht öffentlich")
                lines.append(f"{item.number} {title}")
        return "\n".join(lines)

    def item_pubdate(self, meeting):
        return meeting.news


class MembersFeed(_AtomFeed):
    """The persons list `/personen/` with its filters (committee, faction): today's public
    mandates there, the most recently begun first — a new member shows up as a new entry."""

    def get_object(self, request):
        body = current_body(request)
        council = Organization.objects.current().filter(body=body, kind="council").first()
        memberships, form, organization = filter_memberships(
            request.GET, body=body, council=council
        )
        if form.errors or organization is None:
            raise Http404
        return memberships, organization, query_string(request.GET, MEMBER_PARAMETERS)

    def title(self, obj):
        return _("Mitglieder: %(name)s") % {"name": obj[1].name}

    def link(self, obj):
        return with_query(reverse("council:persons"), obj[2])

    def feed_url(self, obj):
        return with_query(reverse("subscriptions:members_feed"), obj[2])

    def items(self, obj):
        return (
            obj[0]
            .select_related("person", "organization", "on_behalf_of")
            .order_by("-start_date", "-pk")[:FEED_SIZE]
        )

    def item_title(self, membership):
        return f"{membership.person}: {membership.get_role_display()}, {membership.organization}"

    def item_link(self, membership):
        return membership.person.get_absolute_url()

    def item_text(self, membership):
        lines = [_("seit %(date)s") % {"date": f"{membership.start_date:%d.%m.%Y}"}]
        if membership.on_behalf_of:
            lines.append(_("für %(faction)s") % {"faction": membership.on_behalf_of.name})
        return "\n".join(lines)

    def item_pubdate(self, membership):
        start = datetime.datetime.combine(membership.start_date, datetime.time())
        return timezone.make_aware(start)
