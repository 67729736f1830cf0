"""Filters of the public report list, read from the query string (pages and feeds alike)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from council.filters import ListFilterForm
from council.forms import IdChoiceField
from council.models import Organization


class ReportFilterForm(ListFilterForm):
    einheit = IdChoiceField(
        label=_("Verwaltungseinheit"), queryset=Organization.objects.none(), required=False
    )
    gremium = IdChoiceField(
        label=_("Gremium"), queryset=Organization.objects.none(), required=False
    )
    jahr = forms.IntegerField(
        label=_("Jahr der Veröffentlichung"), required=False, min_value=1900, max_value=2199
    )

    def __init__(self, data=None, *, body):
        super().__init__(data)
        organizations = Organization.objects.filter(body=body).order_by("name")
        self.fields["einheit"].queryset = organizations.administration()
        self.fields["einheit"].empty_label = _("alle")
        self.fields["gremium"].queryset = organizations.committees()
        self.fields["gremium"].empty_label = _("alle")
        self.fields["jahr"].widget.attrs.update(inputmode="numeric", size=6)


def filter_reports(reports, params, *, body):
    """Narrow `reports` (already visible to the user) by unit, the paper's committee and year;
    returns the reports and the bound form."""
    form = ReportFilterForm(params, body=body)
    values = form.valid_data()
    if "einheit" in values:
        reports = reports.filter(request__unit=values["einheit"])
    if "gremium" in values:
        reports = reports.filter(request__paper__committee=values["gremium"])
    if "jahr" in values:
        reports = reports.filter(published_at__year=values["jahr"])
    return reports, form
