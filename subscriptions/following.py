"""What a page offers to follow: its Atom feeds (also as <link rel="alternate"> in the head),
the iCal calendars that fit, and e-mail updates. Decided once per request from the page's URL
name and the object it shows, so that each page needs one template line for it."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from motions.filters import FILTER_PARAMETERS
from subscriptions.feeds import MEMBER_PARAMETERS, REPORT_PARAMETERS, query_string, with_query


@dataclass
class Options:
    feeds: list = field(default_factory=list)  # [(label, url)]
    calendars: list = field(default_factory=list)  # [(label, url)]
    email: tuple | None = None  # (label, url of the subscription form)

    def __bool__(self):
        return bool(self.feeds or self.calendars or self.email)


def _email(kind, pk, label):
    return (label, reverse("subscriptions:subscribe") + "?" + urlencode({"art": kind, "id": pk}))


def _papers_feed(query=""):
    return with_query(reverse("subscriptions:papers_feed"), query)


def _committee(options, organization, *, calendar=True):
    pk = organization.pk
    options.feeds += [
        (_("Anträge an dieses Gremium (Atom-Feed)"), _papers_feed(f"gremium={pk}")),
        (
            _("Sitzungen und Einladungen (Atom-Feed)"),
            reverse("subscriptions:meetings_feed") + f"?gremium={pk}",
        ),
    ]
    if calendar:
        options.calendars.append(
            (_("Sitzungskalender (iCal)"), reverse("council:organization_ical", args=[pk]))
        )
    options.email = _email("committee", pk, _("Neues aus diesem Gremium per E-Mail"))


def _faction(options, organization):
    options.feeds.append(
        (_("Anträge dieser Fraktion (Atom-Feed)"), _papers_feed(f"fraktion={organization.pk}"))
    )
    options.email = _email("faction", organization.pk, _("Neues von dieser Fraktion per E-Mail"))


def _organization(options, organization):
    if organization.kind == "faction":
        _faction(options, organization)
    elif organization.kind in ("council", "committee", "other"):
        _committee(options, organization)


def _paper(options, paper):
    from motions.models import Paper

    if paper is None or not Paper.objects.public().filter(pk=paper.pk).exists():
        return
    options.feeds.append(
        (
            _("Verlauf dieser Drucksache (Atom-Feed)"),
            reverse("subscriptions:paper_feed", args=[paper.pk]),
        )
    )
    options.email = _email("paper", paper.pk, _("Neues zu dieser Drucksache per E-Mail"))
    if paper.committee.kind in ("council", "committee", "other"):
        options.calendars.append(
            (
                _("Sitzungen von %(name)s (iCal)") % {"name": paper.committee.short_name},
                reverse("council:organization_ical", args=[paper.committee_id]),
            )
        )


def _paper_list(options, filters):
    """The register's feed in its filter state (the page's bound PaperFilterForm: a value the
    page dropped is not in the feed either); narrowed to exactly one faction or committee,
    also that organization's mail and (for a committee) meetings and calendar."""
    values = {n: v for n, v in filters.valid_data().items() if n in FILTER_PARAMETERS}
    if set(values) == {"fraktion"}:
        _faction(options, values["fraktion"])
    elif set(values) == {"gremium"}:
        _committee(options, values["gremium"])
    else:
        query = query_string(filters.data, [n for n in FILTER_PARAMETERS if n in values])
        label = _("Diese Liste als Atom-Feed") if query else _("Alle Anträge (Atom-Feed)")
        options.feeds.append((label, _papers_feed(query)))


def _everything(options):
    options.feeds += [
        (_("Neue Anträge und Anfragen (Atom-Feed)"), _papers_feed()),
        (_("Neue Berichte der Verwaltung (Atom-Feed)"), reverse("subscriptions:reports_feed")),
        (_("Sitzungen und Einladungen (Atom-Feed)"), reverse("subscriptions:meetings_feed")),
    ]
    options.calendars.append((_("Alle Sitzungen (iCal)"), reverse("council:meetings_ical")))


def options_for(context):
    """The follow options of the page being rendered (cached on the request)."""
    request = context.get("request")
    if request is None or request.resolver_match is None:
        return Options()
    if hasattr(request, "_follow_options"):
        return request._follow_options
    options = Options()
    name = request.resolver_match.view_name
    if name == "council:home":
        _everything(options)
    elif name == "motions:list":
        _paper_list(options, context.get("filters"))
    elif name == "motions:detail":
        _paper(options, context.get("paper"))
    elif name == "council:organization" and context.get("organization"):
        _organization(options, context["organization"])
    elif name == "reports:list":
        query = query_string(request.GET, REPORT_PARAMETERS)
        url = reverse("subscriptions:reports_feed")
        label = _("Diese Liste als Atom-Feed") if query else _("Neue Berichte (Atom-Feed)")
        options.feeds.append((label, with_query(url, query)))
    elif name == "council:persons":
        query = query_string(request.GET, MEMBER_PARAMETERS)
        url = reverse("subscriptions:members_feed")
        options.feeds.append((_("Mitglieder dieser Liste (Atom-Feed)"), with_query(url, query)))
    elif name == "council:meetings":
        query = query_string(request.GET, ("gremium",))
        url = reverse("subscriptions:meetings_feed")
        options.feeds.append((_("Sitzungen und Einladungen (Atom-Feed)"), with_query(url, query)))
    request._follow_options = options
    return options
