"""The search's input: a query of any text, and filters as the lists have them. A malformed
filter is dropped with a message, never an error page."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from council.forms import IdChoiceField
from council.models import Organization
from search.engine import Filters, clean_query
from search.models import Kind

ORDERS = [("relevanz", _("Relevanz")), ("datum", _("Datum"))]
FIRST_YEAR = 1990


def _years():
    this_year = datetime.date.today().year
    return [("", _("alle Jahre"))] + [
        (str(year), str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)
    ]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False)
    art = forms.ChoiceField(
        label=_("Art"), choices=[("", _("alle Arten")), *Kind.choices], required=False
    )
    gremium = IdChoiceField(
        label=_("Gremium"), queryset=Organization.objects.none(), required=False
    )
    fraktion = IdChoiceField(
        label=_("Fraktion"), queryset=Organization.objects.none(), required=False
    )
    jahr = forms.TypedChoiceField(
        label=_("Jahr"), choices=_years, coerce=int, empty_value=None, required=False
    )
    sortierung = forms.ChoiceField(label=_("Sortierung"), choices=ORDERS, required=False)

    def __init__(self, data, *, body):
        data = data.copy()
        self.query, self.shortened = clean_query(data.get("q", ""))
        data["q"] = self.query
        super().__init__(data)
        organizations = Organization.objects.filter(body=body).order_by("name")
        self.fields["gremium"].queryset = organizations.committees()
        self.fields["fraktion"].queryset = organizations.factions()
        self.fields["gremium"].empty_label = _("alle Gremien")
        self.fields["fraktion"].empty_label = _("alle Fraktionen")

    def valid(self, name):
        """The cleaned value of one field, or None if it was missing or malformed."""
        self.is_valid()
        return self.cleaned_data.get(name) if name not in self.errors else None

    @property
    def dropped(self):
        """The labels of the filters whose values were not understood."""
        self.is_valid()
        return [str(self.fields[name].label) for name in self.errors if name != "q"]

    @property
    def filters(self):
        committee, faction = self.valid("gremium"), self.valid("fraktion")
        return Filters(
            kind=self.valid("art") or "",
            committee=committee.pk if committee else None,
            faction=faction.pk if faction else None,
            year=self.valid("jahr"),
        )

    @property
    def order(self):
        return "date" if self.valid("sortierung") == "datum" else "relevance"
