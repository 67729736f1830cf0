"""The register's filters: one form reads the query string, one function narrows the papers.

Pages and feeds call `filter_papers` with the request's GET parameters, so a filter state is the
same list wherever it is shown. A malformed value never fails the page: the field is ignored
and the form names it.
"""

from django import forms
from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.filters import ListFilterForm
from council.forms import IdChoiceField
from council.models import Organization
from motions.models import ANSWER_NOT_OWED_STATES, PaperState, PaperType


class ReportStatus:
    """Where the administration's answer stands, as Paper.report_status names it."""

    OPEN = "offen"
    OVERDUE = "ueberfaellig"
    ON_TIME = "fristgerecht"
    LATE = "verspaetet"
    CHOICES = [
        (OPEN, _("offen (noch nicht beantwortet)")),
        (OVERDUE, _("überfällig")),
        (ON_TIME, _("fristgerecht beantwortet")),
        (LATE, _("verspätet beantwortet")),
    ]


SORTS = {
    "datum": ("-submitted_at",),
    "datum-auf": ("submitted_at",),
    "nummer": ("reference",),
    "nummer-ab": ("-reference",),
}
SORT_CHOICES = [
    ("datum", _("Datum, neueste zuerst")),
    ("datum-auf", _("Datum, älteste zuerst")),
    ("nummer", _("Drucksachennummer, aufsteigend")),
    ("nummer-ab", _("Drucksachennummer, absteigend")),
]


class PaperFilterForm(ListFilterForm):
    """The register's filters under their German query-string names (`?gremium=…&jahr=…`)."""

    art = forms.ChoiceField(label=_("Art"), required=False)
    gremium = IdChoiceField(
        label=_("Gremium"), queryset=Organization.objects.none(), required=False
    )
    fraktion = IdChoiceField(
        label=_("Fraktion"), queryset=Organization.objects.none(), required=False
    )
    stand = forms.ChoiceField(label=_("Stand"), required=False)
    bericht = forms.ChoiceField(label=_("Bericht der Verwaltung"), required=False)
    jahr = forms.IntegerField(
        label=_("Jahr der Einreichung"), required=False, min_value=1900, max_value=2199
    )
    sortierung = forms.ChoiceField(label=_("Sortierung"), required=False, choices=SORT_CHOICES)

    def __init__(self, data=None, *, body):
        super().__init__(data)
        everything = [("", _("alle"))]
        self.fields["art"].choices = everything + list(PaperType.choices)
        self.fields["stand"].choices = everything + [
            choice for choice in PaperState.choices if choice[0] != PaperState.DRAFT
        ]
        self.fields["bericht"].choices = everything + ReportStatus.CHOICES
        organizations = Organization.objects.filter(body=body).order_by("name")
        self.fields["gremium"].queryset = organizations.filter(
            kind__in=["council", "committee", "other"]
        )
        self.fields["gremium"].empty_label = _("alle")
        self.fields["fraktion"].queryset = organizations.factions()
        self.fields["fraktion"].empty_label = _("alle")
        self.fields["jahr"].widget.attrs.update(inputmode="numeric", size=6)


# The filters' names in the query string, in the order a feed's address keeps them.
FILTER_PARAMETERS = ("art", "gremium", "fraktion", "stand", "bericht", "jahr")


def filter_papers(papers, params, *, body):
    """Narrow `papers` (already visible to the user) by the query string `params`; returns the
    papers, the bound form (for the page's controls and messages) and the sort order."""
    form = PaperFilterForm(params, body=body)
    values = form.valid_data()
    if "art" in values:
        papers = papers.filter(paper_type=values["art"])
    if "gremium" in values:
        papers = papers.filter(committee=values["gremium"])
    if "fraktion" in values:
        papers = papers.of_factions([values["fraktion"]])
    if "stand" in values:
        papers = papers.filter(state=values["stand"])
    if "bericht" in values:
        papers = papers.filter(report_condition(values["bericht"]))
    if "jahr" in values:
        papers = papers.filter(submitted_at__year=values["jahr"])
    return papers, form, SORTS[values.get("sortierung", "datum")]


def report_condition(status, today=None):
    """Q for papers whose answer from the administration stands at `status` (Paper.report_status
    written as a query)."""
    today = today or timezone.localdate()
    owed = Q(report_due__isnull=False, report_received_at__isnull=True) & ~Q(
        state__in=ANSWER_NOT_OWED_STATES
    )
    if status == ReportStatus.OPEN:
        return owed
    if status == ReportStatus.OVERDUE:
        return owed & Q(report_due__lt=today)
    received = Q(report_received_at__isnull=False)
    # Compared as German calendar days, as the accountability page does.
    on_time = Q(report_due__isnull=True) | Q(report_due__gte=TruncDate("report_received_at"))
    if status == ReportStatus.ON_TIME:
        return received & on_time
    return received & ~on_time
